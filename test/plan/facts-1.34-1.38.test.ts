/**
 * The 1.34–1.38 facts of the timeline, each tested on the versions either side of its boundary.
 */
import { ClusterNetwork, ClusterNetworkSpec, KubernetesVersion, validate } from '../../lib/plan';
import { proxyEnvironmentFindings } from '../../lib/plan/rules/proxy-environment';
import { componentFeatureGates } from '../../lib/control-plane/feature-gates';
import { kubeadmApiVersion, KubeadmApiVersion } from '../../lib/control-plane/api-version';
import { kubeadmDefaultControlPlaneTaints } from '../../lib/control-plane/render-kubeadm';
import { controlPlaneTaintKeys } from '../../lib/cni/cni';
import { lintFiles } from '../../lib/cli/lint';
import { PLAN_VALIDATORS } from '../../lib/cli/validators';

const DUAL: ClusterNetworkSpec = {
  podCidrs: ['10.244.0.0/16', 'fd4b:8872:9025::/56'],
  serviceCidrs: ['10.96.0.0/16', 'fd4b:8872:9025:100::/112'],
  nodes: [{ name: 'cp', ipv4: '192.168.10.11/24', ipv6: 'fd4b:8872:9025:200::11/64', controlPlane: true, kernelVersion: '5.4.0-1' }],
};
const plan = (kubernetesVersion: string, over: Partial<ClusterNetworkSpec> = {}) => ClusterNetwork.plan({ ...DUAL, kubernetesVersion, ...over });
const codes = (fs: readonly { code: string }[]) => fs.map((f) => f.code);
const svc = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 's' }, ports: [{ port: 80 }], ...spec } });
const at = (fs: readonly { code: string; severity: string; path: string }[], code: string) => fs.filter((f) => f.code === code).map((f) => [f.severity, f.path]);

describe('kube-proxy ipvs is deprecated from 1.35 (KEP-5495)', () => {
  test('warns when the plan runs ipvs on 1.35, not on 1.34', () => {
    expect(codes(proxyEnvironmentFindings(plan('1.35'), { mode: 'ipvs' }))).toContain('kube-proxy-ipvs-deprecated');
    expect(codes(proxyEnvironmentFindings(plan('1.34'), { mode: 'ipvs' }))).not.toContain('kube-proxy-ipvs-deprecated');
  });

  test('warns when a KubeProxyConfiguration sets ipvs for 1.35, not for 1.34', () => {
    expect(codes(validate.kubeProxyConfiguration({ mode: 'ipvs' }, { kubernetesVersion: '1.35' }))).toContain('kube-proxy-ipvs-deprecated');
    expect(codes(validate.kubeProxyConfiguration({ mode: 'ipvs' }, { kubernetesVersion: '1.34' }))).not.toContain('kube-proxy-ipvs-deprecated');
  });

  test('fails when KubeProxyIPVS=false on 1.37 and the mode is ipvs (the gate turns the mode off)', () => {
    const f = validate.kubeProxyConfiguration({ mode: 'ipvs', featureGates: { KubeProxyIPVS: false } }, { kubernetesVersion: '1.37' });
    expect(f.filter((x) => x.severity === 'error').map((x) => x.code)).toContain('kube-proxy-mode');
  });

  test.each(['1.35', '1.36', '1.37', '1.38'])('no finding suggests ipvs as a fix on %s', (v) => {
    const p = plan(v, { nodes: [{ name: 'cp', ipv4: '192.168.10.11/24', ipv6: 'fd4b:8872:9025:200::11/64', controlPlane: true, kernelVersion: '4.9.0' }] });
    const all = ['iptables', 'nftables', 'ipvs', 'bogus'].flatMap((mode) => proxyEnvironmentFindings(p, { mode }));
    expect(all.length).toBeGreaterThan(3);
    expect(all.filter((f) => /ipvs/.test(f.fix ?? '') && f.code !== 'ipvs-ipv6-nodeport-old-kernel').map((f) => [f.code, f.fix])).toEqual([]);
  });

  test('before 1.35 the IPv6 default-route fix still offers ipvs', () => {
    const fix = proxyEnvironmentFindings(plan('1.34'), { mode: 'iptables' }).find((f) => f.code === 'ipv6-default-route-missing')?.fix;
    expect(fix).toContain('"ipvs"');
  });
});

