import { Manifests } from '../../lib/pulumi/component';
import { program } from '../../stacks/pulumi/program';
import { STACK_PROPS } from '../../stacks/registry';
import { installMocks, registered } from '../pulumi/mocks';
import { synthObjects } from './synth';

const registrations = installMocks();

/** A stack config as `pulumi config set` leaves it: text values, and the keys set. */
function config(values: Record<string, string>) {
  return { get: (key: string) => values[key], keys: () => Object.keys(values) };
}

const identity = (o: Record<string, any>) => `${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;

async function deploy(values: Record<string, string>) {
  const before = registrations.length;
  const d = program(config(values));
  await registered([d.manifests, ...d.manifests.resources.values()]);
  const mine = registrations.slice(before);
  const component = mine.find((r) => r.type === Manifests.TYPE)!;
  return { d, mine, children: mine.filter((r) => r.parent === component.urn) };
}

const isKubeProxyConfigMap = (r: { inputs: Record<string, any> }) => r.inputs.metadata?.namespace === 'kube-system' && r.inputs.metadata?.name === 'kube-proxy';

describe('the Pulumi program', () => {
  test.each(Object.keys(STACK_PROPS))('registers the objects `cdk8s synth` writes for %s (kind, namespace, name)', async (name) => {
    const { d, children } = await deploy({ stack: name });
    const objects = Object.values(synthObjects(STACK_PROPS[name]())).flat();
    expect(children.map((r) => identity(r.inputs)).sort()).toEqual(objects.map(identity).sort());
    // The kubeadm files are files of the program (exported), not resources.
    expect(d.files.find((f) => f.path === '0001-kubeadm/init.kubeadm.conf')?.content).toContain('kind: ClusterConfiguration');
    expect(children.some((r) => /kubeadm\.k8s\.io|config\.k8s\.io/.test(r.inputs.apiVersion ?? ''))).toBe(false);
  });

  test.each(Object.keys(STACK_PROPS).flatMap((name) => [[name, 'false'], [name, 'true']]))(
    '%s (patchExistingKubeProxy %s): kube-system/kube-proxy is patched exactly once and never created (kubeadm created it; none without kube-proxy)',
    async (name, patch) => {
      const { d, mine } = await deploy({ stack: name, patchExistingKubeProxy: patch });
      if (d.kubeProxyPatch) await registered([d.kubeProxyPatch, d.kubeProxyPatch.configMap]);
      const all = registrations.slice(registrations.indexOf(mine[0]));
      const kubeProxy = all.filter((r) => r.custom && isKubeProxyConfigMap(r) && r.type.startsWith('kubernetes:core/v1:ConfigMap'));
      if (STACK_PROPS[name]().cni?.replacesKubeProxy) {
        // No kube-proxy at all (kubeadm skipped its addon phase): nothing to create or patch.
        expect(kubeProxy).toEqual([]);
        return;
      }
      expect(kubeProxy.map((r) => r.type)).toEqual(['kubernetes:core/v1:ConfigMapPatch']);
      expect(kubeProxy[0].inputs.metadata.annotations).toMatchObject({ 'pulumi.com/patchForce': 'true' });
      expect(all.some((r) => r.type === 'kubernetes:core/v1:ConfigMap' && isKubeProxyConfigMap(r))).toBe(false);
    },
  );

  test.each([
    ['nodes alone', { nodes: JSON.stringify([{ name: 'solo', ipv4: '192.168.50.10/24', ipv6: 'fd4b:8872:9025:200::50/64', controlPlane: true }]) }, (d: any) => expect(d.network.nodes.map((n: any) => n.name)).toEqual(['solo'])],
    ['kubernetesVersion alone', { kubernetesVersion: '1.31' }, (d: any) => expect(String(d.network.version)).toBe('1.31')],
    ['podCidrs alone', { podCidrs: '10.245.0.0/16,fd4b:8872:9025::/56' }, (d: any) => expect(d.network.podCidrs.map(String)).toEqual(['10.245.0.0/16', 'fd4b:8872:9025::/56'])],
  ])('uses a network key set %s, keeping the rest of the ready stack', (_t, values, check) => {
    const d = program(config({ stack: 'calico-operator-nftables', ...values }));
    check(d);
    expect(d.network.serviceCidrs.map(String)).toEqual(['10.96.0.0/16', 'fd4b:8872:9025:100::/112']);
  });

  test('fails when the config has an unknown key, naming it (and the key meant), before registering anything', () => {
    const before = registrations.length;
    expect(() => program(config({ podCidr: '10.244.0.0/16' }))).toThrow(/"podCidr" is not a stack configuration key \(did you mean "podCidrs"\?\)/);
    expect(registrations.length).toBe(before);
  });

  test('cilium-dual-stack: the Cilium chart is a helm.v4.Chart with the values cdk8s writes', async () => {
    const d = program(config({ stack: 'cilium-dual-stack' }));
    await registered([d.cilium!]);
    const chart = registrations.find((r) => r.type === 'kubernetes:helm.sh/v4:Chart' && r.name === 'k8s-dualstack-cilium');
    expect(chart!.inputs).toMatchObject({ chart: 'cilium', version: '1.19.6', repositoryOpts: { repo: 'https://helm.cilium.io' }, namespace: 'kube-system' });
    expect(chart!.inputs.values).toMatchObject({ ipam: { mode: 'kubernetes' }, kubeProxyReplacement: true, k8sServiceHost: '192.168.30.11' });
  });

  test('fails when a config CIDR is bad, with the finding\'s path, before registering anything', () => {
    const before = registrations.length;
    expect(() => program(config({ podCidrs: '10.244.0.0/16,fd00::/200', serviceCidrs: '10.96.0.0/16,fd00:1::/112' }))).toThrow(/podCidrs\[1\]/);
    expect(registrations.length).toBe(before);
  });

  test('fails when the config names a stack that does not exist', () => {
    expect(() => program(config({ stack: 'nope' }))).toThrow(/not a ready stack/);
  });

  test('patches an existing cluster\'s kube-proxy on request', async () => {
    const d = program(config({ stack: 'calico-manifest-ipvs', patchExistingKubeProxy: 'true' }));
    expect(d.kubeProxyPatch).toBeDefined();
  });
});
