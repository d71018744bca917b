import { Address } from '../net/address';
import { Cidr } from '../net/cidr';
import { NetParseError, quote } from '../net/errors';
import { parseInterfaceAddress as parseInterfaceAddressText } from '../net/interface-address';
import { computeCapacity, Capacity } from './capacity';
import { accepted, Finding, finding, PlanError } from './findings';
import { plainCopy, readField, readFields, UNREADABLE } from './input';
import { PLAN_RULES } from './rules';
import { CidrEntry, contextOf, exampleList, yamlTypeName, DEFAULT_RULE_VERSION, indexedPaths, interfaceNameProblem, ParsedCidrList, parseCidrList as sharedParseCidrList, RuleContext } from './rules/common';
import { DEFAULT_NODE_MASK_IPV4, DEFAULT_NODE_MASK_IPV6 } from './rules/controller-manager';
import { dnsDomainFindings } from './rules/kubeadm';
import { targetVersionFindings, versionFormatFinding, windowFinding } from './rules/version';
import { CLUSTER_NETWORK_SPEC_FIELDS, ClusterNetworkSpec, IpFamily, NODE_SPEC_FIELDS, NodeSpec } from './spec';
import { gateEnabled, KubernetesVersion } from './version';

/** An address on a node's interface: the address and, when the prefix was written, its network. */
export interface InterfaceAddress {
  readonly address: Address;
  readonly network?: Cidr;
}

/** A node of the plan, with parsed addresses. */
export interface PlannedNode {
  readonly name: string;
  readonly ipv4?: InterfaceAddress;
  readonly ipv6?: InterfaceAddress;
  readonly ipv4DefaultGateway?: Address;
  readonly ipv6DefaultGateway?: Address;
  readonly controlPlane: boolean;
  readonly kernelVersion?: string;
  readonly interface?: string;
  /** Index in `spec.nodes`, for finding paths. */
  readonly index: number;
}

export function familyOf(cidrOrAddress: Cidr | Address): IpFamily {
  return cidrOrAddress.family === 4 ? IpFamily.IPV4 : IpFamily.IPV6;
}

export function familyNumber(family: IpFamily): 4 | 6 {
  return family === IpFamily.IPV4 ? 4 : 6;
}

/**
 * The validated network plan: the only place CIDRs, families and versions are interpreted.
 * Build it with `ClusterNetwork.plan(spec)` (never throws; read `findings`) or
 * `ClusterNetwork.of(spec)` (throws `PlanError` listing every error).
 */
export class ClusterNetwork {
  public static readonly DEFAULT_KUBERNETES_VERSION = DEFAULT_RULE_VERSION;
  /** kube-controller-manager's `--node-cidr-mask-size-ipv4` default. */
  public static readonly DEFAULT_NODE_MASK_IPV4 = DEFAULT_NODE_MASK_IPV4;
  /** kube-controller-manager's `--node-cidr-mask-size-ipv6` default. */
  public static readonly DEFAULT_NODE_MASK_IPV6 = DEFAULT_NODE_MASK_IPV6;
  public static readonly DEFAULT_MAX_PODS_PER_NODE = 110;
  public static readonly DEFAULT_DNS_DOMAIN = 'cluster.local';

  /**
   * Build the plan; every problem becomes a finding. Never throws, whatever `spec` is: it is first
   * copied into plain data (lib/plan/input.ts), so a throwing getter, a Proxy or a cycle is a finding.
   */
  public static plan(spec: ClusterNetworkSpec): ClusterNetwork {
    try {
      return new ClusterNetwork(spec);
    } catch (e) {
      // Last line of defence: a rule bug still comes back as a plan with an error, never as an exception.
      return new ClusterNetwork({} as ClusterNetworkSpec, [
        finding.error('internal-error', 'spec', `the plan failed on this input (${quote(e instanceof Error ? e.message : String(e))})`, 'report this input to k8s-dualstack'),
      ]);
    }
  }

