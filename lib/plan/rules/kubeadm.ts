/**
 * kubeadm `ClusterConfiguration.networking`: `podSubnet`, `serviceSubnet`, `dnsDomain`.
 *
 * Mirrors cmd/kubeadm/app/apis/kubeadm/validation/validation.go (`ValidateNetworking`,
 * `ValidateIPNetFromString`, `ValidateServiceSubnetSize`, `ValidatePodSubnetNodeMask`) and the
 * constants of cmd/kubeadm/app/constants/constants.go:
 * - each subnet: comma-separated, at most two, two of different families;
 * - service subnet: at least 10 addresses (MinimumAddressesInServiceSubnet), at most 20 host bits
 *   (MaximumBitsForServiceSubnet; kubeadm applies it whatever the gates);
 * - pod subnet: at least 14 addresses (MinimumAddressesInPodSubnet); unless the controller-manager
 *   runs with `allocate-node-cidrs=false`, for BOTH families the node mask must not be shorter than
 *   the subnet and at most 16 bits longer (PodSubnetNodeMaskMaxDiff) — stricter than
 *   kube-controller-manager, which limits only IPv6;
 * - dnsDomain: an RFC 1123 subdomain.
 * kubeadm also warns about fec0::/10 (site-local, RFC 3879).
 */
import type { Cidr } from '../../net/cidr';
import { quote } from '../../net/errors';
import { Finding, finding, Severity } from '../findings';
import type { ClusterNetwork } from '../network';
import { addressSpaceFindings, CidrEntry, DNS1123_SUBDOMAIN, exampleList, goFamily, indexedPaths, isRecord, listAsCommaString, parseCidrList, ruleContext, VersionOptions, yamlTypeName } from './common';
import { maxServiceRangeHostBits } from './apiserver';
import { CIDRSET_SOURCE, DEFAULT_NODE_MASK_IPV4, DEFAULT_NODE_MASK_IPV6, nodeMaskFindings } from './controller-manager';
import { dualStackGateFinding } from './gates';
import { FEATURE_GATES as GATES, KUBEADM_API_VERSIONS, KUBEADM_NODE_MASK_VALIDATION_SINCE } from '../timeline';

const DUAL_STACK_ON_BY_DEFAULT = GATES.IPv6DualStack.defaultOn as string;
import type { KubernetesVersion } from '../version';

export const KUBEADM_SOURCE = 'cmd/kubeadm/app/apis/kubeadm/validation/validation.go';
export const MINIMUM_ADDRESSES_IN_SERVICE_SUBNET = 10n;
export const MINIMUM_ADDRESSES_IN_POD_SUBNET = 14n;
export const MAXIMUM_BITS_FOR_SERVICE_SUBNET = 20;


/**
 * kubeadm ≤ 1.19's IPv6 node mask for a pod subnet prefix (`calcNodeCidrSize`): a multiple of 8
 * that leaves 512 to 64K node CIDRs, /120 for a /112, and the subnet itself past /112 (a /80 gives
 * /96, a /64 gives /80, a /56 gives /72).
 */
export function kubeadmComputedNodeMaskIPv6(prefix: number): number {
  if (prefix === 112) return 120;
  if (prefix < 112) return 128 - (Math.floor((128 - prefix - 1) / 8) - 1) * 8;
  return prefix;
}

/** `networking` as written in a kubeadm ClusterConfiguration. */
export interface KubeadmNetworking {
  /**
   * Pod subnet(s), comma-separated.
   * @default - none (no node IPAM check)
   */
  readonly podSubnet?: string;
  /**
   * Service subnet(s), comma-separated.
   * @default "10.96.0.0/12"
   */
  readonly serviceSubnet?: string;
  /**
   * Cluster DNS domain.
   * @default "cluster.local"
   */
  readonly dnsDomain?: string;
}

/** Options of `validate.kubeadmNetworking`. */
export interface KubeadmNetworkingOptions extends VersionOptions {
  /**
   * controllerManager extra arg `node-cidr-mask-size-ipv4`.
   * @default 24
   */
  readonly nodeCidrMaskSizeIPv4?: number;
  /**
   * controllerManager extra arg `node-cidr-mask-size-ipv6`.
   * @default 64
   */
  readonly nodeCidrMaskSizeIPv6?: number;
  /**
   * controllerManager extra arg `allocate-node-cidrs`; only `false` skips the node-mask check.
   * @default true
   */
  readonly allocateNodeCidrs?: boolean;
  /**
   * The `apiVersion` of the kubeadm document (`kubeadm.k8s.io/v1beta3`): kubeadm of the target
   * version refuses an API version it no longer has (v1beta3 from 1.37, v1beta2 from 1.27).
   * @default - not checked
   */
  readonly apiVersion?: string;
}

