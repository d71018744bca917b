import { Chart, Testing } from 'cdk8s';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { parse } from 'yaml';
import { KubeProxy } from '../../lib/kube-proxy/kube-proxy';
import { KubeProxyMode } from '../../lib/kube-proxy/mode';
import { NodePortAddresses } from '../../lib/kube-proxy/node-port-addresses';
import { IpvsScheduler, kubeProxyPatchCommands, renderKubeProxyConfigMap, renderKubeProxyConfigPatch, renderKubeProxyConfiguration } from '../../lib/kube-proxy/render';
import { ClusterNetwork } from '../../lib/plan/network';
import { proxyEnvironmentFindings } from '../../lib/plan/rules/proxy-environment';
import { fieldReportSpec, NODE53, VERSION_LINES } from '../control-plane/fixture';

const plan = (extra = {}) => ClusterNetwork.plan(fieldReportSpec(extra));
const codes = (fs: readonly { code: string }[]) => fs.map((f) => f.code);

describe('KubeProxyConfiguration', () => {
  test('field report cluster: clusterCIDR both pod networks, NodePorts on both node networks', () => {
    expect(renderKubeProxyConfiguration(plan())).toEqual({
      apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
      kind: 'KubeProxyConfiguration',
      clusterCIDR: '172.16.0.0/16,fc00::/48',
      mode: 'iptables',
      nodePortAddresses: ['192.168.101.0/24', '2003:ac18::/64'],
    });
  });
  test('nodePortAddresses: primary where the version has it and no node network is known', () => {
    expect(renderKubeProxyConfiguration(plan({ nodes: [] })).nodePortAddresses).toEqual(['primary']);
    expect(renderKubeProxyConfiguration(plan({ nodes: [], kubernetesVersion: '1.27' })).nodePortAddresses).toBeUndefined();
  });
  test('nodePortAddresses: explicit choices', () => {
    expect(renderKubeProxyConfiguration(plan(), { nodePortAddresses: NodePortAddresses.primary() }).nodePortAddresses).toEqual(['primary']);
    expect(renderKubeProxyConfiguration(plan(), { nodePortAddresses: NodePortAddresses.all() }).nodePortAddresses).toBeUndefined();
    expect(renderKubeProxyConfiguration(plan(), { nodePortAddresses: NodePortAddresses.cidrs(['2003:ac18::30a:2/64', '192.168.101.53/24']) }).nodePortAddresses).toEqual(['2003:ac18::30a:2/64', '192.168.101.53/24']);
  });
  test('ipvs options', () => {
    const c = renderKubeProxyConfiguration(plan(), { mode: KubeProxyMode.IPVS, ipvsScheduler: IpvsScheduler.LEAST_CONNECTION, ipvsStrictArp: true });
    expect(c.mode).toBe('ipvs');
    expect(c.ipvs).toEqual({ scheduler: 'lc', strictARP: true });
  });
  test.each([
    ['1.29', { NFTablesProxyMode: true }],
    ['1.30', { NFTablesProxyMode: true }],
    ['1.31', undefined],
    ['1.33', undefined],
  ])('nftables on %s: featureGates %j', (v, gates) => {
    expect(renderKubeProxyConfiguration(plan({ kubernetesVersion: v }), { mode: KubeProxyMode.NFTABLES }).featureGates).toEqual(gates);
  });
  test('IPv6DualStack gate only on 1.16–1.20', () => {
    expect(renderKubeProxyConfiguration(plan({ kubernetesVersion: '1.20' })).featureGates).toEqual({ IPv6DualStack: true });
    expect(renderKubeProxyConfiguration(plan({ kubernetesVersion: '1.21' })).featureGates).toBeUndefined();
  });
});

describe('existing-cluster ConfigMap (kubectl -n kube-system edit cm kube-proxy)', () => {
  test.each(VERSION_LINES)('%s: valid ConfigMap whose config.conf is the full configuration', (v) => {
    const cm = renderKubeProxyConfigMap(plan({ kubernetesVersion: v }));
    new ConfigMap(cm as never).validate();
    expect(cm.metadata).toEqual({ name: 'kube-proxy', namespace: 'kube-system', labels: { app: 'kube-proxy' } });
    const conf = parse((cm.data as Record<string, string>)['config.conf']);
    expect(conf.clientConnection).toEqual({ kubeconfig: '/var/lib/kube-proxy/kubeconfig.conf' });
    expect(conf.clusterCIDR).toBe('172.16.0.0/16,fc00::/48');
    expect(conf.nodePortAddresses).toEqual(['192.168.101.0/24', '2003:ac18::/64']);
  });
  test('merge patch replaces config.conf only', () => {
    const p = renderKubeProxyConfigPatch(plan());
    expect(Object.keys(p.data)).toEqual(['config.conf']);
    expect(kubeProxyPatchCommands()).toEqual([
      'kubectl -n kube-system patch configmap kube-proxy --type merge --patch-file kube-proxy-patch.json',
      'kubectl -n kube-system rollout restart daemonset kube-proxy',
    ]);
  });
});

