/**
 * The fast-check generators and properties of `npm run fuzz` (bench/fuzz.ts), shared with the
 * seeded samples inside `npm test` (test/gate/fuzz.test.ts, test/plan/fuzz.test.ts). Importing
 * this file only builds arbitraries: nothing runs.
 * Shapes: CIDR-ish strings, junk, versions, feature gates, partial records of every input, lists
 * of up to thousands of entries, and hostile objects (throwing getters, Proxies, cycles).
 * The verdict oracles (differential, metamorphic, round trip) are in bench/fuzz-oracles.ts.
 */
import fc from 'fast-check';
import { ClusterNetwork, Finding, validate } from '../lib/plan';
import { checkPolicy } from '../lib/policy/check';

export const cidrish = fc.oneof(
  fc.string(),
  fc.constantFrom('10.96.0.0/12', 'fd00::/108', '::/0', 'fe80::/64', '10.0.0.0/33', '1.2.3.4', '::ffff:0:0/96', 'fc00::/48', ' 10.0.0.0/8', '010.0.0.0/8', 'primary', '[::]:10256', '::1:80'),
  fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 40 })).map(([a, b, p]) => `${a}.${b}.0.0/${p}`),
  fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 140 })).map(([g, h, p]) => `${g.toString(16)}:${h.toString(16)}::/${p}`),
);
/** Lists of up to `max` entries; long lists are rare (they cost), short ones common. */
export const longList = <T>(item: fc.Arbitrary<T>, max = 3000) => fc.oneof({ weight: 9, arbitrary: fc.array(item, { maxLength: 4 }) }, { weight: 1, arbitrary: fc.array(item, { minLength: 5, maxLength: max }) });
export const junk = fc.oneof(fc.anything(), cidrish, longList(cidrish), cidrish.map((s) => `${s},${s}`));
export const version = fc.oneof(fc.constantFrom('1.16', '1.18', '1.20', '1.21', '1.24', '1.25', '1.27', '1.29', '1.31', '1.33', '1.34', '1.35', 'v1.33.2', '2.0'), fc.anything());
export const gates = fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom('IPv6DualStack', 'MultiCIDRServiceAllocator', 'DisableAllocatorDualWrite', 'NFTablesProxyMode', 'X'), fc.oneof(fc.boolean(), fc.anything())));

/** Options of every validator at once (each reads the keys it knows). */
export const opts = fc.record(
  { kubernetesVersion: version, featureGates: gates, serviceCidrs: junk, advertiseAddress: junk, endpointReconcilerType: fc.oneof(fc.anything(), fc.constantFrom('lease', 'none')), nodeCidrMaskSize: fc.anything(), nodeCidrMaskSizeIPv4: fc.integer({ min: -1, max: 140 }), nodeCidrMaskSizeIPv6: fc.oneof(fc.anything(), fc.integer({ min: 0, max: 140 })), allocateNodeCidrs: fc.anything(), serviceClusterIPRange: junk, os: fc.oneof(fc.anything(), fc.constantFrom('linux', 'windows')) },
  { requiredKeys: [] },
);

/** A KubeProxyConfiguration with junk fields. */
export const proxyDocument = fc.record({ apiVersion: fc.anything(), mode: fc.oneof(junk, fc.constantFrom('iptables', 'ipvs', 'nftables', 'userspace', 'kernelspace')), clusterCIDR: junk, nodePortAddresses: junk, bindAddress: junk, healthzBindAddress: junk, metricsBindAddress: junk, detectLocalMode: fc.oneof(junk, fc.constantFrom('ClusterCIDR', 'BridgeInterface')), detectLocal: fc.anything(), featureGates: gates, ipvs: fc.anything() }, { requiredKeys: [] });
export const proxy = fc.oneof(junk, proxyDocument);

/** A Service with junk fields. */
export const serviceDocument = fc.record(
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
);
export const service = fc.oneof(junk, serviceDocument);

/** kubeadm ClusterConfiguration.networking with junk fields. */
export const networkingDocument = fc.record({ podSubnet: junk, serviceSubnet: junk, dnsDomain: junk }, { requiredKeys: [] });
export const networking = fc.oneof(junk, networkingDocument);

export const node = fc.oneof(fc.anything(), fc.record({ name: fc.oneof(fc.constantFrom('n1', 'n2'), fc.anything()), ipv4: junk, ipv6: junk, ipv6DefaultGateway: junk, controlPlane: fc.anything() }, { requiredKeys: [] }));

