import { calicoDataplaneFor, CalicoEncapsulation, CalicoLinuxDataplane, CalicoMode, CalicoOptions, FlannelBackend, FlannelOptions, NodeAddressAutodetection } from '../../lib/cni';
import { KubeProxyMode } from '../../lib/plan/rules/kube-proxy';
import { ClusterNetwork, ClusterNetworkSpec } from '../../lib/plan';
import { calicoFindings } from '../../lib/cni/calico/rules';
import { flannelFindings } from '../../lib/cni/flannel/rules';
import { FIELD_REPORT, FIXED_RANDOM, IPV4_ONLY } from './helpers';

const ULA_OK: ClusterNetworkSpec = { ...FIELD_REPORT, podCidrs: ['172.16.0.0/16', 'fd12:3456:789a::/48'] };
// The block-size explanation (info) is tested on its own below; the table lists warnings and errors.
const codes = (spec: ClusterNetworkSpec, o: CalicoOptions) =>
  calicoFindings(ClusterNetwork.plan(spec), o, { random: FIXED_RANDOM })
    .filter((f) => f.severity !== 'info')
    .map((f) => `${f.severity}:${f.code}`);

describe('calicoFindings', () => {
  test.each<[string, ClusterNetworkSpec, CalicoOptions, string[]]>([
    ['a clean plan has no warning or error', ULA_OK, {}, []],
    ['fails when a pool override lies outside the cluster CIDR', ULA_OK, { ipv4Pool: { cidr: '10.0.0.0/16', blockSize: 24 } }, ['error:calico-pool-outside-cluster-cidr']],
    ['fails when a pool override does not parse', ULA_OK, { ipv4Pool: { cidr: '172.16.0.1/16', blockSize: 24 } }, ['error:calico-pool-cidr-invalid']],
    ['fails when a pool override is the other family', ULA_OK, { ipv4Pool: { cidr: 'fd12:3456:789a::/64', blockSize: 24 } }, ['error:calico-pool-cidr-family']],
    ['fails when the IPv4 block size is out of range', ULA_OK, { ipv4Pool: { blockSize: 19 }, ipv6Pool: { blockSize: 116 } }, ['error:calico-block-size-range']],
    ['fails when the IPv6 block size is out of range', ULA_OK, { ipv4Pool: { blockSize: 24 }, ipv6Pool: { blockSize: 112 } }, ['error:calico-block-size-range']],
    ['fails when the block is larger than the pool', { ...ULA_OK, podCidrs: ['172.16.0.0/24', 'fd12:3456:789a::/48'] }, { ipv4Pool: { blockSize: 20 }, ipv6Pool: { blockSize: 116 } }, ['error:calico-block-size-shorter-than-pool']],
    ['fails when the IPv6 pool asks for IPIP', ULA_OK, { ipv4Pool: { blockSize: 24 }, ipv6Pool: { blockSize: 116, encapsulation: CalicoEncapsulation.IPIP } }, ['error:calico-ipip-ipv6']],
    ['IPIP on the IPv4 pool is fine', ULA_OK, { ipv4Pool: { blockSize: 24, encapsulation: CalicoEncapsulation.IPIP_CROSS_SUBNET }, ipv6Pool: { blockSize: 116 } }, []],
    ['warns when a ULA pool has no NAT outgoing', ULA_OK, { ipv4Pool: { blockSize: 24 }, ipv6Pool: { blockSize: 116, natOutgoing: false } }, ['warning:calico-ula-no-nat-outgoing']],
    // The pool equal to the pod range: the plan's own range-ula-fc00 warning covers it, once.
    ['leaves fc00::/48 as the pod range to the plan\'s warning', FIELD_REPORT, { ipv4Pool: { blockSize: 24 }, ipv6Pool: { blockSize: 116 } }, []],
    ['warns about an overriding pool in fc00::/8', FIELD_REPORT, { ipv4Pool: { blockSize: 24 }, ipv6Pool: { cidr: 'fc00::/56', blockSize: 116 } }, ['warning:calico-pool-undefined-ula']],
    ['fails when operator mode gets a Calico version without a known operator', ULA_OK, { version: 'v3.30.9', ipv4Pool: { blockSize: 24 }, ipv6Pool: { blockSize: 116 } }, ['error:calico-operator-version-unknown']],
    ['manifest mode takes any release tag, with a warning when the pin table does not know it', ULA_OK, { mode: CalicoMode.MANIFEST, version: 'v3.30.9', ipv4Pool: { blockSize: 24 }, ipv6Pool: { blockSize: 116 } }, ['warning:version-not-in-pin-table']],
    ['fails when the version is not a tag', ULA_OK, { version: 'latest', ipv4Pool: { blockSize: 24 }, ipv6Pool: { blockSize: 116 } }, ['error:calico-version-format']],
    ['warns when an override names a family the plan lacks', IPV4_ONLY, { ipv4Pool: { blockSize: 24 }, ipv6Pool: { blockSize: 116 } }, ['warning:calico-pool-family-absent']],
    ['warns about firstFound', ULA_OK, { ipv4Pool: { blockSize: 24 }, ipv6Pool: { blockSize: 116 }, nodeAddressAutodetectionV4: NodeAddressAutodetection.firstFound() }, ['warning:calico-autodetect-first-found']],
    ['fails when autodetection cidrs are link-local', ULA_OK, { ipv4Pool: { blockSize: 24 }, ipv6Pool: { blockSize: 116 }, nodeAddressAutodetectionV6: NodeAddressAutodetection.cidrs(['fe80::/64']) }, ['error:calico-autodetect-link-local']],
    ['fails when autodetection cidrs are the wrong family', ULA_OK, { ipv4Pool: { blockSize: 24 }, ipv6Pool: { blockSize: 116 }, nodeAddressAutodetectionV4: NodeAddressAutodetection.cidrs(['2003:ac18::/64']) }, ['error:calico-autodetect-cidr-family']],
  ])('%s', (_name, spec, options, expected) => {
    expect(codes(spec, options)).toEqual(expected);
  });

  test('the out-of-cluster message names the path, quotes the value and says the fix', () => {
    const [f] = calicoFindings(ClusterNetwork.plan(ULA_OK), { ipv4Pool: { cidr: '10.0.0.0/16', blockSize: 24 } });
    expect(f).toMatchObject({ severity: 'error', path: 'cni.calico.ipv4Pool.cidr' });
    expect(f.message).toBe(
      'cni.calico.ipv4Pool.cidr: "10.0.0.0/16" is not inside the cluster\'s IPv4 pod CIDR "172.16.0.0/16": pods would get addresses kube-proxy and the controller-manager treat as outside the cluster',
    );
    expect(f.fix).toBe('leave it out (the pool then equals "172.16.0.0/16") or choose a subnet of it');
  });

  test('the fc00::/8 pool warning suggests a generated fd00::/8 prefix of the same length', () => {
    const f = calicoFindings(ClusterNetwork.plan(FIELD_REPORT), { ipv6Pool: { cidr: 'fc00::/56' } }, { random: FIXED_RANDOM }).find((x) => x.code === 'calico-pool-undefined-ula')!;
    expect(f.path).toBe('cni.calico.ipv6Pool.cidr');
    expect(f.fix).toContain('"fd12:3456:789a::/56"');
  });

  test.each([
    ['default blocks: both families explained', {}, ['cni.calico.ipv4Pool.blockSize', 'cni.calico.ipv6Pool.blockSize']],
    ['IPv4 block equal to the node mask: only IPv6 explained', { ipv4Pool: { blockSize: 24 } }, ['cni.calico.ipv6Pool.blockSize']],
    ['no explanation for a block size that is refused', { ipv4Pool: { blockSize: 19 } }, ['cni.calico.ipv6Pool.blockSize']],
  ])('block size vs node mask: %s', (_n, o, paths) => {
    const info = calicoFindings(ClusterNetwork.plan(ULA_OK), o as CalicoOptions).filter((f) => f.code === 'calico-block-size-node-mask');
    expect(info.map((f) => [f.severity, f.path])).toEqual(paths.map((p) => ['info', p]));
  });

  test('the block-size explanation counts blocks against maxPods', () => {
    const f = calicoFindings(ClusterNetwork.plan(ULA_OK), {}).find((x) => x.path === 'cni.calico.ipv4Pool.blockSize')!;
    expect(f.message).toContain('/26 blocks of 64 addresses on demand, so a node running maxPods 110 takes 2 blocks');
  });
});

