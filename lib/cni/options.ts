import { Cidr } from '../net/cidr';
import { NetParseError, quote } from '../net/errors';

/** How Calico is installed. */
export enum CalicoMode {
  /** The tigera-operator and its `Installation` resource (Calico's recommended way). */
  OPERATOR = 'operator',
  /** The `calico.yaml` manifest way (calico-node DaemonSet configured by env), as in field report §5.2. */
  MANIFEST = 'manifest',
}

/** `Installation.spec.calicoNetwork.ipPools[].encapsulation` (operator.tigera.io/v1). */
export enum CalicoEncapsulation {
  /** IP-in-IP between all nodes. IPv4 only: there is no IPIP for IPv6 pools. */
  IPIP = 'IPIP',
  /** IP-in-IP only across subnets. IPv4 only. */
  IPIP_CROSS_SUBNET = 'IPIPCrossSubnet',
  VXLAN = 'VXLAN',
  VXLAN_CROSS_SUBNET = 'VXLANCrossSubnet',
  /** No overlay: pod routes are distributed by BGP and the fabric must carry pod addresses. */
  NONE = 'None',
}

/**
 * `Installation.spec.calicoNetwork.linuxDataplane` (operator.tigera.io/v1): how Felix programs the
 * Linux nodes. Manifest mode sets Felix's `nftablesMode` (`FELIX_NFTABLESMODE`) to match.
 * BPF (kube-proxy replacement, API server endpoint ConfigMap, bpffs) and VPP are left out: neither
 * is a one-field switch.
 */
export enum CalicoLinuxDataplane {
  /** iptables rules (Calico's default); pairs with kube-proxy iptables or ipvs. */
  IPTABLES = 'Iptables',
  /**
   * Native nftables rules. Calico docs ("Calico nftables data plane"): kube-proxy must run in
   * nftables mode too; needs Linux 5.13+ with nft 1.0.1+.
   */
  NFTABLES = 'Nftables',
}

/** One family's pool, as the user may override it. The CIDR comes from the plan unless overridden. */
export interface CalicoPoolOptions {
  /**
   * The pool CIDR: must lie inside the plan's pod CIDR of the same family.
   * @default - the plan's pod CIDR of the family (by construction: the pool equals `--cluster-cidr`)
   */
  readonly cidr?: string;
  /**
   * Block size: the prefix of the blocks Calico IPAM hands to nodes (20–32 IPv4, 116–128 IPv6).
   * @default 26 for IPv4, 122 for IPv6 (`Cni.DEFAULT_BLOCK_SIZE_IPV4/IPV6`)
   */
  readonly blockSize?: number;
  /**
   * Overlay of the pool.
   * @default CalicoEncapsulation.VXLAN_CROSS_SUBNET (upstream custom-resources.yaml's choice)
   */
  readonly encapsulation?: CalicoEncapsulation;
  /**
   * SNAT of pod traffic leaving the pool. Without it, pods of a private/ULA range cannot reach outside.
   * @default true
   */
  readonly natOutgoing?: boolean;
  /**
   * Calico selector of the nodes that may take blocks from this pool.
   * @default "all()"
   */
  readonly nodeSelector?: string;
}

/** The kinds of node address autodetection (`nodeAddressAutodetectionV4/V6`, `IP_AUTODETECTION_METHOD`). */
export enum NodeAddressAutodetectionKind {
  FIRST_FOUND = 'firstFound',
  KUBERNETES_INTERNAL_IP = 'kubernetes',
  INTERFACE = 'interface',
  SKIP_INTERFACE = 'skipInterface',
  CAN_REACH = 'canReach',
  CIDRS = 'cidrs',
}

/**
 * How calico-node finds a node's address of one family. The default (`cidrs` from the plan's node
 * networks, else the Kubernetes NodeInternalIP) never picks a link-local or floating (VIP) address;
 * `firstFound` can pick either (keepalived VIPs, docker0), so it is an explicit opt-in.
 */
export class NodeAddressAutodetection {
  /** The first valid address on the first interface not excluded by name. Can pick a VIP. */
  public static firstFound(): NodeAddressAutodetection {
    return new NodeAddressAutodetection(NodeAddressAutodetectionKind.FIRST_FOUND, undefined, []);
  }

