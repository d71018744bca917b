/**
 * kube-apiserver `--service-cluster-ip-range` (and `--advertise-address` against it).
 *
 * Mirrors cmd/kube-apiserver/app/options/validation.go, version by version:
 * - `validateClusterIPFlags`: at most two entries; two must be of different families; each range
 *   at most 20 host bits ("specified --service-cluster-ip-range is too large; for 128-bit
 *   addresses, the mask must be >= 108"). 1.16–1.20: a second range needs IPv6DualStack. 1.27–1.30:
 *   with MultiCIDRServiceAllocator the limit is 64 host bits. 1.31+: no size limit at all when both
 *   MultiCIDRServiceAllocator and DisableAllocatorDualWrite are on (the bitmap is no longer written).
 * - `validatePublicIPServiceClusterIPRangeIPFamilies` (formerly in pkg/controlplane's bootstrap
 *   controller): unless `--endpoint-reconciler-type=none`, the primary range's family must match the
 *   advertise address ("service IP family … must match public address family").
 * The legacy bitmap allocator (pkg/registry/core/service/ipallocator/bitmap.go) uses at most the
 * first 65535 addresses of an IPv6 range; that is a warning.
 */
import { Address } from '../../net/address';
import type { Cidr } from '../../net/cidr';
import { quote } from '../../net/errors';
import { legacyAllocatorRetired, LEGACY_ALLOCATOR_MAX } from '../capacity';
import { Finding, finding, Severity } from '../findings';
import type { ClusterNetwork } from '../network';
import { addressSpaceFindings, CidrEntry, CidrListPaths, exampleList, goFamily, indexedPaths, isRecord, parseCidrList, parseIpSloppy, RuleContext, ruleContext, VersionOptions, yamlTypeName } from './common';
import { dualStackGateFinding } from './gates';
import { FEATURE_GATES } from '../version';
import { ADVERTISE_ADDRESS_FAMILY_CHECK_SINCE, SERVICE_CIDR_LARGE_V6_BUG } from '../timeline';

export const APISERVER_SOURCE = 'cmd/kube-apiserver/app/options/validation.go';
const BITMAP_SOURCE = 'pkg/registry/core/service/ipallocator/bitmap.go';

/** Values of kube-apiserver `--endpoint-reconciler-type`. */
export enum EndpointReconcilerType {
  LEASE = 'lease',
  MASTER_COUNT = 'master-count',
  NONE = 'none',
}

/** Options of `validate.serviceClusterIPRange`. */
export interface ServiceClusterIPRangeOptions extends VersionOptions {
  /**
   * kube-apiserver `--advertise-address` (its public address).
   * @default - not checked against the range's family
   */
  readonly advertiseAddress?: string;
  /**
   * kube-apiserver `--endpoint-reconciler-type`.
   * @default "lease"
   */
  readonly endpointReconcilerType?: EndpointReconcilerType | string;
}

/**
 * From this version the legacy allocator can be retired (DisableAllocatorDualWrite exists, alpha);
 * before it, MultiCIDRServiceAllocator alone lifts the range limit.
 */
const DUAL_WRITE_SINCE = FEATURE_GATES.DisableAllocatorDualWrite.alpha as string;

/**
 * The largest service range kube-apiserver accepts, in host bits, for a version and gates; or
 * undefined when there is no limit.
 */
export function maxServiceRangeHostBits(ctx: RuleContext): number | undefined {
  if (ctx.version.atLeast(DUAL_WRITE_SINCE)) return legacyAllocatorRetired((g) => ctx.gate(g)) ? undefined : 20;
  if (ctx.version.atLeast(FEATURE_GATES.MultiCIDRServiceAllocator.alpha as string) && ctx.gate('MultiCIDRServiceAllocator')) return 64;
  return 20;
}

/**
 * A two-entry range list (`--service-cluster-ip-range`, `--cluster-cidr`) is dual-stack, which
 * the component accepts only with its IPv6DualStack gate on: the gate finding, if any, for the
 * whole list. Shared by kube-apiserver and kube-controller-manager (lib/plan/rules/controller-manager.ts).
 */
export function dualStackListFindings(entries: readonly CidrEntry[], ctx: RuleContext, paths: CidrListPaths, component: string, source: string): Finding[] {
  if (entries.length !== 2) return [];
  const g = dualStackGateFinding(ctx, paths.list, entries.map((e) => e.written).join(','), component, source);
  return g ? [g] : [];
}

