/**
 * A core/v1 Service as the API server judges it at create time.
 *
 * Mirrors pkg/apis/core/validation/validation.go (`ValidateService`,
 * `ValidateServiceClusterIPsRelatedFields`), pkg/registry/core/service/strategy.go
 * (`NormalizeClusterIPs`: on create a lone `clusterIP` is copied to `clusterIPs`, never the other
 * way round) and pkg/registry/core/service/storage/alloc.go (`initIPFamilyFields`, `allocIPs`):
 * - ipFamilyPolicy SingleStack / PreferDualStack / RequireDualStack; unset defaults to SingleStack,
 *   or RequireDualStack for a headless Service without selector;
 * - ipFamilies: IPv4 / IPv6, no duplicates (so at most two); clusterIPs: valid IPs, at most two, one
 *   per family, "None" only alone and first, `clusterIPs[0]` equal to `clusterIP`, each matching its
 *   `ipFamilies` entry; SingleStack with two IPs or two families refused;
 * - against the cluster's service ranges: RequireDualStack on a single-stack cluster refused ("this
 *   cluster is not configured for dual-stack services"), a family the cluster lacks refused ("not
 *   configured on this cluster"), an explicit clusterIP outside its range refused ("the provided IP
 *   is not in the valid range"); the legacy allocator additionally refuses the network address, the
 *   IPv4 broadcast address and IPv6 addresses past the first 65535 of the range.
 */
import type { Address } from '../../net/address';
import type { Cidr } from '../../net/cidr';
import { quote } from '../../net/errors';
import { LEGACY_ALLOCATOR_MAX, legacyAllocatorRetired } from '../capacity';
import { Finding, finding } from '../findings';
import { IpFamily } from '../spec';
import { SERVICE_FAMILY_FIELDS_SINCE } from '../version';
import { serviceDeprecationFindings } from './service-deprecations';
import { strictValueFinding } from './strict-ip';
import { cidrListItems, DNS1123_SUBDOMAIN, exampleList, goFamily, indexedPaths, isRecord, parseCidrList, parseIpSloppy, RuleContext, ruleContext, VersionOptions, yamlTypeName } from './common';

export const SERVICE_VALIDATION_SOURCE = 'pkg/apis/core/validation/validation.go';
export const SERVICE_ALLOC_SOURCE = 'pkg/registry/core/service/storage/alloc.go';

/** `spec.ipFamilyPolicy` values. */
export enum IpFamilyPolicy {
  SINGLE_STACK = 'SingleStack',
  PREFER_DUAL_STACK = 'PreferDualStack',
  REQUIRE_DUAL_STACK = 'RequireDualStack',
}

/** `spec.type` values. */
export enum ServiceType {
  CLUSTER_IP = 'ClusterIP',
  NODE_PORT = 'NodePort',
  LOAD_BALANCER = 'LoadBalancer',
  EXTERNAL_NAME = 'ExternalName',
}

/** Options of `validate.service`. */
export interface ServiceValidationOptions extends VersionOptions {
  /**
   * The cluster's service ranges (kube-apiserver `--service-cluster-ip-range`), primary first; a
   * list or a comma-separated string. With them the validator also checks what allocation refuses.
   * @default - only API validation is checked
   */
  readonly serviceCidrs?: readonly string[] | string;
}

/** What the API server defaults a Service's families to. */
export interface ServiceIpFamilyDefaults {
  readonly ipFamilyPolicy: IpFamilyPolicy;
  readonly ipFamilies: IpFamily[];
}

const FAMILIES: readonly string[] = [IpFamily.IPV4, IpFamily.IPV6];
const POLICIES: readonly string[] = Object.values(IpFamilyPolicy);
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

function familyName(n: 4 | 6): IpFamily {
  return n === 4 ? IpFamily.IPV4 : IpFamily.IPV6;
}

function other(f: IpFamily): IpFamily {
  return f === IpFamily.IPV4 ? IpFamily.IPV6 : IpFamily.IPV4;
}

/** The parts of a Service spec the IP rules read, after create-time normalisation. */
interface IpSpec {
  readonly type: string;
  readonly clusterIP: string;
  readonly clusterIPs: string[];
  readonly ipFamilies: string[];
  readonly ipFamilyPolicy?: string;
  readonly hasSelector: boolean;
}

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}

