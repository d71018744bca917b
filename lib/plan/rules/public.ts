/** The rule names that are part of the package's public API (re-exported by lib/plan/index.ts). */
export { IpFamilyPolicy, ServiceType } from './service';
export type { ServiceValidationOptions, ServiceIpFamilyDefaults } from './service';
export { EndpointReconcilerType } from './apiserver';
export type { ServiceClusterIPRangeOptions } from './apiserver';
export type { ClusterCIDROptions } from './controller-manager';
export { KubeProxyModeName, DetectLocalMode, NodeOs } from './kube-proxy';
export type { KubeProxyConfigurationOptions } from './kube-proxy';
export type { KubeadmNetworking, KubeadmNetworkingOptions } from './kubeadm';
export type { VersionOptions, RuleContext } from './common';
export { suggestUla as generatedUlaSuggestion } from './common';