const fcodes = (spec: ClusterNetworkSpec, o: FlannelOptions) => flannelFindings(ClusterNetwork.plan(spec), o, { random: FIXED_RANDOM }).map((f) => `${f.severity}:${f.code}`);

describe('calicoFindings: dataplane and kube-proxy mode (Calico docs "Calico nftables data plane")', () => {
  const NFT = CalicoLinuxDataplane.NFTABLES;
  const IPT = CalicoLinuxDataplane.IPTABLES;
  const pools = { ipv4Pool: { blockSize: 24 }, ipv6Pool: { blockSize: 116 } };
  const dp = (o: CalicoOptions, kubeProxyMode: KubeProxyMode | undefined, spec: ClusterNetworkSpec = ULA_OK) =>
    calicoFindings(ClusterNetwork.plan(spec), { ...pools, ...o }, { random: FIXED_RANDOM, kubeProxyMode })
      .filter((f) => f.severity !== 'info')
      .map((f) => `${f.severity}:${f.code}`);
  test.each<[string, CalicoOptions, KubeProxyMode | undefined, string[]]>([
    ['fails when kube-proxy nftables meets the default (iptables) dataplane', {}, KubeProxyMode.NFTABLES, ['error:calico-dataplane-kube-proxy']],
    ['fails when kube-proxy nftables meets an explicit iptables dataplane', { linuxDataplane: IPT }, KubeProxyMode.NFTABLES, ['error:calico-dataplane-kube-proxy']],
    ['fails when the nftables dataplane meets kube-proxy iptables', { linuxDataplane: NFT }, KubeProxyMode.IPTABLES, ['error:calico-dataplane-kube-proxy']],
    ['fails when the nftables dataplane meets kube-proxy ipvs', { linuxDataplane: NFT }, KubeProxyMode.IPVS, ['error:calico-dataplane-kube-proxy']],
    ['nftables with nftables is fine', { linuxDataplane: NFT }, KubeProxyMode.NFTABLES, []],
    ['iptables with iptables is fine', {}, KubeProxyMode.IPTABLES, []],
    ['iptables with ipvs is fine', { linuxDataplane: IPT }, KubeProxyMode.IPVS, []],
    ['an unknown kube-proxy mode is not checked', { linuxDataplane: NFT }, undefined, []],
    ['fails when the dataplane is not one this package renders', { linuxDataplane: 'BPF' as CalicoLinuxDataplane }, undefined, ['error:calico-linux-dataplane']],
  ])('%s', (_name, o, mode, expected) => {
    expect(dp(o, mode)).toEqual(expected);
  });

  test('fails when a node kernel is older than 5.13 with the nftables dataplane', () => {
    const spec: ClusterNetworkSpec = { ...ULA_OK, nodes: ULA_OK.nodes!.map((n, i) => ({ ...n, kernelVersion: i === 0 ? '5.10.0-28-amd64' : '6.1' })) };
    expect(dp({ linuxDataplane: NFT }, KubeProxyMode.NFTABLES, spec)).toEqual(['error:calico-nftables-kernel']);
    expect(dp({}, KubeProxyMode.IPTABLES, spec)).toEqual([]);
  });

  test('the mismatch message names the path, quotes both modes and gives the fix', () => {
    const [f] = calicoFindings(ClusterNetwork.plan(ULA_OK), pools, { kubeProxyMode: KubeProxyMode.NFTABLES }).filter((x) => x.code === 'calico-dataplane-kube-proxy');
    expect(f.path).toBe('cni.calico.linuxDataplane');
    expect(f.message).toContain('"Iptables" (the default)');
    expect(f.message).toContain('"nftables" mode');
    expect(f.fix).toContain('CalicoLinuxDataplane.NFTABLES ("Nftables")');
    expect(f.source).toContain('nftables');
  });

  test.each<[KubeProxyMode | undefined, CalicoLinuxDataplane]>([
    [KubeProxyMode.NFTABLES, CalicoLinuxDataplane.NFTABLES],
    [KubeProxyMode.IPTABLES, CalicoLinuxDataplane.IPTABLES],
    [KubeProxyMode.IPVS, CalicoLinuxDataplane.IPTABLES],
    [undefined, CalicoLinuxDataplane.IPTABLES],
  ])('calicoDataplaneFor(%s) is %s, and that pairing has no finding', (mode, want) => {
    expect(calicoDataplaneFor(mode)).toBe(want);
    expect(dp({ linuxDataplane: calicoDataplaneFor(mode) }, mode ?? KubeProxyMode.IPTABLES)).toEqual([]);
  });
});

