/**
 * Version boundaries of the components we render and check: when a field, flag, API version or
 * behaviour arrived, changed or went away. Each constant is the first minor with the new behaviour
 * ("since"), and cites the upstream change. Rules read these names; no rule writes a version.
 */
import type { KubernetesVersion } from '../version';

/** The Kubernetes line the field report's cluster ran (field report §1: kubeadm 1.18). */
export const FIELD_REPORT_VERSION = '1.18';

// ---------------------------------------------------------------- Service API

/**
 * The Service API's dual-stack fields (`ipFamilies`, `ipFamilyPolicy`, `clusterIPs`) replaced the
 * alpha's singular `spec.ipFamily` in 1.20 (the IPv6DualStack redesign, kubernetes#91824; served only
 * with the gate on until it became default-on in 1.21).
 */
export const SERVICE_FAMILY_FIELDS_SINCE = '1.20';

/**
 * `spec.externalIPs` is deprecated from 1.36 (KEP-5707, "Deprecate service.spec.externalIPs"): the
 * API server warns; the allocator of such IPs is planned to be disabled in 1.40 and removed in 1.43.
 */
export const SERVICE_EXTERNAL_IPS_DEPRECATED_SINCE = '1.36';
export const SERVICE_EXTERNAL_IPS_DISABLED_IN = '1.40';

/**
 * `spec.trafficDistribution: PreferClose` is deprecated from 1.35 in favour of its new name
 * `PreferSameZone` (KEP-3015: PreferSameTrafficDistribution GA, kubernetes#134457); the API server warns.
 */
export const TRAFFIC_DISTRIBUTION_PREFER_CLOSE_DEPRECATED_SINCE = '1.35';

/**
 * KEP-4858 (StrictIPCIDRValidation): from this version the API server rejects IPv4 with leading
 * zeros, IPv4-mapped IPv6 and CIDRs with host bits in Service clusterIP(s) / externalIPs /
 * loadBalancerSourceRanges, NetworkPolicy ipBlock, EndpointSlice addresses, ServiceCIDR and Node
 * podCIDRs (beta and on by default in 1.36, kubernetes#137053; GA 1.38, #141979). Before it they are
 * accepted (with a warning from pkg/api/service/warnings.go).
 */
export const STRICT_IP_CIDR_VALIDATION_SINCE = '1.36';

/**
 * 1.33 and 1.34 API servers with an IPv6 ServiceCIDR of /64 or larger could hand out ClusterIPs
 * outside the range (kubernetes#138374); fixed in 1.35 by kubernetes#134193 (backported to later
 * 1.33/1.34 patches).
 */
export const SERVICE_CIDR_LARGE_V6_BUG = { from: '1.33', fixed: '1.35', source: 'kubernetes/kubernetes#138374, #134193' } as const;

/** The Endpoints API is deprecated from 1.33 (KEP-4974): the API server warns; use EndpointSlice. */
export const ENDPOINTS_API_DEPRECATED_SINCE = '1.33';

/**
 * EndpointSlice API versions: discovery.k8s.io/v1beta1 from 1.17 (beta; alpha v1alpha1 in 1.16),
 * discovery.k8s.io/v1 from 1.21 (KEP-752); v1beta1 stopped being served in 1.25.
 */
export const ENDPOINT_SLICE_V1BETA1_SINCE = '1.17';
export const ENDPOINT_SLICE_V1_SINCE = '1.21';

// ---------------------------------------------------------------- Ingress API

/** networking.k8s.io/v1 Ingress and IngressClass: GA in 1.19 (KEP-1453). */
export const INGRESS_V1_SINCE = '1.19';
/** IngressClass (networking.k8s.io/v1beta1), `spec.ingressClassName` and `pathType`: 1.18. */
export const INGRESS_CLASS_SINCE = '1.18';

// ---------------------------------------------------------------- Pod API

/** `securityContext.seccompProfile` replaced the seccomp annotations in 1.19 (KEP-135). */
export const SECCOMP_FIELD_SINCE = '1.19';

// ---------------------------------------------------------------- kube-apiserver

/**
 * kube-apiserver refuses an `--advertise-address` whose family differs from the first Service range
 * only from 1.20 (the dual-stack API redesign, cmd/kube-apiserver/app/options/validation.go).
 */
export const ADVERTISE_ADDRESS_FAMILY_CHECK_SINCE = '1.20';

// ---------------------------------------------------------------- kube-controller-manager

/** `--node-cidr-mask-size-ipv4/-ipv6` arrive in 1.17 (kubernetes#79993). */
export const PER_FAMILY_NODE_MASK_SINCE = '1.17';
/**
 * Single-stack clusters may use the per-family mask flags only from 1.20; before, kube-controller-
 * manager refused them without two cluster CIDRs (cmd/kube-controller-manager/app/core.go,
 * setNodeCIDRMaskSizes).
 */
export const PER_FAMILY_NODE_MASK_SINGLE_STACK_SINCE = '1.20';

// ---------------------------------------------------------------- kubelet

/** kubelet takes a dual-stack `--node-ip` pair only from 1.20 (kubernetes#95239, CHANGELOG-1.20). */
export const DUAL_STACK_NODE_IP_SINCE = '1.20';

// ---------------------------------------------------------------- kube-proxy

