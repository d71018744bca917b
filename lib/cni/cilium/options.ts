/**
 * Options of `Cni.cilium()`: the enums hold the chart's own values (cilium 1.19.6 values.yaml), the
 * props say which of the plan's facts each key takes when left unset. Pure: no cdk8s.
 */

/** The Cilium release and chart version rendered when none is chosen (chart `cilium`, https://helm.cilium.io). */
export const DEFAULT_CILIUM_VERSION = '1.19.6';

/** The Helm repository of the chart. */
export const CILIUM_HELM_REPOSITORY = 'https://helm.cilium.io';

/** The chart's name in that repository. */
export const CILIUM_CHART = 'cilium';

/** The namespace the agent and operator go to (the chart's default and Cilium's install docs). */
export const CILIUM_NAMESPACE = 'kube-system';

/** `ipam.mode` (templates/cilium-configmap.yaml writes it to the `ipam` key of cilium-config). */
export enum CiliumIpamMode {
  /**
   * Node podCIDRs from kube-controller-manager (`--allocate-node-cidrs`, `--cluster-cidr`,
   * `--node-cidr-mask-size-ipv4/ipv6`): one allocator for the whole cluster, the plan's.
   */
  KUBERNETES = 'kubernetes',
  /** The Cilium operator hands out per-node ranges from `ipam.operator.clusterPoolIPv{4,6}PodCIDRList`. */
  CLUSTER_POOL = 'cluster-pool',
}

/** `routingMode` (cilium-configmap.yaml `routing-mode`). */
export enum CiliumRoutingMode {
  /** Pod traffic between nodes is encapsulated (`tunnelProtocol`). */
  TUNNEL = 'tunnel',
  /** Pod packets travel unencapsulated: the network (or `autoDirectNodeRoutes`) must route pod ranges. */
  NATIVE = 'native',
}

/** `tunnelProtocol` (cilium-configmap.yaml `tunnel-protocol`, default "vxlan"). */
export enum CiliumTunnelProtocol {
  VXLAN = 'vxlan',
  GENEVE = 'geneve',
}

/** One family's cluster-pool, as the user may override it. */
export interface CiliumClusterPoolProps {
  /**
   * `ipam.operator.clusterPoolIPv{4,6}PodCIDRList`: the ranges the operator carves node ranges from.
   * @default - the plan's pod CIDR of the family (so the pool equals kube-controller-manager's `--cluster-cidr`)
   */
  readonly cidrs?: readonly string[];
  /**
   * `ipam.operator.clusterPoolIPv{4,6}MaskSize`: the prefix of each node's range.
   * @default - the plan's node mask of the family (`nodeMaskIPv4` / `nodeMaskIPv6`)
   */
  readonly maskSize?: number;
}

/** Per-family switches. */
export interface CiliumFamilyProps<T> {
  /**
   * IPv4 value.
   * @default - see the option
   */
  readonly ipv4?: T;
  /**
   * IPv6 value.
   * @default - see the option
   */
  readonly ipv6?: T;
}

/** The user's `Cni.cilium({...})` props. */
export interface CiliumProps {
  /**
   * Cilium release: the chart version and the image tags the chart pins (by digest).
   * @default DEFAULT_CILIUM_VERSION ("1.19.6")
   */
  readonly version?: string;
  /**
   * IPAM mode.
   * @default CiliumIpamMode.KUBERNETES
   */
  readonly ipam?: CiliumIpamMode;
  /**
   * Cluster-pool overrides per family (used with `CiliumIpamMode.CLUSTER_POOL` only).
   * @default - the plan's pod CIDRs and node masks
   */
  readonly clusterPool?: CiliumFamilyProps<CiliumClusterPoolProps>;
  /**
   * Routing mode.
   * @default CiliumRoutingMode.TUNNEL
   */
  readonly routingMode?: CiliumRoutingMode;
  /**
   * Encapsulation of tunnel routing.
   * @default CiliumTunnelProtocol.VXLAN
   */
  readonly tunnelProtocol?: CiliumTunnelProtocol;
  /**
   * `ipv4NativeRoutingCIDR` / `ipv6NativeRoutingCIDR`: destinations that are not masqueraded
   * (native routing only).
   * @default - the plan's pod CIDR of each family
   */
  readonly nativeRoutingCidrs?: CiliumFamilyProps<string>;
  /**
   * `autoDirectNodeRoutes`: every agent installs a route to each other node's pod range via that
   * node (native routing only; needs the nodes on one L2 segment).
   * @default - true with native routing when every node of each family sits in one node network
   */
  readonly autoDirectNodeRoutes?: boolean;
  /**
   * `enableIPv4Masquerade` / `enableIPv6Masquerade`: SNAT of pod traffic leaving the cluster.
   * @default - true for both families (the chart's defaults; a private or ULA pod range needs it)
   */
  readonly masquerade?: CiliumFamilyProps<boolean>;
  /**
   * `bpf.masquerade`: eBPF masquerading instead of iptables (needs kube-proxy replacement's BPF
   * NodePort; IPv6 is beta in 1.19, a warning).
   * @default - unset: the chart's default (off for upgradeCompatibility ≥ 1.10)
   */
  readonly bpfMasquerade?: boolean;
  /**
   * `kubeProxyReplacement`: Cilium serves Services in eBPF, kube-proxy is not installed (kubeadm
   * skips its `addon/kube-proxy` phase) and the agent reaches the API server at `k8sServiceHost`.
   * @default false
   */
  readonly kubeProxyReplacement?: boolean;
  /**
   * `k8sServiceHost`: the API server address the agent and operator use when kube-proxy replacement
   * is on (no `kubernetes` Service VIP works before Cilium itself programs it).
   * @default - the host of the cluster's control-plane endpoint, else the control-plane node's primary-family address
   */
  readonly k8sServiceHost?: string;
  /**
   * `k8sServicePort`.
   * @default - the port of the control-plane endpoint, else 6443
   */
  readonly k8sServicePort?: number;
  /**
   * The IPAM mode the running cluster already uses (for an upgrade): a different `ipam` is a warning,
   * because Cilium does not support changing it on a live cluster.
   * @default - a new cluster: not checked
   */
  readonly existingIpamMode?: CiliumIpamMode;
  /**
   * Further chart values (`hubble: { relay: { enabled: true } }`), merged with the values built
   * from the plan. Every key is checked against the chart's key tree, so a misplaced one (a
   * top-level `requireIPv6PodCIDR`, cilium#44436) is an error naming its path; a value that
   * contradicts one the plan decides is an error too.
   * @default {} - none
   */
  readonly values?: Readonly<Record<string, unknown>>;
  /**
   * Where cdk8s finds the chart to render at synth: a local chart directory or `.tgz` (its own
   * version), `"cilium"` (from https://helm.cilium.io), or a reference helm resolves
   * (`cilium/cilium` of an added repository, `oci://…`), the last three at `version`. With it, `helm template` runs at synth (a `helm` binary must be on
   * the PATH or at `helmExecutable`); without it the output holds the values file and the exact
   * `helm install` command.
   * @default - none: values file plus install command, synthesizes offline
   */
  readonly chart?: string;
  /**
   * The helm binary cdk8s runs when `chart` is given.
   * @default "helm"
   */
  readonly helmExecutable?: string;
}