describe('proxyEnvironmentFindings', () => {
  const nodeNoGw = { ...NODE53, ipv6DefaultGateway: undefined };
  test('warns in iptables mode when a node has no IPv6 default route (calico#2758)', () => {
    const f = proxyEnvironmentFindings(plan({ nodes: [nodeNoGw] }), { mode: 'iptables' });
    expect(f).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'ipv6-default-route-missing', path: 'nodes[0].ipv6DefaultGateway', fix: expect.stringContaining('ipvs') }),
    ]);
  });
  test('no default-route warning in ipvs mode or with a gateway', () => {
    expect(proxyEnvironmentFindings(plan({ nodes: [nodeNoGw] }), { mode: 'ipvs' })).toEqual([]);
    expect(proxyEnvironmentFindings(plan(), { mode: 'iptables', nodePortAddresses: ['192.168.101.0/24', '2003:ac18::/64'] })).toEqual([]);
  });
  test.each([
    ['nftables', '1.27', 'kube-proxy-mode-unavailable', /arrives in 1\.29/],
    ['userspace', '1.33', 'kube-proxy-mode-unknown', /not a kube-proxy mode/],
  ])('fails when mode %s is asked of %s', (mode, v, code, re) => {
    const f = proxyEnvironmentFindings(plan({ kubernetesVersion: v }), { mode });
    expect(f[0]).toEqual(expect.objectContaining({ severity: 'error', code, message: expect.stringMatching(re) }));
  });
  test.each([
    ['1.16', 'iptables', ['kube-proxy-dual-stack-iptables-unavailable']],
    ['1.17', 'iptables', ['kube-proxy-dual-stack-iptables-unavailable']],
    ['1.16', 'ipvs', []],
    ['1.17', 'ipvs', []],
    ['1.18', 'iptables', []],
    ['1.20', 'iptables', []],
  ])('dual-stack on %s with mode %s: errors %j', (v, mode, expected) => {
    expect(codes(proxyEnvironmentFindings(plan({ kubernetesVersion: v }), { mode }))).toEqual(expected);
  });
  test('fails when a dual-stack plan before 1.18 uses iptables, naming ipvs and 1.18', () => {
    const f = proxyEnvironmentFindings(plan({ kubernetesVersion: '1.16' }), { mode: 'iptables', path: 'kp' });
    expect(f).toEqual([
      expect.objectContaining({ severity: 'error', code: 'kube-proxy-dual-stack-iptables-unavailable', path: 'kp.mode', fix: expect.stringMatching(/"ipvs".*1\.18 or later/), source: 'kubernetes/kubernetes#82462' }),
    ]);
  });
  test('single-stack iptables before 1.18 is fine', () => {
    const single = ClusterNetwork.plan({ kubernetesVersion: '1.16', podCidrs: ['172.16.0.0/16'], serviceCidrs: ['10.96.0.0/12'], nodes: [NODE53] });
    expect(proxyEnvironmentFindings(single, { mode: 'iptables' })).toEqual([]);
  });
  test('nftables alpha on 1.29 is an info; turning the gate off is an error', () => {
    expect(codes(proxyEnvironmentFindings(plan({ kubernetesVersion: '1.29' }), { mode: 'nftables' }))).toEqual(['kube-proxy-mode-alpha']);
    expect(codes(proxyEnvironmentFindings(plan({ kubernetesVersion: '1.29', featureGates: { NFTablesProxyMode: false } }), { mode: 'nftables' }))).toEqual(['kube-proxy-mode-gate-off']);
  });
  test('fails when nftables runs on a kernel older than 5.13 (1.31+)', () => {
    const f = proxyEnvironmentFindings(plan({ nodes: [{ ...NODE53, kernelVersion: '5.4.0-150-generic' }] }), { mode: 'nftables' });
    expect(f).toEqual([expect.objectContaining({ severity: 'error', code: 'nftables-kernel-too-old', path: 'nodes[0].kernelVersion' })]);
  });
  test('warns when nodePortAddresses cover one family only (field report §7.1)', () => {
    const f = proxyEnvironmentFindings(plan(), { mode: 'ipvs', nodePortAddresses: ['192.168.101.0/24'] });
    expect(f).toEqual([expect.objectContaining({ severity: 'warning', code: 'node-port-addresses-one-family', fix: 'add "2003:ac18::/64"' })]);
  });
  test('fails when "primary" is used before 1.31, naming 1.31', () => {
    const f = proxyEnvironmentFindings(plan({ kubernetesVersion: '1.27' }), { mode: 'ipvs', nodePortAddresses: ['primary'] });
    expect(f).toEqual([expect.objectContaining({ severity: 'error', code: 'node-port-addresses-primary-unavailable', message: expect.stringContaining('arrives in 1.31') })]);
    expect(proxyEnvironmentFindings(plan(), { mode: 'ipvs', nodePortAddresses: ['primary'] })).toEqual([]);
  });
  test('fails on an entry that is neither CIDR nor keyword, and on primary mixed with CIDRs', () => {
    expect(codes(proxyEnvironmentFindings(plan(), { mode: 'ipvs', nodePortAddresses: ['eth0'] }))).toContain('node-port-addresses-invalid');
    expect(codes(proxyEnvironmentFindings(plan(), { mode: 'ipvs', nodePortAddresses: ['primary', '2003:ac18::/64'] }))).toContain('node-port-addresses-primary-mixed');
  });
  test('warns when a node address lies outside nodePortAddresses', () => {
    expect(codes(proxyEnvironmentFindings(plan(), { mode: 'ipvs', nodePortAddresses: ['10.0.0.0/8', '2003:ac18::/64'] }))).toEqual(['node-port-addresses-miss-node']);
  });
  test('ipvs IPv6 NodePorts on a kernel older than 4.11: warning with route-table scan, info with explicit CIDRs', () => {
    const p = plan({ nodes: [{ ...NODE53, kernelVersion: '3.10.0-1160.el7.x86_64' }] });
    expect(proxyEnvironmentFindings(p, { mode: 'ipvs' })).toEqual([expect.objectContaining({ severity: 'warning', code: 'ipvs-ipv6-nodeport-old-kernel' })]);
    expect(proxyEnvironmentFindings(p, { mode: 'ipvs', nodePortAddresses: ['192.168.101.0/24', '2003:ac18::/64'] })).toEqual([expect.objectContaining({ severity: 'info', code: 'ipvs-ipv6-nodeport-old-kernel' })]);
    expect(proxyEnvironmentFindings(plan({ nodes: [{ ...NODE53, kernelVersion: '4.11.0' }] }), { mode: 'ipvs' })).toEqual([]);
  });
});