/** The kubeadm release that refuses a configuration API version, if it has been removed. */
export function kubeadmApiVersionFinding(apiVersion: unknown, version: KubernetesVersion, path = 'apiVersion'): Finding | undefined {
  if (typeof apiVersion !== 'string') return undefined;
  const m = /^kubeadm\.k8s\.io\/(v1beta\d+)$/.exec(apiVersion);
  if (!m || !Object.prototype.hasOwnProperty.call(KUBEADM_API_VERSIONS, m[1])) return undefined;
  const h: { since: string; removed?: string } = KUBEADM_API_VERSIONS[m[1] as keyof typeof KUBEADM_API_VERSIONS];
  const newest = 'kubeadm.k8s.io/v1beta4';
  if (h.removed && version.atLeast(h.removed)) {
    return finding.error(
      'kubeadm-api-version-removed',
      path,
      `${quote(apiVersion)} was removed in kubeadm ${h.removed}${m[1] === 'v1beta3' ? ' (kubernetes#136016)' : ''}: kubeadm ${version} refuses the file`,
      `migrate it with \`kubeadm config migrate\` (from a kubeadm that still reads it) to ${newest}`,
      'cmd/kubeadm/app/apis/kubeadm',
    );
  }
  if (version.before(h.since)) {
    return finding.error('kubeadm-api-version-unknown', path, `${quote(apiVersion)} arrives in kubeadm ${h.since}: kubeadm ${version} does not know it`, `write the API version of kubeadm ${version}`, 'cmd/kubeadm/app/apis/kubeadm');
  }
  return undefined;
}

/** `IsDNS1123Subdomain`, shared with the plan's dnsDomain. */
export function dnsDomainFindings(value: unknown, path: string): Finding[] {
  if (typeof value === 'string' && value.length <= 253 && DNS1123_SUBDOMAIN.test(value)) return [];
  return [
    finding.error(
      'dns-domain',
      path,
      `${quote(value)} is not a DNS subdomain (RFC 1123: lowercase letters, digits, "-" and ".", at most 253 characters)`,
      'use e.g. "cluster.local"',
      KUBEADM_SOURCE,
    ),
  ];
}

/** The minimum-size rule of `ValidateIPNetFromString`. */
export function subnetMinimumFindings(c: Cidr, path: string, written: string, min: bigint): Finding[] {
  if (c.size >= min) return [];
  return [finding.error('subnet-too-small', path, `${quote(written)} has ${c.size} address(es); kubeadm wants at least ${min}`, `use a shorter prefix (at most /${c.bits - Math.ceil(Math.log2(Number(min)))})`, KUBEADM_SOURCE)];
}

function maskOpt(o: Record<string, unknown>, key: string, dflt: number, f: Finding[]): number {
  const v = o[key];
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    f.push(finding.error('node-mask-type', `controllerManager.extraArgs.${key === 'nodeCidrMaskSizeIPv4' ? 'node-cidr-mask-size-ipv4' : 'node-cidr-mask-size-ipv6'}`, `${quote(v)}: could not parse the value as an integer`, 'write e.g. 24 or 64', KUBEADM_SOURCE));
    return dflt;
  }
  return v;
}

