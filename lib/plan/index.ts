export * from './findings';
export * from './version';
export * as timeline from './timeline';
export * from './spec';
export * from './capacity';
export * from './network';
export * from './validate';
export type { PlanRule } from './rules';
export type { CidrEntry } from './rules/common';
export { IpFamilyPolicy, ServiceType, EndpointReconcilerType, KubeProxyModeName, DetectLocalMode, NodeOs, generatedUlaSuggestion } from './rules/public';
export type {
  ServiceClusterIPRangeOptions,
  ClusterCIDROptions,
  KubeProxyConfigurationOptions,
  KubeadmNetworking,
  KubeadmNetworkingOptions,
  ServiceValidationOptions,
  ServiceIpFamilyDefaults,
  VersionOptions,
  RuleContext,
} from './rules/public';
