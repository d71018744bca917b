import * as pulumi from '@pulumi/pulumi';
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { parseAllDocuments } from 'yaml';
import { Manifests } from '../../lib/pulumi/component';
import { CONFIG_HASH_ANNOTATION } from '../../lib/pulumi/objects';
import { fixtureChart } from './fixture-chart';
import { installMocks, registered, Registration, valueOf } from './mocks';

const registrations = installMocks();

async function deploy(name: string, source: ConstructorParameters<typeof Manifests>[1]['source'], rollOnConfigChange?: boolean) {
  const before = registrations.length;
  const m = new Manifests(name, { source, rollOnConfigChange });
  await registered([m, ...m.resources.values()]);
  const mine = registrations.slice(before);
  const component = mine.find((r) => r.type === Manifests.TYPE)!;
  const children = mine.filter((r) => r.parent === component.urn);
  return { m, component, children, byUrn: new Map(mine.map((r) => [r.urn, r])) };
}

/** `Kind namespace/name` of an object or of a registration's inputs. */
function identity(o: Record<string, any>): string {
  return `${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
}

describe('Manifests', () => {
  test('registers one resource per API object of the chart, parented to the component', async () => {
    const chart = fixtureChart();
    const synthesized = chart.toJson().filter((o: any) => typeof o.metadata?.name === 'string' && !o.apiVersion.startsWith('kube'));
    const { children } = await deploy('objects', fixtureChart());
    expect(children.map((r) => identity(r.inputs)).sort()).toEqual(synthesized.map(identity).sort());
    expect(children).toHaveLength(10);
    expect(children.every((r) => r.custom)).toBe(true);
  });

  test('uses the typed @pulumi/kubernetes classes for built-in kinds and CustomResource for the rest', async () => {
    const { children } = await deploy('types', fixtureChart());
    const typeOf = (kind: string) => children.find((r) => r.inputs.kind === kind)!.type;
    expect(typeOf('Namespace')).toBe('kubernetes:core/v1:Namespace');
    expect(typeOf('DaemonSet')).toBe('kubernetes:apps/v1:DaemonSet');
    expect(typeOf('ClusterRole')).toBe('kubernetes:rbac.authorization.k8s.io/v1:ClusterRole');
    expect(typeOf('CustomResourceDefinition')).toBe('kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition');
    expect(typeOf('IPPool')).toBe('kubernetes:example.dualstack.io/v1:IPPool');
  });

  test('names each resource from group, kind, namespace and name', async () => {
    const { children } = await deploy('names', fixtureChart());
    expect(children.map((r) => r.name).sort()).toEqual([
      'names/ClusterRole.rbac.authorization.k8s.io/demo-read-nodes',
      'names/ClusterRoleBinding.rbac.authorization.k8s.io/demo-read-nodes',
      'names/ConfigMap/dualstack-demo/demo-config',
      'names/CustomResourceDefinition.apiextensions.k8s.io/ippools.example.dualstack.io',
      'names/DaemonSet.apps/dualstack-demo/demo-agent',
      'names/Deployment.apps/dualstack-demo/demo',
      'names/IPPool.example.dualstack.io/default-ipv6',
      'names/Namespace/dualstack-demo',
      'names/Service/dualstack-demo/demo',
      'names/ServiceAccount/dualstack-demo/demo',
    ]);
  });

  test('registers the dependencies Kubernetes needs (read from the engine requests)', async () => {
    const { children, byUrn } = await deploy('order', fixtureChart());
    const deps = (kind: string) =>
      children
        .find((r) => r.inputs.kind === kind)!
        .dependencies.map((u) => byUrn.get(u)!.inputs.kind)
        .sort();
    expect(deps('Namespace')).toEqual([]);
    expect(deps('CustomResourceDefinition')).toEqual([]);
    expect(deps('IPPool')).toEqual(['CustomResourceDefinition']);
    expect(deps('ConfigMap')).toEqual(['Namespace']);
    expect(deps('ServiceAccount')).toEqual(['Namespace']);
    expect(deps('ClusterRoleBinding')).toEqual(['ClusterRole']);
    expect(deps('Deployment')).toEqual(['ClusterRole', 'ClusterRoleBinding', 'ConfigMap', 'Namespace', 'ServiceAccount']);
    expect(deps('DaemonSet')).toEqual(['ClusterRole', 'ClusterRoleBinding', 'ConfigMap', 'Namespace', 'ServiceAccount']);
    expect(deps('Service')).toEqual(['Namespace']);
  });

  test('registers every dependency before its dependents, tier by tier', async () => {
    const { m, children } = await deploy('tiers', fixtureChart());
    const position = new Map(children.map((r, i) => [r.urn, i]));
    for (const r of children) for (const d of r.dependencies) expect(position.get(d)!).toBeLessThan(position.get(r.urn)!);
    expect(m.tiers).toEqual([
      ['Namespace/dualstack-demo', 'CustomResourceDefinition.apiextensions.k8s.io/ippools.example.dualstack.io', 'ClusterRole.rbac.authorization.k8s.io/demo-read-nodes'],
      [
        'IPPool.example.dualstack.io/default-ipv6',
        'ConfigMap/dualstack-demo/demo-config',
        'ServiceAccount/dualstack-demo/demo',
        'ClusterRoleBinding.rbac.authorization.k8s.io/demo-read-nodes',
        'Service/dualstack-demo/demo',
      ],
      ['Deployment.apps/dualstack-demo/demo', 'DaemonSet.apps/dualstack-demo/demo-agent'],
    ]);
    expect([...m.resources.keys()]).toEqual(m.tiers.flat());
  });

  test('turns configuration documents into YAML outputs, never into resources', async () => {
    const { m, children } = await deploy('docs', fixtureChart());
    expect(children.some((r) => String(r.inputs.apiVersion).startsWith('kube'))).toBe(false);
    expect(m.documents.map((d) => d.key)).toEqual(['kubeadm.k8s.io/ClusterConfiguration', 'kubelet.config.k8s.io/KubeletConfiguration']);
    const text = await valueOf(m.documentsYaml);
    expect(parseAllDocuments(text).map((d) => d.toJS().kind)).toEqual(['ClusterConfiguration', 'KubeletConfiguration']);
    expect((await valueOf(m.documentYaml))['kubeadm.k8s.io/ClusterConfiguration']).toContain('podSubnet: 10.244.0.0/16,fd00:10:244::/56');
  });

  test('keeps every resource name when an unrelated object is added', async () => {
    const a = await deploy('stable', fixtureChart());
    const b = await deploy('stable2', fixtureChart({ extra: true }));
    const names = (x: Registration[]) => x.map((r) => r.name.replace(/^stable2?\//, ''));
    expect(names(b.children)).toEqual(expect.arrayContaining(names(a.children)));
    expect(names(b.children)).toHaveLength(names(a.children).length + 1);
  });

  test('sets the hash of the ConfigMaps a workload reads on its pod template', async () => {
    const ds = async (name: string, configData?: string, extra?: boolean) =>
      (await deploy(name, fixtureChart({ configData, extra }))).children.find((r) => r.inputs.kind === 'DaemonSet')!.inputs;
    const base = await ds('hash-a');
    const hash = base.spec.template.metadata.annotations[CONFIG_HASH_ANNOTATION];
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await ds('hash-b', 'families: [IPv6, IPv4]\n')).spec.template.metadata.annotations[CONFIG_HASH_ANNOTATION]).not.toBe(hash);
    expect((await ds('hash-c', undefined, true)).spec.template.metadata.annotations[CONFIG_HASH_ANNOTATION]).toBe(hash);
    expect(() => new DaemonSet(base as any).validate()).not.toThrow();
  });

  test('leaves pod templates alone when rollOnConfigChange is false', async () => {
    const { children } = await deploy('nohash', fixtureChart(), false);
    expect(children.find((r) => r.inputs.kind === 'DaemonSet')!.inputs.spec.template.metadata.annotations).toBeUndefined();
  });

  test('accepts a cdk8s App and a plain object list', async () => {
    const chart = fixtureChart();
    const fromApp = await deploy('app', chart.node.root as any);
    const fromList = await deploy('list', chart.toJson());
    expect(fromApp.children).toHaveLength(10);
    expect(fromList.children.map((r) => r.name.slice('list'.length))).toEqual(fromApp.children.map((r) => r.name.slice('app'.length)));
  });

  test('fails when two documents are the same object, before registering anything', () => {
    const before = registrations.length;
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'y' } };
    expect(() => new Manifests('dup', { source: [cm, { ...cm, data: { a: '1' } }] })).toThrow(pulumi.RunError);
    expect(() => new Manifests('dup', { source: [cm, cm] })).toThrow(/documents 0 and 1: both are ConfigMap\/y\/x/);
    expect(registrations.length).toBe(before);
  });

  test('fails when chart validation fails, with the message, before registering anything', () => {
    const chart = fixtureChart();
    chart.node.addValidation({ validate: () => ['podCidrs[1]: "fd00::/200" is not a CIDR'] });
    const before = registrations.length;
    expect(() => new Manifests('invalid', { source: chart })).toThrow(/podCidrs\[1\]: "fd00::\/200" is not a CIDR/);
    expect(registrations.length).toBe(before);
  });

  test('golden: the fixture chart as registered (name, type, dependsOn)', async () => {
    const { children, byUrn } = await deploy('golden', fixtureChart());
    expect(children.map((r) => ({ name: r.name, type: r.type, dependsOn: r.dependencies.map((u) => byUrn.get(u)!.name).sort() })).sort((a, b) => a.name.localeCompare(b.name))).toMatchSnapshot();
  });
});

describe('Manifests on a kubeadm cluster', () => {
  const kubeProxy = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-proxy', namespace: 'kube-system' }, data: { 'config.conf': 'mode: ipvs\n' } };
  const other = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mine', namespace: 'kube-system' }, data: { a: 'b' } };
  const run = async (args: Partial<ConstructorParameters<typeof Manifests>[1]>) => {
    const before = registrations.length;
    const m = new Manifests(`kubeadm-${before}`, { source: [kubeProxy, other], ...args });
    await registered([m, ...m.resources.values()]);
    return { m, children: registrations.slice(before).filter((r) => r.custom) };
  };

  test('patches what kubeadm created (server-side apply, patchForce, retained), creates the rest', async () => {
    const { m, children } = await run({});
    expect(children.map((r) => [r.inputs.metadata.name, r.type]).sort()).toEqual([
      ['kube-proxy', 'kubernetes:core/v1:ConfigMapPatch'],
      ['mine', 'kubernetes:core/v1:ConfigMap'],
    ]);
    expect(children.find((r) => r.inputs.metadata.name === 'kube-proxy')!.inputs.metadata.annotations).toEqual({ 'pulumi.com/patchForce': 'true' });
    expect([...m.patched]).toEqual(['ConfigMap/kube-system/kube-proxy']);
  });

  test('creates everything when the cluster is not kubeadm\'s (kubeadm: false)', async () => {
    const { children } = await run({ kubeadm: false });
    expect(children.map((r) => r.type)).toEqual(['kubernetes:core/v1:ConfigMap', 'kubernetes:core/v1:ConfigMap']);
  });

  test('leaves out the objects another resource manages (omit)', async () => {
    const { m, children } = await run({ omit: ['ConfigMap/kube-system/kube-proxy'] });
    expect(children.map((r) => r.inputs.metadata.name)).toEqual(['mine']);
    expect(m.patched.size).toBe(0);
  });
});