/** A ClusterNetworkSpec with junk fields (or anything at all). */
export const spec = fc.oneof(
  fc.anything(),
  fc.record(
    { kubernetesVersion: version, featureGates: gates, podCidrs: junk, serviceCidrs: junk, nodeMaskIPv4: fc.anything(), nodeMaskIPv6: fc.integer({ min: -5, max: 140 }), maxPodsPerNode: fc.anything(), nodes: fc.oneof(fc.anything(), longList(node, 2000)), nodeNetworks: junk, expectedNodes: fc.anything(), expectedServices: fc.anything(), dnsDomain: fc.anything(), ipv6NatOutgoing: fc.anything() },
    { requiredKeys: [] },
  ),
);

/** What one fuzz case produced: the findings, and whether the input was rejected. */
export interface FuzzOutcome {
  readonly findings: readonly Finding[];
  readonly rejected: boolean;
}

const judged = (findings: readonly Finding[]): FuzzOutcome => ({ findings, rejected: findings.some((f) => f.severity === 'error') });

/**
 * A value to be made hostile when a case runs: an object whose getters throw, a Proxy whose traps
 * throw (or pass through), a cycle, a revoked Proxy. fast-check inspects the values it generates,
 * so they are generated as descriptions and built by `materialize` inside the property.
 */
export class Hostile {
  constructor(
    public readonly value: unknown,
    public readonly how: 'getters' | 'proxy-throws' | 'proxy-through' | 'cycle' | 'revoked' | 'late-throw',
    public readonly key: string,
  ) {}

  public toString(): string {
    return `Hostile(${this.how})`;
  }
}

export function hostile<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<Hostile> {
  return fc.tuple(arb, fc.constantFrom<Hostile['how']>('getters', 'proxy-throws', 'proxy-through', 'cycle', 'revoked', 'late-throw'), fc.string({ maxLength: 12 })).map(([v, how, key]) => new Hostile(v, how, key));
}

const boom = (): never => {
  throw new Error('hostile trap');
};

/** Build the hostile values a generated input describes (anywhere inside it). */
export function materialize(x: unknown): unknown {
  if (x instanceof Hostile) return build(x);
  if (Array.isArray(x)) return x.map(materialize);
  if (typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) out[k] = materialize(v);
    return out;
  }
  return x;
}

function build(h: Hostile): unknown {
  const v = materialize(h.value);
  if (typeof v !== 'object' || v === null) {
    return h.how === 'proxy-throws' ? new Proxy({}, { get: boom, ownKeys: boom, has: boom }) : v;
  }
  switch (h.how) {
    case 'getters': {
      const o: Record<string, unknown> = Array.isArray(v) ? ([...v] as unknown as Record<string, unknown>) : { ...(v as Record<string, unknown>) };
      const keys = Object.keys(o);
      const k = keys.length > 0 ? keys[h.key.length % keys.length] : h.key;
      Object.defineProperty(o, k, { enumerable: true, get: boom });
      return o;
    }
    case 'proxy-throws':
      return new Proxy(v as object, { get: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, has: boom });
    case 'proxy-through':
      return new Proxy(v as object, {});
    case 'cycle': {
      const o = { ...(v as Record<string, unknown>) };
      Object.defineProperty(o, h.key || 'self', { value: o, enumerable: true, writable: true, configurable: true });
      return o;
    }
    case 'revoked': {
      const r = Proxy.revocable(v as object, {});
      r.revoke();
      return r.proxy;
    }
    default: {
      // Reads work at first, then throw: a getter that fails on the second look.
      let reads = 0;
      return new Proxy(v as object, { get: (t, p) => (reads++ > 1 ? boom() : Reflect.get(t, p)) });
    }
  }
}

/** Every fuzz target: ClusterNetwork.plan and each validator, as cases that run on call. */
export const FUZZ_TARGETS: ReadonlyArray<[string, fc.Arbitrary<() => FuzzOutcome>]> = [
  ['ClusterNetwork.plan', spec.map((s) => () => {
    const plan = ClusterNetwork.plan(s as never);
    return { findings: plan.findings, rejected: !plan.ok };
  })],
  ['validate.serviceClusterIPRange', fc.tuple(junk, opts).map(([v, o]) => () => judged(validate.serviceClusterIPRange(v, o as never)))],
  ['validate.clusterCIDR', fc.tuple(junk, opts).map(([v, o]) => () => judged(validate.clusterCIDR(v, o as never)))],
  ['validate.kubeProxyConfiguration', fc.tuple(proxy, opts).map(([v, o]) => () => judged(validate.kubeProxyConfiguration(v, o as never)))],
  ['validate.kubeadmNetworking', fc.tuple(networking, opts).map(([v, o]) => () => judged(validate.kubeadmNetworking(v, o as never)))],
  ['validate.service', fc.tuple(service, opts).map(([v, o]) => () => judged(validate.service(v, o as never)))],
];

