/**
 * Verdict oracles of `npm run fuzz` (issue 19 §4): properties that check the answer, not only that
 * nothing crashed.
 * - differential: CIDR lists generated with a known label per entry (IPv4, IPv6, invalid) are judged
 *   by a reference of the list rule written here, independently of lib/plan/rules/common.ts
 *   (one or two entries, every entry a CIDR, two entries of different families);
 * - metamorphic: reordering nodes, changing the letter case of IPv6 text, adding leading spaces
 *   to spec entries change no verdict; a leading space in a component flag entry turns the verdict
 *   into "refused" at that entry (components split on "," without trimming);
 * - round trip: every generated valid spec plans without error, the flags and documents rendered
 *   from the plan pass the validators, and the spec written as YAML and read back by the CLI loader
 *   plans to the same verdict and codes.
 * Each oracle returns the reason a case broke it, or undefined.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { apiServerFlags, controllerManagerFlags } from '../lib/control-plane/flags';
import { renderClusterConfiguration } from '../lib/control-plane/render-kubeadm';
import { renderKubeProxyConfiguration } from '../lib/kube-proxy/render';
import { ClusterNetwork, ClusterNetworkSpec, Finding, validate } from '../lib/plan';
import { indexedPaths, parseCidrList } from '../lib/plan/rules/common';
import { loadSpec } from '../lib/cli/spec-file';

/** One generated list entry and what it is by construction. */
export interface LabelledEntry {
  readonly text: string;
  /** The family Go gives it (an IPv4-mapped IPv6 network counts as IPv4), or 'bad'. */
  readonly kind: 4 | 6 | 'bad';
  /** The family once surrounding whitespace is trimmed, for an entry that is bad only for its spaces. */
  readonly trimmed?: 4 | 6;
}

const octet = fc.integer({ min: 0, max: 255 });
const hex = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));

const v4Entry: fc.Arbitrary<LabelledEntry> = fc.tuple(octet, octet, octet, octet, fc.integer({ min: 0, max: 32 })).map(([a, b, c, d, p]) => ({ text: `${a}.${b}.${c}.${d}/${p}`, kind: 4 as const }));

/** IPv6 text: 8 groups, one run of zero groups possibly compressed, random case. */
const v6Entry: fc.Arbitrary<LabelledEntry> = fc
  .tuple(fc.array(hex, { minLength: 8, maxLength: 8 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 128 }), fc.boolean())
  .map(([groups, from, len, p, upper]) => {
    const g = [...groups];
    const end = Math.min(8, from + len);
    let text: string;
    if (len >= 2 && from < 8) {
      for (let i = from; i < end; i++) g[i] = '0';
      text = `${g.slice(0, from).join(':')}::${g.slice(end).join(':')}`;
    } else {
      text = g.join(':');
    }
    text = upper ? text.toUpperCase() : text;
    // Go counts a network as IPv4 when its masked address is IPv4-mapped (net.IP.To4: ten zero
    // bytes, then ff ff), so only with groups 0–4 zero, group 5 ffff and a prefix of at least 96.
    const mapped = g.slice(0, 5).every((x) => parseInt(x, 16) === 0) && parseInt(g[5], 16) === 0xffff && p >= 96;
    return { text: `${text}/${p}`, kind: (mapped ? 4 : 6) as 4 | 6 };
  });

const mappedEntry: fc.Arbitrary<LabelledEntry> = fc.oneof(
  fc.tuple(octet, octet, fc.integer({ min: 96, max: 128 })).map(([a, b, p]) => ({ text: `::ffff:${a}.${b}.0.0/${p}`, kind: 4 as const })),
  // Below /96 the mask clears the ffff: Go sees an IPv6 network.
  fc.tuple(octet, fc.integer({ min: 0, max: 95 })).map(([a, p]) => ({ text: `::ffff:${a}.0.0.0/${p}`, kind: 6 as const })),
  // ::ffff:N is not mapped (ffff in group 6).
  hex.map((h) => ({ text: `::ffff:${h}/128`, kind: 6 as const })),
);