  /** Build the plan; throws `PlanError` with every error at once if there is any (and nothing else). */
  public static of(spec: ClusterNetworkSpec): ClusterNetwork {
    const plan = ClusterNetwork.plan(spec);
    if (!plan.ok) throw new PlanError(plan.findings);
    return plan;
  }

  public readonly spec: ClusterNetworkSpec;
  public readonly version: KubernetesVersion;
  public readonly featureGates: Readonly<Record<string, boolean>>;
  /** Pod networks in the order written (primary family first). */
  public readonly podCidrs: readonly Cidr[];
  /** Service networks in the order written (primary family first). */
  public readonly serviceCidrs: readonly Cidr[];
  /** `podCidrs` with each entry's place in the spec and its text (the paths of findings). */
  public readonly podCidrEntries: readonly CidrEntry[];
  /** `serviceCidrs` with each entry's place in the spec and its text. */
  public readonly serviceCidrEntries: readonly CidrEntry[];
  /**
   * False when an entry of `podCidrs` or `serviceCidrs` did not read as a CIDR. That entry has its
   * own error; the rules comparing the two lists' families then stay silent, since a family they
   * would call missing may be the one the user meant to write.
   */
  public readonly cidrListsReadable: boolean;
  /** Families in primary-first order (from `podCidrs`). */
  public readonly families: readonly IpFamily[];
  public readonly nodeMaskIPv4: number;
  public readonly nodeMaskIPv6: number;
  public readonly maxPodsPerNode: number;
  public readonly nodes: readonly PlannedNode[];
  /** Node networks: declared, else the prefixes of the nodes' addresses; deduplicated, primary family first. */
  public readonly nodeNetworks: readonly Cidr[];
  public readonly dnsDomain: string;
  public readonly capacity: Capacity;
  public readonly findings: readonly Finding[];
  private ctx: RuleContext | undefined;

  private constructor(spec: ClusterNetworkSpec, extra: readonly Finding[] = []) {
    const f: Finding[] = [...extra];
    this.spec = readSpec(spec, f);
    const s = this.spec;

    const versionText = s.kubernetesVersion ?? ClusterNetwork.DEFAULT_KUBERNETES_VERSION;
    const version = KubernetesVersion.tryParse(versionText);
    if (!version) {
      f.push(versionFormatFinding(versionText, 'kubernetesVersion'));
    } else {
      const outside = windowFinding(versionText, version, 'kubernetesVersion');
      if (outside) f.push(outside);
      // Only a version the user wrote gets the patch info; the default is a minor on purpose.
      f.push(...targetVersionFindings(versionText, version, 'kubernetesVersion').filter((x) => s.kubernetesVersion !== undefined || x.code !== 'version-patch-unset'));
    }
    this.version = version ?? KubernetesVersion.parse(ClusterNetwork.DEFAULT_KUBERNETES_VERSION);
    this.featureGates = isRecord(s.featureGates) ? { ...(s.featureGates as Record<string, boolean>) } : {};
    if (s.ipv6NatOutgoing !== undefined) parseBoolean(s.ipv6NatOutgoing, 'ipv6NatOutgoing', f);
    if (s.featureGates !== undefined && !isRecord(s.featureGates)) {
      f.push(finding.error('feature-gates-type', 'featureGates', `${quote(s.featureGates)} is not a map of gate name to true/false`, 'write e.g. { "NFTablesProxyMode": true }'));
    }

    const pods = parseCidrList(s.podCidrs, 'podCidrs', f);
    const services = parseCidrList(s.serviceCidrs, 'serviceCidrs', f);
    this.podCidrEntries = pods.entries.slice(0, 2);
    this.serviceCidrEntries = services.entries.slice(0, 2);
    this.podCidrs = this.podCidrEntries.map((e) => e.cidr);
    this.serviceCidrs = this.serviceCidrEntries.map((e) => e.cidr);
    this.cidrListsReadable = pods.readable && services.readable;
    this.families = this.podCidrs.length > 0 ? this.podCidrs.map(familyOf) : this.serviceCidrs.map(familyOf);

    this.nodeMaskIPv4 = parseMask(s.nodeMaskIPv4, 'nodeMaskIPv4', ClusterNetwork.DEFAULT_NODE_MASK_IPV4, 32, f);
    this.nodeMaskIPv6 = parseMask(s.nodeMaskIPv6, 'nodeMaskIPv6', ClusterNetwork.DEFAULT_NODE_MASK_IPV6, 128, f);
    this.maxPodsPerNode = parseCount(s.maxPodsPerNode, 'maxPodsPerNode', ClusterNetwork.DEFAULT_MAX_PODS_PER_NODE, f, 1);
    this.dnsDomain = typeof s.dnsDomain === 'string' && s.dnsDomain.length > 0 ? s.dnsDomain : ClusterNetwork.DEFAULT_DNS_DOMAIN;
    if (s.dnsDomain !== undefined) f.push(...dnsDomainFindings(s.dnsDomain, 'dnsDomain'));

    this.nodes = parseNodes(s.nodes, f);
    this.nodeNetworks = collectNodeNetworks(s.nodeNetworks, this.nodes, this.families, f);
    if (s.expectedNodes !== undefined) parseCount(s.expectedNodes, 'expectedNodes', 0, f, 0);
    if (s.expectedServices !== undefined) parseCount(s.expectedServices, 'expectedServices', 0, f, 0);

    this.capacity = computeCapacity(this);
    this.findings = f;
    // Cross-component rules read the parsed plan; they run once the structure is known.
    for (const rule of PLAN_RULES) f.push(...rule(this));
  }

