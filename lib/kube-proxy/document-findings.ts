import type { Finding } from '../plan/findings';
import type { ClusterNetwork } from '../plan/network';
import { validate } from '../plan/validate';
import { KubeProxyMode, modeExists } from './mode';

/**
 * The plan's kube-proxy validator (`validate.kubeProxyConfiguration`, mirroring
 * pkg/proxy/apis/config/validation) run on the rendered document, with the gates the document
 * itself turns on. Skipped when the mode does not exist in the version: proxyEnvironmentFindings
 * already reports that, naming the version where the mode arrives.
 */
export function kubeProxyDocumentFindings(plan: ClusterNetwork, doc: { readonly [k: string]: unknown }): Finding[] {
  const mode = doc.mode as KubeProxyMode;
  if (!(Object.values(KubeProxyMode) as string[]).includes(mode) || !modeExists(mode, plan.version)) return [];
  const gates = { ...plan.featureGates, ...((doc.featureGates as Record<string, boolean> | undefined) ?? {}) };
  return validate.kubeProxyConfiguration(doc, { kubernetesVersion: plan.version.toString(), featureGates: gates });
}
