import type { Address } from '../net/address';
import type { Cidr } from '../net/cidr';
import type { ClusterNetwork } from './network';
import { IpFamily } from './spec';

/**
 * The legacy ClusterIP allocator (a bitmap per range) uses at most 2^16 addresses of an IPv6 range,
 * whatever its size: pkg/registry/core/service/ipallocator/bitmap.go caps `max` at 65536 for IPv6
 * (then drops the network address: 65535 usable, the first 65535 after the network address).
 * IPv4 ranges are never capped (the 20-bit limit keeps them ≤ 2^20). The cap goes away when the
 * bitmap is no longer written: MultiCIDRServiceAllocator on AND DisableAllocatorDualWrite on.
 */
export const LEGACY_ALLOCATOR_MAX = 65536n;

/** Capacity of one family. */
export interface FamilyCapacity {
  readonly family: IpFamily;
  readonly podCidr?: Cidr;
  readonly serviceCidr?: Cidr;
  readonly nodeMask: number;
  /** How many node podCIDRs fit in the pod network (0 when the node mask is shorter than the pod prefix). */
  readonly nodesPossible: bigint;
  /** Addresses in one node's podCIDR. */
  readonly addressesPerNode: bigint;
  /** Pods one node can run: min(maxPodsPerNode, usable addresses of its podCIDR). */
  readonly podsPerNode: number;
  /** Usable ClusterIPs of the range (network address excluded; IPv4 broadcast too). */
  readonly serviceAddresses: bigint;
  /** ClusterIPs the API server will actually allocate: legacy cap 2^16 unless the new allocator is on. */
  readonly clusterIPs: bigint;
  /** True when the legacy allocator's 2^16 cap applies to this range. */
  readonly legacyAllocatorCapped: boolean;
  /** The `kubernetes.default` ClusterIP (first address after the network address). */
  readonly kubernetesServiceIP?: Address;
  /** The conventional cluster DNS ClusterIP (the 10th address, as kubeadm picks it). */
  readonly dnsServiceIP?: Address;
}

/** Capacity of the plan. */
export interface Capacity {
  /** In the plan's family order. */
  readonly families: readonly FamilyCapacity[];
  /** A dual-stack cluster stops giving nodes podCIDRs when either family runs out: the minimum. */
  readonly nodesPossible: bigint;
  /** Services the cluster can hold: the minimum over families (a dual-stack Service takes one IP of each). */
  readonly clusterIPs: bigint;
  /** Whether MultiCIDRServiceAllocator is on for the target version and gates. */
  readonly multiCidrServiceAllocator: boolean;
  /** Whether the legacy bitmap allocator is out of the picture: MultiCIDRServiceAllocator and DisableAllocatorDualWrite both on. */
  readonly legacyAllocatorRetired: boolean;
}

/** Whether a version + gates no longer uses (nor dual-writes) the legacy bitmap ClusterIP allocator. */
export function legacyAllocatorRetired(gate: (name: string) => boolean): boolean {
  return gate('MultiCIDRServiceAllocator') && gate('DisableAllocatorDualWrite');
}

function min(values: bigint[]): bigint {
  return values.reduce((a, b) => (b < a ? b : a));
}

export function computeCapacity(plan: ClusterNetwork): Capacity {
  const multi = plan.gate('MultiCIDRServiceAllocator');
  const retired = legacyAllocatorRetired((g) => plan.gate(g));
  const families: FamilyCapacity[] = plan.families.map((family) => {
    const podCidr = plan.podCidr(family);
    const serviceCidr = plan.serviceCidr(family);
    const nodeMask = plan.nodeMask(family);
    const bits = family === IpFamily.IPV4 ? 32 : 128;
    const nodesPossible = podCidr && nodeMask >= podCidr.prefix ? 1n << BigInt(nodeMask - podCidr.prefix) : 0n;
    const addressesPerNode = 1n << BigInt(bits - nodeMask);
    // host-local and the node IPAM leave out the network address (and the IPv4 broadcast).
    const usablePerNode = addressesPerNode - (family === IpFamily.IPV4 ? 2n : 1n);
    const podsPerNode = Number(usablePerNode < BigInt(plan.maxPodsPerNode) ? (usablePerNode < 0n ? 0n : usablePerNode) : BigInt(plan.maxPodsPerNode));
    let serviceAddresses = 0n;
    let clusterIPs = 0n;
    let capped = false;
    let kubernetesServiceIP: Address | undefined;
    let dnsServiceIP: Address | undefined;
    if (serviceCidr) {
      const reserved = family === IpFamily.IPV4 ? 2n : 1n;
      serviceAddresses = serviceCidr.size > reserved ? serviceCidr.size - reserved : 0n;
      capped = !retired && family === IpFamily.IPV6 && serviceCidr.size > LEGACY_ALLOCATOR_MAX;
      clusterIPs = capped ? LEGACY_ALLOCATOR_MAX - 1n : serviceAddresses;
      if (serviceCidr.size > 1n) kubernetesServiceIP = serviceCidr.at(1);
      if (serviceCidr.size > 10n) dnsServiceIP = serviceCidr.at(10);
    }
    return {
      family,
      podCidr,
      serviceCidr,
      nodeMask,
      nodesPossible,
      addressesPerNode,
      podsPerNode,
      serviceAddresses,
      clusterIPs,
      legacyAllocatorCapped: capped,
      kubernetesServiceIP,
      dnsServiceIP,
    };
  });
  return {
    families,
    nodesPossible: families.length ? min(families.map((c) => c.nodesPossible)) : 0n,
    clusterIPs: families.length ? min(families.map((c) => c.clusterIPs)) : 0n,
    multiCidrServiceAllocator: multi,
    legacyAllocatorRetired: retired,
  };
}
