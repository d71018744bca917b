/**
 * Cilium rules that need both the plan and the Cilium props. Pure: no cdk8s. Each rule cites the
 * Cilium source or doc it mirrors. Paths are written `cni.cilium.<prop>`.
 */
import { KUBEADM_API_VERSIONS } from '../../plan/timeline';
import { Address } from '../../net/address';
import { Cidr } from '../../net/cidr';
import { finding, Finding, quote } from '../../plan/findings';
import type { ClusterNetwork } from '../../plan/network';
import { IpFamily } from '../../plan/spec';
import { CILIUM_CHART_KUBE_VERSIONS, checkCiliumValueKeys } from './keys';
import { ciliumPropTypeFindings, describeValue } from './prop-types';
import { CiliumIpamMode, CiliumProps, CiliumRoutingMode, CiliumTunnelProtocol } from './options';
import { CiliumContext, CiliumValueConflict, ciliumValuesOf, mergeCiliumValues, nodesShareL2, resolveCilium, ResolvedCilium } from './values';

/** What the Cilium rules know about the rest of the cluster. */
export interface CiliumRuleContext extends CiliumContext {
  /**
   * Whether kube-proxy is installed next to Cilium (the kube-proxy renderer or kubeadm's
   * `addon/kube-proxy` phase still active).
   * @default - unknown: not checked
   */
  readonly kubeProxyInstalled?: boolean;
  /**
   * kube-controller-manager's `--allocate-node-cidrs`.
   * @default true - what this package's kubeadm configuration sets (control-plane/flags.ts)
   */
  readonly allocateNodeCidrs?: boolean;
  /**
   * Whether kube-proxy options were given that a kube-proxy replacement makes moot.
   * @default false
   */
  readonly kubeProxyOptionsIgnored?: boolean;
}

const CIDRSET = 'cilium pkg/ipam/cidrset/cidr_set.go (NewCIDRSet)';
const IPAM_DOC = 'https://docs.cilium.io/en/stable/network/concepts/ipam/ ("Don\'t change the IPAM mode of an existing cluster")';
const KUBERNETES_IPAM_DOC = 'cilium Documentation/network/concepts/ipam/kubernetes.rst';
const CONFIGMAP = 'cilium 1.19.6 chart templates/cilium-configmap.yaml';
const MASQ_DOC = 'cilium Documentation/network/concepts/masquerading.rst (eBPF-based)';
const KPR_DOC = 'cilium Documentation/network/kubernetes/kubeproxy-free.rst';
/** cidr_set.go clusterSubnetMaxDiff: an IPv6 node mask at most 16 bits longer than its pool prefix. */
export const CILIUM_CLUSTER_SUBNET_MAX_DIFF = 16;

const famName = (f: IpFamily) => (f === IpFamily.IPV4 ? 'IPv4' : 'IPv6');
const famKey = (f: IpFamily) => (f === IpFamily.IPV4 ? 'ipv4' : 'ipv6');