  /** The version and gates the rules judge this plan against. */
  public get ruleContext(): RuleContext {
    if (!this.ctx) this.ctx = contextOf(this.version, this.featureGates);
    return this.ctx;
  }

  /** True when the plan has no error. */
  public get ok(): boolean {
    return accepted(this.findings);
  }

  public get primaryFamily(): IpFamily | undefined {
    return this.families[0];
  }

  public get isDualStack(): boolean {
    return this.families.length === 2;
  }

  public hasFamily(family: IpFamily): boolean {
    return this.families.includes(family);
  }

  public podCidr(family: IpFamily): Cidr | undefined {
    return this.podCidrs.find((c) => familyOf(c) === family);
  }

  public serviceCidr(family: IpFamily): Cidr | undefined {
    return this.serviceCidrs.find((c) => familyOf(c) === family);
  }

  public nodeMask(family: IpFamily): number {
    return family === IpFamily.IPV4 ? this.nodeMaskIPv4 : this.nodeMaskIPv6;
  }

  /** Node networks of one family. */
  public nodeNetworksOf(family: IpFamily): Cidr[] {
    return this.nodeNetworks.filter((c) => familyOf(c) === family);
  }

  /** The first ClusterIP of a family: the `kubernetes.default` Service. */
  public kubernetesServiceIP(family: IpFamily): Address | undefined {
    return this.capacity.families.find((c) => c.family === family)?.kubernetesServiceIP;
  }

  /** The conventional cluster DNS ClusterIP of a family (the 10th address). */
  public dnsServiceIP(family: IpFamily): Address | undefined {
    return this.capacity.families.find((c) => c.family === family)?.dnsServiceIP;
  }

  /** Whether a feature gate is on for the target version, with the spec's overrides. */
  public gate(name: string): boolean {
    return gateEnabled(name, this.version, this.featureGates);
  }

  /** The node that runs the control plane: the first marked one, else the first node. */
  public get controlPlaneNode(): PlannedNode | undefined {
    return this.nodes.find((n) => n.controlPlane) ?? this.nodes[0];
  }

  /** The nodes' address of a family, in node order. */
  public nodeAddresses(family: IpFamily): Address[] {
    return this.nodes.map((n) => (family === IpFamily.IPV4 ? n.ipv4 : n.ipv6)?.address).filter((a): a is Address => a !== undefined);
  }
}

