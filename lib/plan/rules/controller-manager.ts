/**
 * kube-controller-manager node IPAM: `--cluster-cidr` and the node mask flags.
 *
 * Mirrors cmd/kube-controller-manager/app/core.go (`startNodeIpamController`, `processCIDRs`,
 * `setNodeCIDRMaskSizes`) and pkg/controller/nodeipam/ipam/cidrset/cidr_set.go (`NewCIDRSet`):
 * - one CIDR, or two of different families ("len of ClusterCIDRs==2 and they are not configured
 *   as dual stack"); dual-stack needs IPv6DualStack before 1.21;
 * - dual-stack refuses `--node-cidr-mask-size` ("not allowed with dual-stack clusters") and uses
 *   the per-family flags (defaults 24 / 64); single-stack refuses the other family's flag, and
 *   mixing `--node-cidr-mask-size` with a per-family flag;
 * - IPv6: node mask − cluster prefix > 16 is refused ("New CIDR set failed; the node CIDR size is
 *   too big" — the allocator keeps an uncompressed bitmap of 2^diff entries); IPv4 has no such cap;
 *   a mask longer than the address (> 32 / > 128) is refused.
 * A node mask shorter than the cluster prefix is not refused at start-up, but the CIDR set gets
 * zero node CIDRs and no node ever gets a podCIDR: we call that an error.
 *
 * Before 1.17 there are no per-family flags: `--node-cidr-mask-size-ipv4/-ipv6` arrive with
 * kubernetes#79993 (CHANGELOG-1.17: "The default node cidr mask size for IPv6 was 24 which is now
 * changed to 64"). kube-controller-manager 1.16 hands its one `--node-cidr-mask-size` (default 24)
 * to the CIDR set of every cluster CIDR, so a dual-stack 1.16 cluster gets the IPv4-sized mask on
 * its IPv6 range (kubernetes#83346: it crash-loops with a /112 IPv6 range), and an unknown flag
 * stops it from starting.
 */
import type { Cidr } from '../../net/cidr';
import { quote } from '../../net/errors';
import { Finding, finding, Severity } from '../findings';
import type { ClusterNetwork } from '../network';
import { IpFamily } from '../spec';
import { dualStackListFindings } from './apiserver';
import { addressSpaceFindings, CidrEntry, CidrListPaths, exampleList, goFamily, indexedPaths, isRecord, parseCidrList, RuleContext, ruleContext, VersionOptions } from './common';
import { PER_FAMILY_NODE_MASK_SINCE, PER_FAMILY_NODE_MASK_SINGLE_STACK_SINCE } from '../timeline';

export const CONTROLLER_MANAGER_SOURCE = 'cmd/kube-controller-manager/app/core.go';
export const CIDRSET_SOURCE = 'pkg/controller/nodeipam/ipam/cidrset/cidr_set.go';

/** The allocator's bitmap limit: node mask − cluster prefix for IPv6 (clusterSubnetMaxDiff). */
export const CLUSTER_SUBNET_MAX_DIFF = 16;
export const DEFAULT_NODE_MASK_IPV4 = 24;
export const DEFAULT_NODE_MASK_IPV6 = 64;
/** First kube-controller-manager with `--node-cidr-mask-size-ipv4/-ipv6` (kubernetes#79993, CHANGELOG-1.17). */
export { PER_FAMILY_NODE_MASK_SINCE };
/** kube-controller-manager 1.16's `--node-cidr-mask-size` default, applied to both families (CHANGELOG-1.17). */
export const LEGACY_DEFAULT_NODE_MASK = 24;
const PER_FAMILY_NODE_MASK_SOURCE = 'kubernetes/kubernetes#79993';

