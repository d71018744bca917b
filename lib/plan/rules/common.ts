/**
 * Shared pieces of the rules: how Kubernetes components read an address or a CIDR (Go's
 * `net.ParseCIDR` via k8s.io/utils/net `ParseCIDRSloppy`), the family Go gives it, the rule context
 * (version + gates) and the address-space checks every range goes through. All parsing is done by
 * lib/net; this file only decides what Kubernetes would accept.
 */
import { createHash } from 'crypto';
import { Address } from '../../net/address';
import { Cidr } from '../../net/cidr';
import { quote, typeName } from '../../net/errors';
import { AddressClass, classifyAddress, classifyCidr } from '../../net/special';
import { parseCidrSloppy } from '../../net/sloppy';
import { generateUlaPrefix, RandomSource } from '../../net/ula';
import { Finding, finding, Severity } from '../findings';
import { DEFAULT_VERSION } from '../timeline/releases';
import { gateEnabled, KubernetesVersion } from '../version';
import { versionFormatFinding, windowFinding } from './version';

/** The version and gates a rule is judged against. */
export interface RuleContext {
  readonly version: KubernetesVersion;
  readonly featureGates: Readonly<Record<string, boolean>>;
  gate(name: string): boolean;
}

/** The default target when a validator is not told the version (`ClusterNetwork.DEFAULT_KUBERNETES_VERSION` is this value). */
export const DEFAULT_RULE_VERSION = DEFAULT_VERSION;

/** A DNS-1123 label (k8s.io/apimachinery/pkg/util/validation IsDNS1123Label, without the 63 length cap): Namespace and Service names. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1123 subdomain (k8s.io/apimachinery/pkg/util/validation IsDNS1123Subdomain, without the 253 length cap): labels joined by ".". */
export const DNS1123_SUBDOMAIN = new RegExp(`^${label(DNS1123_LABEL)}(\\.${label(DNS1123_LABEL)})*$`);

function label(re: RegExp): string {
  return re.source.replace(/^\^|\$$/g, '');
}

