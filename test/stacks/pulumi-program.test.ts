import { Manifests } from '../../lib/pulumi/component';
import { program } from '../../stacks/pulumi/program';
import { STACK_PROPS } from '../../stacks/registry';
import { installMocks, registered, valueOf } from '../pulumi/mocks';
import { synthObjects } from './synth';

const registrations = installMocks();

/** A stack config as `pulumi config set` leaves it: text values. */
function config(values: Record<string, string>) {
  return { get: (key: string) => values[key] };
}

const identity = (o: Record<string, any>) => `${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;

async function deploy(values: Record<string, string>) {
  const before = registrations.length;
  const d = program(config(values));
  await registered([d.manifests, ...d.manifests.resources.values()]);
  const mine = registrations.slice(before);
  const component = mine.find((r) => r.type === Manifests.TYPE)!;
  return { d, children: mine.filter((r) => r.parent === component.urn) };
}

describe('the Pulumi program', () => {
  test.each(Object.keys(STACK_PROPS))('registers the objects `cdk8s synth` writes for %s (kind, namespace, name)', async (name) => {
    const { d, children } = await deploy({ stack: name });
    const objects = Object.entries(synthObjects(STACK_PROPS[name]()))
      .filter(([file]) => !file.endsWith('-kubeadm.k8s.yaml'))
      .flatMap(([, docs]) => docs);
    expect(children.map((r) => identity(r.inputs)).sort()).toEqual(objects.map(identity).sort());
    // The kubeadm documents are outputs, not resources.
    expect(await valueOf(d.manifests.documentsYaml)).toContain('kind: ClusterConfiguration');
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