describe('calicoFindings: Kubernetes versions the Calico release supports', () => {
  const pools = { ipv4Pool: { blockSize: 24 }, ipv6Pool: { blockSize: 116 } };
  const at = (version: string, o: CalicoOptions = {}) =>
    calicoFindings(ClusterNetwork.plan({ ...ULA_OK, kubernetesVersion: version, featureGates: version < '1.23' ? { IPv6DualStack: true } : undefined }), { ...pools, ...o })
      .filter((f) => f.code === 'calico-kubernetes-version')
      .map((f) => `${f.severity}:${f.code}`);
  test.each<[string, string, CalicoOptions, string[]]>([
    ['warns when the default Calico meets Kubernetes 1.18 (field report era)', '1.18', {}, ['warning:calico-kubernetes-version']],
    ['warns when manifest mode runs v3.32 on 1.20', '1.20', { mode: CalicoMode.MANIFEST }, ['warning:calico-kubernetes-version']],
    ['1.21 is at the floor', '1.21', {}, []],
    ['1.33 is fine', '1.33', {}, []],
    ['an older pinned Calico on 1.18 is the fix, not a finding', '1.18', { mode: CalicoMode.MANIFEST, version: 'v3.20.0' }, []],
  ])('%s', (_name, version, o, expected) => {
    expect(at(version, o)).toEqual(expected);
  });

  test('the warning names the tested range and, in operator mode, says to pin an older release in manifest mode', () => {
    const [f] = calicoFindings(ClusterNetwork.plan({ ...ULA_OK, kubernetesVersion: '1.18', featureGates: { IPv6DualStack: true } }), pools).filter((x) => x.code === 'calico-kubernetes-version');
    expect(f.path).toBe('cni.calico.version');
    expect(f.message).toContain('"v3.32.1" is tested against Kubernetes 1.34–1.36');
    expect(f.message).toContain('below Kubernetes "1.21"');
    expect(f.message).toContain('"1.18"');
    expect(f.fix).toContain('CalicoMode.MANIFEST');
    expect(f.fix).toContain('v3.17–v3.20');
  });
});