/** The address-family-independent checks on parsed service ranges; shared by the validator and the plan. */
export function serviceRangeFindings(
  entries: readonly CidrEntry[],
  ctx: RuleContext,
  paths: CidrListPaths,
  unusableSeverity: Severity.ERROR | Severity.WARNING,
): Finding[] {
  const out: Finding[] = dualStackListFindings(entries, ctx, paths, 'kube-apiserver', APISERVER_SOURCE);
  const maxBits = maxServiceRangeHostBits(ctx);
  const retired = legacyAllocatorRetired((g) => ctx.gate(g));
  for (const { index, written: w, cidr: c } of entries) {
    const p = paths.item(index);
    if (maxBits !== undefined && c.hostBits > maxBits) {
      out.push(
        finding.error(
          'service-range-too-large',
          p,
          `${quote(w)} is too large: kube-apiserver ${ctx.version} refuses a service range with more than ${maxBits} host bits ("for ${c.bits}-bit addresses, the mask must be >= ${c.bits - maxBits}")`,
          `use a /${c.bits - maxBits} or longer prefix, e.g. ${quote(`${c.network}/${Math.max(c.bits - maxBits, c.family === 6 ? 112 : c.prefix)}`)}${ctx.version.atLeast(DUAL_WRITE_SINCE) ? ', or turn on MultiCIDRServiceAllocator and DisableAllocatorDualWrite' : ''}`,
          APISERVER_SOURCE,
        ),
      );
    }
    // kubernetes#138374: 1.33/1.34 API servers could allocate ClusterIPs outside an IPv6 range of
    // /64 or larger; fixed in 1.35 (#134193) and in later 1.33/1.34 patches.
    const bug = SERVICE_CIDR_LARGE_V6_BUG;
    if (c.family === 6 && c.prefix <= 64 && ctx.version.atLeast(bug.from) && ctx.version.before(bug.fixed) && (maxBits === undefined || c.hostBits <= maxBits)) {
      out.push(
        finding.warning(
          'service-range-v6-large-allocator-bug',
          p,
          `${quote(w)} is an IPv6 service range of /64 or larger: kube-apiserver ${ctx.version} (before the backported fix) can hand out ClusterIPs outside the range (kubernetes#138374)`,
          `use a longer prefix such as ${quote(`${c.network}/108`)}, or run a ${ctx.version} patch release with kubernetes#134193 backported (or Kubernetes ${bug.fixed}+)`,
          bug.source,
        ),
      );
    }
    // The bitmap allocator's usable size: IPv4 drops the network and broadcast addresses, IPv6
    // caps at 2^16 and drops the network address.
    const usable = goFamily(c) === 4 ? c.size - 2n : (c.size > LEGACY_ALLOCATOR_MAX && !retired ? LEGACY_ALLOCATOR_MAX : c.size) - 1n;
    if (usable < 1n) {
      out.push(
        finding.error(
          'service-range-too-small',
          p,
          `${quote(w)} leaves no allocatable ClusterIP (the network${goFamily(c) === 4 ? ' and broadcast addresses are' : ' address is'} never allocated), so the kubernetes.default Service gets no IP`,
          c.family === 4 ? 'use a /28 or shorter prefix' : 'use a /112 or shorter prefix',
          BITMAP_SOURCE,
        ),
      );
    } else if (c.family === 6 && !retired && c.size > LEGACY_ALLOCATOR_MAX && (maxBits === undefined || c.hostBits <= maxBits)) {
      out.push(
        finding.warning(
          'service-range-beyond-allocator',
          p,
          `${quote(w)} holds ${c.size} addresses, but the legacy ClusterIP allocator of ${ctx.version} uses only the first 65535 after the network address (an effective /112; explicit clusterIPs beyond ${c.at(65535)} are refused)`,
          `use ${quote(`${c.network}/112`)}, or turn on MultiCIDRServiceAllocator and DisableAllocatorDualWrite${ctx.version.before(DUAL_WRITE_SINCE) ? ` (Kubernetes ≥ ${DUAL_WRITE_SINCE})` : ''}`,
          BITMAP_SOURCE,
        ),
      );
    }
    out.push(...addressSpaceFindings(c, p, w, unusableSeverity));
  }
  return out;
}

/**
 * The advertise address must be of the primary service range's family unless the endpoint
 * reconciler is `none` (the kubernetes.default Service is single-stack on the primary family and
 * its endpoint is the advertise address).
 */