/** Options every validator takes. */
export interface VersionOptions {
  /**
   * The Kubernetes version whose rules apply (`"1.36"`, `"v1.18.20"`).
   * @default "1.36" (`DEFAULT_VERSION` of the timeline)
   */
  readonly kubernetesVersion?: string;
  /**
   * Feature-gate overrides, as the component's `--feature-gates`.
   * @default {} - each gate at its default for the version
   */
  readonly featureGates?: Readonly<Record<string, boolean>>;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Build the rule context from validator options; junk becomes findings, never an exception. */
export function ruleContext(opts: unknown, f: Finding[]): RuleContext {
  const o = isRecord(opts) ? opts : {};
  let version = KubernetesVersion.parse(DEFAULT_RULE_VERSION);
  if (o.kubernetesVersion !== undefined) {
    const v = KubernetesVersion.tryParse(o.kubernetesVersion);
    if (!v) {
      f.push(versionFormatFinding(o.kubernetesVersion, 'opts.kubernetesVersion'));
    } else {
      // validate applies the plan's window: a version we have no rules for is an error, not a pass.
      const outside = windowFinding(o.kubernetesVersion, v, 'opts.kubernetesVersion');
      if (outside) f.push(outside);
      version = v;
    }
  }
  const gates: Record<string, boolean> = {};
  if (o.featureGates !== undefined) {
    if (!isRecord(o.featureGates)) {
      f.push(finding.error('feature-gates-type', 'opts.featureGates', `${quote(o.featureGates)} is not a map of gate name to true/false`, 'write e.g. { "NFTablesProxyMode": true }'));
    } else {
      for (const [k, v] of Object.entries(o.featureGates)) {
        if (typeof v === 'boolean') gates[k] = v;
        else f.push(finding.error('feature-gate-value', `opts.featureGates.${k}`, `${quote(v)} is not true or false`, `write ${k}: true or ${k}: false`));
      }
    }
  }
  return contextOf(version, gates);
}

export function contextOf(version: KubernetesVersion, featureGates: Readonly<Record<string, boolean>>): RuleContext {
  return { version, featureGates, gate: (name: string) => gateEnabled(name, version, featureGates) };
}

/**
 * Go's family of a parsed network: `net.ParseCIDR` turns `::ffff:a.b.c.d/n` into a 16-byte IP whose
 * `To4()` is not nil, so k8s.io/utils/net counts an IPv4-mapped network as IPv4.
 */
export function goFamily(c: Cidr | Address): 4 | 6 {
  const a = c instanceof Cidr ? c.network : c;
  return a.family === 6 && a.isIPv4Mapped ? 4 : a.family;
}

// The sloppy readers parse text, so they live in lib/net; the rules import them from here.
export { parseCidrSloppy, parseIpSloppy } from '../../net/sloppy';
export type { SloppyParse } from '../../net/sloppy';

/** Where each finding of a list of CIDRs goes. */
export interface CidrListPaths {
  /** The whole value (`--service-cluster-ip-range`, `serviceCidrs`). */
  readonly list: string;
  /** One entry (`--service-cluster-ip-range[1]`, `serviceCidrs[1]`). */
  item(i: number): string;
}

export function indexedPaths(list: string): CidrListPaths {
  return { list, item: (i) => `${list}[${i}]` };
}

/** Options of `parseCidrList`. */
export interface CidrListOptions {
  /** The upstream file the list rule mirrors (for `source`). */
  readonly source: string;
  /**
   * An example of the whole list, for the fixes about the whole value (`"10.96.0.0/12,fd00::/108"`
   * or `["10.96.0.0/12", "fd00::/108"]`); its IPv4 and IPv6 CIDRs are also the examples offered for
   * one bad entry, picked by the entry's family.
   */
  readonly example: string;
  /**
   * Trim spaces around entries. Components split flags on "," without trimming (" fd00::/108" is
   * refused), so validators keep this off; the spec (a typed list) trims.
   * @default false
   */
  readonly trim?: boolean;
  /**
   * Keep going after a second network of the same family (the plan drops it and continues).
   * @default true
   */
  readonly dropSameFamily?: boolean;
}

/** One entry of a CIDR list that read as a CIDR: where it was, what was written, what it means. */
export interface CidrEntry {
  /** Its position in the list as written (entries that did not read keep their places). */
  readonly index: number;
  /** The entry as written (trimmed when the list is read with `trim`), for quoting. */
  readonly written: string;
  readonly cidr: Cidr;
}

/** The parsed entries of a CIDR list (string "a,b" or array), in order, and what was wrong. */
export interface ParsedCidrList {
  /** The entries that read as CIDRs, each with its own index and text. */
  readonly entries: readonly CidrEntry[];
  /** `entries` without their places. */
  readonly cidrs: Cidr[];
  /** How many entries the list has as written (0 when it is not a list). */
  readonly count: number;
  /**
   * True when every entry read as a CIDR (some may still be refused, e.g. a second one of a family).
   * When false, the entry that did not read has its own error: rules comparing the families of two
   * lists stay silent rather than report a family as missing.
   */
  readonly readable: boolean;
  /** True when every entry parsed, there are one or two of them, and two are of different families. */
  readonly wellFormed: boolean;
}

/**
 * The entries of a CIDR list as a component splits them: a string on "," (the flag syntax of
 * k8s.io/utils/net ParseCIDRs), a list as it is; undefined for anything else. The one place a list
 * is split: callers read `parseCidrList` entries, or this for a count.
 */
export function cidrListItems(value: unknown): unknown[] | undefined {
  if (typeof value === 'string') return value.split(',');
  if (Array.isArray(value)) return value;
  return undefined;
}

/** Entries for CIDRs already parsed (the plan's lists), written as their canonical text. */
export function entriesOf(cidrs: readonly Cidr[]): CidrEntry[] {
  return cidrs.map((cidr, index) => ({ index, written: cidr.toString(), cidr }));
}

/**
 * The example ranges every fix text offers, in one place: kubeadm's default pod and Service IPv4
 * ranges (flannel's 10.244.0.0/16, kubeadm's 10.96.0.0/12) and IPv6 ranges under one ULA /48.
 */
export const EXAMPLE_RANGES = {
  pods: { 4: '10.244.0.0/16', 6: 'fd12:3456:789a::/56' },
  services: { 4: '10.96.0.0/12', 6: 'fd12:3456:789a:1::/112' },
} as const;

/** An example dual-stack list as a flag takes it (`"10.244.0.0/16,fd12:3456:789a::/56"`) or as YAML/JSON (`["…", "…"]`). */
export function exampleList(kind: keyof typeof EXAMPLE_RANGES, style: 'flag' | 'list'): string {
  const r = EXAMPLE_RANGES[kind];
  return style === 'flag' ? quote(`${r[4]},${r[6]}`) : `[${quote(r[4])}, ${quote(r[6])}]`;
}

/** Used when a list example has no CIDR of the entry's family. */
const FALLBACK_EXAMPLE = EXAMPLE_RANGES.pods;

/**
 * The CIDR of `example` (a list example, JSON or comma-separated) to offer for one bad entry: of
 * the family the entry looks like (a ":" means IPv6), so an IPv6 entry gets an IPv6 example.
 */
export function entryExample(entry: unknown, example: string): string {
  const family = typeof entry === 'string' && entry.includes(':') ? 6 : 4;
  const found = (example.match(/[0-9A-Fa-f:.]+\/\d+/g) ?? []).find((c) => c.includes(':') === (family === 6));
  return quote(found ?? FALLBACK_EXAMPLE[family]);
}

/** The YAML name of a value's type, for "is a list, not a string" (a JS "object" is a list or a mapping in YAML). */
export function yamlTypeName(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'a mapping';
  if (value === null) return 'null';
  return typeName(value);
}

/**
 * One or two CIDRs, one per family: the rule every dual-stack flag shares
 * (kube-apiserver `--service-cluster-ip-range`, kube-controller-manager `--cluster-cidr`, kubeadm
 * `podSubnet`/`serviceSubnet`, kube-proxy `clusterCIDR`): at most two entries
 * (cmd/kube-apiserver/app/options/validation.go "must not contain more than two entries"), and two
 * must be of different families (netutils.IsDualStackCIDRs). Host bits are accepted (Go's
 * `net.ParseCIDR` masks them) with a warning. An entry that does not read gets its own error and
 * keeps its place: the next entry is still `[1]`.
 */
export function parseCidrList(value: unknown, paths: CidrListPaths, opts: CidrListOptions, f: Finding[]): ParsedCidrList {
  const items = cidrListItems(value);
  if (!items) {
    f.push(finding.error('cidrs-type', paths.list, `${quote(value)} is ${yamlTypeName(value)}, not a CIDR list`, `write ${opts.example}`, opts.source));
    return { entries: [], cidrs: [], count: 0, readable: false, wellFormed: false };
  }
  let wellFormed = true;
  let readable = true;
  if (items.length === 0 || items.length > 2) {
    wellFormed = false;
    f.push(
      finding.error(
        'cidrs-count',
        paths.list,
        `${quote(value)} has ${items.length} ${items.length === 1 ? 'entry' : 'entries'}; give one CIDR, or two for dual-stack (one IPv4 and one IPv6)`,
        items.length === 0 ? `write ${opts.example}` : 'keep one CIDR per family',
        opts.source,
      ),
    );
  }
  const entries: CidrEntry[] = [];
  const families: Array<{ family: 4 | 6; index: number }> = [];
  items.forEach((raw, i) => {
    if (i >= 2 && items.length > 2 && entries.length >= 2) return;
    const p = paths.item(i);
    if (typeof raw !== 'string') {
      wellFormed = false;
      readable = false;
      f.push(finding.error('cidr-type', p, `${quote(raw)} is ${yamlTypeName(raw)}, not a string`, `write a CIDR such as ${entryExample(raw, opts.example)}`, opts.source));
      return;
    }
    const text = opts.trim ? raw.trim() : raw;
    const r = parseCidrSloppy(text);
    if (!r.value) {
      wellFormed = false;
      readable = false;
      const hint = text !== text.trim() ? ' (remove the spaces: the component splits on "," without trimming)' : '';
      f.push(finding.error('cidr-invalid', p, `${r.error}${hint}`, `write a CIDR such as ${entryExample(text, opts.example)}`, opts.source));
      return;
    }
    const c = r.value;
    if (r.normalised !== undefined) {
      f.push(finding.warning('cidr-leading-zeros', p, `${quote(raw)} has leading zeros; Kubernetes reads them as decimal (${quote(c.toString())}), other tools as octal`, `write ${quote(c.toString())}`, opts.source));
    } else if (c.hostBitsSet) {
      f.push(finding.warning('cidr-host-bits', p, `${quote(raw)} has host bits set; components mask them and use ${quote(c.toString())}`, `write ${quote(c.toString())}`, opts.source));
    }
    const fam = goFamily(c);
    const first = families.find((x) => x.family === fam);
    if (families.length === 1 && first) {
      wellFormed = false;
      // About this entry only: quoting the whole list here made N entries print N copies of it.
      f.push(
        finding.error(
          'cidrs-same-family',
          p,
          `${quote(raw)} is a second IPv${fam} network (${paths.item(first.index)} is IPv${fam} too); a dual-stack list takes exactly one IPv4 and one IPv6 CIDR`,
          'give one IPv4 and one IPv6 CIDR',
          opts.source,
        ),
      );
      if (opts.dropSameFamily !== false) return;
    }
    families.push({ family: fam, index: i });
    entries.push({ index: i, written: text, cidr: c });
  });
  return { entries, cidrs: entries.map((e) => e.cidr), count: items.length, readable, wellFormed };
}

/** Bytes the kernel's isspace() matches (lib/ctype.c: \t \n \v \f \r, space and Latin-1 0xA0). */
const KERNEL_SPACE = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0]);