describe('kubeadm v1beta3 is removed in 1.37 (kubernetes#136016)', () => {
  const file = (v: string, api = 'kubeadm.k8s.io/v1beta3') => [
    { file: 'kubeadm.yaml', text: `apiVersion: ${api}\nkind: ClusterConfiguration\nkubernetesVersion: v${v}.0\nnetworking:\n  podSubnet: 10.244.0.0/16\n  serviceSubnet: 10.96.0.0/16\n` },
  ];
  const lint = (v: string, api?: string) => lintFiles(file(v, api), { validators: PLAN_VALIDATORS });

  test('fails when a v1beta3 ClusterConfiguration targets 1.37', () => {
    expect(at(lint('1.37').findings, 'kubeadm-api-version-removed')).toEqual([['error', 'apiVersion']]);
  });

  test('accepts a v1beta3 ClusterConfiguration for 1.36, and v1beta4 for 1.37', () => {
    expect(at(lint('1.36').findings, 'kubeadm-api-version-removed')).toEqual([]);
    expect(at(lint('1.37', 'kubeadm.k8s.io/v1beta4').findings, 'kubeadm-api-version-removed')).toEqual([]);
  });

  test('validate.kubeadmNetworking takes the apiVersion too', () => {
    expect(codes(validate.kubeadmNetworking({}, { kubernetesVersion: '1.37', apiVersion: 'kubeadm.k8s.io/v1beta3' }))).toContain('kubeadm-api-version-removed');
    expect(codes(validate.kubeadmNetworking({}, { kubernetesVersion: '1.36', apiVersion: 'kubeadm.k8s.io/v1beta3' }))).not.toContain('kubeadm-api-version-removed');
  });

  test.each([
    ['1.30', KubeadmApiVersion.V1BETA3],
    ['1.31', KubeadmApiVersion.V1BETA4],
    ['1.37', KubeadmApiVersion.V1BETA4],
    ['1.38', KubeadmApiVersion.V1BETA4],
  ])('renders %s with %s', (v, api) => {
    expect(kubeadmApiVersion(KubernetesVersion.parse(v))).toBe(api);
  });
});