const hostileSpec = fc.oneof(
  hostile(spec),
  spec.chain((s) => (typeof s === 'object' && s !== null && !Array.isArray(s) ? hostile(fc.constant((s as Record<string, unknown>).nodes)).map((n) => ({ ...(s as object), nodes: n })) : fc.constant(s))),
);
const podish = fc.record({ apiVersion: fc.constantFrom('v1', 'apps/v1', 'batch/v1', 'rbac.authorization.k8s.io/v1'), kind: fc.constantFrom('Deployment', 'DaemonSet', 'Job', 'CronJob', 'Pod', 'ClusterRole', 'RoleBinding', 'Namespace'), metadata: fc.anything(), spec: fc.anything(), rules: fc.anything(), roleRef: fc.anything() }, { requiredKeys: ['kind'] });

/** The same targets fed hostile objects (throwing getters, Proxies, cycles, revoked Proxies), and checkPolicy. */
export const HOSTILE_TARGETS: ReadonlyArray<[string, fc.Arbitrary<() => FuzzOutcome>]> = [
  ['ClusterNetwork.plan', hostileSpec.map((s) => () => {
    const plan = ClusterNetwork.plan(materialize(s) as never);
    return { findings: plan.findings, rejected: !plan.ok };
  })],
  ['validate.serviceClusterIPRange', fc.tuple(hostile(junk), hostile(opts)).map(([v, o]) => () => judged(validate.serviceClusterIPRange(materialize(v), materialize(o) as never)))],
  ['validate.clusterCIDR', fc.tuple(hostile(junk), hostile(opts)).map(([v, o]) => () => judged(validate.clusterCIDR(materialize(v), materialize(o) as never)))],
  ['validate.kubeProxyConfiguration', fc.tuple(hostile(proxy), opts).map(([v, o]) => () => judged(validate.kubeProxyConfiguration(materialize(v), o as never)))],
  ['validate.kubeadmNetworking', fc.tuple(hostile(networking), opts).map(([v, o]) => () => judged(validate.kubeadmNetworking(materialize(v), o as never)))],
  ['validate.service', fc.tuple(fc.oneof(hostile(service), serviceDocument.chain((d) => hostile(fc.constant(d.spec)).map((sp) => ({ ...d, spec: sp })))), opts).map(([v, o]) => () => judged(validate.service(materialize(v), o as never)))],
  ['checkPolicy', fc.oneof(hostile(fc.array(fc.oneof(fc.anything(), podish, hostile(podish)), { maxLength: 6 })), fc.anything()).map((objs) => () => {
    const v = checkPolicy(materialize(objs) as never);
    const bad = v.find((x) => typeof x.path !== 'string' || x.path.length === 0);
    return { findings: bad ? [{ severity: 'error', code: 'internal-error', path: '', message: `violation without a path: ${bad.rule}` }] : [], rejected: false };
  })],
];

/**
 * The properties every finding must hold: no `internal-error` (the validators' last-resort guard)
 * and a field path. Returns the reason a list breaks them, or undefined.
 */
export function findingsBroken(findings: readonly Finding[]): string | undefined {
  if (!Array.isArray(findings)) return 'not an array of findings';
  for (const f of findings) {
    if (f.code === 'internal-error') return `crash: ${f.message}`;
    if (typeof f.path !== 'string' || f.path.length === 0) return `finding without a field path: ${JSON.stringify(f)}`;
    // Messages stay small (issue 19 §2): a value is quoted at most 80 characters (+ its length).
    if (f.message.length > 2000 || (f.fix?.length ?? 0) > 2000) return `message of ${f.message.length} characters (${f.code} at ${f.path})`;
  }
  return undefined;
}

/** `findingsBroken`, plus: every rejection carries an error that names a field. */
export function outcomeBroken({ findings, rejected }: FuzzOutcome): string | undefined {
  const why = findingsBroken(findings);
  if (why !== undefined) return why;
  if (rejected && !findings.some((f) => f.severity === 'error' && f.path.length > 0)) return 'rejected without an error naming a field';
  return undefined;
}