/**
 * Why `name` is not a Linux interface name, or undefined when it is. The kernel's rule
 * (net/core/dev.c `dev_valid_name`): not empty, shorter than IFNAMSIZ (16) bytes, not "." or
 * "..", and no "/", ":" or whitespace byte. Applied to the UTF-8 bytes the kernel would receive;
 * a NUL byte is refused too (the C string would end there).
 */
export function interfaceNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string') return `it is ${typeName(name)}, not a string`;
  if (name.length === 0) return 'it is empty';
  const bytes = Buffer.from(name, 'utf8');
  if (bytes.length > 15) return `it is ${bytes.length} bytes long; the limit is 15 (IFNAMSIZ 16 with the final NUL)`;
  if (name === '.' || name === '..') return `${quote(name)} is reserved`;
  for (const b of bytes) {
    if (b === 0x2f) return 'it contains "/"';
    if (b === 0x3a) return 'it contains ":" (the old alias separator)';
    if (b === 0) return 'it contains a NUL byte';
    if (KERNEL_SPACE.has(b)) return 'it contains whitespace';
  }
  return undefined;
}

/** Plain-language names of the classes that cannot carry cluster traffic. */
const UNUSABLE: Partial<Record<AddressClass, string>> = {
  [AddressClass.UNSPECIFIED]: 'the unspecified address',
  [AddressClass.LOOPBACK]: 'loopback',
  [AddressClass.LINK_LOCAL]: 'link-local (never routed off the link)',
  [AddressClass.MULTICAST]: 'multicast',
  [AddressClass.SOLICITED_NODE_MULTICAST]: 'multicast',
  [AddressClass.IPV4_MAPPED]: 'IPv4-mapped IPv6 (Go reads it as IPv4)',
  [AddressClass.THIS_NETWORK]: '"this network" (0.0.0.0/8)',
  [AddressClass.BROADCAST]: 'the broadcast address',
  [AddressClass.RESERVED]: 'reserved (240.0.0.0/4)',
};