/**
 * `initIPFamilyFields` of alloc.go for a create: the policy and families the API server settles on,
 * or the errors it answers with. `clusterFamilies` is the service ranges' families, primary first.
 */
function initIpFamilyFields(s: IpSpec, clusterFamilies: readonly IpFamily[]): { defaults?: ServiceIpFamilyDefaults; errors: Finding[] } {
  const errors: Finding[] = [];
  const headlessSelectorless = s.clusterIP === 'None' && !s.hasSelector;
  const policy = (s.ipFamilyPolicy as IpFamilyPolicy | undefined) ?? (headlessSelectorless ? IpFamilyPolicy.REQUIRE_DUAL_STACK : IpFamilyPolicy.SINGLE_STACK);
  const families = [...s.ipFamilies] as IpFamily[];
  const written = `${quote(policy)}${s.ipFamilyPolicy === undefined ? ' (the default)' : ''}`;
  if (policy === IpFamilyPolicy.SINGLE_STACK) {
    if (s.clusterIPs.length === 2) {
      errors.push(finding.error('service-single-stack-two-ips', 'spec.ipFamilyPolicy', `${written} must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified`, 'set ipFamilyPolicy: PreferDualStack or RequireDualStack', SERVICE_ALLOC_SOURCE));
    }
    if (s.ipFamilies.length === 2) {
      errors.push(finding.error('service-single-stack-two-families', 'spec.ipFamilyPolicy', `${written} must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified`, 'set ipFamilyPolicy: PreferDualStack or RequireDualStack', SERVICE_ALLOC_SOURCE));
    }
  }
  for (let i = 0; i < s.clusterIPs.length; i++) {
    const ip = s.clusterIPs[i];
    if (ip === 'None') break;
    const a = parseIpSloppy(ip).value;
    if (!a) break;
    const fam = familyName(goFamily(a));
    if (i >= families.length) {
      if (!clusterFamilies.includes(fam)) {
        errors.push(finding.error('service-family-not-configured', `spec.clusterIPs[${i}]`, `${quote(ip)}: ${fam} is not configured on this cluster (service ranges: ${clusterFamilies.join(', ') || 'none'})`, `use an address of ${clusterFamilies.join(' or ')}`, SERVICE_ALLOC_SOURCE));
      } else {
        families.push(fam);
      }
    }
  }
  if (errors.length > 0) return { errors };
  if (headlessSelectorless) {
    if (families.length === 0 && clusterFamilies.length > 0) families.push(clusterFamilies[0]);
    if (families.length === 1 && policy !== IpFamilyPolicy.SINGLE_STACK) families.push(other(families[0]));
    return { defaults: { ipFamilyPolicy: policy, ipFamilies: families }, errors };
  }
  if (policy === IpFamilyPolicy.REQUIRE_DUAL_STACK && clusterFamilies.length < 2) {
    errors.push(
      finding.error(
        'service-require-dual-stack',
        'spec.ipFamilyPolicy',
        `${written}: this cluster is not configured for dual-stack services (its service ranges: ${clusterFamilies.join(', ') || 'none'})`,
        'use PreferDualStack (dual-stack where available), or add a second service range to the cluster',
        SERVICE_ALLOC_SOURCE,
      ),
    );
  }
  families.forEach((fam, i) => {
    if (!clusterFamilies.includes(fam)) {
      errors.push(finding.error('service-family-not-configured', `spec.ipFamilies[${i}]`, `${quote(fam)}: not configured on this cluster (service ranges: ${clusterFamilies.join(', ') || 'none'})`, `use ${clusterFamilies.map((x) => quote(x)).join(' or ')}, or leave ipFamilies unset`, SERVICE_ALLOC_SOURCE));
    }
  });
  if (errors.length > 0) return { errors };
  if (families.length === 0 && clusterFamilies.length > 0) families.push(clusterFamilies[0]);
  if (policy !== IpFamilyPolicy.SINGLE_STACK && families.length === 1 && clusterFamilies.length === 2) families.push(other(families[0]));
  return { defaults: { ipFamilyPolicy: policy, ipFamilies: families }, errors };
}

