import * as pulumi from '@pulumi/pulumi';
import { ApiObject, Chart } from 'cdk8s';
import { deployCluster } from '../../lib/pulumi/cluster';
import { Manifests } from '../../lib/pulumi/component';
import { checkConfigKeys, checkedPlan, planFromConfig, specConfigKeys, specFromConfig, stackConfig as listingStackConfig } from '../../lib/pulumi/config';
import { installMocks, registered } from './mocks';

const registrations = installMocks();

/** A `pulumi.Config` over the given stack values, as `Pulumi.<stack>.yaml` would hold them (all text). */
function stackConfig(values: Record<string, string>, namespace: string): pulumi.Config {
  pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(values).map(([k, v]) => [`${namespace}:${k}`, v])));
  return new pulumi.Config(namespace);
}

describe('specFromConfig', () => {
  test('reads lists written with --path (JSON) and as comma-separated text', () => {
    const cfg = stackConfig(
      {
        podCidrs: JSON.stringify(['10.244.0.0/16', 'fd00:10:244::/56']),
        serviceCidrs: '10.96.0.0/12, fd00:10:96::/112',
        nodeNetworks: '192.168.101.0/24',
      },
      'lists',
    );
    expect(specFromConfig(cfg)).toEqual({
      podCidrs: ['10.244.0.0/16', 'fd00:10:244::/56'],
      serviceCidrs: ['10.96.0.0/12', 'fd00:10:96::/112'],
      nodeNetworks: ['192.168.101.0/24'],
    });
  });

  test('keeps kubernetesVersion as text, decodes numbers, booleans and objects', () => {
    const cfg = stackConfig(
      {
        podCidrs: '10.244.0.0/16',
        serviceCidrs: '10.96.0.0/12',
        kubernetesVersion: '1.30',
        nodeMaskIPv4: '25',
        ipv6NatOutgoing: 'true',
        featureGates: JSON.stringify({ NFTablesProxyMode: true }),
        nodes: JSON.stringify([{ name: 'node53', ipv4: '192.168.101.53/24', ipv6: '2003:ac18::30a:2/64' }]),
      },
      'typed',
    );
    expect(specFromConfig(cfg)).toEqual({
      podCidrs: ['10.244.0.0/16'],
      serviceCidrs: ['10.96.0.0/12'],
      kubernetesVersion: '1.30',
      nodeMaskIPv4: 25,
      ipv6NatOutgoing: true,
      featureGates: { NFTablesProxyMode: true },
      nodes: [{ name: 'node53', ipv4: '192.168.101.53/24', ipv6: '2003:ac18::30a:2/64' }],
    });
  });

  test('passes a mistyped value through, so the plan names it', () => {
    const cfg = stackConfig({ podCidrs: '10.244.0.0/16', serviceCidrs: '10.96.0.0/12', nodeMaskIPv6: 'sixty-four' }, 'mistyped');
    expect(() => planFromConfig(cfg)).toThrow(/nodeMaskIPv6: "sixty-four" is not a prefix length/);
  });
});

describe('planFromConfig', () => {
  test('returns the plan of a valid dual-stack configuration', () => {
    const cfg = stackConfig({ podCidrs: '10.244.0.0/16,fd00:10:244::/56', serviceCidrs: '10.96.0.0/12,fd00:10:96::/112' }, 'valid');
    const plan = planFromConfig(cfg);
    expect(plan.isDualStack).toBe(true);
    expect(plan.podCidrs.map(String)).toEqual(['10.244.0.0/16', 'fd00:10:244::/56']);
  });

  test('fails when a CIDR is bad: RunError with every error finding and its path, nothing registered', () => {
    const cfg = stackConfig({ podCidrs: '10.244.0.0/16,fd00:10:244::/200', serviceCidrs: '10.96.0.0/33' }, 'bad');
    const before = registrations.length;
    let error: unknown;
    try {
      // A Pulumi program: plan first, resources after.
      const plan = planFromConfig(cfg);
      new Manifests('never', { source: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: String(plan.podCidrs[0]) } }] });
    } catch (e) {
      error = e;
    }
    expect(pulumi.RunError.isInstance(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toMatch(/has 2 errors/);
    expect(message).toContain('podCidrs[1]: ');
    expect(message).toContain('serviceCidrs[0]: ');
    expect(message).toContain('fd00:10:244::/200');
    expect(registrations.length).toBe(before);
  });

  test('fails when a required key is missing', () => {
    const cfg = stackConfig({ podCidrs: '10.244.0.0/16' }, 'missing');
    expect(() => planFromConfig(cfg)).toThrow(/serviceCidrs: is required/);
  });

  test('checkedPlan fails the same way for a spec written in code', () => {
    expect(() => checkedPlan({ podCidrs: ['10.244.0.0/16', '10.245.0.0/16'], serviceCidrs: ['10.96.0.0/12'] })).toThrow(pulumi.RunError);
  });
});