const badEntry: fc.Arbitrary<LabelledEntry> = fc
  .oneof(
    fc.constantFrom('', 'x', '10.0.0.0/33', '10.0.0.0', '1.2.3.4/', '10.0.0.256/8', 'fd00::/129', 'fd00::', ':::/64', 'fd00::1::/64', '10.0.0.0/8/8', '10.0.0.0/-1', '10.0.0.0/ 8', '[fd00::]/64', 'fd00::%eth0/64'),
    v4Entry.map((e) => ({ text: ` ${e.text}`, kind: 'bad' as const, trimmed: 4 as const })),
    v6Entry.map((e) => ({ text: `${e.text}x`, kind: 'bad' as const })),
  )
  .map((e) => (typeof e === 'string' ? { text: e, kind: 'bad' as const } : e));

export const labelledEntry = fc.oneof({ weight: 4, arbitrary: v4Entry }, { weight: 4, arbitrary: v6Entry }, { weight: 1, arbitrary: mappedEntry }, { weight: 2, arbitrary: badEntry });

/** A labelled list: as an array, or joined with "," as a flag value. */
export const labelledList = fc.tuple(fc.oneof({ weight: 8, arbitrary: fc.array(labelledEntry, { maxLength: 4 }) }, { weight: 1, arbitrary: fc.array(labelledEntry, { minLength: 5, maxLength: 2000 }) }), fc.boolean());

/** The reference: the dual-stack list rule, from its statement, on labels. */
export function referenceAccepts(entries: readonly LabelledEntry[]): boolean {
  if (entries.length < 1 || entries.length > 2) return false;
  if (entries.some((e) => e.kind === 'bad')) return false;
  return entries.length === 1 || entries[0].kind !== entries[1].kind;
}

const LIST_RULE_CODES = new Set(['cidrs-type', 'cidrs-count', 'cidr-type', 'cidr-invalid', 'cidrs-same-family']);
const listRuleErrors = (f: readonly Finding[]) => f.filter((x) => x.severity === 'error' && LIST_RULE_CODES.has(x.code));

/** Differential oracle over the shared list rule and the two flag validators that use it. */
export function differentialBroken([entries, asString]: [LabelledEntry[], boolean]): string | undefined {
  // "a,b".split(",") cannot hold an entry with ","; an empty string splits to one empty entry.
  const value: unknown = asString ? entries.map((e) => e.text).join(',') : entries.map((e) => e.text);
  const effective: LabelledEntry[] = asString && entries.length === 0 ? [{ text: '', kind: 'bad' }] : entries;
  const expected = referenceAccepts(effective);
  const f: Finding[] = [];
  const parsed = parseCidrList(value, indexedPaths('x'), { source: 'fuzz', example: '"10.0.0.0/8"' }, f);
  const rule = listRuleErrors(f).length === 0;
  if (rule !== expected || parsed.wellFormed !== expected) {
    return `list rule says ${rule ? 'accept' : 'refuse'} (wellFormed ${parsed.wellFormed}), reference says ${expected ? 'accept' : 'refuse'} for ${JSON.stringify(value).slice(0, 300)}`;
  }
  // An empty flag value is an unset flag to the components (kube-apiserver falls back to its
  // default range, the controller-manager reports a missing --cluster-cidr): not the list rule.
  if (value === '') return undefined;
  // kube-controller-manager trims the whole flag value before splitting it (processCIDRs in
  // cmd/kube-controller-manager/app/core.go): a leading space on the first entry is accepted there.
  const trimmedFirst = asString && effective.length > 0 && effective[0].trimmed !== undefined ? [{ text: effective[0].text.trim(), kind: effective[0].trimmed }, ...effective.slice(1)] : effective;
  for (const [name, fn, want] of [
    ['validate.serviceClusterIPRange', () => validate.serviceClusterIPRange(value), expected],
    ['validate.clusterCIDR', () => validate.clusterCIDR(value), referenceAccepts(trimmedFirst)],
  ] as const) {
    const ok = listRuleErrors(fn()).length === 0;
    if (ok !== want) return `${name}: list errors ${ok ? 'absent' : 'present'}, reference says ${want ? 'accept' : 'refuse'} for ${JSON.stringify(value).slice(0, 300)}`;
  }
  return undefined;
}