/** Options of `validate.clusterCIDR`. */
export interface ClusterCIDROptions {
  /**
   * `--node-cidr-mask-size` (single-stack only).
   * @default - unset
   */
  readonly nodeCidrMaskSize?: number;
  /**
   * `--node-cidr-mask-size-ipv4`.
   * @default 24
   */
  readonly nodeCidrMaskSizeIPv4?: number;
  /**
   * `--node-cidr-mask-size-ipv6`.
   * @default 64
   */
  readonly nodeCidrMaskSizeIPv6?: number;
  /**
   * `--service-cluster-ip-range` given to kube-controller-manager (node IPAM skips it inside the cluster CIDR).
   * @default - not checked
   */
  readonly serviceClusterIPRange?: string;
  /**
   * Kubernetes version.
   * @default "1.36" (`DEFAULT_VERSION` of the timeline)
   */
  readonly kubernetesVersion?: string;
  /**
   * Feature-gate overrides.
   * @default {}
   */
  readonly featureGates?: VersionOptions['featureGates'];
}

/**
 * The node-mask rules for one cluster CIDR; shared by kube-controller-manager (IPv6 only:
 * `ipv4DiffLimit` false) and kubeadm (both families).
 */
export function nodeMaskFindings(
  c: Cidr,
  mask: number,
  cidrPath: string,
  maskPath: string,
  written: string,
  opts: { readonly ipv4DiffLimit: boolean; readonly component: string; readonly source: string },
): Finding[] {
  const out: Finding[] = [];
  const bits = goFamily(c) === 4 && c.family === 4 ? 32 : c.bits;
  if (mask > bits) {
    out.push(finding.error('node-mask-range', maskPath, `${mask} is longer than an IPv${c.family} address (${bits} bits)`, `use e.g. ${c.family === 4 ? DEFAULT_NODE_MASK_IPV4 : DEFAULT_NODE_MASK_IPV6}`, opts.source));
    return out;
  }
  if (mask < c.prefix) {
    out.push(
      finding.error(
        'node-mask-shorter-than-cluster',
        maskPath,
        `node mask /${mask} is shorter than ${cidrPath} ${quote(written)} (/${c.prefix}): not one node podCIDR fits, so ${opts.component} gives no node a podCIDR`,
        `use a node mask between /${c.prefix} and /${Math.min(bits, c.prefix + CLUSTER_SUBNET_MAX_DIFF)}, or a larger ${cidrPath}`,
        opts.source,
      ),
    );
    return out;
  }
  if ((c.family === 6 || opts.ipv4DiffLimit) && mask - c.prefix > CLUSTER_SUBNET_MAX_DIFF) {
    const widest = mask - CLUSTER_SUBNET_MAX_DIFF;
    out.push(
      finding.error(
        'node-mask-too-far',
        maskPath,
        `node mask /${mask} is ${mask - c.prefix} bits longer than ${cidrPath} ${quote(written)}; ${opts.component} refuses more than ${CLUSTER_SUBNET_MAX_DIFF} (its allocator keeps an uncompressed bitmap of 2^${CLUSTER_SUBNET_MAX_DIFF} node CIDRs at most)`,
        `use a /${widest} or larger ${cidrPath} (e.g. ${quote(`${c.network}/${widest}`)}), or a node mask of /${c.prefix + CLUSTER_SUBNET_MAX_DIFF} or shorter`,
        opts.source,
      ),
    );
  }
  return out;
}

/**
 * Before 1.17: kube-controller-manager cuts every cluster CIDR with the one `--node-cidr-mask-size`.
 * One error per cluster CIDR that mask cannot serve (the nodeMaskFindings verdict, restated with
 * the only fix that helps: per-family masks from 1.17 on).
 */