describe('deployCluster', () => {
  const spec = { podCidrs: ['10.244.0.0/16', 'fd00:10:244::/56'], serviceCidrs: ['10.96.0.0/12', 'fd00:10:96::/112'] };
  const build = (app: any, network: any) => {
    const chart = new Chart(app, 'cluster');
    new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cluster-network', namespace: 'kube-system' }, data: { podCidrs: network.podCidrs.join(',') } } as any);
  };

  test('plans, builds the charts from the plan and registers their objects', async () => {
    const { manifests, network, kubeProxyPatch } = deployCluster('dc', { spec, build });
    await registered([manifests, ...manifests.resources.values()]);
    expect(network.isDualStack).toBe(true);
    expect(kubeProxyPatch).toBeUndefined();
    expect([...manifests.resources.keys()]).toEqual(['ConfigMap/kube-system/cluster-network']);
    const cm = registrations.find((r) => r.name === 'dc/ConfigMap/kube-system/cluster-network')!;
    expect(cm.inputs.data).toEqual({ podCidrs: '10.244.0.0/16,fd00:10:244::/56' });
  });

  test('adds the kube-proxy patch on request', async () => {
    const { kubeProxyPatch } = deployCluster('dckp', { spec, build, kubeProxyPatch: true });
    await registered([kubeProxyPatch!, kubeProxyPatch!.configMap]);
    expect(registrations.some((r) => r.name === 'dckp-kube-proxy/ConfigMap/kube-system/kube-proxy')).toBe(true);
  });

  test('fails when the spec has an error, before building or registering anything', () => {
    const before = registrations.length;
    const builder = jest.fn();
    expect(() => deployCluster('dcbad', { spec: { ...spec, serviceCidrs: ['10.96.0.0/12', 'fd00::/300'] }, build: builder })).toThrow(/serviceCidrs\[1\]: /);
    expect(builder).not.toHaveBeenCalled();
    expect(registrations.length).toBe(before);
  });

  test('fails when not exactly one of spec, network and config is given', () => {
    expect(() => deployCluster('dcnone', { build })).toThrow(/exactly one/);
  });
});

describe('unknown configuration keys', () => {
  const source = (values: Record<string, string>) => ({ get: (k: string) => values[k], keys: () => Object.keys(values) });

  test('fails when a key is not a network key, naming it and the key meant', () => {
    expect(() => checkConfigKeys(source({ podCidr: 'x', nodeMaskIpv6: '64' }), specConfigKeys())).toThrow(
      /2 unknown keys:\n {2}- "podCidr" is not a stack configuration key \(did you mean "podCidrs"\?\)\n {2}- "nodeMaskIpv6" is not a stack configuration key \(did you mean "nodeMaskIPv6"\?\)/,
    );
    expect(() => planFromConfig(source({ podCidrs: '10.244.0.0/16', serviceCidrs: '10.96.0.0/16', typo: '1' }))).toThrow(/"typo" is not a stack configuration key/);
  });

  test('accepts every network key, and a source that cannot list its keys', () => {
    expect(() => checkConfigKeys(source(Object.fromEntries(specConfigKeys().map((k) => [k, '1']))), specConfigKeys())).not.toThrow();
    expect(() => checkConfigKeys({ get: () => undefined }, specConfigKeys())).not.toThrow();
  });

  test('stackConfig lists the keys of its namespace only', () => {
    pulumi.runtime.setAllConfig({ 'k8s-dualstack-test:podCidrs': '10.244.0.0/16', 'kubernetes:context': 'x', 'k8s-dualstack-test:serviceCidrs': '10.96.0.0/16' });
    try {
      const c = listingStackConfig('k8s-dualstack-test');
      expect(c.keys!()).toEqual(['podCidrs', 'serviceCidrs']);
      expect(c.get('podCidrs')).toBe('10.244.0.0/16');
    } finally {
      pulumi.runtime.setAllConfig({});
    }
  });
});