/** Read the IP-related spec fields for create, applying `NormalizeClusterIPs` (clusterIP → clusterIPs only). */
function ipSpecOf(spec: Record<string, unknown>): IpSpec {
  const clusterIP = typeof spec.clusterIP === 'string' ? spec.clusterIP : '';
  let clusterIPs = stringList(spec.clusterIPs) ?? [];
  if (clusterIP !== '' && clusterIPs.length === 0) clusterIPs = [clusterIP];
  return {
    type: typeof spec.type === 'string' && spec.type !== '' ? spec.type : ServiceType.CLUSTER_IP,
    clusterIP,
    clusterIPs,
    ipFamilies: stringList(spec.ipFamilies) ?? [],
    ipFamilyPolicy: typeof spec.ipFamilyPolicy === 'string' ? spec.ipFamilyPolicy : undefined,
    hasSelector: isRecord(spec.selector) && Object.keys(spec.selector).length > 0,
  };
}

/**
 * The ipFamilies / ipFamilyPolicy the API server would give this Service on create in a cluster with
 * these service ranges (primary first). Undefined for ExternalName Services, and when the API
 * server would refuse the Service's IP fields.
 */
export function defaultServiceIpFamilies(service: unknown, serviceCidrs: readonly (Cidr | string)[] | string): ServiceIpFamilyDefaults | undefined {
  if (!isRecord(service) || !isRecord(service.spec)) return undefined;
  const s = ipSpecOf(service.spec);
  if (s.type === ServiceType.EXTERNAL_NAME) return undefined;
  if (validateClusterIPsRelatedFields(s, ruleContext(undefined, [])).some((x) => x.severity === 'error')) return undefined;
  const fams = clusterFamiliesOf(serviceCidrs);
  if (!fams) return undefined;
  return initIpFamilyFields(s, fams).defaults;
}

function clusterFamiliesOf(serviceCidrs: readonly (Cidr | string)[] | string | unknown): IpFamily[] | undefined {
  const list = cidrListItems(serviceCidrs);
  if (!list) return undefined;
  const out: IpFamily[] = [];
  for (const x of list) {
    const c = typeof x === 'string' ? parseCidrLoose(x) : isCidr(x) ? x : undefined;
    if (!c) return undefined;
    const fam = familyName(goFamily(c));
    if (!out.includes(fam)) out.push(fam);
  }
  return out;
}

function isCidr(x: unknown): x is Cidr {
  return isRecord(x) && typeof (x as { contains?: unknown }).contains === 'function' && typeof (x as { prefix?: unknown }).prefix === 'number';
}

function parseCidrLoose(text: string): Cidr | undefined {
  const f: Finding[] = [];
  return parseCidrList([text], indexedPaths('x'), { source: '', example: '' }, f).cidrs[0];
}