export function singleNodeMaskFindings(
  entries: readonly CidrEntry[],
  mask: number,
  path: string,
  maskLabel: string | undefined,
  paths: CidrListPaths,
  version: string,
): Finding[] {
  const out: Finding[] = [];
  for (const { index: i, written: w, cidr: c } of entries) {
    const verdict = nodeMaskFindings(c, mask, paths.item(i), path, w, {
      ipv4DiffLimit: false,
      component: 'kube-controller-manager',
      source: CIDRSET_SOURCE,
    }).filter((x) => x.severity === Severity.ERROR);
    for (const v of verdict) {
      out.push(
        finding.error(
          'node-mask-single-dual-stack',
          path,
          `kube-controller-manager ${version} has one --node-cidr-mask-size for both families (the per-family flags arrive in ${PER_FAMILY_NODE_MASK_SINCE}), so /${mask}${maskLabel ? ` (${maskLabel})` : ''} also cuts ${paths.item(i)} ${quote(w)}: ${v.message.slice(v.path.length + 2)}`,
          `target Kubernetes ${PER_FAMILY_NODE_MASK_SINCE} or later (--node-cidr-mask-size-ipv4/-ipv6); dual-stack node IPAM with one mask for both families effectively does not work`,
          PER_FAMILY_NODE_MASK_SOURCE,
        ),
      );
    }
  }
  return out;
}

/** Checks on parsed cluster CIDRs with resolved masks; shared by the validator and the plan. */
export function clusterCidrFindings(
  entries: readonly CidrEntry[],
  masks: { readonly ipv4: number; readonly ipv6: number },
  maskPath: (family: 4 | 6) => string,
  ctx: RuleContext,
  paths: CidrListPaths,
  unusableSeverity: Severity.ERROR | Severity.WARNING,
): Finding[] {
  const out: Finding[] = dualStackListFindings(entries, ctx, paths, 'kube-controller-manager', CONTROLLER_MANAGER_SOURCE);
  for (const { index: i, written: w, cidr: c } of entries) {
    const fam = goFamily(c);
    out.push(
      ...nodeMaskFindings(c, fam === 4 ? masks.ipv4 : masks.ipv6, paths.item(i), maskPath(fam), w, {
        ipv4DiffLimit: false,
        component: 'kube-controller-manager',
        source: CIDRSET_SOURCE,
      }),
    );
    out.push(...addressSpaceFindings(c, paths.item(i), w, unusableSeverity));
  }
  return out;
}

function maskOption(o: Record<string, unknown>, key: string, flag: string, f: Finding[]): number | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 2147483647) {
    f.push(finding.error('node-mask-type', flag, `${quote(v)} is not a whole number`, 'write a prefix length such as 24 (IPv4) or 64 (IPv6)', CONTROLLER_MANAGER_SOURCE));
    return undefined;
  }
  // 0 means "unset" for these int32 flags.
  return v === 0 ? undefined : v;
}