/** kube-proxy modes: the first version of each (iptables 1.2, ipvs GA 1.11, nftables alpha 1.29 KEP-3866). */
export const KUBE_PROXY_IPTABLES_SINCE = '1.2';
export const KUBE_PROXY_IPVS_SINCE = '1.11';
export const KUBE_PROXY_NFTABLES_SINCE = '1.29';

/**
 * First version whose kube-proxy iptables proxier is dual-stack (CHANGELOG-1.18, kubernetes#82462).
 * In 1.16–1.17 only ipvs proxied both families (the 1.16/1.17 dual-stack docs list "Kube-proxy
 * running in mode IPVS" as a prerequisite).
 */
export const DUAL_STACK_IPTABLES_SINCE = '1.18';

/** The userspace proxier was removed in 1.26 (kubernetes#112133). */
export const USERSPACE_PROXY_REMOVED_IN = '1.26';

/** `nodePortAddresses: ["primary"]` is accepted from 1.31 (CHANGELOG-1.31, kubernetes#123105). */
export const NODE_PORT_ADDRESSES_PRIMARY_SINCE = '1.31';

/** nftables mode refuses kernels before 5.13 from 1.31 on (CHANGELOG-1.31, kubernetes#124152). */
export const NFTABLES_KERNEL_CHECK_SINCE = '1.31';

/**
 * ipvs mode is deprecated from 1.35 (KEP-5495, kubernetes#134539: kube-proxy logs a deprecation
 * warning); the KubeProxyIPVS gate (1.37) goes default off in 1.40 and away in 1.43.
 */
export const KUBE_PROXY_IPVS_DEPRECATED_SINCE = '1.35';

/**
 * From 1.37 kube-proxy warns when `mode` is empty, ahead of a planned move of the default to
 * nftables; kubeadm 1.37 writes `mode: iptables` when none is given (kubernetes#139777, CHANGELOG-1.37)
 * and warns about ipvs (#139067). We always write the mode.
 */
export const KUBE_PROXY_EMPTY_MODE_WARNS_SINCE = '1.37';

// ---------------------------------------------------------------- kubeadm

/** kubeadm configuration API versions and the kubeadm releases that read them. */
export const KUBEADM_API_VERSIONS = {
  /** kubeadm 1.15+; deprecated 1.22 (#107013), removed in kubeadm 1.27 (kubernetes#114540). */
  v1beta2: { since: '1.15', removed: '1.27' },
  /** kubeadm 1.22+ (kubernetes#101129); deprecated by v1beta4 in 1.31, removed in 1.37 (kubernetes#136016). */
  v1beta3: { since: '1.22', removed: '1.37' },
  /** kubeadm 1.31+ (kubernetes#125029): extraArgs as a name/value list. */
  v1beta4: { since: '1.31' },
} as const;

/**
 * Up to 1.19 kubeadm computed the IPv6 node mask itself (calcNodeCidrSize); from 1.20 it defaults
 * to /64 and checks the 16-bit difference (kubernetes#95723).
 */
export const KUBEADM_NODE_MASK_DEFAULT_SINCE = '1.20';

/**
 * The taints kubeadm puts on control-plane nodes when `nodeRegistration.taints` is unset
 * (cmd/kubeadm/app/util/config/initconfiguration.go): `master` until 1.24 (removed from 1.25 by
 * kubernetes#110095, which also removes it on upgrade), `control-plane` from 1.24 (kubernetes#107533).
 * The single history both the kubeadm renderer and the tolerations read.
 */
export const KUBEADM_CONTROL_PLANE_TAINTS: readonly { readonly key: string; readonly since?: string; readonly until?: string }[] = [
  { key: 'node-role.kubernetes.io/control-plane', since: '1.24' },
  { key: 'node-role.kubernetes.io/master', until: '1.25' },
];

/** The NoSchedule taint keys kubeadm applies to a control-plane node of the version. */
export function kubeadmControlPlaneTaintKeys(version: Pick<KubernetesVersion, 'atLeast' | 'before'>): string[] {
  return KUBEADM_CONTROL_PLANE_TAINTS.filter((t) => (!t.since || version.atLeast(t.since)) && (!t.until || version.before(t.until))).map((t) => t.key);
}

/**
 * The taint keys a pod that must run on control-plane nodes tolerates for a version: every key kubeadm
 * applies there or applies later (a cluster upgraded from 1.23 to 1.24 gets `control-plane` added),
 * so `control-plane` always and `master` until it goes away.
 */
export function controlPlaneTolerationKeys(version: Pick<KubernetesVersion, 'atLeast' | 'before'>): string[] {
  return KUBEADM_CONTROL_PLANE_TAINTS.filter((t) => !t.until || version.before(t.until)).map((t) => t.key);
}

/**
 * From 1.20 kubeadm validates the pod subnet against the node masks (`ValidatePodSubnetNodeMask`,
 * kubernetes#95723) and passes the masks it is given, defaulting to /24 and /64. Up to 1.19 it
 * computed the IPv6 node mask itself (`calcNodeCidrSize` in
 * cmd/kubeadm/app/phases/controlplane/manifests.go, per family since dual-stack #85609) and left
 * every check to kube-controller-manager.
 */
export const KUBEADM_NODE_MASK_VALIDATION_SINCE = '1.20';
