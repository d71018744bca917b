import { createHash } from 'crypto';
import { parse } from 'yaml';
import { KubeProxyPatch } from '../../lib/pulumi/kube-proxy-patch';
import { CONFIG_HASH_ANNOTATION } from '../../lib/pulumi/objects';
import { ClusterNetwork } from '../../lib/plan/network';
import { installMocks, registered, valueOf } from './mocks';

const registrations = installMocks();

const network = ClusterNetwork.of({
  podCidrs: ['172.16.0.0/16', 'fc00::/48'],
  serviceCidrs: ['10.96.0.0/12', 'fd00::/108'],
  nodes: [{ name: 'node53', ipv4: '192.168.101.53/24', ipv6: '2003:ac18::30a:2/64' }],
});

async function patch(name: string, args: ConstructorParameters<typeof KubeProxyPatch>[1]) {
  const p = new KubeProxyPatch(name, args);
  await registered([p, p.configMap, ...(p.daemonSet ? [p.daemonSet] : [])]);
  const find = (type: string) => registrations.find((r) => r.type === type && r.name.startsWith(`${name}/`));
  return { p, cm: find('kubernetes:core/v1:ConfigMapPatch'), ds: find('kubernetes:apps/v1:DaemonSetPatch') };
}

describe('KubeProxyPatch', () => {
  test('patches config.conf of kube-system/kube-proxy with the plan, forcing the kubeadm-owned field', async () => {
    const { cm } = await patch('plan', { network });
    expect(cm!.inputs.metadata).toEqual({ name: 'kube-proxy', namespace: 'kube-system', annotations: { 'pulumi.com/patchForce': 'true' } });
    expect(Object.keys(cm!.inputs.data)).toEqual(['config.conf']);
    const conf = parse(cm!.inputs.data['config.conf']);
    expect(conf.kind).toBe('KubeProxyConfiguration');
    expect(conf.clusterCIDR).toBe('172.16.0.0/16,fc00::/48');
    expect(conf.clientConnection).toEqual({ kubeconfig: '/var/lib/kube-proxy/kubeconfig.conf' });
  });

  test('rolls kube-system/kube-proxy by the sha256 of config.conf, after the ConfigMap patch', async () => {
    const { p, cm, ds } = await patch('roll', { configText: 'mode: ipvs\n' });
    const hash = createHash('sha256').update('mode: ipvs\n').digest('hex');
    expect(await valueOf(p.configHash)).toBe(hash);
    expect(ds!.inputs.metadata).toEqual({ name: 'kube-proxy', namespace: 'kube-system' });
    expect(ds!.inputs.spec).toEqual({ template: { metadata: { annotations: { [CONFIG_HASH_ANNOTATION]: hash } } } });
    expect(ds!.dependencies).toEqual([cm!.urn]);
  });

  test('a different config gives a different pod-template hash', async () => {
    const a = await patch('h1', { configText: 'mode: ipvs\n' });
    const b = await patch('h2', { configText: 'mode: iptables\n' });
    expect(await valueOf(a.p.configHash)).not.toBe(await valueOf(b.p.configHash));
  });

  test('can skip the force and the roll', async () => {
    const { cm, ds } = await patch('plain', { configText: 'mode: ipvs\n', force: false, rollDaemonSet: false });
    expect(cm!.inputs.metadata.annotations).toBeUndefined();
    expect(ds).toBeUndefined();
  });

  test('fails when neither or both of network and configText are given', () => {
    expect(() => new KubeProxyPatch('none', {})).toThrow(/give `network`/);
    expect(() => new KubeProxyPatch('both', { network, configText: 'x' })).toThrow(/not both/);
  });

  test('golden: the default patch of the field report cluster', async () => {
    const { cm, ds } = await patch('golden', { network });
    expect({ configMap: { name: cm!.name, inputs: cm!.inputs }, daemonSet: { name: ds!.name, inputs: ds!.inputs } }).toMatchSnapshot();
  });
});