/** `validate.clusterCIDR`: what kube-controller-manager's node IPAM makes of `--cluster-cidr` and the mask flags. */
export function validateClusterCIDR(value: unknown, opts?: ClusterCIDROptions): Finding[] {
  const f: Finding[] = [];
  const ctx = ruleContext(opts, f);
  const o = isRecord(opts) ? opts : {};
  const paths = indexedPaths('--cluster-cidr');
  const maskSize = maskOption(o, 'nodeCidrMaskSize', '--node-cidr-mask-size', f);
  const maskV4 = maskOption(o, 'nodeCidrMaskSizeIPv4', '--node-cidr-mask-size-ipv4', f);
  const maskV6 = maskOption(o, 'nodeCidrMaskSizeIPv6', '--node-cidr-mask-size-ipv6', f);

  if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
    f.push(
      finding.error('cluster-cidr-missing', paths.list, `${quote(value)}: node IPAM (--allocate-node-cidrs) needs a cluster CIDR to cut node podCIDRs from`, `set --cluster-cidr, e.g. ${exampleList('pods', 'flag')}`, CONTROLLER_MANAGER_SOURCE),
    );
    return f;
  }
  // processCIDRs trims the whole flag value, then splits on ",".
  const text = typeof value === 'string' ? value.trim() : value;
  const parsed = parseCidrList(text, paths, { source: CONTROLLER_MANAGER_SOURCE, example: exampleList('pods', 'flag'), dropSameFamily: false }, f);
  const entries = parsed.entries.slice(0, 2);
  const cidrs = entries.map((e) => e.cidr);
  if (cidrs.length === 0) return f;

  const dual = cidrs.length === 2 && goFamily(cidrs[0]) !== goFamily(cidrs[1]);
  let ipv4 = DEFAULT_NODE_MASK_IPV4;
  let ipv6 = DEFAULT_NODE_MASK_IPV6;
  const flagError = (path: string, msg: string, fix: string) => f.push(finding.error('node-mask-flags', path, msg, fix, CONTROLLER_MANAGER_SOURCE));
  if (ctx.version.before(PER_FAMILY_NODE_MASK_SINCE)) {
    // 1.16: the per-family flags do not exist (pflag refuses an unknown flag, so the component
    // does not start), and the one mask (default 24) cuts every cluster CIDR.
    for (const [given, flag] of [
      [maskV4, '--node-cidr-mask-size-ipv4'],
      [maskV6, '--node-cidr-mask-size-ipv6'],
    ] as const) {
      if (given === undefined) continue;
      f.push(
        finding.error(
          'node-mask-flag-unknown',
          flag,
          `unknown flag: kube-controller-manager ${ctx.version} has no ${flag} (it arrives in ${PER_FAMILY_NODE_MASK_SINCE}, kubernetes#79993) and refuses to start`,
          `use --node-cidr-mask-size, or target Kubernetes ${PER_FAMILY_NODE_MASK_SINCE} or later`,
          PER_FAMILY_NODE_MASK_SOURCE,
        ),
      );
    }
    const mask = maskSize ?? LEGACY_DEFAULT_NODE_MASK;
    if (!dual) {
      f.push(...clusterCidrFindings(entries, { ipv4: mask, ipv6: mask }, () => '--node-cidr-mask-size', ctx, paths, Severity.WARNING));
    } else {
      // The per-CIDR mask verdicts are restated by singleNodeMaskFindings (their own fixes would
      // suggest masks that break the other family).
      const rest = clusterCidrFindings(entries, { ipv4: mask, ipv6: mask }, () => '--node-cidr-mask-size', ctx, paths, Severity.WARNING);
      f.push(...rest.filter((x) => !x.code.startsWith('node-mask-')));
      f.push(...singleNodeMaskFindings(entries, mask, '--node-cidr-mask-size', undefined, paths, ctx.version.toString()));
    }
    serviceOverlapFindings(o, entries, paths, f);
    return f;
  }
  if (dual) {
    if (maskSize !== undefined) {
      flagError('--node-cidr-mask-size', `${maskSize}: --node-cidr-mask-size is not allowed with dual-stack clusters`, 'use --node-cidr-mask-size-ipv4 and --node-cidr-mask-size-ipv6');
    }
    ipv4 = maskV4 ?? ipv4;
    ipv6 = maskV6 ?? ipv6;
  } else {
    const v6 = goFamily(cidrs[0]) === 6;
    if (ctx.version.before(PER_FAMILY_NODE_MASK_SINGLE_STACK_SINCE) && (maskV4 !== undefined || maskV6 !== undefined)) {
      // Before the per-family flags were honoured for single-stack clusters.
      flagError(
        maskV4 !== undefined ? '--node-cidr-mask-size-ipv4' : '--node-cidr-mask-size-ipv6',
        `the per-family mask flags are not allowed with non dual-stack clusters in kube-controller-manager ${ctx.version}`,
        'use --node-cidr-mask-size',
      );
    } else if (maskSize !== undefined && (maskV4 !== undefined || maskV6 !== undefined)) {
      flagError(maskV4 !== undefined ? '--node-cidr-mask-size-ipv4' : '--node-cidr-mask-size-ipv6', 'the per-family mask flags are not allowed together with --node-cidr-mask-size', 'set only one of them');
    } else if (maskV4 !== undefined && v6) {
      flagError('--node-cidr-mask-size-ipv4', `${maskV4}: --node-cidr-mask-size-ipv4 is not allowed for a single-stack IPv6 cluster`, 'use --node-cidr-mask-size-ipv6');
    } else if (maskV6 !== undefined && !v6) {
      flagError('--node-cidr-mask-size-ipv6', `${maskV6}: --node-cidr-mask-size-ipv6 is not allowed for a single-stack IPv4 cluster`, 'use --node-cidr-mask-size-ipv4');
    }
    if (maskSize !== undefined) {
      ipv4 = maskSize;
      ipv6 = maskSize;
    } else {
      ipv4 = maskV4 ?? ipv4;
      ipv6 = maskV6 ?? ipv6;
    }
  }
  const maskPath = (fam: 4 | 6) =>
    !dual && maskSize !== undefined ? '--node-cidr-mask-size' : fam === 4 ? '--node-cidr-mask-size-ipv4' : '--node-cidr-mask-size-ipv6';
  f.push(...clusterCidrFindings(entries, { ipv4, ipv6 }, maskPath, ctx, paths, Severity.WARNING));
  serviceOverlapFindings(o, entries, paths, f);
  return f;
}

