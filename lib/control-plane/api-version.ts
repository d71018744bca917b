import type { KubernetesVersion } from '../plan/version';
import type { ComponentFlag } from './flags';
import { KUBEADM_API_VERSIONS } from '../plan/timeline';

/** kubeadm configuration API versions we render. */
export enum KubeadmApiVersion {
  /** kubeadm 1.15–1.21 here (removed in kubeadm 1.27, kubernetes#114540). */
  V1BETA2 = 'kubeadm.k8s.io/v1beta2',
  /** kubeadm 1.22–1.30: extraArgs as a map (deprecated by v1beta4). */
  V1BETA3 = 'kubeadm.k8s.io/v1beta3',
  /** kubeadm 1.31+: extraArgs as a list of {name, value} that allows duplicates. */
  V1BETA4 = 'kubeadm.k8s.io/v1beta4',
}

/**
 * The kubeadm API version for a target: v1beta3 arrived with kubeadm 1.22 and v1beta4 with 1.31
 * (kubeadm-config.v1beta4 "v1.31" changes); v1beta2 is what 1.16–1.21 read.
 */
export function kubeadmApiVersion(version: KubernetesVersion): KubeadmApiVersion {
  if (version.atLeast(KUBEADM_API_VERSIONS.v1beta4.since)) return KubeadmApiVersion.V1BETA4;
  if (version.atLeast(KUBEADM_API_VERSIONS.v1beta3.since)) return KubeadmApiVersion.V1BETA3;
  return KubeadmApiVersion.V1BETA2;
}

/** extraArgs in the shape the API version wants: a map before v1beta4, a name/value list from it. */
export function extraArgs(apiVersion: KubeadmApiVersion, flags: readonly ComponentFlag[]): Record<string, string> | { name: string; value: string }[] {
  if (apiVersion === KubeadmApiVersion.V1BETA4) return flags.map((f) => ({ name: f.name, value: f.value }));
  const map: Record<string, string> = {};
  for (const f of flags) map[f.name] = f.value;
  return map;
}