/** A random-looking ULA /48 (a 40-bit global ID that is not hand-picked). */
const ula48 = fc.tuple(fc.integer({ min: 0x10, max: 0xff }), fc.integer({ min: 0x1000, max: 0xffff }), fc.integer({ min: 0x1000, max: 0xffff })).map(([a, b, c]) => `fd${a.toString(16)}:${b.toString(16)}:${c.toString(16)}`);

/** A spec the plan must accept: disjoint pod, service and node ranges, one or two families, unique node names. */
export const validSpec: fc.Arbitrary<ClusterNetworkSpec> = fc
  .record({
    families: fc.constantFrom<Array<4 | 6>>([4], [6], [4, 6], [6, 4]),
    podV4: fc.integer({ min: 0, max: 95 }),
    svcV4Prefix: fc.integer({ min: 12, max: 24 }),
    ula: ula48,
    // /49–/56: the pod range stays in the lower half of the /48 (the services, subnet ffff, in the
    // upper) and holds ≥ 256 nodes of /64.
    podV6Prefix: fc.integer({ min: 49, max: 56 }),
    svcV6Prefix: fc.integer({ min: 108, max: 124 }),
    version: fc.constantFrom('1.23', '1.25', '1.27', '1.29', '1.30', '1.31', '1.33', '1.34', '1.35', 'v1.33.2'),
    nodes: fc.array(fc.record({ v4: fc.integer({ min: 1, max: 250 }), v6: fc.integer({ min: 1, max: 0xfffe }), cp: fc.boolean(), iface: fc.constantFrom(undefined, 'eth0', 'enp129s0f0', 'bond0.100') }), { maxLength: 8 }),
  })
  .map((r) => {
    const pod = { 4: `10.${r.podV4}.0.0/16`, 6: `${r.ula}::/${r.podV6Prefix}` };
    const svc = { 4: `10.96.0.0/${r.svcV4Prefix}`, 6: `${r.ula}:ffff::/${r.svcV6Prefix}` };
    const nodes = r.nodes.map((n, i) => ({
      name: `node-${i}`,
      ...(r.families.includes(4) ? { ipv4: `192.168.7.${n.v4}/24` } : {}),
      ...(r.families.includes(6) ? { ipv6: `2001:db8:7::${n.v6.toString(16)}/64`, ipv6DefaultGateway: '2001:db8:7::ffff' } : {}),
      ...(n.cp ? { controlPlane: true } : {}),
      ...(n.iface ? { interface: n.iface } : {}),
    }));
    return {
      kubernetesVersion: r.version,
      podCidrs: r.families.map((f) => pod[f]),
      serviceCidrs: r.families.map((f) => svc[f]),
      nodes,
    };
  });

/**
 * Specs with one typical mistake (or none): an exact duplicate node, a node address inside the pod
 * range, a bad interface name, a missing family on a node. The metamorphic relations hold for
 * refused specs as well as accepted ones.
 */
export const damagedSpec: fc.Arbitrary<ClusterNetworkSpec> = fc.tuple(validSpec, fc.constantFrom('none', 'duplicate', 'in-pod-range', 'interface', 'family')).map(([s, how]) => {
  const nodes = [...(s.nodes ?? [])];
  if (how === 'none' || nodes.length === 0) return s;
  const first = nodes[0];
  if (how === 'duplicate') nodes.push({ ...first });
  if (how === 'in-pod-range') nodes[0] = { ...first, ...(first.ipv4 ? { ipv4: '10.0.0.9/8' } : {}), ...(first.ipv6 ? { ipv6: `${s.podCidrs.find((c) => c.includes(':'))!.split('::')[0]}::9/64` } : {}) };
  if (how === 'interface') nodes[0] = { ...first, interface: 'eth0:bad' };
  if (how === 'family') nodes[0] = { name: first.name, ...(first.ipv4 ? { ipv4: first.ipv4 } : { ipv6: first.ipv6 }) };
  return { ...s, nodes };
});