describe('gates removed in 1.38 (kubernetes#141733, #141762)', () => {
  const gates = ['MultiCIDRServiceAllocator', 'DisableAllocatorDualWrite', 'NFTablesProxyMode', 'PreferSameTrafficDistribution'];

  test.each(gates)('fails when the plan sets %s for 1.38, and the renderers leave it out', (g) => {
    const p = plan('1.38', { featureGates: { [g]: true } });
    expect(p.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toContain('feature-gate-removed');
    expect(componentFeatureGates(p)).not.toHaveProperty(g);
  });

  test.each(gates)('accepts %s=true for 1.37, and renders it', (g) => {
    const p = plan('1.37', { featureGates: { [g]: true } });
    expect(p.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(componentFeatureGates(p)).toHaveProperty(g, true);
  });
});

describe('StrictIPCIDRValidation (KEP-4858): error from 1.36, warning before', () => {
  test.each([
    ['clusterIP with leading zeros', { clusterIP: '010.096.000.010', type: 'ClusterIP' }, 'spec.clusterIPs[0]'],
    ['IPv4-mapped IPv6 clusterIP', { clusterIP: '::ffff:10.96.0.10' }, 'spec.clusterIPs[0]'],
    ['externalIPs with leading zeros', { externalIPs: ['192.0.2.010'] }, 'spec.externalIPs[0]'],
    ['IPv4-mapped IPv6 externalIP', { externalIPs: ['::ffff:192.0.2.10'] }, 'spec.externalIPs[0]'],
    ['loadBalancerSourceRanges with host bits', { type: 'LoadBalancer', loadBalancerSourceRanges: ['192.168.0.5/24'] }, 'spec.loadBalancerSourceRanges[0]'],
    ['loadBalancerSourceRanges with leading zeros', { type: 'LoadBalancer', loadBalancerSourceRanges: ['010.0.0.0/8'] }, 'spec.loadBalancerSourceRanges[0]'],
  ])('%s: error on 1.36, warning on 1.35', (_name, spec, path) => {
    expect(at(validate.service(svc(spec), { kubernetesVersion: '1.36' }), 'ip-strict-validation')).toEqual([['error', path]]);
    expect(at(validate.service(svc(spec), { kubernetesVersion: '1.35' }), 'ip-strict-validation')).toEqual([['warning', path]]);
  });

  test('the gate on 1.35 makes it an error; off on 1.37 a warning; GA and locked on 1.38', () => {
    const s = svc({ externalIPs: ['::ffff:192.0.2.10'] });
    expect(at(validate.service(s, { kubernetesVersion: '1.35', featureGates: { StrictIPCIDRValidation: true } }), 'ip-strict-validation')[0][0]).toBe('error');
    expect(at(validate.service(s, { kubernetesVersion: '1.37', featureGates: { StrictIPCIDRValidation: false } }), 'ip-strict-validation')[0][0]).toBe('warning');
    expect(at(validate.service(s, { kubernetesVersion: '1.38', featureGates: { StrictIPCIDRValidation: false } }), 'ip-strict-validation')[0][0]).toBe('error');
  });

  test('accepts canonical values on 1.36', () => {
    const s = svc({ clusterIP: '10.96.0.10', externalIPs: ['192.0.2.10'], type: 'LoadBalancer', loadBalancerSourceRanges: ['192.168.0.0/24', '2001:db8::/64'] });
    expect(at(validate.service(s, { kubernetesVersion: '1.36' }), 'ip-strict-validation')).toEqual([]);
  });
});

describe('IPv6 ServiceCIDR of /64 or larger on 1.33/1.34 (kubernetes#138374)', () => {
  const gates = { DisableAllocatorDualWrite: true };
  test.each([
    ['1.33', true],
    ['1.34', true],
    ['1.35', false],
  ])('on %s warns: %s', (v, warns) => {
    const f = validate.serviceClusterIPRange('10.96.0.0/16,fd4b:8872:9025:100::/64', { kubernetesVersion: v, featureGates: v === '1.33' ? gates : {} });
    expect(codes(f).includes('service-range-v6-large-allocator-bug')).toBe(warns);
  });

  test('a /65 on 1.34 gets no such warning', () => {
    expect(codes(validate.serviceClusterIPRange('fd4b:8872:9025:100::/65', { kubernetesVersion: '1.34' }))).not.toContain('service-range-v6-large-allocator-bug');
  });
});

describe('Service deprecations', () => {
  test('warns when a Service uses externalIPs on 1.36 (KEP-5707), not on 1.35', () => {
    const s = svc({ externalIPs: ['192.0.2.10'] });
    expect(at(validate.service(s, { kubernetesVersion: '1.36' }), 'service-external-ips-deprecated')).toEqual([['warning', 'spec.externalIPs']]);
    expect(at(validate.service(s, { kubernetesVersion: '1.35' }), 'service-external-ips-deprecated')).toEqual([]);
  });

  test('warns when trafficDistribution is PreferClose on 1.35 (use PreferSameZone), not on 1.34', () => {
    const s = svc({ trafficDistribution: 'PreferClose' });
    const f = validate.service(s, { kubernetesVersion: '1.35' }).find((x) => x.code === 'service-traffic-distribution-prefer-close');
    expect(f?.fix).toContain('PreferSameZone');
    expect(codes(validate.service(s, { kubernetesVersion: '1.34' }))).not.toContain('service-traffic-distribution-prefer-close');
    expect(codes(validate.service(svc({ trafficDistribution: 'PreferSameZone' }), { kubernetesVersion: '1.35' }))).not.toContain('service-traffic-distribution-prefer-close');
  });
});

describe('the kubeadm control-plane taint history (one table)', () => {
  test.each([
    ['1.23', ['node-role.kubernetes.io/master:NoSchedule'], ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master']],
    ['1.24', ['node-role.kubernetes.io/control-plane:NoSchedule', 'node-role.kubernetes.io/master:NoSchedule'], ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master']],
    ['1.25', ['node-role.kubernetes.io/control-plane:NoSchedule'], ['node-role.kubernetes.io/control-plane']],
  ])('%s: kubeadm taints %j, pods tolerate %j', (v, taints, tolerations) => {
    expect(kubeadmDefaultControlPlaneTaints(plan(v))).toEqual(taints);
    expect(controlPlaneTaintKeys(KubernetesVersion.parse(v))).toEqual(tolerations);
  });
});