/**
 * The spec as plain data: its documented fields read by name (getters on a prototype still work),
 * each read guarded and copied (lib/plan/input.ts); nodes keep only the `NodeSpec` fields.
 */
function readSpec(spec: unknown, f: Finding[]): ClusterNetworkSpec {
  let kind: string;
  try {
    kind = spec === null ? 'null' : Array.isArray(spec) ? 'array' : typeof spec;
  } catch {
    kind = 'object';
  }
  if (kind !== 'object') {
    f.push(finding.error('spec-type', 'spec', `${quote(spec)} is not a ClusterNetworkSpec object`, 'pass an object such as { podCidrs: ["10.244.0.0/16"], serviceCidrs: ["10.96.0.0/12"] }'));
    return {} as ClusterNetworkSpec;
  }
  return readFields(spec, CLUSTER_NETWORK_SPEC_FIELDS, '', f, (name, value, path) => (name === 'nodes' ? readNodes(value, f) : plainCopy(value, path, f))) as unknown as ClusterNetworkSpec;
}

function readNodes(value: unknown, f: Finding[]): unknown {
  let isList = false;
  try {
    isList = Array.isArray(value);
  } catch {
    // a revoked Proxy
  }
  if (!isList) return plainCopy(value, 'nodes', f);
  const list = value as unknown[];
  const n = readField(list, 'length', 'nodes', f);
  if (typeof n !== 'number') return [];
  const out: unknown[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const item = readField(list, i, `nodes[${i}]`, f);
    if (item === UNREADABLE) continue;
    out[i] = typeof item === 'object' && item !== null && !Array.isArray(item) ? readFields(item, NODE_SPEC_FIELDS, `nodes[${i}]`, f) : item;
  }
  return out;
}

const YAML11_BOOLEAN = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/** A boolean field: anything else is an error (a YAML 1.1 `yes` / `on` habit is named as such). */
function parseBoolean(value: unknown, path: string, f: Finding[]): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  const yaml11 = typeof value === 'string' && YAML11_BOOLEAN.test(value);
  f.push(
    finding.error(
      'boolean-type',
      path,
      `${quote(value)} is not true or false${yaml11 ? ' (YAML 1.1 read yes/no/on/off as booleans; YAML 1.2 and JSON read them as text, so it would silently count as false)' : ''}`,
      `write ${path.replace(/^.*\./, '')}: true or false`,
    ),
  );
  return undefined;
}

function isRecord(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'boolean');
}

const MISSING_LIST: ParsedCidrList = { entries: [], cidrs: [], count: 0, readable: true, wellFormed: false };

function parseCidrList(value: unknown, path: string, f: Finding[]): ParsedCidrList {
  if (value === undefined) {
    if (f.some((x) => x.code === 'input-unreadable' && x.path === path)) return MISSING_LIST;
    f.push(finding.error('cidrs-missing', path, 'is required', `give one CIDR per family, e.g. ${exampleList(path === 'podCidrs' ? 'pods' : 'services', 'list')}`));
    return MISSING_LIST;
  }
  // One rule for every dual-stack list (rules/common.ts); the spec is a typed list, so entries are trimmed.
  return sharedParseCidrList(
    value,
    indexedPaths(path),
    {
      source: path === 'podCidrs' ? 'cmd/kube-controller-manager/app/core.go' : 'cmd/kube-apiserver/app/options/validation.go',
      example: exampleList(path === 'podCidrs' ? 'pods' : 'services', 'list'),
      trim: true,
    },
    f,
  );
}

function parseMask(value: unknown, path: string, dflt: number, bits: number, f: Finding[]): number {
  if (value === undefined) return dflt;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > bits) {
    f.push(finding.error('node-mask-range', path, `${quote(value)} is not a prefix length from 0 to ${bits}`, `use e.g. ${dflt}`));
    return dflt;
  }
  return value;
}