/** Classes that overlap a network at all (a range such as ::/0 or fe00::/7 spanning a bad block counts). */
function unusableOverlap(c: Cidr): { name: string; block: string } | undefined {
  const whole = classifyCidr(c);
  if (whole && UNUSABLE[whole.class]) return { name: UNUSABLE[whole.class]!, block: whole.block ?? c.toString() };
  const a = classifyAddress(c.network);
  if (UNUSABLE[a.class]) return { name: UNUSABLE[a.class]!, block: a.block ?? c.toString() };
  const b = classifyAddress(c.last);
  if (UNUSABLE[b.class]) return { name: UNUSABLE[b.class]!, block: b.block ?? c.toString() };
  return undefined;
}

/**
 * A random source for a ULA suggested in place of `cidr`: bytes of a SHA-256 of the range, so every
 * rule (plan, `validate`, the CLI checks) prints the same suggestion for the same range, run after run.
 */
export function stableRandomFor(cidr: Cidr): RandomSource {
  const digest = createHash('sha256').update(`k8s-dualstack:${cidr.toString()}`).digest();
  return (n) => new Uint8Array(digest.subarray(0, n));
}

/**
 * A deterministic RFC 4193 suggestion for replacing `c`: `generateUlaPrefix` fed with a SHA-256 of
 * the range (RFC 4193 §3.2.2 asks for a pseudo-random global ID; hashing keeps the plan's output
 * reproducible), keeping the prefix length and the subnet bits below /48.
 */
export function suggestUla(c: Cidr): Cidr {
  // Hash the /48 the range belongs to, so every range of one site (pods, Services, nodes under the
  // same hand-picked global ID) gets the same replacement global ID, each keeping its subnet bits.
  const site = c.prefix >= 48 ? Cidr.of(Address.fromBigInt(c.network.value & ~((1n << 80n) - 1n), 6), 48) : c;
  const base = generateUlaPrefix(stableRandomFor(site));
  const prefix = Math.max(c.prefix, 48);
  const low = c.network.value & ((1n << 80n) - 1n);
  return Cidr.of(Address.fromBigInt(base.network.value | low, 6), prefix);
}