/** `ValidateServiceClusterIPsRelatedFields` (not for ExternalName). */
function validateClusterIPsRelatedFields(s: IpSpec, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const src = SERVICE_VALIDATION_SOURCE;
  if (s.clusterIP !== '') {
    if (s.clusterIPs[0] !== s.clusterIP) out.push(finding.error('service-cluster-ips-mismatch', 'spec.clusterIPs', `${quote(s.clusterIPs)}: first value must match \`clusterIP\` ${quote(s.clusterIP)}`, `make clusterIPs[0] ${quote(s.clusterIP)}`, src));
  } else if (s.clusterIPs.length !== 0) {
    out.push(finding.error('service-cluster-ips-without-cluster-ip', 'spec.clusterIPs', `${quote(s.clusterIPs)}: must be empty when \`clusterIP\` is not specified (on create the API server does not copy clusterIPs[0] into clusterIP)`, `also set clusterIP: ${quote(s.clusterIPs[0])}`, src));
  }
  const seen = new Set<string>();
  s.ipFamilies.forEach((fam, i) => {
    if (!FAMILIES.includes(fam)) out.push(finding.error('service-ip-family', `spec.ipFamilies[${i}]`, `${quote(fam)}: supported values are "IPv4", "IPv6"`, 'write "IPv4" or "IPv6" (case matters)', src));
    if (seen.has(fam)) out.push(finding.error('service-ip-family-duplicate', `spec.ipFamilies[${i}]`, `${quote(fam)}: duplicate value; a Service has at most one family of each kind`, `remove ipFamilies[${i}]`, src));
    seen.add(fam);
  });
  if (s.ipFamilyPolicy !== undefined && !POLICIES.includes(s.ipFamilyPolicy)) {
    out.push(finding.error('service-ip-family-policy', 'spec.ipFamilyPolicy', `${quote(s.ipFamilyPolicy)}: supported values are ${POLICIES.map((p) => quote(p)).join(', ')}`, 'use "PreferDualStack" for dual-stack where available', src));
  }
  let invalid = false;
  const parsed: Array<Address | undefined> = [];
  s.clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (s.clusterIPs.length > 1) {
        invalid = true;
        out.push(finding.error('service-cluster-ips-none', 'spec.clusterIPs', `${quote(s.clusterIPs)}: 'None' must be the first and only value`, 'write clusterIPs: ["None"] for a headless Service', src));
      }
      parsed.push(undefined);
      return;
    }
    const r = parseIpSloppy(ip);
    if (!r.value) {
      invalid = true;
      out.push(finding.error('service-cluster-ip-invalid', `spec.clusterIPs[${i}]`, `${quote(ip)} must be a valid IP address${ip === 'None' ? " ('None' only as the first and only value)" : ''}`, 'write an address of the service range, "None" (headless), or leave it unset', src));
    } else {
      // KEP-4858: leading zeros and IPv4-mapped IPv6 — a warning before StrictIPCIDRValidation, an error with it.
      const strict = strictValueFinding('ip', ip, `spec.clusterIPs[${i}]`, ctx);
      if (strict) out.push(strict);
    }
    parsed.push(r.value);
  });
  if (s.clusterIPs.length > 2) out.push(finding.error('service-cluster-ips-count', 'spec.clusterIPs', `${quote(s.clusterIPs)} may only hold up to 2 values`, 'keep one address per family', src));
  if (invalid) return out;
  if (s.clusterIPs.length > 1) {
    const fams = parsed.map((a) => (a ? goFamily(a) : 0));
    if (!(fams.length === 2 && fams[0] !== fams[1])) out.push(finding.error('service-cluster-ips-same-family', 'spec.clusterIPs', `${quote(s.clusterIPs)} may specify no more than one IP for each IP family`, 'give one IPv4 and one IPv6 address', src));
  }
  const headless = s.clusterIPs.length === 1 && s.clusterIPs[0] === 'None';
  if (!headless) {
    parsed.forEach((a, i) => {
      if (!a || i >= s.ipFamilies.length) return;
      const want = s.ipFamilies[i];
      const got = familyName(goFamily(a));
      if ((want === IpFamily.IPV4 || want === IpFamily.IPV6) && want !== got) {
        out.push(finding.error('service-cluster-ip-family', `spec.clusterIPs[${i}]`, `${quote(s.clusterIPs[i])}: expected an ${want} value as indicated by \`ipFamilies[${i}]\``, `swap the order of ipFamilies or clusterIPs so they line up`, src));
      }
    });
  }
  return out;
}

