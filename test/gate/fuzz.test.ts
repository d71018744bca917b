/**
 * Gate §4: a small, seeded sample of `npm run fuzz` (bench/fuzz.ts, ≥ 100,000 cases) inside
 * `npm test`: the same properties over ClusterNetwork.plan and every validator, ~2,000 cases.
 * bench/fuzz.ts runs on import and exports nothing, so its generators are restated here (same
 * shapes: CIDR-ish strings, junk, versions, feature gates, partial records).
 * Properties: no exception, no `internal-error` finding (the validators' last-resort guard),
 * every finding names a field, and every rejection carries an error that names a field.
 */
import fc from 'fast-check';
import { checkPolicy } from '../../lib/policy';
import { ClusterNetwork, Finding, validate } from '../../lib/plan';

const SEED = 20260309;
const RUNS = 340; // × 6 targets ≈ 2,000 cases

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
  { kubernetesVersion: version, featureGates: gates, serviceCidrs: junk, advertiseAddress: junk, endpointReconcilerType: fc.oneof(fc.anything(), fc.constantFrom('lease', 'none')), nodeCidrMaskSizeIPv4: fc.integer({ min: -1, max: 140 }), nodeCidrMaskSizeIPv6: fc.oneof(fc.anything(), fc.integer({ min: 0, max: 140 })), allocateNodeCidrs: fc.anything(), serviceClusterIPRange: junk },
  { requiredKeys: [] },
);
const proxy = fc.oneof(junk, fc.record({ apiVersion: fc.anything(), mode: fc.oneof(junk, fc.constantFrom('iptables', 'ipvs', 'nftables', 'userspace', 'kernelspace')), clusterCIDR: junk, nodePortAddresses: junk, bindAddress: junk, healthzBindAddress: junk, metricsBindAddress: junk, detectLocalMode: fc.oneof(junk, fc.constantFrom('ClusterCIDR', 'BridgeInterface')), featureGates: gates }, { requiredKeys: [] }));
const service = fc.oneof(
  junk,
  fc.record({
    metadata: fc.oneof(fc.anything(), fc.record({ name: fc.oneof(fc.string(), fc.constant('web')) })),
    spec: fc.oneof(
      fc.anything(),
      fc.record(
        { type: fc.oneof(fc.anything(), fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName')), clusterIP: fc.oneof(junk, fc.constantFrom('None', '10.96.0.10', 'fd00::a', '')), clusterIPs: junk, ipFamilies: fc.oneof(junk, fc.array(fc.constantFrom('IPv4', 'IPv6', 'x'), { maxLength: 3 })), ipFamilyPolicy: fc.oneof(junk, fc.constantFrom('SingleStack', 'PreferDualStack', 'RequireDualStack')), ports: fc.oneof(fc.anything(), fc.constant([{ port: 80 }])) },
        { requiredKeys: [] },
      ),
    ),
  }, { requiredKeys: [] }),
);
const node = fc.oneof(fc.anything(), fc.record({ name: fc.oneof(fc.constantFrom('n1', 'n2'), fc.anything()), ipv4: junk, ipv6: junk, ipv6DefaultGateway: junk, controlPlane: fc.anything() }, { requiredKeys: [] }));
const spec = fc.oneof(
  fc.anything(),
  fc.record(
    { kubernetesVersion: version, featureGates: gates, podCidrs: junk, serviceCidrs: junk, nodeMaskIPv4: fc.anything(), nodeMaskIPv6: fc.integer({ min: -5, max: 140 }), maxPodsPerNode: fc.anything(), nodes: fc.oneof(fc.anything(), fc.array(node, { maxLength: 3 })), nodeNetworks: junk, dnsDomain: fc.anything() },
    { requiredKeys: [] },
  ),
);

/** The properties every target must hold; returns the reason it does not, or undefined. */
function broken(findings: readonly Finding[], rejected: boolean): string | undefined {
  if (!Array.isArray(findings)) return 'not an array of findings';
  for (const f of findings) {
    if (f.code === 'internal-error') return `crash: ${f.message}`;
    if (typeof f.path !== 'string' || f.path.length === 0) return `finding without a field path: ${JSON.stringify(f)}`;
  }
  if (rejected && !findings.some((f) => f.severity === 'error' && f.path.length > 0)) return 'rejected without an error naming a field';
  return undefined;
}
const verdict = (findings: readonly Finding[]) => broken(findings, findings.some((f) => f.severity === 'error'));

test.each<[string, fc.Arbitrary<() => string | undefined>]>([
  ['ClusterNetwork.plan', spec.map((s) => () => {
    const plan = ClusterNetwork.plan(s as never);
    return broken(plan.findings, !plan.ok);
  })],
  ['validate.serviceClusterIPRange', fc.tuple(junk, opts).map(([v, o]) => () => verdict(validate.serviceClusterIPRange(v, o as never)))],
  ['validate.clusterCIDR', fc.tuple(junk, opts).map(([v, o]) => () => verdict(validate.clusterCIDR(v, o as never)))],
  ['validate.kubeProxyConfiguration', fc.tuple(proxy, opts).map(([v, o]) => () => verdict(validate.kubeProxyConfiguration(v, o as never)))],
  ['validate.kubeadmNetworking', fc.tuple(fc.oneof(junk, fc.record({ podSubnet: junk, serviceSubnet: junk, dnsDomain: junk }, { requiredKeys: [] })), opts).map(([v, o]) => () => verdict(validate.kubeadmNetworking(v, o as never)))],
  ['validate.service', fc.tuple(service, opts).map(([v, o]) => () => verdict(validate.service(v, o as never)))],
])('%s: no crash, every finding and every rejection names a field', (_name, arb) => {
  fc.assert(
    fc.property(arb, (run) => {
      const why = run();
      if (why) throw new Error(why);
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

test('checkPolicy never throws, whatever the objects', () => {
  const podish = fc.record({ kind: fc.constantFrom('Deployment', 'DaemonSet', 'Job', 'CronJob', 'Pod', 'ClusterRole', 'RoleBinding', 'Namespace'), metadata: fc.anything(), spec: fc.anything(), rules: fc.anything(), roleRef: fc.anything() }, { requiredKeys: ['kind'] });
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.anything(), podish), { maxLength: 4 }), (objs) => {
      const v = checkPolicy(objs);
      for (const x of v) if (x.path.length === 0) throw new Error(`violation without a path: ${JSON.stringify(x)}`);
    }),
    { numRuns: 300, seed: SEED },
  );
});

test('the sample exercises rejections (a property over only-accepted inputs would prove nothing)', () => {
  const plans = fc.sample(spec, { numRuns: RUNS, seed: SEED }).map((s) => ClusterNetwork.plan(s as never));
  const services = fc.sample(fc.tuple(service, opts), { numRuns: RUNS, seed: SEED }).map(([v, o]) => validate.service(v, o as never));
  expect(plans.filter((p) => !p.ok).length).toBeGreaterThan(RUNS / 2);
  expect(services.filter((f) => f.some((x) => x.severity === 'error')).length).toBeGreaterThan(RUNS / 2);
});