/** The 40-bit global ID of a ULA network (bits 8–47), or undefined when the prefix does not fix it. */
function globalId(c: Cidr): bigint | undefined {
  if (c.prefix < 48) return undefined;
  return (c.network.value >> 80n) & 0xffffffffffn;
}

/** Global IDs that are clearly chosen by hand (documentation examples, counting up from zero). */
function looksHandPicked(id: bigint): boolean {
  const hex = id.toString(16).padStart(10, '0');
  const zeros = [...hex].filter((h) => h === '0').length;
  if (zeros >= 6) return true;
  if (/^(0123456789|123456789a|fedcba9876|abcdef0123)$/.test(hex)) return true;
  // One repeated nibble ("aaaaaaaaaa", "1111111111").
  return new Set(hex).size <= 2;
}

/**
 * The address-space rules every cluster range goes through. Kubernetes itself refuses none of
 * these, so validators report them with `unusableSeverity` = warning; the plan (which builds a
 * cluster) makes unusable space an error. `unusableOnly` skips the other classes.
 */
export function addressSpaceFindings(c: Cidr, path: string, written: string, unusableSeverity: Severity.ERROR | Severity.WARNING, unusableOnly = false): Finding[] {
  const out: Finding[] = [];
  const bad = unusableOverlap(c);
  const make = unusableSeverity === Severity.ERROR ? finding.error : finding.warning;
  if (bad) {
    out.push(
      make(
        'range-unusable-space',
        path,
        `${quote(written)} lies in ${bad.name} space (${bad.block}); cluster pods and Services cannot use it`,
        c.family === 6 ? `use a unique-local range such as ${quote(suggestUla(c).toString())}` : 'use private space such as "10.96.0.0/12" (RFC 1918)',
      ),
    );
    return out;
  }
  // Only the unusable-space check (node networks): the warnings below hash a ULA suggestion each.
  if (c.family === 4 || unusableOnly) return out;
  const cls = classifyCidr(c)?.class ?? classifyAddress(c.network).class;
  if (cls === AddressClass.SITE_LOCAL_DEPRECATED) {
    // kubeadm logs the same warning (cmd/kubeadm/app/apis/kubeadm/validation/validation.go ValidateIPNetFromString).
    out.push(
      finding.warning(
        'range-site-local',
        path,
        `${quote(written)} is in fec0::/10, site-local space deprecated by RFC 3879`,
        `use a unique-local range such as ${quote(suggestUla(c).toString())}`,
        'cmd/kubeadm/app/apis/kubeadm/validation/validation.go',
      ),
    );
  } else if (cls === AddressClass.UNIQUE_LOCAL_UNDEFINED) {
    out.push(
      finding.warning(
        'range-ula-fc00',
        path,
        `${quote(written)} is in fc00::/8, the half of fc00::/7 that RFC 4193 reserves for a central allocator (L=0) that was never defined; local ranges belong in fd00::/8 with a random global ID`,
        `use ${quote(suggestUla(c).toString())}`,
      ),
    );
  } else if (cls === AddressClass.UNIQUE_LOCAL) {
    const id = globalId(c);
    if (id === undefined || looksHandPicked(id)) {
      out.push(
        finding.warning(
          'range-ula-global-id',
          path,
          id === undefined
            ? `${quote(written)} is shorter than /48 and so does not fix an RFC 4193 global ID; merged networks will collide`
            : `${quote(written)} uses the global ID ${id.toString(16).padStart(10, '0')}, which does not look random (RFC 4193 §3.2 asks for a pseudo-random 40-bit global ID so that merged networks do not collide)`,
          `use ${quote(suggestUla(c).toString())}`,
        ),
      );
    }
  } else if (cls === AddressClass.DOCUMENTATION) {
    out.push(finding.warning('range-documentation', path, `${quote(written)} is documentation space (RFC 3849)`, `use a unique-local range such as ${quote(suggestUla(c).toString())}`));
  }
  return out;
}

/** Whether a network lies in ULA space (fc00::/7). */
export function isUniqueLocal(c: Cidr): boolean {
  const cls = classifyCidr(c)?.class;
  return cls === AddressClass.UNIQUE_LOCAL || cls === AddressClass.UNIQUE_LOCAL_UNDEFINED;
}

/**
 * A YAML list of strings written where a component wants one comma-separated string: the user's
 * own values joined, quoted, for the fix text (undefined for anything else).
 */
export function listAsCommaString(v: unknown): string | undefined {
  if (!Array.isArray(v) || v.length === 0 || v.length > 2 || !v.every((x) => typeof x === 'string' && x.length <= 64)) return undefined;
  return quote(v.map((x: string) => x.trim()).join(','));
}
