import type { Cidr } from '../net/cidr';
import { generateUlaPrefix, RandomSource } from '../net/ula';
import { ClusterNetwork } from '../plan/network';

/** A fresh ULA /48 and the pod / service ranges suggested inside it. */
export interface UlaSuggestion {
  /** The RFC 4193 /48 (fd00::/8 with a random 40-bit global ID). */
  readonly prefix: Cidr;
  /** Pods: the first /52 — 4,096 node podCIDRs of /64 (12 bits: within the controller-manager's 16-bit limit). */
  readonly pods: Cidr;
  readonly nodeMaskIPv6: number;
  /** Services: a /112 of the last /64 — 2^16 addresses, all usable by the legacy allocator too. */
  readonly services: Cidr;
  readonly nodesPossible: bigint;
  readonly clusterIPs: bigint;
  readonly kubernetesServiceIP: string;
  readonly dnsServiceIP: string;
}

/** Pods take a /52 of the /48: room for 4,096 nodes at /64, and the rest stays free. */
export const ULA_POD_PREFIX = 52;
/** /112: 16 host bits, the most the legacy ClusterIP allocator uses (and under the 20-bit limit). */
export const ULA_SERVICE_PREFIX = 112;

/**
 * Generate a ULA /48 and split it. The numbers come from the plan itself, so the suggestion is
 * exactly what `plan` would compute for it.
 */
export function suggestUla(random?: RandomSource): UlaSuggestion {
  const prefix = generateUlaPrefix(random);
  const pods = prefix.subnet(ULA_POD_PREFIX, 0);
  const services = prefix.subnet(64, prefix.subnetCount(64) - 1n).subnet(ULA_SERVICE_PREFIX, 0);
  const plan = ClusterNetwork.plan({ podCidrs: [pods.toString()], serviceCidrs: [services.toString()], nodeMaskIPv6: ClusterNetwork.DEFAULT_NODE_MASK_IPV6 });
  const cap = plan.capacity.families[0];
  return {
    prefix,
    pods,
    nodeMaskIPv6: plan.nodeMaskIPv6,
    services,
    nodesPossible: cap.nodesPossible,
    clusterIPs: cap.clusterIPs,
    kubernetesServiceIP: String(cap.kubernetesServiceIP),
    dnsServiceIP: String(cap.dnsServiceIP),
  };
}
