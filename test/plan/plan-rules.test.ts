import { Address } from '../../lib/net/address';
import { ClusterNetwork, ClusterNetworkSpec, IpFamily } from '../../lib/plan';
import { FIELD_REPORT_SPEC } from '../fixtures/field-report';
import { errorCodes, warningCodes } from './helpers';

describe('the field report cluster', () => {
  const plan = ClusterNetwork.plan(FIELD_REPORT_SPEC);

  test('is accepted', () => {
    expect(plan.ok).toBe(true);
    expect(errorCodes(plan.findings)).toEqual([]);
  });

  test('has the expected warnings, in order', () => {
    expect(plan.findings.map((f) => [f.path, f.code])).toEqual([
      ['kubernetesVersion', 'version-end-of-life'],
      ['kubernetesVersion', 'version-patch-unset'],
      ['serviceCidrs[1]', 'service-range-beyond-allocator'],
      ['serviceCidrs[1]', 'range-ula-global-id'],
      ['podCidrs[1]', 'range-ula-fc00'],
    ]);
  });

  test('capacity', () => {
    const [v4, v6] = plan.capacity.families;
    expect([v4.family, v4.nodesPossible, v4.podsPerNode, v4.clusterIPs]).toEqual([IpFamily.IPV4, 256n, 110, 1048574n]);
    expect([v6.family, v6.nodesPossible, v6.podsPerNode, v6.clusterIPs, v6.legacyAllocatorCapped]).toEqual([IpFamily.IPV6, 65536n, 110, 65535n, true]);
    expect(plan.capacity.nodesPossible).toBe(256n);
    expect(plan.capacity.clusterIPs).toBe(65535n);
  });

  test('first ClusterIPs and DNS ClusterIPs', () => {
    expect(plan.kubernetesServiceIP(IpFamily.IPV4)?.toString()).toBe('10.96.0.1');
    expect(plan.kubernetesServiceIP(IpFamily.IPV6)?.toString()).toBe('fd00::1');
    expect(plan.dnsServiceIP(IpFamily.IPV4)?.toString()).toBe('10.96.0.10');
    expect(plan.dnsServiceIP(IpFamily.IPV6)?.toString()).toBe('fd00::a');
  });

  test('on 1.18 (the report\'s version) it needs IPv6DualStack=true', () => {
    const old = ClusterNetwork.plan({ ...FIELD_REPORT_SPEC, kubernetesVersion: '1.18' });
    expect(errorCodes(old.findings)).toEqual(['dual-stack-gate-off', 'dual-stack-gate-off']);
    const gated = ClusterNetwork.plan({ ...FIELD_REPORT_SPEC, kubernetesVersion: '1.18', featureGates: { IPv6DualStack: true } });
    expect(gated.ok).toBe(true);
  });

  test('on 1.34 the new allocator lifts the 2^16 cap', () => {
    const p = ClusterNetwork.plan({ ...FIELD_REPORT_SPEC, kubernetesVersion: '1.34' });
    expect(p.capacity.families[1].clusterIPs).toBe(1048575n);
    expect(warningCodes(p.findings)).not.toContain('service-range-beyond-allocator');
  });

  test('with ipv6NatOutgoing false the ULA pod range warns', () => {
    expect(warningCodes(ClusterNetwork.plan({ ...FIELD_REPORT_SPEC, ipv6NatOutgoing: false }).findings)).toContain('ula-pods-without-nat');
  });
});

const V4 = { podCidrs: ['10.244.0.0/16'], serviceCidrs: ['10.96.0.0/12'] };
const V6 = { podCidrs: ['fd9c:1a2b:3c4d::/56'], serviceCidrs: ['fd9c:1a2b:3c4d:1000::/112'] };
const V4V6 = { podCidrs: ['10.244.0.0/16', 'fd9c:1a2b:3c4d::/56'], serviceCidrs: ['10.96.0.0/12', 'fd9c:1a2b:3c4d:1000::/112'] };
const V6V4 = { podCidrs: ['fd9c:1a2b:3c4d::/56', '10.244.0.0/16'], serviceCidrs: ['fd9c:1a2b:3c4d:1000::/112', '10.96.0.0/12'] };

describe('family layouts', () => {
  test.each([
    ['IPv4-only', V4, ['IPv4'], '10.96.0.1', undefined],
    ['IPv6-only', V6, ['IPv6'], undefined, 'fd9c:1a2b:3c4d:1000::1'],
    ['IPv4-primary', V4V6, ['IPv4', 'IPv6'], '10.96.0.1', 'fd9c:1a2b:3c4d:1000::1'],
    ['IPv6-primary', V6V4, ['IPv6', 'IPv4'], '10.96.0.1', 'fd9c:1a2b:3c4d:1000::1'],
  ])('%s', (_name, spec, families, first4, first6) => {
    const p = ClusterNetwork.plan(spec);
    expect(p.findings).toEqual([]);
    expect(p.families).toEqual(families);
    expect(p.primaryFamily).toBe(families[0]);
    expect(p.kubernetesServiceIP(IpFamily.IPV4)?.toString()).toBe(first4);
    expect(p.kubernetesServiceIP(IpFamily.IPV6)?.toString()).toBe(first6);
  });
});