/** `--service-cluster-ip-range` against the cluster CIDRs (node IPAM marks the overlap used). */
function serviceOverlapFindings(o: Record<string, unknown>, entries: readonly CidrEntry[], paths: CidrListPaths, f: Finding[]): void {
  if (o.serviceClusterIPRange !== undefined) {
    const sPaths = indexedPaths('--service-cluster-ip-range');
    const sf: Finding[] = [];
    const services = parseCidrList(o.serviceClusterIPRange, sPaths, { source: CONTROLLER_MANAGER_SOURCE, example: '"10.96.0.0/12"' }, sf);
    f.push(...sf.filter((x) => x.severity === Severity.ERROR));
    for (const { cidr: s, written: sw } of services.entries) {
      for (const { index: i, written: w, cidr: c } of entries) {
        if (s.overlaps(c)) {
          f.push(
            finding.warning(
              'cluster-cidr-service-overlap',
              paths.item(i),
              `${quote(w)} overlaps the service range ${quote(sw)}; node IPAM marks it used and hands out the rest, but pods and ClusterIPs sharing space is fragile`,
              'give pods and Services disjoint ranges',
              'pkg/controller/nodeipam/ipam/range_allocator.go',
            ),
          );
        }
      }
    }
  }
}

/**
 * The one `--node-cidr-mask-size` a plan gives kube-controller-manager before 1.17 (and always for
 * single-stack): the primary family's node mask. Undefined for a plan without families.
 */
export function singleNodeMask(plan: ClusterNetwork): number | undefined {
  return plan.primaryFamily ? plan.nodeMask(plan.primaryFamily) : undefined;
}

/** Plan rule: the pod ranges and node masks as kube-controller-manager judges them. */
export function controllerManagerPlanRule(plan: ClusterNetwork): Finding[] {
  const paths = indexedPaths('podCidrs');
  const out = clusterCidrFindings(
    plan.podCidrEntries,
    { ipv4: plan.nodeMaskIPv4, ipv6: plan.nodeMaskIPv6 },
    (fam) => (fam === 4 ? 'nodeMaskIPv4' : 'nodeMaskIPv6'),
    plan.ruleContext,
    paths,
    Severity.ERROR,
  );
  const mask = singleNodeMask(plan);
  if (plan.isDualStack && mask !== undefined && plan.version.before(PER_FAMILY_NODE_MASK_SINCE)) {
    const maskName = plan.primaryFamily === IpFamily.IPV6 ? 'nodeMaskIPv6' : 'nodeMaskIPv4';
    out.push(...singleNodeMaskFindings(plan.podCidrEntries, mask, 'kubernetesVersion', `${maskName}, the primary family's`, paths, plan.version.toString()));
  }
  return out;
}