/** `validate.kubeadmNetworking`: what `kubeadm init` makes of `networking`. */
export function validateKubeadmNetworking(networking: unknown, opts?: KubeadmNetworkingOptions): Finding[] {
  const f: Finding[] = [];
  const ctx = ruleContext(opts, f);
  const o = isRecord(opts) ? opts : {};
  if (networking !== undefined && !isRecord(networking)) {
    f.push(finding.error('networking-type', 'networking', `${quote(networking)} is ${yamlTypeName(networking)}, not a mapping`, 'write { podSubnet: "…", serviceSubnet: "…", dnsDomain: "cluster.local" }', KUBEADM_SOURCE));
    return f;
  }
  const api = kubeadmApiVersionFinding(o.apiVersion, ctx.version);
  if (api) f.push(api);
  const n = (networking ?? {}) as Record<string, unknown>;
  if (n.dnsDomain !== undefined && n.dnsDomain !== '') f.push(...dnsDomainFindings(n.dnsDomain, 'networking.dnsDomain'));

  const subnet = (key: 'serviceSubnet' | 'podSubnet', min: bigint, example: string) => {
    const v = n[key];
    if (v === undefined || v === '') return [] as CidrEntry[];
    const paths = indexedPaths(`networking.${key}`);
    if (typeof v !== 'string') {
      f.push(finding.error('subnet-type', paths.list, `${quote(v)} is ${yamlTypeName(v)}, not a string`, `write ${listAsCommaString(v) ?? example} (one comma-separated string)`, KUBEADM_SOURCE));
      return [];
    }
    const parsed = parseCidrList(v, paths, { source: KUBEADM_SOURCE, example, dropSameFamily: false }, f);
    if (!parsed.wellFormed) return [];
    if (parsed.entries.length === 2) {
      // kubeadm reads its own ClusterConfiguration.featureGates here (ValidateNetworking), not the
      // components' extraArgs; it then passes IPv6DualStack on to the control-plane components
      // (kubernetes#80531) and to kubelet and kube-proxy.
      const g = dualStackGateFinding(
        ctx,
        paths.list,
        v,
        'kubeadm',
        KUBEADM_SOURCE,
        `set featureGates: { IPv6DualStack: true } at the top of the ClusterConfiguration (kubeadm reads its own gate, not the components' extraArgs, and passes it on to every component), or target Kubernetes ≥ ${DUAL_STACK_ON_BY_DEFAULT}`,
      );
      if (g) f.push(g);
    }
    for (const { index: i, written, cidr: c } of parsed.entries) {
      f.push(...subnetMinimumFindings(c, paths.item(i), written, min));
      f.push(...addressSpaceFindings(c, paths.item(i), written, Severity.WARNING));
    }
    return parsed.entries;
  };

  const services = subnet('serviceSubnet', MINIMUM_ADDRESSES_IN_SERVICE_SUBNET, exampleList('services', 'flag'));
  services.forEach(({ index: i, written, cidr: c }) => {
    if (c.hostBits > MAXIMUM_BITS_FOR_SERVICE_SUBNET) {
      f.push(
        finding.error(
          'service-subnet-too-large',
          `networking.serviceSubnet[${i}]`,
          `${quote(written)}: specified service subnet is too large; for ${c.bits}-bit addresses kubeadm wants a mask >= ${c.bits - MAXIMUM_BITS_FOR_SERVICE_SUBNET}`,
          `use ${quote(`${c.network}/${c.family === 6 ? 112 : c.bits - MAXIMUM_BITS_FOR_SERVICE_SUBNET}`)}`,
          KUBEADM_SOURCE,
        ),
      );
    }
  });

  const pods = subnet('podSubnet', MINIMUM_ADDRESSES_IN_POD_SUBNET, exampleList('pods', 'flag'));
  const maskV4 = maskOpt(o, 'nodeCidrMaskSizeIPv4', DEFAULT_NODE_MASK_IPV4, f);
  const maskV6 = maskOpt(o, 'nodeCidrMaskSizeIPv6', DEFAULT_NODE_MASK_IPV6, f);
  if (o.allocateNodeCidrs !== false) {
    const kubeadmChecks = ctx.version.atLeast(KUBEADM_NODE_MASK_VALIDATION_SINCE);
    pods.forEach(({ index: i, written, cidr: c }) => {
      const v4 = goFamily(c) === 4;
      const maskPath = v4 ? 'controllerManager.extraArgs.node-cidr-mask-size-ipv4' : 'controllerManager.extraArgs.node-cidr-mask-size-ipv6';
      // Up to 1.19 an unset IPv6 mask is kubeadm's computed one, and only kube-controller-manager's
      // rules apply (the IPv6-only 16-bit distance; no kubeadm IPv4 distance check).
      const computed = !kubeadmChecks && !v4 && o.nodeCidrMaskSizeIPv6 === undefined;
      const mask = computed ? kubeadmComputedNodeMaskIPv6(c.prefix) : v4 ? maskV4 : maskV6;
      f.push(
        ...nodeMaskFindings(
          c,
          mask,
          `networking.podSubnet[${i}]`,
          maskPath,
          written,
          kubeadmChecks ? { ipv4DiffLimit: true, component: 'kubeadm', source: KUBEADM_SOURCE } : { ipv4DiffLimit: false, component: 'kube-controller-manager', source: CIDRSET_SOURCE },
        ),
      );
    });
  }
  f.push(...podServiceOverlapFindings(pods.map((e) => e.cidr), services.map((e) => e.cidr), 'networking.podSubnet', 'networking.serviceSubnet'));
  return f;
}

/**
 * Plan rule: what kubeadm refuses beyond kube-apiserver / kube-controller-manager (those report the
 * rest): the IPv4 node-mask distance, the minimum subnet sizes, the DNS domain.
 */