const verdict = (f: readonly Finding[]) => `${f.some((x) => x.severity === 'error') ? 'refused' : 'accepted'} [${f.map((x) => `${x.severity}:${x.code}`).sort().join(' ')}]`;
const planVerdict = (s: unknown) => verdict(ClusterNetwork.plan(s as never).findings);

/** The IPv6 text of a spec in upper case (Go parses hex digits case-insensitively). */
function upperIpv6(s: ClusterNetworkSpec): ClusterNetworkSpec {
  const up = (t: string) => (t.includes(':') ? t.toUpperCase() : t);
  return {
    ...s,
    podCidrs: s.podCidrs.map(up),
    serviceCidrs: s.serviceCidrs.map(up),
    nodes: s.nodes?.map((n) => ({ ...n, ...(n.ipv6 ? { ipv6: up(n.ipv6) } : {}), ...(n.ipv6DefaultGateway ? { ipv6DefaultGateway: up(n.ipv6DefaultGateway) } : {}) })),
  };
}

/** Spec-level metamorphic relations, over valid specs and over the junk specs of fuzz-cases. */
export function metamorphicBroken([s, keys, pad]: [ClusterNetworkSpec, number[], string]): string | undefined {
  const base = planVerdict(s);
  const nodes = s.nodes ?? [];
  // Reordering nodes: same verdict and same codes. The control-plane default is "the first node
  // when none is marked", so the permutation keeps the first node first when none is marked.
  const rest = nodes.map((n, i) => ({ n, k: keys[i % Math.max(1, keys.length)] ?? i, i }));
  const fixedFirst = !nodes.some((n) => n.controlPlane === true);
  const moved = fixedFirst ? [rest[0], ...rest.slice(1).sort((a, b) => a.k - b.k || a.i - b.i)] : [...rest].sort((a, b) => a.k - b.k || a.i - b.i);
  const reordered = planVerdict({ ...s, nodes: moved.filter((x) => x !== undefined).map((x) => x.n) });
  if (reordered !== base) return `reordering nodes changed ${base} into ${reordered}`;
  const upper = planVerdict(upperIpv6(s));
  if (upper !== base) return `upper-case IPv6 changed ${base} into ${upper}`;
  // The spec is a typed list: entries are trimmed, so leading whitespace changes nothing.
  const padded = planVerdict({ ...s, podCidrs: s.podCidrs.map((c) => `${pad}${c}`), serviceCidrs: s.serviceCidrs.map((c) => `${pad}${c}`) });
  if (padded !== base) return `leading whitespace ${JSON.stringify(pad)} changed ${base} into ${padded}`;
  return undefined;
}

/** Flag-level metamorphic relation: a leading space in one entry of an accepted flag makes it refused there. */
export function flagWhitespaceBroken([s, which]: [ClusterNetworkSpec, number]): string | undefined {
  const list = s.serviceCidrs;
  const i = which % list.length;
  const before = validate.serviceClusterIPRange(list.join(','), { kubernetesVersion: s.kubernetesVersion });
  if (before.some((x) => x.severity === 'error')) return `valid service ranges refused: ${verdict(before)}`;
  const after = validate.serviceClusterIPRange(list.map((c, j) => (j === i ? ` ${c}` : c)).join(','), { kubernetesVersion: s.kubernetesVersion });
  if (!after.some((x) => x.severity === 'error' && x.code === 'cidr-invalid' && x.path === `--service-cluster-ip-range[${i}]`)) {
    return `a leading space in entry ${i} was not refused at that entry: ${verdict(after)}`;
  }
  return undefined;
}

function flagValue(flags: readonly { name: string; value: string }[], name: string): string | undefined {
  return flags.find((f) => f.name === name)?.value;
}

function gatesOf(flags: readonly { name: string; value: string }[]): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const kv of (flagValue(flags, 'feature-gates') ?? '').split(',').filter(Boolean)) {
    const [k, v] = kv.split('=');
    out[k] = v === 'true';
  }
  return out;
}