  /** The node's `InternalIP` of the family as kubelet reports it (dual-stack needs kubelet `--node-ip` with both). */
  public static kubernetesInternalIP(): NodeAddressAutodetection {
    return new NodeAddressAutodetection(NodeAddressAutodetectionKind.KUBERNETES_INTERNAL_IP, undefined, []);
  }

  /** The first address on an interface whose name matches the (Go) regex, e.g. `"eth0"` or `"ens.*"`. */
  public static interface(regex: string): NodeAddressAutodetection {
    return new NodeAddressAutodetection(NodeAddressAutodetectionKind.INTERFACE, requireText(regex, 'interface'), []);
  }

  /** The first address on an interface whose name does not match the regex. */
  public static skipInterface(regex: string): NodeAddressAutodetection {
    return new NodeAddressAutodetection(NodeAddressAutodetectionKind.SKIP_INTERFACE, requireText(regex, 'skipInterface'), []);
  }

  /** The source address the node uses to reach an IP or a domain. */
  public static canReach(destination: string): NodeAddressAutodetection {
    return new NodeAddressAutodetection(NodeAddressAutodetectionKind.CAN_REACH, requireText(destination, 'canReach'), []);
  }

  /**
   * The address that lies in one of the networks.
   * @throws NetParseError when a CIDR does not parse (validated early, not at synth)
   */
  public static cidrs(cidrs: readonly (string | Cidr)[]): NodeAddressAutodetection {
    if (!Array.isArray(cidrs) || cidrs.length === 0) {
      throw new NetParseError(quote(cidrs), 'autodetection-cidrs', `NodeAddressAutodetection.cidrs(${quote(cidrs)}): give at least one CIDR`);
    }
    const parsed = cidrs.map((c) => (c instanceof Cidr ? c : Cidr.parse(c, { allowHostBits: true })));
    return new NodeAddressAutodetection(NodeAddressAutodetectionKind.CIDRS, undefined, parsed);
  }

  public readonly kind: NodeAddressAutodetectionKind;
  /** The regex or destination of `interface`, `skipInterface`, `canReach`. */
  public readonly value: string | undefined;
  /** The networks of `cidrs` (canonical). */
  public readonly networks: readonly Cidr[];

  private constructor(kind: NodeAddressAutodetectionKind, value: string | undefined, networks: readonly Cidr[]) {
    this.kind = kind;
    this.value = value;
    this.networks = networks;
  }

  /** The operator's form: one field of `NodeAddressAutodetection` set. */
  public toInstallation(): Record<string, unknown> {
    switch (this.kind) {
      case NodeAddressAutodetectionKind.FIRST_FOUND:
        return { firstFound: true };
      case NodeAddressAutodetectionKind.KUBERNETES_INTERNAL_IP:
        return { kubernetes: 'NodeInternalIP' };
      case NodeAddressAutodetectionKind.CIDRS:
        return { cidrs: this.networks.map((c) => c.toString()) };
      default:
        return { [this.kind]: this.value };
    }
  }

  /** calico-node's `IP_AUTODETECTION_METHOD` / `IP6_AUTODETECTION_METHOD` string. */
  public toEnvValue(): string {
    switch (this.kind) {
      case NodeAddressAutodetectionKind.FIRST_FOUND:
        return 'first-found';
      case NodeAddressAutodetectionKind.KUBERNETES_INTERNAL_IP:
        return 'kubernetes-internal-ip';
      case NodeAddressAutodetectionKind.INTERFACE:
        return `interface=${this.value}`;
      case NodeAddressAutodetectionKind.SKIP_INTERFACE:
        return `skip-interface=${this.value}`;
      case NodeAddressAutodetectionKind.CAN_REACH:
        return `can-reach=${this.value}`;
      case NodeAddressAutodetectionKind.CIDRS:
        return `cidr=${this.networks.map((c) => c.toString()).join(',')}`;
    }
  }
}

function requireText(value: string, what: string): string {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new NetParseError(quote(value), 'autodetection-value', `NodeAddressAutodetection.${what}(${quote(value)}): the value must be a non-empty string`);
  }
  return value;
}