/** Explicit clusterIPs against the cluster's ranges (allocIPs → the allocator's Allocate). */
function allocationFindings(s: IpSpec, families: readonly IpFamily[], cidrs: readonly Cidr[], ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const legacy = !ctx.gate('MultiCIDRServiceAllocator') && !legacyAllocatorRetired((g) => ctx.gate(g));
  s.clusterIPs.forEach((ip, i) => {
    if (ip === 'None' || ip === '') return;
    const a = parseIpSloppy(ip).value;
    const fam = families[i];
    if (!a || !fam) return;
    const range = cidrs.find((c) => familyName(goFamily(c)) === fam);
    if (!range) return;
    const p = `spec.clusterIPs[${i}]`;
    const fix = `use an address inside ${quote(range.toString())} (e.g. ${quote(range.size > 10n ? range.at(10).toString() : range.last.toString())}), or leave clusterIP unset to get one allocated`;
    if (!range.contains(a.withoutZone())) {
      out.push(finding.error('service-cluster-ip-out-of-range', p, `failed to allocate IP ${ip}: the provided IP (${a}) is not in the valid range. The range of valid IPs is ${range}`, fix, SERVICE_ALLOC_SOURCE));
      return;
    }
    const offset = a.value - range.network.value;
    const v4 = goFamily(range) === 4;
    if (offset === 0n || (v4 && offset === range.size - 1n && range.size > 1n)) {
      out.push(finding.error('service-cluster-ip-reserved', p, `failed to allocate IP ${ip}: the ${offset === 0n ? 'network' : 'broadcast'} address of ${range} is never allocated`, fix, 'pkg/registry/core/service/ipallocator/bitmap.go'));
    } else if (legacy && !v4 && offset >= LEGACY_ALLOCATOR_MAX) {
      out.push(
        finding.error(
          'service-cluster-ip-beyond-allocator',
          p,
          `failed to allocate IP ${ip}: the legacy allocator of ${ctx.version} covers only the first 65535 addresses after ${range.network} (up to ${range.at(65535)})`,
          `use an address up to ${quote(range.at(65535).toString())}, or turn on MultiCIDRServiceAllocator`,
          'pkg/registry/core/service/ipallocator/bitmap.go',
        ),
      );
    }
  });
  return out;
}