function poolFindings(plan: ClusterNetwork, c: ResolvedCilium, out: Finding[]): void {
  for (const pool of c.pools) {
    const fam = pool.family;
    const want = fam === IpFamily.IPV4 ? 4 : 6;
    const base = `cni.cilium.clusterPool.${famKey(fam)}`;
    const maxBits = want === 4 ? 32 : 128;
    if (pool.cidrs.length === 0) {
      out.push(finding.error('cilium-pool-empty', `${base}.cidrs`, `[]: cluster-pool has no ${famName(fam)} range, but ${famName(fam)} is enabled`, `give at least one ${famName(fam)} range, e.g. ${quote(plan.podCidr(fam)?.toString() ?? (want === 4 ? '10.244.0.0/16' : 'fd12:3456:789a::/56'))}`, CONFIGMAP));
    }
    const parsed: Cidr[] = [];
    pool.cidrs.forEach((text, i) => {
      const path = `${base}.cidrs[${i}]`;
      const cidr = typeof text === 'string' ? Cidr.tryParse(text) : undefined;
      if (!cidr) {
        out.push(finding.error('cilium-pool-cidr', path, `${quote(text)} is not a CIDR`, `write an ${famName(fam)} CIDR such as ${quote(want === 4 ? '10.244.0.0/16' : 'fd12:3456:789a::/56')}`));
        return;
      }
      if (cidr.family !== want) {
        out.push(finding.error('cilium-pool-family', path, `${quote(text)} is not an ${famName(fam)} range: the operator reads clusterPool${famName(fam)}PodCIDRList for ${famName(fam)} only`, `move it to cni.cilium.clusterPool.${want === 4 ? 'ipv6' : 'ipv4'}.cidrs`));
        return;
      }
      parsed.push(cidr);
      // cluster-pool.rst: the operator hands out node ranges from the pool; a range that overlaps the
      // Service range gives pods ClusterIPs, one that overlaps a node network hijacks node routes.
      plan.serviceCidrs.forEach((s, si) => {
        if (s.overlaps(cidr)) {
          out.push(finding.error('cilium-pool-overlaps-service', path, `${quote(text)} overlaps the Service range serviceCidrs[${si}] ${quote(s.toString())}: pods would get ClusterIPs (Cilium's default 10.0.0.0/8 contains kubeadm's 10.96.0.0/12)`, `use a range outside every Service range, e.g. the plan's pod CIDR ${quote(plan.podCidr(fam)?.toString() ?? '')}`, 'cilium Documentation/network/concepts/ipam/cluster-pool.rst'));
        }
      });
      plan.nodeNetworksOf(fam).forEach((n) => {
        if (n.overlaps(cidr)) {
          out.push(finding.error('cilium-pool-overlaps-node-network', path, `${quote(text)} overlaps the node network ${quote(n.toString())}: pod routes would shadow node addresses`, 'use a range outside the node networks', 'cilium Documentation/network/concepts/ipam/cluster-pool.rst'));
        }
      });
      // cidr_set.go NewCIDRSet: a mask beyond the address length is ErrSubNetMaskSizeInvalid; for IPv6
      // a mask more than clusterSubnetMaxDiff (16) bits longer than the pool is ErrCIDRSetSubNetTooBig
      // ("the node CIDR size is too big"). A mask shorter than the pool prefix leaves no node range
      // (maxCIDRs = 1 << (mask - prefix)).
      const m = pool.maskSize;
      if (Number.isInteger(m) && m >= 0 && m <= maxBits) {
        if (m < cidr.prefix) {
          out.push(finding.error('cilium-pool-mask-size', `${base}.maskSize`, `${m} is shorter than the prefix of ${quote(text)} (/${cidr.prefix}): no node range fits in the pool`, `use a mask size from ${cidr.prefix} to ${want === 6 ? Math.min(maxBits, cidr.prefix + CILIUM_CLUSTER_SUBNET_MAX_DIFF) : maxBits}`, CIDRSET));
        } else if (want === 6 && m - cidr.prefix > CILIUM_CLUSTER_SUBNET_MAX_DIFF) {
          out.push(finding.error('cilium-pool-mask-size', `${base}.maskSize`, `${m} is ${m - cidr.prefix} bits longer than ${quote(text)} (/${cidr.prefix}); the operator allows at most ${CILIUM_CLUSTER_SUBNET_MAX_DIFF} for IPv6 and fails with "the node CIDR size is too big"`, `use a mask size of at most ${cidr.prefix + CILIUM_CLUSTER_SUBNET_MAX_DIFF}, or a pool of at least /${m - CILIUM_CLUSTER_SUBNET_MAX_DIFF}`, CIDRSET));
        }
      }
    });
    const m = pool.maskSize;
    if (!Number.isInteger(m) || m < 0 || m > maxBits) {
      out.push(finding.error('cilium-pool-mask-size', `${base}.maskSize`, `${quote(m)} is not a prefix length of ${famName(fam)}: the operator fails with "SubNetMask is invalid, should be lower or equal to 32 for IPv4 and to 128 for IPv6"`, `use an integer from 0 to ${maxBits}, e.g. the plan's node mask ${plan.nodeMask(fam)}`, CIDRSET));
    }
    // The plan's pod CIDR is kube-controller-manager's --cluster-cidr (and kube-proxy's clusterCIDR):
    // a different pool makes them disagree with where pods really are.
    const clusterCidr = plan.podCidr(fam);
    if (clusterCidr && parsed.length === pool.cidrs.length && parsed.length > 0) {
      const same = parsed.length === 1 && parsed[0].equals(clusterCidr);
      if (!same) {
        const inside = parsed.every((p) => clusterCidr.contains(p));
        const text = `[${pool.cidrs.map((x) => quote(x)).join(', ')}] differs from kube-controller-manager's --cluster-cidr ${quote(clusterCidr.toString())} (the plan's ${famName(fam)} pod CIDR)`;
        if (inside) {
          out.push(finding.warning('cilium-pool-cluster-cidr', `${base}.cidrs`, `${text}: the pool lies inside it, so kube-proxy's clusterCIDR still covers every pod, but node podCIDRs and Cilium's node ranges disagree`, `leave cni.cilium.clusterPool.${famKey(fam)}.cidrs unset so the pool is the plan's pod CIDR`));
        } else {
          out.push(finding.error('cilium-pool-cluster-cidr', `${base}.cidrs`, `${text}: pods get addresses outside the cluster CIDR, which kube-proxy's masquerade rules and the plan treat as outside the cluster`, `leave cni.cilium.clusterPool.${famKey(fam)}.cidrs unset, or change the plan's podCidrs to the pool`));
        }
      }
    }
  }
}

