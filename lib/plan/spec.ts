/** IP family as Kubernetes writes it (`spec.ipFamilies`). */
export enum IpFamily {
  IPV4 = 'IPv4',
  IPV6 = 'IPv6',
}

/** A node as the user declares it. */
export interface NodeSpec {
  /** Node name (as kubelet registers it). */
  readonly name: string;
  /**
   * The node's IPv4 address, optionally with its interface prefix (`192.168.101.53/24`); the
   * prefix gives the node network used for kube-proxy `nodePortAddresses` and Calico autodetection.
   * @default - no IPv4 address declared
   */
  readonly ipv4?: string;
  /**
   * The node's IPv6 address, optionally with its interface prefix (`2003:ac18::30a:2/64`).
   * @default - no IPv6 address declared
   */
  readonly ipv6?: string;
  /**
   * The IPv6 default gateway of the node. kube-proxy in iptables mode cannot reach IPv6 ClusterIPs
   * from the host without an IPv6 default route (calico#2758, field report §6.1).
   * @default - unknown: the plan warns where the mode needs one
   */
  readonly ipv6DefaultGateway?: string;
  /**
   * The node's IPv4 default gateway.
   * @default - unknown
   */
  readonly ipv4DefaultGateway?: string;
  /**
   * Whether the node runs the control plane.
   * @default false (the first node is the control plane when none is marked)
   */
  readonly controlPlane?: boolean;
  /**
   * The Linux kernel version of the node (`4.9`, `5.15.0-91-generic`); ipvs IPv6 NodePorts need ≥ 4.11.
   * @default - unknown
   */
  readonly kernelVersion?: string;
  /**
   * The network interface that carries the node address (for `accept_ra`, flannel `--iface`).
   * @default - unknown
   */
  readonly interface?: string;
}

/** What the user writes: the cluster network, described once. */
export interface ClusterNetworkSpec {
  /**
   * Target Kubernetes version (`"1.36"`, `"v1.36.2"`), from 1.16 to 1.38. Without a patch kubeadm
   * gets the oldest one (`v1.36.0`, with an info saying so).
   * @default "1.36" — `ClusterNetwork.DEFAULT_KUBERNETES_VERSION` (timeline `DEFAULT_VERSION`): the
   * newest minor every pinned component supports (Calico 3.32: 1.34–1.36, Envoy Gateway 1.9: 1.33–1.36).
   */
  readonly kubernetesVersion?: string;
  /**
   * Feature-gate overrides, as `--feature-gates` takes them.
   * @default {} - each gate at its default for the version
   */
  readonly featureGates?: Readonly<Record<string, boolean>>;
  /** Pod networks (kube-controller-manager `--cluster-cidr`): one or two, one per family; the first is the primary family. */
  readonly podCidrs: readonly string[];
  /** Service networks (kube-apiserver `--service-cluster-ip-range`): one or two, one per family, same order as `podCidrs`. */
  readonly serviceCidrs: readonly string[];
  /**
   * Node podCIDR mask for IPv4.
   * @default 24
   */
  readonly nodeMaskIPv4?: number;
  /**
   * Node podCIDR mask for IPv6.
   * @default 64
   */
  readonly nodeMaskIPv6?: number;
  /**
   * kubelet `maxPods`.
   * @default 110
   */
  readonly maxPodsPerNode?: number;
  /**
   * The nodes, when known.
   * @default [] - use `nodeNetworks` and `expectedNodes`
   */
  readonly nodes?: readonly NodeSpec[];
  /**
   * Networks the node addresses come from (`192.168.101.0/24`, `2003:ac18::/64`), when nodes are not
   * listed one by one.
   * @default - derived from the nodes' address prefixes
   */
  readonly nodeNetworks?: readonly string[];
  /**
   * How many nodes the cluster should hold; checked against capacity.
   * @default - the number of declared nodes
   */
  readonly expectedNodes?: number;
  /**
   * How many Services the cluster should hold; checked against capacity.
   * @default - not checked
   */
  readonly expectedServices?: number;
  /**
   * Cluster DNS domain.
   * @default "cluster.local"
   */
  readonly dnsDomain?: string;
  /**
   * Whether an IPv6 NAT (masquerade) is configured for pod traffic leaving the cluster. The CNI
   * fills this in (Calico `natOutgoing`); a ULA pod range without it cannot reach the IPv6 internet.
   * @default - unknown (no finding)
   */
  readonly ipv6NatOutgoing?: boolean;
}

/** The fields of `ClusterNetworkSpec`, in declaration order: the plan reads exactly these. */
export const CLUSTER_NETWORK_SPEC_FIELDS: readonly string[] = [
  'kubernetesVersion',
  'featureGates',
  'podCidrs',
  'serviceCidrs',
  'nodeMaskIPv4',
  'nodeMaskIPv6',
  'maxPodsPerNode',
  'nodes',
  'nodeNetworks',
  'expectedNodes',
  'expectedServices',
  'dnsDomain',
  'ipv6NatOutgoing',
];

/** The fields of `NodeSpec`. */
export const NODE_SPEC_FIELDS: readonly string[] = ['name', 'ipv4', 'ipv6', 'ipv6DefaultGateway', 'ipv4DefaultGateway', 'controlPlane', 'kernelVersion', 'interface'];
