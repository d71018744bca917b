import { ciliumFindings, CiliumIpamMode, CiliumProps, CiliumRoutingMode, CiliumRuleContext } from '../../../lib/cni/cilium';
import { ciliumPlan } from './fixtures';

const POOL = CiliumIpamMode.CLUSTER_POOL;
const codes = (props: CiliumProps, ctx: CiliumRuleContext = {}, plan = ciliumPlan()) => ciliumFindings(plan, props, ctx).map((f) => `${f.severity} ${f.code} ${f.path}`);

describe('ciliumFindings', () => {
  test.each<[string, CiliumProps]>([
    ['the defaults (IPAM kubernetes, tunnel)', {}],
    ['cluster-pool from the plan', { ipam: POOL }],
    ['native routing', { routingMode: CiliumRoutingMode.NATIVE }],
    ['kube-proxy replacement', { kubeProxyReplacement: true }],
  ])('no findings for %s', (_, props) => {
    expect(codes(props, { kubeProxyInstalled: false })).toEqual([]);
  });

  // Cilium's default pool 10.0.0.0/8 contains kubeadm's default Service range 10.96.0.0/12.
  test('fails when a cluster-pool range overlaps a Service range (cluster-pool.rst)', () => {
    const f = ciliumFindings(ciliumPlan(), { ipam: POOL, clusterPool: { ipv4: { cidrs: ['10.0.0.0/8'] } } });
    expect(f.find((x) => x.code === 'cilium-pool-overlaps-service')).toMatchObject({ severity: 'error', path: 'cni.cilium.clusterPool.ipv4.cidrs[0]' });
    expect(f.find((x) => x.code === 'cilium-pool-overlaps-service')!.message).toContain('"10.96.0.0/16"');
  });

  test('fails when a cluster-pool range overlaps a node network', () => {
    expect(codes({ ipam: POOL, clusterPool: { ipv6: { cidrs: ['fd7a:115c:a1e0:300::/56'] } } })).toContain('error cilium-pool-overlaps-node-network cni.cilium.clusterPool.ipv6.cidrs[0]');
  });

  // pkg/ipam/cidrset/cidr_set.go: IPv6 mask - prefix > clusterSubnetMaxDiff (16) → ErrCIDRSetSubNetTooBig.
  test('fails when the IPv6 mask size is more than 16 bits longer than its pool ("node CIDR size is too big")', () => {
    const f = ciliumFindings(ciliumPlan({ podCidrs: ['10.244.0.0/16', 'fd7a:115c:a1e0::/44'] }), { ipam: POOL });
    const m = f.find((x) => x.code === 'cilium-pool-mask-size');
    expect(m).toMatchObject({ severity: 'error', path: 'cni.cilium.clusterPool.ipv6.maskSize' });
    expect(m!.message).toContain('"the node CIDR size is too big"');
  });

  test('an IPv4 mask 16+ bits longer than its pool is fine (the limit is IPv6 only in cidr_set.go)', () => {
    expect(codes({ ipam: POOL, clusterPool: { ipv4: { maskSize: 28 } } })).toEqual([]);
  });

  test.each<[string, CiliumProps, string]>([
    ['shorter than the pool prefix', { ipam: POOL, clusterPool: { ipv4: { maskSize: 12 } } }, 'cni.cilium.clusterPool.ipv4.maskSize'],
    ['beyond 32 for IPv4 (ErrSubNetMaskSizeInvalid)', { ipam: POOL, clusterPool: { ipv4: { maskSize: 33 } } }, 'cni.cilium.clusterPool.ipv4.maskSize'],
    ['beyond 128 for IPv6', { ipam: POOL, clusterPool: { ipv6: { maskSize: 129 } } }, 'cni.cilium.clusterPool.ipv6.maskSize'],
  ])('fails when the mask size is %s', (_, props, path) => {
    expect(codes(props)).toContain(`error cilium-pool-mask-size ${path}`);
  });

  test('fails when a cluster-pool range lies outside kube-controller-manager --cluster-cidr', () => {
    const f = ciliumFindings(ciliumPlan(), { ipam: POOL, clusterPool: { ipv4: { cidrs: ['172.20.0.0/16'] } } });
    expect(f.find((x) => x.code === 'cilium-pool-cluster-cidr')).toMatchObject({ severity: 'error', path: 'cni.cilium.clusterPool.ipv4.cidrs' });
  });

  test('warns when a cluster-pool range is a part of --cluster-cidr', () => {
    expect(codes({ ipam: POOL, clusterPool: { ipv4: { cidrs: ['10.244.0.0/17'] } } })).toEqual(['warning cilium-pool-cluster-cidr cni.cilium.clusterPool.ipv4.cidrs']);
  });

  test('fails when a pool entry is not a CIDR or of the other family', () => {
    expect(codes({ ipam: POOL, clusterPool: { ipv4: { cidrs: ['nope'] }, ipv6: { cidrs: ['10.244.0.0/16'] } } })).toEqual([
      'error cilium-pool-cidr cni.cilium.clusterPool.ipv4.cidrs[0]',
      'error cilium-pool-family cni.cilium.clusterPool.ipv6.cidrs[0]',
    ]);
  });

  test('fails when IPAM kubernetes runs without --allocate-node-cidrs (ipam/kubernetes.rst)', () => {
    expect(codes({}, { allocateNodeCidrs: false })).toEqual(['error cilium-ipam-kubernetes-no-node-cidrs cni.cilium.ipam']);
    expect(codes({ ipam: POOL }, { allocateNodeCidrs: false })).toEqual([]);
  });

  // templates/cilium-configmap.yaml: "ipv6NativeRoutingCIDR must be set when routingMode is native".
  test('fails when native routing masquerades IPv6 without a native-routing CIDR', () => {
    expect(codes({ routingMode: CiliumRoutingMode.NATIVE, nativeRoutingCidrs: { ipv6: '' } })).toEqual(['error cilium-native-routing-cidr-missing cni.cilium.nativeRoutingCidrs.ipv6']);
    expect(codes({ routingMode: CiliumRoutingMode.NATIVE, nativeRoutingCidrs: { ipv6: '' }, masquerade: { ipv6: false } })).toEqual([]);
  });

  test('warns when the native-routing CIDR does not contain the pod CIDR', () => {
    expect(codes({ routingMode: CiliumRoutingMode.NATIVE, nativeRoutingCidrs: { ipv4: '10.244.0.0/24' } })).toEqual(['warning cilium-native-routing-cidr-narrow cni.cilium.nativeRoutingCidrs.ipv4']);
  });

  test('warns when autoDirectNodeRoutes is forced on nodes of different segments', () => {
    const plan = ciliumPlan({ nodes: [
      { name: 'node-1', ipv4: '192.168.30.11/24', ipv6: 'fd7a:115c:a1e0:300::11/64', controlPlane: true },
      { name: 'node-2', ipv4: '192.168.31.12/24', ipv6: 'fd7a:115c:a1e0:300::12/64' },
    ] });
    expect(codes({ routingMode: CiliumRoutingMode.NATIVE, autoDirectNodeRoutes: true }, {}, plan)).toEqual(['warning cilium-direct-routes-across-l2 cni.cilium.autoDirectNodeRoutes']);
    expect(codes({ routingMode: CiliumRoutingMode.NATIVE, autoDirectNodeRoutes: true })).toEqual([]);
    expect(codes({ autoDirectNodeRoutes: true })).toEqual(['warning cilium-direct-routes-ignored cni.cilium.autoDirectNodeRoutes']);
  });

  test('warns when eBPF masquerading covers IPv6 (beta in 1.19, masquerading.rst)', () => {
    expect(codes({ bpfMasquerade: true, kubeProxyReplacement: true })).toEqual(['warning cilium-bpf-masquerade-ipv6-beta cni.cilium.bpfMasquerade']);
    expect(codes({ bpfMasquerade: true, kubeProxyReplacement: true, masquerade: { ipv6: false } })).toEqual([]);
  });

  test('warns when eBPF masquerading runs without kube-proxy replacement (BPF NodePort dependency)', () => {
    expect(codes({ bpfMasquerade: true, masquerade: { ipv6: false } })).toEqual(['warning cilium-bpf-masquerade-needs-kpr cni.cilium.bpfMasquerade']);
  });

  test('fails when kube-proxy replacement has no API server address (kubeproxy-free.rst)', () => {
    const plan = ciliumPlan({ nodes: [] });
    expect(codes({ kubeProxyReplacement: true }, {}, plan)).toEqual(['error cilium-kpr-no-api-host cni.cilium.k8sServiceHost']);
  });

  test('fails when k8sServiceHost is a ClusterIP (unreachable until Cilium serves Services)', () => {
    expect(codes({ kubeProxyReplacement: true, k8sServiceHost: '10.96.0.1' })).toEqual(['error cilium-kpr-api-host-service-ip cni.cilium.k8sServiceHost']);
  });

  test('fails when kube-proxy replacement runs next to an installed kube-proxy', () => {
    expect(codes({ kubeProxyReplacement: true }, { kubeProxyInstalled: true })).toEqual(['error cilium-kpr-kube-proxy-active cni.cilium.kubeProxyReplacement']);
  });

  test('fails when Kubernetes is older than the chart\'s kubeVersion (>= 1.21.0-0, Chart.yaml)', () => {
    expect(codes({}, {}, ciliumPlan({ kubernetesVersion: '1.20' }))).toContain('error cilium-kubernetes-version kubernetesVersion');
    expect(codes({}, {}, ciliumPlan({ kubernetesVersion: '1.21' }))).toEqual([]);
  });

  test('warns when kube-proxy options are given next to kube-proxy replacement', () => {
    expect(codes({ kubeProxyReplacement: true }, { kubeProxyOptionsIgnored: true })).toEqual(['warning cilium-kpr-kube-proxy-options-ignored kubeProxy']);
  });

  test('warns when kube-proxy replacement targets kubeadm v1beta2 (no skipPhases before 1.22)', () => {
    expect(codes({ kubeProxyReplacement: true }, {}, ciliumPlan({ kubernetesVersion: '1.21' }))).toContain('warning cilium-kpr-skip-phase-flag cni.cilium.kubeProxyReplacement');
  });

  test('warns when the IPAM mode differs from the running cluster (docs: don\'t change the IPAM mode)', () => {
    const f = ciliumFindings(ciliumPlan(), { ipam: POOL, existingIpamMode: CiliumIpamMode.KUBERNETES });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'warning', code: 'cilium-ipam-mode-change', path: 'cni.cilium.ipam' });
    expect(f[0].source).toContain('docs.cilium.io/en/stable/network/concepts/ipam/');
  });

  // cilium#44436: requireIPv6PodCIDR belongs under k8s.; the schema lets a top-level one through.
  test('fails when the user\'s further values misplace a key, naming its path', () => {
    const f = ciliumFindings(ciliumPlan(), { values: { requireIPv6PodCIDR: true, kubeProxyReplacment: true } });
    expect(f.map((x) => `${x.code} ${x.path} ${x.fix}`)).toEqual([
      'cilium-values-unknown-key cni.cilium.values.requireIPv6PodCIDR move it to "k8s.requireIPv6PodCIDR"',
      'cilium-values-unknown-key cni.cilium.values.kubeProxyReplacment did you mean "kubeProxyReplacement"?',
    ]);
    expect(f[0].message.startsWith('cni.cilium.values.requireIPv6PodCIDR: ')).toBe(true);
  });

  test('further values that are valid keys pass and reach the chart values', () => {
    const props: CiliumProps = { values: { hubble: { relay: { enabled: true } }, k8s: { requireIPv4PodCIDR: true } } };
    expect(codes(props)).toEqual([]);
  });

  test('fails when a further value contradicts the plan', () => {
    expect(codes({ values: { ipam: { mode: 'cluster-pool' }, ipv6: { enabled: false } } })).toEqual([
      'error cilium-values-conflict cni.cilium.values.ipam.mode',
      'error cilium-values-conflict cni.cilium.values.ipv6.enabled',
    ]);
  });

  test('fails when the version is not a chart version', () => {
    expect(codes({ version: 'v1.19.6' })).toEqual(['error cilium-version-format cni.cilium.version', 'info cilium-values-keys-unchecked cni.cilium.version']);
  });
});