function parseCount(value: unknown, path: string, dflt: number, f: Finding[], min: number): number {
  if (value === undefined) return dflt;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    f.push(finding.error('count-range', path, `${quote(value)} is not a whole number ≥ ${min}`, `use e.g. ${Math.max(dflt, min)}`));
    return dflt;
  }
  return value;
}

function parseInterfaceAddress(value: unknown, path: string, family: 4 | 6, f: Finding[]): InterfaceAddress | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    f.push(finding.error('node-address-type', path, `${quote(value)} is ${yamlTypeName(value)}, not a string`, family === 4 ? 'write e.g. "192.168.101.53/24"' : 'write e.g. "2003:ac18::30a:2/64"'));
    return undefined;
  }
  try {
    const ia: InterfaceAddress = parseInterfaceAddressText(value);
    if (ia.address.family !== family) {
      f.push(finding.error('node-address-family', path, `${quote(value)} is IPv${ia.address.family}, not IPv${family}`, `move it to ${path.replace(/ipv[46]$/, `ipv${ia.address.family}`)}`));
      return undefined;
    }
    return ia;
  } catch (e) {
    if (!(e instanceof NetParseError)) throw e;
    f.push(finding.error('node-address-invalid', path, e.message, family === 4 ? 'write e.g. "192.168.101.53/24"' : 'write e.g. "2003:ac18::30a:2/64"'));
    return undefined;
  }
}

function parseGateway(value: unknown, path: string, family: 4 | 6, f: Finding[]): Address | undefined {
  if (value === undefined) return undefined;
  const a = typeof value === 'string' ? Address.tryParse(value) : undefined;
  if (!a || a.family !== family) {
    f.push(finding.error('node-gateway-invalid', path, `${quote(value)} is not an IPv${family} address`, family === 6 ? 'write e.g. "2003:ac18::30a:254"' : 'write e.g. "192.168.101.254"'));
    return undefined;
  }
  return a;
}

function parseNodes(value: unknown, f: Finding[]): PlannedNode[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    f.push(finding.error('nodes-type', 'nodes', `${quote(value)} is not a list of nodes`, 'write [{ name: "node53", ipv4: "192.168.101.53/24" }]'));
    return [];
  }
  const seen = new Set<string>();
  const out: PlannedNode[] = [];
  value.forEach((raw: unknown, i) => {
    const p = `nodes[${i}]`;
    if (typeof raw !== 'object' || raw === null) {
      f.push(finding.error('node-type', p, `${quote(raw)} is not a node object`, 'write { name: "node53", ipv4: "…", ipv6: "…" }'));
      return;
    }
    const n = raw as NodeSpec;
    if (typeof n.name !== 'string' || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(n.name) || n.name.length > 253) {
      f.push(finding.error('node-name', `${p}.name`, `${quote(n.name)} is not a valid node name (RFC 1123 subdomain)`, 'use lowercase letters, digits, "-" and "."'));
      return;
    }
    if (seen.has(n.name)) {
      f.push(finding.error('node-name-duplicate', `${p}.name`, `${quote(n.name)} is declared twice`, 'give each node a unique name'));
      return;
    }
    seen.add(n.name);
    const controlPlane = parseBoolean(n.controlPlane, `${p}.controlPlane`, f);
    let iface: string | undefined;
    if (n.interface !== undefined) {
      const why = interfaceNameProblem(n.interface);
      // A bad name is kept (when it is text) so that renderers refuse it too, rather than falling
      // back to autodetection as if no interface had been named.
      if (typeof n.interface === 'string') iface = n.interface;
      if (why !== undefined) f.push(finding.error('node-interface-name', `${p}.interface`, `${quote(n.interface)} is not a Linux interface name: ${why} (net/core/dev.c dev_valid_name)`, 'write the name `ip link` shows, e.g. "enp129s0f0"', 'net/core/dev.c'));
    }
    out.push({
      name: n.name,
      ipv4: parseInterfaceAddress(n.ipv4, `${p}.ipv4`, 4, f),
      ipv6: parseInterfaceAddress(n.ipv6, `${p}.ipv6`, 6, f),
      ipv4DefaultGateway: parseGateway(n.ipv4DefaultGateway, `${p}.ipv4DefaultGateway`, 4, f),
      ipv6DefaultGateway: parseGateway(n.ipv6DefaultGateway, `${p}.ipv6DefaultGateway`, 6, f),
      controlPlane: controlPlane === true,
      kernelVersion: typeof n.kernelVersion === 'string' ? n.kernelVersion : undefined,
      interface: iface,
      index: i,
    });
  });
  return out;
}

