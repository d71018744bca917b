import type { ClusterNetwork } from '../plan/network';
import { NODE_PORT_ADDRESSES_PRIMARY_SINCE } from '../plan/rules/kube-proxy';

/** What `nodePortAddresses` resolves to. */
enum NodePortAddressesKind {
  AUTO = 'auto',
  NODE_NETWORKS = 'node-networks',
  PRIMARY = 'primary',
  CIDRS = 'cidrs',
  ALL = 'all',
}

/**
 * Where kube-proxy accepts NodePort connections (`nodePortAddresses`). The field report's NodePort
 * listened on IPv4 only until it listed both node networks (§7.1), so the default covers both
 * families of the plan.
 */
export class NodePortAddresses {
  /** The keyword kube-proxy resolves to the node's primary IP of each family (from 1.31, #123105). */
  public static readonly PRIMARY_KEYWORD = 'primary';
  /** First version whose kube-proxy accepts `primary` (CHANGELOG-1.31, kubernetes#123105). */
  public static readonly PRIMARY_SINCE = NODE_PORT_ADDRESSES_PRIMARY_SINCE;

  /**
   * The plan's node networks when they cover every family of the plan; else `["primary"]` where
   * the version has it (≥ 1.31); else unset (kube-proxy then listens on every local address).
   */
  public static auto(): NodePortAddresses {
    return new NodePortAddresses(NodePortAddressesKind.AUTO, []);
  }

  /** The plan's node networks (declared, or derived from the node addresses), primary family first. */
  public static nodeNetworks(): NodePortAddresses {
    return new NodePortAddresses(NodePortAddressesKind.NODE_NETWORKS, []);
  }

  /** `["primary"]`: the node's primary address of each family (Kubernetes ≥ 1.31). */
  public static primary(): NodePortAddresses {
    return new NodePortAddresses(NodePortAddressesKind.PRIMARY, []);
  }

  /** Explicit CIDRs, written as given (kube-proxy accepts host bits: `2003:ac18::30a:2/64`). */
  public static cidrs(cidrs: readonly string[]): NodePortAddresses {
    return new NodePortAddresses(NodePortAddressesKind.CIDRS, [...cidrs]);
  }

  /** Leave the field unset: iptables/ipvs listen on all local addresses (nftables defaults to `primary`). */
  public static all(): NodePortAddresses {
    return new NodePortAddresses(NodePortAddressesKind.ALL, []);
  }

  private constructor(
    private readonly kind: NodePortAddressesKind,
    private readonly values: readonly string[],
  ) {}

  /** The list to write, or undefined to leave `nodePortAddresses` unset. */
  public resolve(plan: ClusterNetwork): string[] | undefined {
    switch (this.kind) {
      case NodePortAddressesKind.NODE_NETWORKS:
        return plan.nodeNetworks.length ? plan.nodeNetworks.map((c) => c.toString()) : undefined;
      case NodePortAddressesKind.PRIMARY:
        return [NodePortAddresses.PRIMARY_KEYWORD];
      case NodePortAddressesKind.CIDRS:
        return [...this.values];
      case NodePortAddressesKind.ALL:
        return undefined;
      case NodePortAddressesKind.AUTO:
      default: {
        const covered = plan.families.length > 0 && plan.families.every((f) => plan.nodeNetworksOf(f).length > 0);
        if (covered) return plan.nodeNetworks.map((c) => c.toString());
        if (plan.version.atLeast(NodePortAddresses.PRIMARY_SINCE)) return [NodePortAddresses.PRIMARY_KEYWORD];
        return undefined;
      }
    }
  }
}
