import type { ClusterNetwork, PlannedNode } from '../plan/network';
import { PER_FAMILY_NODE_MASK_SINCE, singleNodeMask } from '../plan/rules/controller-manager';
import { IpFamily } from '../plan/spec';
import { componentFeatureGates, formatFeatureGates } from './feature-gates';
import { DUAL_STACK_NODE_IP_SINCE } from '../plan/timeline';

/** One command-line flag of a component, without the leading `--`. */
export interface ComponentFlag {
  readonly name: string;
  readonly value: string;
}

/** kubelet takes a dual-stack `--node-ip` pair only from 1.20 (kubernetes#95239, CHANGELOG-1.20). */
export { DUAL_STACK_NODE_IP_SINCE };

function gateFlag(plan: ClusterNetwork): ComponentFlag[] {
  const gates = componentFeatureGates(plan);
  return Object.keys(gates).length ? [{ name: 'feature-gates', value: formatFeatureGates(gates) }] : [];
}

const joined = (cidrs: readonly { toString(): string }[]) => cidrs.map(String).join(',');

/** kube-apiserver flags the plan decides (field report §4.1). */
export function apiServerFlags(plan: ClusterNetwork): ComponentFlag[] {
  return [...gateFlag(plan), { name: 'service-cluster-ip-range', value: joined(plan.serviceCidrs) }];
}

/**
 * kube-controller-manager flags the plan decides (field report §4.2). Dual-stack needs the
 * per-family node masks: `--node-cidr-mask-size` alone is refused with two cluster CIDRs
 * (cmd/kube-controller-manager/app/core.go, setNodeCIDRMaskSizes). Those flags arrive in 1.17
 * (kubernetes#79993): 1.16 knows only `--node-cidr-mask-size` and refuses to start on an unknown
 * flag, so 1.16 gets the primary family's mask there, which it applies to both families (the
 * controller-manager plan rule reports when that mask cannot serve the other family).
 */
export function controllerManagerFlags(plan: ClusterNetwork): ComponentFlag[] {
  const flags: ComponentFlag[] = [
    { name: 'allocate-node-cidrs', value: 'true' },
    { name: 'cluster-cidr', value: joined(plan.podCidrs) },
    ...gateFlag(plan),
  ];
  const single = singleNodeMask(plan);
  if (plan.isDualStack && plan.version.atLeast(PER_FAMILY_NODE_MASK_SINCE)) {
    flags.push({ name: 'node-cidr-mask-size-ipv4', value: String(plan.nodeMaskIPv4) });
    flags.push({ name: 'node-cidr-mask-size-ipv6', value: String(plan.nodeMaskIPv6) });
  } else if (single !== undefined) {
    flags.push({ name: 'node-cidr-mask-size', value: String(single) });
  }
  flags.push({ name: 'service-cluster-ip-range', value: joined(plan.serviceCidrs) });
  return flags;
}

/**
 * The node's addresses for kubelet `--node-ip`, primary family first. Before 1.20 kubelet takes one
 * address only, so only the primary family's is given.
 */
export function nodeIps(plan: ClusterNetwork, node: PlannedNode): string[] {
  const ordered = plan.families.map((f) => (f === IpFamily.IPV4 ? node.ipv4 : node.ipv6)?.address).filter((a) => a !== undefined);
  const list = ordered.map(String);
  return plan.version.before(DUAL_STACK_NODE_IP_SINCE) ? list.slice(0, 1) : list;
}

/** kubelet flags of one node (field report §4.3: `KUBELET_EXTRA_ARGS`). */
export function kubeletFlags(plan: ClusterNetwork, node: PlannedNode): ComponentFlag[] {
  const flags: ComponentFlag[] = [...gateFlag(plan)];
  const ips = nodeIps(plan, node);
  if (ips.length) flags.push({ name: 'node-ip', value: ips.join(',') });
  return flags;
}

/** `--name=value` */
export function formatFlag(f: ComponentFlag): string {
  return `--${f.name}=${f.value}`;
}
