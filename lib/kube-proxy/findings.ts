/** The findings of a kube-proxy configuration (pure: `KubeProxy` and `clusterFindings` share them). */
import type { Finding } from '../plan/findings';
import type { ClusterNetwork } from '../plan/network';
import { proxyEnvironmentFindings } from '../plan/rules/proxy-environment';
import { kubeProxyDocumentFindings } from './document-findings';
import { KubeProxyConfigurationDocument, KubeProxyOptions, renderKubeProxyConfiguration, resolveKubeProxyOptions } from './render';

/** kube-proxy's rules for its options (not the plan's own findings). */
export function kubeProxyFindings(plan: ClusterNetwork, options: KubeProxyOptions, configuration?: KubeProxyConfigurationDocument): Finding[] {
  const r = resolveKubeProxyOptions(plan, options);
  return [
    ...proxyEnvironmentFindings(plan, { mode: r.mode, nodePortAddresses: r.nodePortAddresses }),
    ...kubeProxyDocumentFindings(plan, configuration ?? renderKubeProxyConfiguration(plan, options)),
  ];
}