export function kubeadmPlanRule(plan: ClusterNetwork): Finding[] {
  const out: Finding[] = [];
  plan.podCidrEntries.forEach(({ index: i, written, cidr: c }) => {
    out.push(...subnetMinimumFindings(c, `podCidrs[${i}]`, written, MINIMUM_ADDRESSES_IN_POD_SUBNET));
    if (c.family === 4) {
      out.push(
        ...nodeMaskFindings(c, plan.nodeMaskIPv4, `podCidrs[${i}]`, 'nodeMaskIPv4', written, { ipv4DiffLimit: true, component: 'kubeadm', source: KUBEADM_SOURCE }).filter(
          (x) => x.code === 'node-mask-too-far',
        ),
      );
    }
  });
  // kube-apiserver reports the 20-bit limit while it applies; once the new allocator lifts it there,
  // kubeadm still refuses (it applies the limit whatever the gates).
  const apiserverLimit = maxServiceRangeHostBits(plan.ruleContext);
  plan.serviceCidrEntries.forEach(({ index: i, written, cidr: c }) => {
    out.push(...subnetMinimumFindings(c, `serviceCidrs[${i}]`, written, MINIMUM_ADDRESSES_IN_SERVICE_SUBNET));
    if ((apiserverLimit === undefined || apiserverLimit > MAXIMUM_BITS_FOR_SERVICE_SUBNET) && c.hostBits > MAXIMUM_BITS_FOR_SERVICE_SUBNET) {
      out.push(
        finding.error(
          'service-subnet-too-large',
          `serviceCidrs[${i}]`,
          `${quote(written)} has ${c.hostBits} host bits; kube-apiserver ${plan.version} would take it with the new allocator, but kubeadm refuses a service subnet with more than ${MAXIMUM_BITS_FOR_SERVICE_SUBNET}`,
          `use ${quote(`${c.network}/${c.family === 6 ? 112 : c.bits - MAXIMUM_BITS_FOR_SERVICE_SUBNET}`)}`,
          KUBEADM_SOURCE,
        ),
      );
    }
  });
  return out;
}

/**
 * A pod range and a Service range of one family that share addresses. kube-controller-manager's
 * range allocator marks the Service range as used in the pod range (`filterOutServiceRange`,
 * pkg/controller/nodeipam/ipam/range_allocator.go): when the Service range equals or contains the
 * pod range, no node ever gets a podCIDR; when the pod range contains it, CNIs with their own IPAM
 * (Calico, Cilium cluster-pool) still hand out pod addresses that are ClusterIPs. kube-apiserver
 * and kubeadm check neither, so the cluster comes up broken.
 * - equal, or the Service range contains the pod range: error (both families);
 * - the pod range contains an IPv4 Service range: error;
 * - the pod range contains an IPv6 Service range: warning (node-CIDR-based CNIs — flannel,
 *   kubenet, Cilium with IPAM `kubernetes` — keep working, since the allocator reserves the range).
 */
export function podServiceOverlapFindings(pods: readonly Cidr[], services: readonly Cidr[], podPath: string, servicePath: string): Finding[] {
  const out: Finding[] = [];
  pods.forEach((p, i) => {
    services.forEach((s, j) => {
      if (p.family !== s.family || !p.overlaps(s)) return;
      const pp = `${podPath}[${i}]`;
      const sp = `${servicePath}[${j}]`;
      const src = 'pkg/controller/nodeipam/ipam/range_allocator.go (filterOutServiceRange)';
      if (s.contains(p)) {
        out.push(
          finding.error(
            'pod-range-inside-service-range',
            pp,
            `${quote(p.toString())} ${p.equals(s) ? 'is the same range as' : 'lies inside'} the Service range ${sp} ${quote(s.toString())}: kube-controller-manager reserves the whole Service range, so no node ever gets a podCIDR, and ClusterIPs collide with pod and node addresses`,
            `give pods and Services disjoint ranges, e.g. keep ${quote(s.toString())} for Services and pick another ${p.family === 4 ? 'private' : 'ULA'} range for pods`,
            src,
          ),
        );
      } else if (p.family === 4) {
        out.push(
          finding.error(
            'service-range-inside-pod-range',
            sp,
            `${quote(s.toString())} lies inside the pod range ${pp} ${quote(p.toString())}: kube-controller-manager reserves it, but CNIs with their own IPAM (Calico, Cilium cluster-pool) hand out pod addresses that are ClusterIPs`,
            `move the Service range out of ${quote(p.toString())}`,
            src,
          ),
        );
      } else {
        out.push(
          finding.warning(
            'service-range-inside-pod-range',
            sp,
            `${quote(s.toString())} lies inside the pod range ${pp} ${quote(p.toString())}: node-CIDR-based CNIs (flannel, kubenet, Cilium IPAM kubernetes) work because kube-controller-manager reserves it, but a CNI with its own IPAM (Calico pools, Cilium cluster-pool) can give pods addresses that are ClusterIPs`,
            `move the Service range out of ${quote(p.toString())}, or keep the CNI's pools clear of it`,
            src,
          ),
        );
      }
    });
  });
  return out;
}