export function advertiseFamilyFinding(primary: Cidr, advertise: Address, advertisePath: string, rangePath: string, reconciler: string | undefined): Finding | undefined {
  if (reconciler === EndpointReconcilerType.NONE) return undefined;
  if (goFamily(primary) === goFamily(advertise)) return undefined;
  return finding.error(
    'advertise-address-family',
    advertisePath,
    `${quote(advertise.toString())} is IPv${goFamily(advertise)} but the primary service range ${rangePath} ${quote(primary.toString())} is IPv${goFamily(primary)}; kube-apiserver refuses to start ("service IP family must match public address family")`,
    `advertise an IPv${goFamily(primary)} address, or put the IPv${goFamily(advertise)} range first in the service ranges`,
    APISERVER_SOURCE,
  );
}

/** `validate.serviceClusterIPRange`: what kube-apiserver makes of `--service-cluster-ip-range`. */
export function validateServiceClusterIPRange(value: unknown, opts?: ServiceClusterIPRangeOptions): Finding[] {
  const f: Finding[] = [];
  const ctx = ruleContext(opts, f);
  const o = isRecord(opts) ? opts : {};
  const paths = indexedPaths('--service-cluster-ip-range');
  if (value === undefined || value === '') {
    f.push(
      finding.warning(
        'service-range-default',
        paths.list,
        `${quote(value)}: kube-apiserver falls back to its built-in 10.0.0.0/24, which kubeadm and most CNIs do not assume`,
        `set the range explicitly, e.g. ${exampleList('services', 'flag')}`,
        APISERVER_SOURCE,
      ),
    );
    return f;
  }
  const parsed = parseCidrList(value, paths, { source: APISERVER_SOURCE, example: exampleList('services', 'flag'), dropSameFamily: false }, f);
  const entries = parsed.entries.slice(0, 2);
  f.push(...serviceRangeFindings(entries, ctx, paths, Severity.WARNING));
  // The primary range is entry [0]; when it did not read, the primary family is unknown.
  const primary = entries[0]?.index === 0 ? entries[0].cidr : undefined;

  let reconciler: string | undefined;
  if (o.endpointReconcilerType !== undefined) {
    const known = Object.values(EndpointReconcilerType) as string[];
    if (typeof o.endpointReconcilerType !== 'string' || !known.includes(o.endpointReconcilerType)) {
      f.push(
        finding.error(
          'endpoint-reconciler-type',
          '--endpoint-reconciler-type',
          `${quote(o.endpointReconcilerType)} is not an endpoint reconciler type (${known.join(', ')})`,
          'use "lease" (the default)',
          'pkg/controlplane/reconcilers/reconcilers.go',
        ),
      );
    } else {
      reconciler = o.endpointReconcilerType;
    }
  }
  if (o.advertiseAddress !== undefined) {
    const r = typeof o.advertiseAddress === 'string' ? parseIpSloppy(o.advertiseAddress) : { error: `${quote(o.advertiseAddress)} is ${yamlTypeName(o.advertiseAddress)}, not a string` };
    if (!r.value) {
      f.push(finding.error('advertise-address-invalid', '--advertise-address', r.error ?? 'not an IP address', 'write an IP address such as "192.168.101.53"', APISERVER_SOURCE));
    } else if (primary && ctx.version.atLeast(ADVERTISE_ADDRESS_FAMILY_CHECK_SINCE)) {
      const a = advertiseFamilyFinding(primary, r.value, '--advertise-address', paths.item(0), reconciler);
      if (a) f.push(a);
    }
  }
  return f;
}

/** Plan rule: the service ranges as kube-apiserver judges them, and the control-plane node's address family. */
export function apiserverPlanRule(plan: ClusterNetwork): Finding[] {
  const out = serviceRangeFindings(plan.serviceCidrEntries, plan.ruleContext, indexedPaths('serviceCidrs'), Severity.ERROR);
  const primary = plan.serviceCidrs[0];
  const cp = plan.controlPlaneNode;
  if (primary && cp && (cp.ipv4 || cp.ipv6)) {
    const mine = goFamily(primary) === 4 ? cp.ipv4 : cp.ipv6;
    const other = goFamily(primary) === 4 ? cp.ipv6 : cp.ipv4;
    if (!mine && other) {
      const a = advertiseFamilyFinding(primary, other.address, `nodes[${cp.index}].ipv${goFamily(primary)}`, 'serviceCidrs[0]', undefined);
      if (a) out.push({ ...a, fix: `give control-plane node ${quote(cp.name)} an IPv${goFamily(primary)} address, or put the IPv${goFamily(other.address)} service range first` });
    }
  }
  return out;
}
