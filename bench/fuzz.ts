/**
 * `npm run fuzz`: ≥ 100,000 fast-check cases over ClusterNetwork.plan and every validator. Exits
 * non-zero on any exception, any `internal-error` finding, or any finding without a field path.
 * Usage: node dist-lib/bench/fuzz.js [totalCases] [seed]
 */
import fc from 'fast-check';
import { ClusterNetwork, Finding, validate } from '../lib/plan';

const total = Number(process.argv[2] ?? 100000);
const seed = process.argv[3] !== undefined ? Number(process.argv[3]) : Date.now() % 2147483647;

const cidrish = fc.oneof(
  fc.string(),
  fc.constantFrom('10.96.0.0/12', 'fd00::/108', '::/0', 'fe80::/64', '10.0.0.0/33', '1.2.3.4', '::ffff:0:0/96', 'fc00::/48', ' 10.0.0.0/8', '010.0.0.0/8', 'primary', '[::]:10256', '::1:80'),
  fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 40 })).map(([a, b, p]) => `${a}.${b}.0.0/${p}`),
  fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 140 })).map(([g, h, p]) => `${g.toString(16)}:${h.toString(16)}::/${p}`),
);
const junk = fc.oneof(fc.anything(), cidrish, fc.array(cidrish, { maxLength: 4 }), cidrish.map((s) => `${s},${s}`));
const version = fc.oneof(fc.constantFrom('1.16', '1.18', '1.20', '1.21', '1.24', '1.25', '1.27', '1.29', '1.31', '1.33', '1.34', '1.35', 'v1.33.2', '2.0'), fc.anything());
const gates = fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom('IPv6DualStack', 'MultiCIDRServiceAllocator', 'DisableAllocatorDualWrite', 'NFTablesProxyMode', 'X'), fc.oneof(fc.boolean(), fc.anything())));
const opts = fc.record(
  { kubernetesVersion: version, featureGates: gates, serviceCidrs: junk, advertiseAddress: junk, endpointReconcilerType: fc.oneof(fc.anything(), fc.constantFrom('lease', 'none')), nodeCidrMaskSize: fc.anything(), nodeCidrMaskSizeIPv4: fc.integer({ min: -1, max: 140 }), nodeCidrMaskSizeIPv6: fc.oneof(fc.anything(), fc.integer({ min: 0, max: 140 })), allocateNodeCidrs: fc.anything(), serviceClusterIPRange: junk, os: fc.oneof(fc.anything(), fc.constantFrom('linux', 'windows')) },
  { requiredKeys: [] },
);
const proxy = fc.oneof(junk, fc.record({ apiVersion: fc.anything(), mode: fc.oneof(junk, fc.constantFrom('iptables', 'ipvs', 'nftables', 'userspace', 'kernelspace')), clusterCIDR: junk, nodePortAddresses: junk, bindAddress: junk, healthzBindAddress: junk, metricsBindAddress: junk, detectLocalMode: fc.oneof(junk, fc.constantFrom('ClusterCIDR', 'BridgeInterface')), detectLocal: fc.anything(), featureGates: gates, ipvs: fc.anything() }, { requiredKeys: [] }));
const service = fc.oneof(
  junk,
  fc.record(
    {
      metadata: fc.oneof(fc.anything(), fc.record({ name: fc.oneof(fc.string(), fc.constant('web')) })),
      spec: fc.oneof(
        fc.anything(),
        fc.record(
          { type: fc.oneof(fc.anything(), fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName')), clusterIP: fc.oneof(junk, fc.constantFrom('None', '10.96.0.10', 'fd00::a', '')), clusterIPs: junk, ipFamilies: fc.oneof(junk, fc.array(fc.constantFrom('IPv4', 'IPv6', 'x'), { maxLength: 3 })), ipFamilyPolicy: fc.oneof(junk, fc.constantFrom('SingleStack', 'PreferDualStack', 'RequireDualStack')), ports: fc.oneof(fc.anything(), fc.constant([{ port: 80 }])), selector: fc.anything(), externalName: fc.anything() },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: [] },
  ),
);
const node = fc.oneof(fc.anything(), fc.record({ name: fc.oneof(fc.constantFrom('n1', 'n2'), fc.anything()), ipv4: junk, ipv6: junk, ipv6DefaultGateway: junk, controlPlane: fc.anything() }, { requiredKeys: [] }));
const spec = fc.oneof(
  fc.anything(),
  fc.record(
    { kubernetesVersion: version, featureGates: gates, podCidrs: junk, serviceCidrs: junk, nodeMaskIPv4: fc.anything(), nodeMaskIPv6: fc.integer({ min: -5, max: 140 }), maxPodsPerNode: fc.anything(), nodes: fc.oneof(fc.anything(), fc.array(node, { maxLength: 3 })), nodeNetworks: junk, expectedNodes: fc.anything(), expectedServices: fc.anything(), dnsDomain: fc.anything(), ipv6NatOutgoing: fc.anything() },
    { requiredKeys: [] },
  ),
);

function check(what: string, findings: readonly Finding[]): void {
  for (const f of findings) {
    if (f.code === 'internal-error') throw new Error(`${what}: ${f.message}`);
    if (typeof f.path !== 'string' || f.path.length === 0) throw new Error(`${what}: finding without a path: ${JSON.stringify(f)}`);
  }
}

const targets: Array<[string, fc.Arbitrary<unknown>]> = [
  ['ClusterNetwork.plan', spec.map((s) => () => check('plan', ClusterNetwork.plan(s as never).findings))],
  ['validate.serviceClusterIPRange', fc.tuple(junk, opts).map(([v, o]) => () => check('serviceClusterIPRange', validate.serviceClusterIPRange(v, o as never)))],
  ['validate.clusterCIDR', fc.tuple(junk, opts).map(([v, o]) => () => check('clusterCIDR', validate.clusterCIDR(v, o as never)))],
  ['validate.kubeProxyConfiguration', fc.tuple(proxy, opts).map(([v, o]) => () => check('kubeProxyConfiguration', validate.kubeProxyConfiguration(v, o as never)))],
  ['validate.kubeadmNetworking', fc.tuple(fc.oneof(junk, fc.record({ podSubnet: junk, serviceSubnet: junk, dnsDomain: junk }, { requiredKeys: [] })), opts).map(([v, o]) => () => check('kubeadmNetworking', validate.kubeadmNetworking(v, o as never)))],
  ['validate.service', fc.tuple(service, opts).map(([v, o]) => () => check('service', validate.service(v, o as never)))],
];

const per = Math.ceil(total / targets.length);
let failed = 0;
const t0 = Date.now();
for (const [name, arb] of targets) {
  const r = fc.check(fc.property(arb, (run) => (run as () => void)()), { numRuns: per, seed });
  if (r.failed) {
    failed++;
    console.log(`FAIL ${name}: ${r.errorInstance instanceof Error ? r.errorInstance.message : String(r.errorInstance)} (seed ${seed}, path ${r.counterexamplePath})`);
  } else {
    console.log(`ok   ${name}: ${r.numRuns} cases`);
  }
}
console.log(`fuzz: ${per * targets.length} cases in ${((Date.now() - t0) / 1000).toFixed(1)} s, seed ${seed}, ${failed} failing target(s)`);
process.exit(failed === 0 ? 0 : 1);