/** `validate.service`: what the API server makes of a Service on create. */
export function validateService(service: unknown, opts?: ServiceValidationOptions): Finding[] {
  const f: Finding[] = [];
  const ctx = ruleContext(opts, f);
  const o = isRecord(opts) ? opts : {};
  const src = SERVICE_VALIDATION_SOURCE;
  let cidrs: Cidr[] | undefined;
  if (o.serviceCidrs !== undefined) {
    const parsed = parseCidrList(o.serviceCidrs, indexedPaths('opts.serviceCidrs'), { source: 'cmd/kube-apiserver/app/options/validation.go', example: exampleList('services', 'list'), dropSameFamily: false }, f);
    cidrs = parsed.wellFormed ? parsed.cidrs : undefined;
  }
  if (!isRecord(service)) {
    f.push(finding.error('service-type', 'Service', `${quote(service)} is not a Service object`, 'write { apiVersion: "v1", kind: "Service", metadata: { name }, spec: { … } }', src));
    return f;
  }
  if (service.apiVersion !== undefined && service.apiVersion !== 'v1') f.push(finding.error('api-version', 'apiVersion', `${quote(service.apiVersion)} is not "v1"`, 'write apiVersion: v1', src));
  if (service.kind !== undefined && service.kind !== 'Service') f.push(finding.error('kind', 'kind', `${quote(service.kind)} is not "Service"`, 'write kind: Service', src));
  const meta = isRecord(service.metadata) ? service.metadata : undefined;
  if (!meta || (meta.name === undefined && typeof meta.generateName !== 'string')) {
    f.push(finding.error('service-name-missing', 'metadata.name', 'name or generateName is required', 'set metadata.name, e.g. "web"', src));
  } else if (meta.name !== undefined && !(typeof meta.name === 'string' && meta.name.length <= 63 && DNS1035_LABEL.test(meta.name))) {
    f.push(finding.error('service-name', 'metadata.name', `${quote(meta.name)} is not a DNS-1035 label (lowercase letters, digits and "-", starting with a letter, at most 63 characters)`, 'use e.g. "web-v6"', src));
  }
  if (!isRecord(service.spec)) {
    f.push(finding.error('service-spec-missing', 'spec', `${quote(service.spec)} is not a Service spec`, 'write spec: { ports: [{ port: 80 }], selector: { app: "web" } }', src));
    return f;
  }
  const spec = service.spec;
  for (const [k, want] of [
    ['clusterIP', 'string'],
    ['clusterIPs', 'list'],
    ['ipFamilies', 'list'],
    ['ipFamilyPolicy', 'string'],
    ['type', 'string'],
  ] as const) {
    const v = spec[k];
    if (v === undefined || v === null) continue;
    const ok = want === 'string' ? typeof v === 'string' : stringList(v) !== undefined;
    if (!ok) f.push(finding.error('service-field-type', `spec.${k}`, `${quote(v)} is not a ${want === 'string' ? 'string' : 'list of strings'}`, `fix the type of spec.${k}`, src));
  }
  if (f.some((x) => x.severity === 'error' && x.path.startsWith('spec.'))) return f;

  // Before 1.20 the dual-stack fields do not exist (1.16–1.19 had a singular alpha spec.ipFamily);
  // in 1.20 they need IPv6DualStack. The API server drops fields it does not serve.
  const dualFieldsServed = ctx.version.atLeast(SERVICE_FAMILY_FIELDS_SINCE) && ctx.gate('IPv6DualStack');
  if (!dualFieldsServed) {
    for (const k of ['clusterIPs', 'ipFamilies', 'ipFamilyPolicy']) {
      if (spec[k] !== undefined) {
        f.push(
          finding.warning(
            'service-field-dropped',
            `spec.${k}`,
            `${quote(spec[k])}: ${ctx.version} ${ctx.version.before(SERVICE_FAMILY_FIELDS_SINCE) ? 'has no such field' : 'serves it only with IPv6DualStack on'}; the API server silently drops it`,
            ctx.version.before(SERVICE_FAMILY_FIELDS_SINCE) ? `target Kubernetes ≥ ${SERVICE_FAMILY_FIELDS_SINCE} for dual-stack Services` : 'turn on IPv6DualStack',
            src,
          ),
        );
      }
    }
  }
  if (spec.ipFamily !== undefined && ctx.version.before(SERVICE_FAMILY_FIELDS_SINCE) && !ctx.gate('IPv6DualStack')) {
    // 1.16–1.19: the singular field is the alpha API, honoured where the API server runs with the
    // gate (pkg/registry/core/service/strategy.go dropServiceDisabledFields).
    f.push(
      finding.info(
        'service-ip-family-alpha-gate',
        'spec.ipFamily',
        `${quote(spec.ipFamily)}: the ${ctx.version} alpha field, which the API server honours only with IPv6DualStack=true and drops otherwise`,
        `run kube-apiserver with --feature-gates=IPv6DualStack=true (kubeadm: featureGates: { IPv6DualStack: true }); from ${SERVICE_FAMILY_FIELDS_SINCE} write ipFamilies instead`,
        src,
      ),
    );
  }
  if (spec.ipFamily !== undefined && ctx.version.atLeast(SERVICE_FAMILY_FIELDS_SINCE)) {
    f.push(finding.warning('service-ip-family-singular', 'spec.ipFamily', `${quote(spec.ipFamily)}: the singular alpha field was replaced by ipFamilies in ${SERVICE_FAMILY_FIELDS_SINCE} and is dropped`, `write ipFamilies: [${quote(spec.ipFamily)}]`, src));
  }

  const s = ipSpecOf(dualFieldsServed ? spec : { ...spec, clusterIPs: undefined, ipFamilies: undefined, ipFamilyPolicy: undefined });
  const types = Object.values(ServiceType) as string[];
  if (!types.includes(s.type)) {
    f.push(finding.error('service-type-value', 'spec.type', `${quote(spec.type)}: supported values are ${types.map((t) => quote(t)).join(', ')}`, 'use "ClusterIP"', src));
    return f;
  }
  if (s.type === ServiceType.EXTERNAL_NAME) {
    if (s.clusterIP !== '') f.push(finding.error('service-external-name-cluster-ip', 'spec.clusterIP', `${quote(s.clusterIP)}: may not be set for ExternalName services`, 'remove clusterIP', src));
    if (spec.clusterIPs !== undefined && (stringList(spec.clusterIPs) ?? []).length > 0) f.push(finding.error('service-external-name-cluster-ip', 'spec.clusterIPs', `${quote(spec.clusterIPs)}: may not be set for ExternalName services`, 'remove clusterIPs', src));
    if (s.ipFamilies.length > 0) f.push(finding.error('service-external-name-families', 'spec.ipFamilies', `${quote(s.ipFamilies)}: may not be set for ExternalName services`, 'remove ipFamilies', src));
    if (s.ipFamilyPolicy !== undefined) f.push(finding.error('service-external-name-families', 'spec.ipFamilyPolicy', `${quote(s.ipFamilyPolicy)}: may not be set for ExternalName services`, 'remove ipFamilyPolicy', src));
    const name = typeof spec.externalName === 'string' ? spec.externalName.replace(/\.$/, '') : spec.externalName;
    if (!(typeof name === 'string' && name.length > 0 && name.length <= 253 && DNS1123_SUBDOMAIN.test(name))) {
      f.push(finding.error('service-external-name', 'spec.externalName', `${quote(spec.externalName)} must be a DNS name (RFC 1123 subdomain)`, 'write e.g. "db.example.com"', src));
    }
    return f;
  }
  const headless = s.clusterIP === 'None';
  if (headless && s.type !== ServiceType.CLUSTER_IP) {
    f.push(finding.error('service-headless-type', 'spec.clusterIP', `"None": may not be set to 'None' for ${s.type} services`, 'use type ClusterIP for a headless Service, or drop clusterIP: None', src));
  }
  f.push(...portFindings(spec.ports, headless, s.type));
  f.push(...serviceDeprecationFindings(spec, ctx));
  const ipErrors = validateClusterIPsRelatedFields(s, ctx);
  f.push(...ipErrors);
  if (ipErrors.some((x) => x.severity === 'error') || !cidrs) return f;

  const clusterFamilies = cidrs.map((c) => familyName(goFamily(c)));
  const init = initIpFamilyFields(s, clusterFamilies);
  f.push(...init.errors);
  if (init.defaults && !headless) f.push(...allocationFindings(s, init.defaults.ipFamilies, cidrs, ctx));
  return f;
}

