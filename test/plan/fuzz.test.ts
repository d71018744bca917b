import fc from 'fast-check';
import { ClusterNetwork, Finding, validate } from '../../lib/plan';

// Arbitrary junk and near-miss network text: validators and the plan never throw, and every
// finding names a field.
const cidrish = fc.oneof(
  fc.string(),
  fc.constantFrom('10.96.0.0/12', 'fd00::/108', '::/0', 'fe80::/64', '10.0.0.0/33', '1.2.3.4', '::ffff:0:0/96', 'fc00::/48', ' 10.0.0.0/8', '010.0.0.0/8'),
  fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 40 })).map(([a, b, p]) => `${a}.${b}.0.0/${p}`),
  fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 140 })).map(([g, p]) => `${g.toString(16)}::/${p}`),
);
const junk = fc.oneof(fc.anything(), cidrish, fc.array(cidrish, { maxLength: 4 }), cidrish.map((s) => `${s},${s}`));
const version = fc.oneof(fc.constantFrom('1.16', '1.18', '1.20', '1.21', '1.25', '1.29', '1.31', '1.33', '1.34', '1.35', 'v1.33.2'), fc.anything());
const gates = fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom('IPv6DualStack', 'MultiCIDRServiceAllocator', 'DisableAllocatorDualWrite', 'NFTablesProxyMode', 'X'), fc.oneof(fc.boolean(), fc.anything())));
const opts = fc.record({ kubernetesVersion: version, featureGates: gates, serviceCidrs: junk, advertiseAddress: junk, nodeCidrMaskSizeIPv6: fc.anything(), nodeCidrMaskSizeIPv4: fc.integer({ min: -1, max: 140 }), os: fc.anything() }, { requiredKeys: [] });

function wellFormed(findings: Finding[]): void {
  expect(Array.isArray(findings)).toBe(true);
  for (const f of findings) {
    expect(typeof f.path).toBe('string');
    expect(f.path.length).toBeGreaterThan(0);
    expect(f.message.length).toBeGreaterThan(0);
    expect(f.code).not.toBe('internal-error');
  }
}

const RUNS = { numRuns: 300 };

describe('fuzzing', () => {
  test.each([
    ['serviceClusterIPRange', (v: unknown, o: unknown) => validate.serviceClusterIPRange(v, o as never)],
    ['clusterCIDR', (v: unknown, o: unknown) => validate.clusterCIDR(v, o as never)],
    ['kubeProxyConfiguration', (v: unknown, o: unknown) => validate.kubeProxyConfiguration(v, o as never)],
    ['kubeadmNetworking', (v: unknown, o: unknown) => validate.kubeadmNetworking(v, o as never)],
    ['service', (v: unknown, o: unknown) => validate.service(v, o as never)],
  ])('validate.%s never throws on junk', (_name, fn) => {
    fc.assert(fc.property(junk, opts, (v, o) => wellFormed(fn(v, o))), RUNS);
  });

  test('structured documents with junk fields', () => {
    const proxy = fc.record({ mode: junk, clusterCIDR: junk, nodePortAddresses: junk, bindAddress: junk, healthzBindAddress: junk, metricsBindAddress: junk, detectLocalMode: junk, featureGates: gates }, { requiredKeys: [] });
    const service = fc.record({ metadata: fc.oneof(fc.anything(), fc.record({ name: fc.string() })), spec: fc.oneof(fc.anything(), fc.record({ type: fc.constantFrom('ClusterIP', 'NodePort', 'ExternalName', 'x'), clusterIP: junk, clusterIPs: junk, ipFamilies: fc.oneof(junk, fc.array(fc.constantFrom('IPv4', 'IPv6', 'x'))), ipFamilyPolicy: fc.oneof(junk, fc.constantFrom('SingleStack', 'PreferDualStack', 'RequireDualStack')), ports: fc.anything() }, { requiredKeys: [] })) }, { requiredKeys: [] });
    fc.assert(fc.property(proxy, opts, (c, o) => wellFormed(validate.kubeProxyConfiguration(c, o as never))), RUNS);
    fc.assert(fc.property(service, opts, (s, o) => wellFormed(validate.service(s, o as never))), RUNS);
    fc.assert(fc.property(fc.record({ podSubnet: junk, serviceSubnet: junk, dnsDomain: junk }, { requiredKeys: [] }), opts, (n, o) => wellFormed(validate.kubeadmNetworking(n, o as never))), RUNS);
  });

  test('ClusterNetwork.plan never throws on junk specs', () => {
    const node = fc.oneof(fc.anything(), fc.record({ name: fc.oneof(fc.constantFrom('n1', 'n2'), fc.anything()), ipv4: junk, ipv6: junk, ipv6DefaultGateway: junk, controlPlane: fc.anything() }, { requiredKeys: [] }));
    const spec = fc.oneof(
      fc.anything(),
      fc.record(
        { kubernetesVersion: version, featureGates: gates, podCidrs: junk, serviceCidrs: junk, nodeMaskIPv4: fc.anything(), nodeMaskIPv6: fc.integer({ min: -5, max: 140 }), maxPodsPerNode: fc.anything(), nodes: fc.oneof(fc.anything(), fc.array(node, { maxLength: 3 })), nodeNetworks: junk, expectedNodes: fc.anything(), expectedServices: fc.anything(), dnsDomain: fc.anything(), ipv6NatOutgoing: fc.anything() },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(spec, (s) => {
        const p = ClusterNetwork.plan(s as never);
        wellFormed([...p.findings]);
      }),
      RUNS,
    );
  });
});