function collectNodeNetworks(declared: unknown, nodes: readonly PlannedNode[], families: readonly IpFamily[], f: Finding[]): Cidr[] {
  // Networks by family, prefix length and network address: "is it listed" and "does a listed
  // network hold this address" are a few lookups, never a scan of the list (100,000 nodes on
  // distinct networks made the scans quadratic).
  const tables = new Map<4 | 6, Map<number, Map<NetKey, Cidr>>>([
    [4, new Map()],
    [6, new Map()],
  ]);
  const out: Cidr[] = [];
  const add = (c: Cidr) => {
    const byPrefix = tables.get(c.family)!;
    let m = byPrefix.get(c.prefix);
    if (!m) byPrefix.set(c.prefix, (m = new Map()));
    const k = netKey(c.network.value);
    if (m.has(k)) return;
    m.set(k, c);
    out.push(c);
  };
  if (declared !== undefined) {
    if (!Array.isArray(declared)) {
      f.push(finding.error('node-networks-type', 'nodeNetworks', `${quote(declared)} is not a list of CIDRs`, 'write ["192.168.101.0/24", "2003:ac18::/64"]'));
    } else {
      declared.forEach((item: unknown, i) => {
        const p = `nodeNetworks[${i}]`;
        try {
          if (typeof item !== 'string') throw new NetParseError(quote(item), 'not-a-string', `${quote(item)} is ${yamlTypeName(item)}, not a string`);
          const c = Cidr.parse(item, { allowHostBits: true });
          if (c.hostBitsSet) f.push(finding.warning('cidr-host-bits', p, `${quote(item)} has host bits set; using ${quote(c.toString())}`, `write ${quote(c.toString())}`));
          add(c);
        } catch (e) {
          if (!(e instanceof NetParseError)) throw e;
          f.push(finding.error('cidr-invalid', p, e.message, 'write a CIDR such as "192.168.101.0/24"'));
        }
      });
    }
  }
  // A node's own network is added unless a network already listed (declared, or another node's)
  // holds its address: one lookup per prefix length in use.
  for (const n of nodes) {
    for (const ia of [n.ipv4, n.ipv6]) {
      if (ia?.network && !containingListed(tables.get(ia.address.family)!, ia.address)) add(ia.network);
    }
  }
  // Primary family first, then numeric order: the order renderers print them in.
  const rank = (c: Cidr) => {
    const i = families.indexOf(familyOf(c));
    return i < 0 ? 2 : i;
  };
  return out.sort((a, b) => rank(a) - rank(b) || a.compare(b));
}

/**
 * A Map key for a network address: a number when it is exact (IPv4), else hex text. Not the bigint
 * itself: V8 hashes BigInt keys so poorly that a Map of 100,000 of them degrades to a list scan.
 */
type NetKey = number | string;
function netKey(v: bigint): NetKey {
  return v <= 0xffffffffn ? Number(v) : v.toString(16);
}

/** A listed network that holds `a`: one map lookup per prefix length in use (a handful). */
function containingListed(byPrefix: ReadonlyMap<number, ReadonlyMap<NetKey, Cidr>>, a: Address): Cidr | undefined {
  const bits = BigInt(a.family === 4 ? 32 : 128);
  const v = a.value;
  for (const [prefix, m] of byPrefix) {
    const shift = bits - BigInt(prefix);
    const c = m.get(netKey((v >> shift) << shift));
    if (c) return c;
  }
  return undefined;
}