function portFindings(ports: unknown, headless: boolean, type: string): Finding[] {
  const out: Finding[] = [];
  const src = SERVICE_VALIDATION_SOURCE;
  if (ports === undefined || ports === null || (Array.isArray(ports) && ports.length === 0)) {
    if (!headless) out.push(finding.error('service-ports-required', 'spec.ports', 'Required value: a Service that is not headless needs at least one port', 'add ports: [{ port: 80, targetPort: 8080 }]', src));
    return out;
  }
  if (!Array.isArray(ports)) return [finding.error('service-ports-type', 'spec.ports', `${quote(ports)} is ${yamlTypeName(ports)}, not a list`, 'write ports: [{ port: 80 }]', src)];
  const names = new Set<string>();
  ports.forEach((p: unknown, i: number) => {
    const path = `spec.ports[${i}]`;
    if (!isRecord(p)) {
      out.push(finding.error('service-port-type', path, `${quote(p)} is not a port object`, 'write { port: 80 }', src));
      return;
    }
    if (!(typeof p.port === 'number' && Number.isInteger(p.port) && p.port >= 1 && p.port <= 65535)) {
      out.push(finding.error('service-port-number', `${path}.port`, `${quote(p.port)} must be between 1 and 65535, inclusive`, 'use e.g. 80', src));
    }
    if (p.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(p.protocol as string)) {
      out.push(finding.error('service-port-protocol', `${path}.protocol`, `${quote(p.protocol)}: supported values are "SCTP", "TCP", "UDP"`, 'use "TCP"', src));
    }
    if (ports.length > 1 && (typeof p.name !== 'string' || p.name === '')) {
      out.push(finding.error('service-port-name', `${path}.name`, `${quote(p.name)}: Required value: every port needs a name when there is more than one`, 'name it, e.g. "http"', src));
    } else if (typeof p.name === 'string' && p.name !== '') {
      if (names.has(p.name)) out.push(finding.error('service-port-name-duplicate', `${path}.name`, `${quote(p.name)}: Duplicate value`, 'give each port its own name', src));
      names.add(p.name);
    }
    if (p.nodePort !== undefined && p.nodePort !== 0 && type === ServiceType.CLUSTER_IP) {
      out.push(finding.error('service-node-port-cluster-ip', `${path}.nodePort`, `${quote(p.nodePort)}: may not be used when \`type\` is 'ClusterIP'`, 'remove nodePort, or use type NodePort', src));
    }
  });
  return out;
}
