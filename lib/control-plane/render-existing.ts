import type { ClusterNetwork } from '../plan/network';
import { apiServerFlags, controllerManagerFlags, formatFlag, kubeletFlags } from './flags';

/** Where a kubeadm cluster keeps what the field report edited by hand (§4). */
export const EXISTING_CLUSTER_FILES = {
  kubeApiServer: '/etc/kubernetes/manifests/kube-apiserver.yaml',
  kubeControllerManager: '/etc/kubernetes/manifests/kube-controller-manager.yaml',
  /** RHEL/CentOS; Debian/Ubuntu read /etc/default/kubelet. */
  kubeletSysconfigRhel: '/etc/sysconfig/kubelet',
  kubeletSysconfigDebian: '/etc/default/kubelet',
} as const;

/** The kubelet arguments of one node. */
export interface NodeKubeletArgs {
  readonly node: string;
  readonly args: readonly string[];
  /** The line for /etc/sysconfig/kubelet or /etc/default/kubelet. */
  readonly kubeletExtraArgs: string;
}

/** The flags to set in an existing cluster, as data. */
export interface ExistingClusterFlags {
  /** Arguments for the kube-apiserver static pod's `command`, `--name=value`. */
  readonly kubeApiServer: readonly string[];
  /** Arguments for the kube-controller-manager static pod's `command`. */
  readonly kubeControllerManager: readonly string[];
  /** One entry per declared node (kubelet `--node-ip` differs per node). */
  readonly kubelet: readonly NodeKubeletArgs[];
}

/**
 * The existing-cluster way of field report §4: the flags to put into the static-pod manifests and
 * `KUBELET_EXTRA_ARGS`. Flags already in the manifest must be replaced, not duplicated.
 */
export function renderExistingClusterFlags(plan: ClusterNetwork): ExistingClusterFlags {
  return {
    kubeApiServer: apiServerFlags(plan).map(formatFlag),
    kubeControllerManager: controllerManagerFlags(plan).map(formatFlag),
    kubelet: plan.nodes.map((n) => {
      const args = kubeletFlags(plan, n).map(formatFlag);
      return { node: n.name, args, kubeletExtraArgs: `KUBELET_EXTRA_ARGS="${args.join(' ')}"` };
    }),
  };
}

/** The same as text a person can follow. */
export function renderExistingClusterText(plan: ClusterNetwork): string {
  const f = renderExistingClusterFlags(plan);
  const lines: string[] = [];
  lines.push(`# Kubernetes ${plan.version}: flags for an existing kubeadm cluster (replace any existing value of the same flag)`);
  lines.push(`# ${EXISTING_CLUSTER_FILES.kubeApiServer}`);
  for (const a of f.kubeApiServer) lines.push(`    - ${a}`);
  lines.push(`# ${EXISTING_CLUSTER_FILES.kubeControllerManager}`);
  for (const a of f.kubeControllerManager) lines.push(`    - ${a}`);
  for (const k of f.kubelet) {
    lines.push(`# node ${k.node}: ${EXISTING_CLUSTER_FILES.kubeletSysconfigRhel} (RHEL) or ${EXISTING_CLUSTER_FILES.kubeletSysconfigDebian} (Debian), then: systemctl restart kubelet`);
    lines.push(k.kubeletExtraArgs);
  }
  return `${lines.join('\n')}\n`;
}