describe('plan rules', () => {
  const base: ClusterNetworkSpec = V4V6;
  test.each<[string, Partial<ClusterNetworkSpec>, string]>([
    ['fails when pod and service ranges overlap', { serviceCidrs: ['10.244.0.0/20', 'fd9c:1a2b:3c4d:1000::/112'] }, 'ranges-overlap'],
    ['fails when a family is in podCidrs but not serviceCidrs', { serviceCidrs: ['10.96.0.0/12'] }, 'family-missing-services'],
    ['fails when a family is in serviceCidrs but not podCidrs', { podCidrs: ['10.244.0.0/16'] }, 'family-missing-pods'],
    ['fails when the pod range is link-local', { podCidrs: ['10.244.0.0/16', 'fe80::/56'] }, 'range-unusable-space'],
    ['fails when the service range is multicast', { serviceCidrs: ['10.96.0.0/12', 'ff05::/112'] }, 'range-unusable-space'],
    ['fails when the pod range is loopback', { podCidrs: ['127.0.0.0/16', 'fd9c:1a2b:3c4d::/56'] }, 'range-unusable-space'],
    ['fails when the service range is IPv4-mapped', { serviceCidrs: ['10.96.0.0/12', '::ffff:0:0/112'] }, 'cidrs-same-family'],
    ['fails when the pod range holds fewer nodes than expected', { expectedNodes: 300 }, 'capacity-nodes'],
    ['fails when the service range holds fewer Services than expected', { expectedServices: 70000 }, 'capacity-services'],
    ['fails when the IPv6 node mask is more than 16 bits from the pod prefix', { podCidrs: ['10.244.0.0/16', 'fd9c:1a2b::/32'] }, 'node-mask-too-far'],
    ['fails when the IPv4 node mask is more than 16 bits from the pod prefix (kubeadm)', { podCidrs: ['10.0.0.0/7', 'fd9c:1a2b:3c4d::/56'] }, 'node-mask-too-far'],
    ['fails when IPv6DualStack is set on 1.25', { featureGates: { IPv6DualStack: true } }, 'feature-gate-removed'],
    ['fails when the service range is too large for 1.33', { kubernetesVersion: '1.33', serviceCidrs: ['10.96.0.0/12', 'fd9c:1a2b:3c4d:1000::/64'] }, 'service-range-too-large'],
    ['fails when a node address is inside the pod range', { nodes: [{ name: 'n1', ipv4: '10.244.3.4', ipv6: '2001:db8::1' }] }, 'node-address-in-cluster-range'],
    ['fails when the control-plane node lacks the primary service family', { podCidrs: V6V4.podCidrs, serviceCidrs: V6V4.serviceCidrs, nodes: [{ name: 'cp', ipv4: '192.168.1.10/24' }] }, 'advertise-address-family'],
  ])('%s', (_name, over, code) => {
    expect(errorCodes(ClusterNetwork.plan({ ...base, ...over }).findings)).toContain(code);
  });

  test.each<[string, Partial<ClusterNetworkSpec>, string]>([
    ['primary pod and service families disagree', { serviceCidrs: ['fd9c:1a2b:3c4d:1000::/112', '10.96.0.0/12'] }, 'primary-family-mismatch'],
    ['fec0::/10 is deprecated', { podCidrs: ['10.244.0.0/16', 'fec0::/56'] }, 'range-site-local'],
    ['fd00::/108 has a zero global ID', { serviceCidrs: ['10.96.0.0/12', 'fd00::/112'] }, 'range-ula-global-id'],
    ['a /26 node mask holds fewer pods than maxPodsPerNode', { nodeMaskIPv4: 26 }, 'capacity-pods-per-node'],
    ['a dual-stack node lacks an IPv6 address', { nodes: [{ name: 'n1', ipv4: '192.168.1.10/24' }] }, 'node-family-missing'],
  ])('warns when %s', (_name, over, code) => {
    const p = ClusterNetwork.plan({ ...base, ...over });
    expect(errorCodes(p.findings)).toEqual([]);
    expect(warningCodes(p.findings)).toContain(code);
  });

  test('ClusterNetwork.of throws every error at once', () => {
    expect(() => ClusterNetwork.of({ podCidrs: ['10.244.0.0/16', 'fe80::/56'], serviceCidrs: ['10.96.0.0/12'] })).toThrow(/2 errors/);
  });

  test('a node address inside the service range names the node field', () => {
    const f = ClusterNetwork.plan({ ...V4, nodes: [{ name: 'n1', ipv4: '10.96.0.5/24' }] }).findings.find((x) => x.code === 'node-address-in-cluster-range')!;
    expect(f.path).toBe('nodes[0].ipv4');
    expect(Address.parse('10.96.0.5').toString()).toBe('10.96.0.5');
  });
});
