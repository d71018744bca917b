import type { Finding } from '../plan/findings';
import { ClusterNetwork, familyOf } from '../plan/network';
import { IpFamily } from '../plan/spec';

/**
 * `k8s-dualstack plan --format json`: a stable shape. Every key is always present (absent values
 * are `null`), arrays keep the plan's order (primary family first), and counts that can exceed
 * 2^53 (IPv6) are decimal strings, never lossy numbers.
 */
export interface PlanJson {
  /** Bumped only on an incompatible change of this shape. */
  readonly schemaVersion: 1;
  /** True when the plan has no error finding. */
  readonly ok: boolean;
  /** `1.33` */
  readonly kubernetesVersion: string;
  readonly dualStack: boolean;
  readonly primaryFamily: IpFamily | null;
  readonly families: readonly PlanFamilyJson[];
  readonly maxPodsPerNode: number;
  readonly dnsDomain: string;
  readonly nodes: readonly PlanNodeJson[];
  readonly capacity: {
    /** Minimum over the families: a node needs a podCIDR of each. */
    readonly nodesPossible: string;
    /** Minimum over the families: a dual-stack Service takes one ClusterIP of each. */
    readonly clusterIPs: string;
    readonly multiCidrServiceAllocator: boolean;
  };
  /** The plan's findings, in its order. */
  readonly findings: readonly Finding[];
}

/** One family of the plan. */
export interface PlanFamilyJson {
  readonly family: IpFamily;
  readonly primary: boolean;
  readonly podCidr: string | null;
  readonly serviceCidr: string | null;
  readonly nodeNetworks: readonly string[];
  readonly nodeMask: number;
  readonly nodesPossible: string;
  readonly addressesPerNode: string;
  readonly podsPerNode: number;
  /** Usable addresses of the service range. */
  readonly serviceAddresses: string;
  /** What the API server will allocate (the legacy allocator stops at 2^16). */
  readonly clusterIPs: string;
  readonly legacyAllocatorCapped: boolean;
  readonly kubernetesServiceIP: string | null;
  readonly dnsServiceIP: string | null;
}

/** One declared node. */
export interface PlanNodeJson {
  readonly name: string;
  readonly controlPlane: boolean;
  /** The address, without prefix. */
  readonly ipv4: string | null;
  /** The interface network, when the prefix was written. */
  readonly ipv4Network: string | null;
  readonly ipv6: string | null;
  readonly ipv6Network: string | null;
  readonly ipv4DefaultGateway: string | null;
  readonly ipv6DefaultGateway: string | null;
}

const str = (v: { toString(): string } | undefined): string | null => (v === undefined ? null : v.toString());

/** The plan as JSON-ready data (see `PlanJson`). */
export function planToJson(plan: ClusterNetwork): PlanJson {
  return {
    schemaVersion: 1,
    ok: plan.ok,
    kubernetesVersion: plan.version.toString(),
    dualStack: plan.isDualStack,
    primaryFamily: plan.primaryFamily ?? null,
    families: plan.capacity.families.map((c) => ({
      family: c.family,
      primary: c.family === plan.primaryFamily,
      podCidr: str(c.podCidr),
      serviceCidr: str(c.serviceCidr),
      nodeNetworks: plan.nodeNetworks.filter((n) => familyOf(n) === c.family).map(String),
      nodeMask: c.nodeMask,
      nodesPossible: c.nodesPossible.toString(),
      addressesPerNode: c.addressesPerNode.toString(),
      podsPerNode: c.podsPerNode,
      serviceAddresses: c.serviceAddresses.toString(),
      clusterIPs: c.clusterIPs.toString(),
      legacyAllocatorCapped: c.legacyAllocatorCapped,
      kubernetesServiceIP: str(c.kubernetesServiceIP),
      dnsServiceIP: str(c.dnsServiceIP),
    })),
    maxPodsPerNode: plan.maxPodsPerNode,
    dnsDomain: plan.dnsDomain,
    nodes: plan.nodes.map((n) => ({
      name: n.name,
      controlPlane: n === plan.controlPlaneNode,
      ipv4: str(n.ipv4?.address),
      ipv4Network: str(n.ipv4?.network ? n.ipv4.network.toString() : undefined),
      ipv6: str(n.ipv6?.address),
      ipv6Network: str(n.ipv6?.network ? n.ipv6.network.toString() : undefined),
      ipv4DefaultGateway: str(n.ipv4DefaultGateway),
      ipv6DefaultGateway: str(n.ipv6DefaultGateway),
    })),
    capacity: {
      nodesPossible: plan.capacity.nodesPossible.toString(),
      clusterIPs: plan.capacity.clusterIPs.toString(),
      multiCidrServiceAllocator: plan.capacity.multiCidrServiceAllocator,
    },
    findings: plan.findings.map((f) => ({ ...f })),
  };
}