/** Options of `Cni.calico()`. */
export interface CalicoOptions {
  /**
   * Operator (Installation resource) or manifest (calico-node env).
   * @default CalicoMode.OPERATOR
   */
  readonly mode?: CalicoMode;
  /**
   * Calico release (`v3.32.2`). In operator mode it must be one `CALICO_OPERATOR_VERSIONS` knows,
   * because the operator image decides the Calico version it installs.
   * @default DEFAULT_CALICO_VERSION ("v3.32.1")
   */
  readonly version?: string;
  /**
   * IPv4 pool overrides (ignored when the plan has no IPv4 pod CIDR, with a warning).
   * @default - the plan's IPv4 pod CIDR, block /26, VXLANCrossSubnet, NAT outgoing, all()
   */
  readonly ipv4Pool?: CalicoPoolOptions;
  /**
   * IPv6 pool overrides.
   * @default - the plan's IPv6 pod CIDR, block /122, VXLANCrossSubnet, NAT outgoing, all()
   */
  readonly ipv6Pool?: CalicoPoolOptions;
  /**
   * IPv4 node address autodetection.
   * @default - `cidrs` of the plan's IPv4 node networks; `kubernetesInternalIP` when none is known
   */
  readonly nodeAddressAutodetectionV4?: NodeAddressAutodetection;
  /**
   * IPv6 node address autodetection.
   * @default - `cidrs` of the plan's IPv6 node networks; `kubernetesInternalIP` when none is known
   */
  readonly nodeAddressAutodetectionV6?: NodeAddressAutodetection;
  /**
   * MTU of pod interfaces and tunnels (manifest `veth_mtu`, operator `calicoNetwork.mtu`).
   * @default 0 - auto-detected by Calico
   */
  readonly mtu?: number;
  /**
   * Linux dataplane: must match kube-proxy (nftables kube-proxy needs `NFTABLES`, and the reverse);
   * `calicoFindings` reports a mismatch when it knows the kube-proxy mode, and DualStackCluster
   * derives it from the kube-proxy mode with `calicoDataplaneFor`.
   * @default CalicoLinuxDataplane.IPTABLES (Calico's own default; `Cni.DEFAULT_LINUX_DATAPLANE`)
   */
  readonly linuxDataplane?: CalicoLinuxDataplane;
}

/** flannel backends (`net-conf.json` `Backend.Type`). */
export enum FlannelBackend {
  VXLAN = 'vxlan',
  HOST_GW = 'host-gw',
  WIREGUARD = 'wireguard',
  UDP = 'udp',
  IPIP = 'ipip',
  IPSEC = 'ipsec',
  ALLOC = 'alloc',
}

/** The flannel backends that carry IPv6 (and so dual-stack): flannel Documentation/configuration.md. */
export const FLANNEL_DUAL_STACK_BACKENDS: readonly FlannelBackend[] = [FlannelBackend.VXLAN, FlannelBackend.HOST_GW, FlannelBackend.WIREGUARD];

/** Options of `Cni.flannel()`. */
export interface FlannelOptions {
  /**
   * The backend. Only vxlan, host-gw and wireguard support IPv6.
   * @default FlannelBackend.VXLAN
   */
  readonly backend?: FlannelBackend;
  /**
   * `--iface`: interface names or addresses to use for inter-host traffic (repeatable).
   * @default - the interface of the default route of each family
   */
  readonly iface?: readonly string[];
  /**
   * `--iface-can-reach`: use the interface that routes to this address.
   * @default - unset
   */
  readonly ifaceCanReach?: string;
  /**
   * `--public-ipv6`: the IPv6 address other nodes use to reach this one (one value for all pods of
   * the DaemonSet, so only useful with a per-node override).
   * @default - unset
   */
  readonly publicIPv6?: string;
  /**
   * flannel release (the image tag). The objects stay those of the release the install is derived
   * from (lib/upstream/flannel, v0.28.9); another release changes the images only.
   * @default DEFAULT_FLANNEL_VERSION ("v0.28.9")
   */
  readonly version?: string;
  /**
   * flannel-cni-plugin image tag.
   * @default DEFAULT_FLANNEL_CNI_PLUGIN_VERSION ("v1.9.1-flannel3")
   */
  readonly cniPluginVersion?: string;
}