function apiHostFindings(plan: ClusterNetwork, c: ResolvedCilium, out: Finding[]): void {
  const path = 'cni.cilium.k8sServiceHost';
  if (c.k8sServiceHost === undefined || c.k8sServiceHost === '') {
    out.push(finding.error('cilium-kpr-no-api-host', path, `${quote(c.k8sServiceHost ?? '')}: kube-proxy replacement is on but no API server address is known; without kube-proxy the agent cannot reach the "kubernetes" Service to start`, 'declare the control-plane node with its addresses, set kubeadm.controlPlaneEndpoint, or set k8sServiceHost', KPR_DOC));
    return;
  }
  if (c.k8sServiceHost === 'auto') return; // _helpers.tpl: looked up from the cluster-info ConfigMap at install time
  const a = Address.tryParse(c.k8sServiceHost);
  if (!a) return; // a DNS name: resolved by the node, not checked here
  const svc = plan.serviceCidrs.find((s) => s.contains(a));
  if (svc) {
    out.push(finding.error('cilium-kpr-api-host-service-ip', path, `${quote(c.k8sServiceHost)} is in the Service range ${quote(svc.toString())}: a ClusterIP only works once Cilium itself serves Services, so the agent can never start`, 'use the control-plane node address or a load balancer in front of the API servers', KPR_DOC));
    return;
  }
  const fam = a.family === 4 ? IpFamily.IPV4 : IpFamily.IPV6;
  if (!plan.hasFamily(fam)) {
    out.push(finding.error('cilium-kpr-api-host-family', path, `${quote(c.k8sServiceHost)} is ${famName(fam)}, a family the cluster does not run`, `use an address of ${plan.families.map(famName).join(' or ')}`, KPR_DOC));
  }
}

