/** The findings of a kubeadm configuration (pure: `ControlPlaneConfig` and `clusterFindings` share them). */
import { kubeProxyDocumentFindings } from '../kube-proxy/document-findings';
import { resolveKubeProxyOptions } from '../kube-proxy/render';
import type { Finding } from '../plan/findings';
import type { ClusterNetwork } from '../plan/network';
import { proxyEnvironmentFindings } from '../plan/rules/proxy-environment';
import { KubeadmDocument, KubeadmOptions, renderKubeadmFiles } from './render-kubeadm';
import { controlPlaneFindings } from './rules';

/**
 * The control plane's rules, and kube-proxy's when the init file holds a KubeProxyConfiguration
 * (without kube-proxy, `skipKubeProxy`, its mode's needs do not apply). Not the plan's own findings.
 * @param initDocuments the init file's documents (rendered from `options` when not given)
 */
export function kubeadmConfigFindings(plan: ClusterNetwork, options: KubeadmOptions, initDocuments?: readonly KubeadmDocument[]): Finding[] {
  const docs = initDocuments ?? renderKubeadmFiles(plan, options)[0].documents;
  const proxy = resolveKubeProxyOptions(plan, options.kubeProxy);
  const proxyDoc = docs.find((d) => d.kind === 'KubeProxyConfiguration');
  return [
    ...controlPlaneFindings(plan, options),
    ...(proxyDoc ? proxyEnvironmentFindings(plan, { mode: proxy.mode, nodePortAddresses: proxy.nodePortAddresses }) : []),
    ...(proxyDoc ? kubeProxyDocumentFindings(plan, proxyDoc) : []),
  ];
}