/** Round trip: plan → render → validate finds no error; YAML → CLI loader → plan keeps the verdict. */
export function roundTripBroken(s: ClusterNetworkSpec): string | undefined {
  const plan = ClusterNetwork.plan(s);
  if (!plan.ok) return `a generated valid spec was refused: ${verdict(plan.findings)} for ${JSON.stringify(s)}`;
  const version = plan.version.toString();
  const api = apiServerFlags(plan);
  const cm = controllerManagerFlags(plan);
  const opts = { kubernetesVersion: version, featureGates: gatesOf(api) };
  const checks: Array<[string, Finding[]]> = [
    ['--service-cluster-ip-range', validate.serviceClusterIPRange(flagValue(api, 'service-cluster-ip-range'), opts)],
    [
      '--cluster-cidr',
      validate.clusterCIDR(flagValue(cm, 'cluster-cidr'), {
        ...opts,
        nodeCidrMaskSize: flagValue(cm, 'node-cidr-mask-size') !== undefined ? Number(flagValue(cm, 'node-cidr-mask-size')) : undefined,
        nodeCidrMaskSizeIPv4: flagValue(cm, 'node-cidr-mask-size-ipv4') !== undefined ? Number(flagValue(cm, 'node-cidr-mask-size-ipv4')) : undefined,
        nodeCidrMaskSizeIPv6: flagValue(cm, 'node-cidr-mask-size-ipv6') !== undefined ? Number(flagValue(cm, 'node-cidr-mask-size-ipv6')) : undefined,
        serviceClusterIPRange: flagValue(cm, 'service-cluster-ip-range'),
      }),
    ],
    ['ClusterConfiguration.networking', validate.kubeadmNetworking((renderClusterConfiguration(plan) as unknown as { networking: unknown }).networking, opts)],
    ['KubeProxyConfiguration', validate.kubeProxyConfiguration(renderKubeProxyConfiguration(plan), opts)],
  ];
  for (const [what, f] of checks) {
    const e = f.find((x) => x.severity === 'error');
    if (e) return `our own ${what} is refused: ${e.message}`;
  }
  const loaded = loadSpec(stringify(s), 'spec.yaml', {});
  const back = verdict([...loaded.findings, ...ClusterNetwork.plan(loaded.spec).findings]);
  const direct = verdict(plan.findings);
  if (back !== direct) return `YAML round trip changed ${direct} into ${back}`;
  return undefined;
}

/** A verdict oracle: its target, its name, the cases, and what breaks it. */
export interface FuzzOracle<T> {
  readonly target: string;
  readonly oracle: string;
  readonly arb: fc.Arbitrary<T>;
  readonly broken: (value: T) => string | undefined;
  /** Share of the case budget (the default targets weigh 1). */
  readonly weight: number;
}

const oracle = <T>(o: FuzzOracle<T>): FuzzOracle<unknown> => o as unknown as FuzzOracle<unknown>;

export const FUZZ_ORACLES: readonly FuzzOracle<unknown>[] = [
  oracle({ target: 'parseCidrList + flag validators', oracle: 'differential (reference list rule)', arb: labelledList, broken: differentialBroken, weight: 1 }),
  oracle({ target: 'ClusterNetwork.plan', oracle: 'metamorphic (node order, IPv6 case, leading whitespace)', arb: fc.tuple(damagedSpec, fc.array(fc.integer(), { maxLength: 8 }), fc.constantFrom(' ', '  ', '\t')), broken: metamorphicBroken, weight: 0.5 }),
  oracle({ target: 'validate.serviceClusterIPRange', oracle: 'metamorphic (leading space refused at its entry)', arb: fc.tuple(validSpec, fc.nat()), broken: flagWhitespaceBroken, weight: 0.5 }),
  oracle({ target: 'plan → render → validate, YAML → loader → plan', oracle: 'round trip', arb: validSpec, broken: roundTripBroken, weight: 0.3 }),
];