/** Every finding for Cilium on this plan. Never throws. */
export function ciliumFindings(plan: ClusterNetwork, given: CiliumProps = {}, givenCtx: CiliumRuleContext = {}): Finding[] {
  // Wrong types are reported alone: the rest would judge defaults the user did not ask for.
  const typeErrors = ciliumPropTypeFindings(given);
  if (typeErrors.length > 0) return typeErrors;
  const props = given;
  const ctx: CiliumRuleContext = givenCtx !== null && typeof givenCtx === 'object' ? givenCtx : {};
  const out: Finding[] = [];
  const c = resolveCilium(plan, props, ctx);
  if (!/^\d+\.\d+\.\d+$/.test(c.version)) {
    out.push(finding.error('cilium-version-format', 'cni.cilium.version', `${quote(c.version)} is not a Cilium chart version`, 'write a version such as "1.19.6" (no "v": the chart version equals the release)'));
  }
  // Chart.yaml kubeVersion (">= 1.21.0-0" for 1.19.6): helm install/template refuses other versions.
  const constraint = CILIUM_CHART_KUBE_VERSIONS[c.version];
  const floor = constraint !== undefined ? /^>=\s*(\d+\.\d+)/.exec(constraint)?.[1] : undefined;
  if (floor !== undefined && plan.version.before(floor)) {
    out.push(finding.error('cilium-kubernetes-version', 'kubernetesVersion', `${quote(plan.version.toString())}: the Cilium ${c.version} chart requires Kubernetes ${constraint} (Chart.yaml kubeVersion), so helm refuses to install it`, `target Kubernetes ${floor} or newer, or pick a Cilium release whose chart supports ${plan.version.toString()}`, `cilium ${c.version} chart Chart.yaml`));
  }
  if (!Object.values(CiliumIpamMode).includes(c.ipam)) {
    out.push(finding.error('cilium-ipam-mode', 'cni.cilium.ipam', `${quote(c.ipam)} is not an IPAM mode this package renders`, `use ${Object.values(CiliumIpamMode).map((m) => quote(m)).join(' or ')}`));
  }
  if (!Object.values(CiliumRoutingMode).includes(c.routingMode)) {
    out.push(finding.error('cilium-routing-mode', 'cni.cilium.routingMode', `${quote(c.routingMode)} is not a routing mode`, `use ${Object.values(CiliumRoutingMode).map((m) => quote(m)).join(' or ')}`, CONFIGMAP));
  }
  if (!Object.values(CiliumTunnelProtocol).includes(c.tunnelProtocol)) {
    out.push(finding.error('cilium-tunnel-protocol', 'cni.cilium.tunnelProtocol', `${quote(c.tunnelProtocol)} is not a tunnel protocol`, `use ${Object.values(CiliumTunnelProtocol).map((m) => quote(m)).join(' or ')}`, CONFIGMAP));
  }

  if (c.ipam === CiliumIpamMode.CLUSTER_POOL) poolFindings(plan, c, out);
  else if (props.clusterPool !== undefined) {
    out.push(finding.warning('cilium-pool-ignored', 'cni.cilium.clusterPool', `is set but ipam is ${quote(c.ipam)}: the pools are ignored`, 'remove clusterPool, or set ipam: CiliumIpamMode.CLUSTER_POOL'));
  }
  if (c.ipam === CiliumIpamMode.KUBERNETES && ctx.allocateNodeCidrs === false) {
    out.push(finding.error('cilium-ipam-kubernetes-no-node-cidrs', 'cni.cilium.ipam', `"kubernetes" takes each node's podCIDRs from the Node object, but kube-controller-manager runs with --allocate-node-cidrs=false, so no node gets one and the agent waits forever (k8s.requireIPv4PodCIDR/requireIPv6PodCIDR)`, 'set --allocate-node-cidrs=true with --cluster-cidr, or use ipam: CiliumIpamMode.CLUSTER_POOL', KUBERNETES_IPAM_DOC));
  }
  if (props.existingIpamMode !== undefined && props.existingIpamMode !== c.ipam) {
    out.push(finding.warning('cilium-ipam-mode-change', 'cni.cilium.ipam', `${quote(c.ipam)} differs from the running cluster's ${quote(props.existingIpamMode)}: changing the IPAM mode of a live cluster may persistently break connectivity of existing workloads`, `keep ipam: ${quote(props.existingIpamMode)}, or build a new cluster and migrate`, IPAM_DOC));
  }

  if (c.routingMode === CiliumRoutingMode.NATIVE) {
    // cilium-configmap.yaml fails the render ("ipv4NativeRoutingCIDR must be set when routingMode is
    // native") when a family masquerades without its native-routing CIDR; the agent fails likewise.
    for (const fam of plan.families) {
      const v4 = fam === IpFamily.IPV4;
      const masq = v4 ? c.masqueradeV4 : c.masqueradeV6;
      const text = v4 ? c.nativeRoutingCidrV4 : c.nativeRoutingCidrV6;
      const path = `cni.cilium.nativeRoutingCidrs.${famKey(fam)}`;
      if (masq && (text === undefined || text === '')) {
        out.push(finding.error('cilium-native-routing-cidr-missing', path, `${quote(text ?? '')}: native routing with ${famName(fam)} masquerade needs ${famKey(fam)}NativeRoutingCIDR, or the agent fails at startup`, `leave it unset to use the plan's pod CIDR ${quote(plan.podCidr(fam)?.toString() ?? '')}`, CONFIGMAP));
        continue;
      }
      if (text === undefined || text === '') continue;
      const cidr = Cidr.tryParse(text);
      if (!cidr || cidr.family !== (v4 ? 4 : 6)) {
        out.push(finding.error('cilium-native-routing-cidr', path, `${quote(text)} is not an ${famName(fam)} CIDR`, `write an ${famName(fam)} CIDR that contains the pod CIDR ${quote(plan.podCidr(fam)?.toString() ?? '')}`));
        continue;
      }
      const pod = plan.podCidr(fam);
      if (pod && !cidr.contains(pod)) {
        out.push(finding.warning('cilium-native-routing-cidr-narrow', path, `${quote(text)} does not contain the pod CIDR ${quote(pod.toString())}: pod-to-pod traffic to the rest of it is masqueraded`, `use ${quote(pod.toString())} or a range that contains it`, 'cilium Documentation/network/concepts/masquerading.rst'));
      }
    }
  }

  if (c.routingMode === CiliumRoutingMode.NATIVE && props.autoDirectNodeRoutes === true && !nodesShareL2(plan)) {
    // values.yaml: "Enable installation of PodCIDR routes between worker nodes if worker nodes
    // share a common L2 network segment." A route via a node on another subnet has no next hop.
    out.push(finding.warning('cilium-direct-routes-across-l2', 'cni.cilium.autoDirectNodeRoutes', `true, but the plan's nodes do not share one network per family (or their prefixes are unknown): a direct route to a node on another segment has no next hop`, 'declare every node with its interface prefix on one segment, or leave autoDirectNodeRoutes unset and route the pod ranges in the network (BGP)', 'cilium 1.19.6 chart values.yaml autoDirectNodeRoutes'));
  } else if (c.routingMode !== CiliumRoutingMode.NATIVE && props.autoDirectNodeRoutes !== undefined) {
    out.push(finding.warning('cilium-direct-routes-ignored', 'cni.cilium.autoDirectNodeRoutes', `${quote(props.autoDirectNodeRoutes)} is ignored with tunnel routing`, 'remove it, or set routingMode: CiliumRoutingMode.NATIVE'));
  }

  if (c.bpfMasquerade === true) {
    if (plan.hasFamily(IpFamily.IPV6) && c.masqueradeV6) {
      out.push(finding.warning('cilium-bpf-masquerade-ipv6-beta', 'cni.cilium.bpfMasquerade', `true masquerades IPv6 in eBPF, which is a beta feature in Cilium 1.19`, 'set masquerade.ipv6: false and route the IPv6 pod range, or accept the beta', MASQ_DOC));
    }
    if (!c.kubeProxyReplacement) {
      out.push(finding.warning('cilium-bpf-masquerade-needs-kpr', 'cni.cilium.bpfMasquerade', `true without kube-proxy replacement: eBPF masquerading depends on Cilium's BPF NodePort`, 'set kubeProxyReplacement: true, or leave bpfMasquerade unset', MASQ_DOC));
    }
  }

  if (c.kubeProxyReplacement) {
    apiHostFindings(plan, c, out);
    if (ctx.kubeProxyInstalled === true) {
      out.push(finding.error('cilium-kpr-kube-proxy-active', 'cni.cilium.kubeProxyReplacement', `true, but kube-proxy is still installed: both program Service rules for the same ClusterIPs`, 'drop kube-proxy (DualStackCluster does this for Cilium with kube-proxy replacement), or set kubeProxyReplacement: false', KPR_DOC));
    }
    if (ctx.kubeProxyOptionsIgnored === true) {
      out.push(finding.warning('cilium-kpr-kube-proxy-options-ignored', 'kubeProxy', 'is set, but Cilium replaces kube-proxy (kubeProxyReplacement: true): no kube-proxy is installed, so these options have no effect', 'remove kubeProxy, or set kubeProxyReplacement: false', KPR_DOC));
    }
    if (plan.version.before(KUBEADM_API_VERSIONS.v1beta3.since)) {
      out.push(finding.warning('cilium-kpr-skip-phase-flag', 'cni.cilium.kubeProxyReplacement', `true on Kubernetes ${plan.version.toString()}: kubeadm's v1beta2 InitConfiguration has no skipPhases (added in v1beta3, kubeadm ${KUBEADM_API_VERSIONS.v1beta3.since}), so kubeadm init still installs kube-proxy`, 'run kubeadm init with --skip-phases=addon/kube-proxy', 'kubernetes.io kubeadm-config.v1beta3 ("Add InitConfiguration.SkipPhases")'));
    }
  }

  // The user's further values: a leaf that contradicts the plan is an error (ours would win
  // silently otherwise), and every key goes through the key tree with the rest.
  const conflicts: CiliumValueConflict[] = [];
  mergeCiliumValues(ciliumValuesOf(plan, { ...c, extraValues: {} }), c.extraValues, '', conflicts);
  for (const k of conflicts) {
    out.push(finding.error('cilium-values-conflict', `cni.cilium.values.${k.path}`, `${describeValue(k.theirs)} contradicts ${describeValue(k.ours)}, which comes from the plan and the Cilium props`, `remove it from values; set it through the plan or CiliumProps instead`));
  }
  // Key-tree paths are `values.<key>`; here they are reported where the user writes them.
  out.push(...checkCiliumValueKeys(ciliumValuesOf(plan, c), c.version).map((f) => (f.path.startsWith('values.') ? { ...f, path: `cni.cilium.${f.path}`, message: `cni.cilium.${f.message}` } : f)));
  return out;
}