describe('KubeProxy construct', () => {
  test('default snapshot; ConfigMap is the Resource and validates', () => {
    const chart = Testing.chart();
    const kp = new KubeProxy(chart, 'kube-proxy', { network: plan() });
    const out = Testing.synth(chart);
    expect(out).toHaveLength(1);
    new ConfigMap(out[0]).validate();
    expect(kp.configMap.name).toBe('kube-proxy');
    expect(kp.configuration.clusterCIDR).toBe('172.16.0.0/16,fc00::/48');
    expect(out).toMatchSnapshot();
  });
  test('fails synth on 1.16 dual-stack with the default iptables mode; ipvs synthesizes', () => {
    const app = Testing.app();
    new KubeProxy(new Chart(app, 'c'), 'kp', { network: plan({ kubernetesVersion: '1.16' }), includePlanFindings: false });
    expect(() => app.synth()).toThrow(/kube-proxy-dual-stack-iptables-unavailable/);
    const ok = Testing.app();
    const kp = new KubeProxy(new Chart(ok, 'c'), 'kp', { network: plan({ kubernetesVersion: '1.16' }), includePlanFindings: false, mode: KubeProxyMode.IPVS });
    expect(kp.findings().filter((f) => f.severity === 'error')).toEqual([]);
    expect(() => ok.synth()).not.toThrow();
  });
  test('fails synth with a mode the version lacks', () => {
    const app = Testing.app();
    new KubeProxy(new Chart(app, 'c'), 'kp', { network: plan({ kubernetesVersion: '1.23' }), mode: KubeProxyMode.NFTABLES });
    expect(() => app.synth()).toThrow(/kube-proxy-mode-unavailable.*arrives in 1\.29/);
  });
});