describe('flannelFindings', () => {
  test.each<[string, ClusterNetworkSpec, FlannelOptions, string[]]>([
    ['vxlan on a dual-stack plan is fine', ULA_OK, {}, []],
    ['host-gw and wireguard carry IPv6', ULA_OK, { backend: FlannelBackend.HOST_GW }, []],
    ['fails when udp is used on a dual-stack plan', ULA_OK, { backend: FlannelBackend.UDP }, ['error:flannel-backend-no-ipv6']],
    ['fails when ipip is used on a dual-stack plan', ULA_OK, { backend: FlannelBackend.IPIP }, ['error:flannel-backend-no-ipv6']],
    ['udp on an IPv4-only plan is allowed', IPV4_ONLY, { backend: FlannelBackend.UDP }, []],
    // IPv6Network is the plan's pod range: the plan's range-ula-fc00 warning covers it.
    ['leaves fc00::/48 to the plan\'s warning', FIELD_REPORT, {}, []],
    ['fails when publicIPv6 is IPv4', ULA_OK, { publicIPv6: '192.168.101.53' }, ['error:flannel-public-ipv6']],
    ['fails when ifaceCanReach is not an address', ULA_OK, { ifaceCanReach: 'gateway' }, ['error:flannel-iface-can-reach']],
    ['warns when a node has no IPv6 default route', { ...ULA_OK, nodes: [{ name: 'a', ipv4: '192.168.101.53/24', ipv6: '2003:ac18::30a:2/64' }] }, {}, ['warning:flannel-ipv6-no-default-route']],
    ['an explicit iface silences the default-route warning', { ...ULA_OK, nodes: [{ name: 'a', ipv6: '2003:ac18::30a:2/64' }] }, { iface: ['eth0'] }, []],
  ])('%s', (_name, spec, options, expected) => {
    expect(fcodes(spec, options)).toEqual(expected);
  });
});
