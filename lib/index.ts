/**
 * The package root: the names a user of the constructs needs, by area. Renderers (plan → plain
 * objects), their option and object types and the version pins are in `k8s-dualstack/render`; the
 * Pulumi adapter in `k8s-dualstack/pulumi`, the cdk8s policy plugin in `k8s-dualstack/policy`, the
 * CLI's functions in `k8s-dualstack/cli`. api/k8s-dualstack.api.md lists every name (`npm run api`);
 * a test fails when this surface changes without the report. Only re-exports here.
 */

// Addresses and CIDRs (lib/net): every string is parsed once, into these values.
export { Address, Cidr, NetParseError, AddressClass, MulticastScope, classifyAddress, classifyCidr, solicitedNodeAddress } from './net';
export { formatHostPort, parseHostPort, splitHostPort, generateUlaPrefix, parseInterfaceAddress, formatInterfaceAddress } from './net';
export type { IpFamilyNumber, CidrParseOptions, AddressClassification, HostPort, HostPortText, RandomSource, InterfaceAddressText } from './net';

// The plan (lib/plan): the validated network, its findings, and `validate` (one check per upstream component).
export { ClusterNetwork, IpFamily, KubernetesVersion, PlanError, Severity, accepted, errorsOf, warningsOf, formatFinding, familyOf, computeCapacity } from './plan';
export { validate, IpFamilyPolicy, ServiceType, EndpointReconcilerType, KubeProxyModeName, DetectLocalMode, NodeOs } from './plan';
export { FEATURE_GATES, gateStage, gateEnabled, gateNeedsExplicitOn } from './plan';
export type { ClusterNetworkSpec, NodeSpec, PlannedNode, InterfaceAddress, Capacity, FamilyCapacity, Finding, GateStage, FeatureGateHistory } from './plan';
export type {
  ServiceClusterIPRangeOptions,
  ClusterCIDROptions,
  KubeProxyConfigurationOptions,
  KubeadmNetworking,
  KubeadmNetworkingOptions,
  ServiceValidationOptions,
  ServiceIpFamilyDefaults,
  VersionOptions,
} from './plan';

// The whole cluster, and the app that also writes its non-chart files (node scripts, kubeadm
// files, apply.sh) after synth.
export { DualStackCluster } from './cluster';
export type { DualStackClusterProps } from './cluster';
export { DualStackApp, writeClusterFiles, clusterFilesOf, clusterChartFilesOf } from './cluster-files';
export { clusterFindings, resolveChoices } from './cluster-findings';
export type { ClusterChoices, ResolvedChoices } from './cluster-findings';
export { reportedFindings } from './construct-findings';
export { ClusterStep } from './cluster-charts';
export type { ClusterFile, IClusterFiles, IClusterOutput } from './cluster-files';

// CNI: the choice (Cni.calico() / Cni.flannel() / Cni.cilium()) and its constructs.
export { Cni, CniKind, CalicoCni, FlannelCni, CniChart } from './cni';
export type { CniContext, ICni, ICniConstruct, ICalicoCni, IFlannelCni, ICiliumCni } from './cni';
export { CalicoMode, CalicoEncapsulation, CalicoLinuxDataplane, NodeAddressAutodetection, NodeAddressAutodetectionKind, FlannelBackend } from './cni';
export type { CniProps, CniChartProps, CalicoOptions, CalicoPoolOptions, FlannelOptions } from './cni';
export { CiliumCni, CiliumIpamMode, CiliumRoutingMode, CiliumTunnelProtocol, DEFAULT_CILIUM_VERSION } from './cni';
export type { CiliumCniProps, CiliumProps, CiliumClusterPoolProps, CiliumFamilyProps } from './cni';

// Control plane (kubeadm) and kube-proxy.
export { ControlPlaneConfig, KubeadmApiVersion, KubeadmDocumentObject } from './control-plane';
export type { ControlPlaneConfigProps, KubeadmOptions } from './control-plane';
export { KubeProxy, KubeProxyMode, IpvsScheduler, NodePortAddresses } from './kube-proxy';
export type { KubeProxyProps, KubeProxyOptions } from './kube-proxy';

// Host preparation (before kubeadm).
export { HostNetworkPrep, NodeDistro } from './host';
export type { HostNetworkPrepProps, HostNetworkPrepOptions } from './host';

// Ingress: the controller choice, the controllers, dual-stack Service / Ingress (also for cdk8s-plus-27
// Services: DualStackService.of), the demo app.
export { IngressController, IngressKind } from './ingress-controller';
export type { IIngressController, IngressBinding, IngressRoute } from './ingress-controller';
export { IngressNginx, KongIngress, DualStackGateway, DualStackService, DualStackIngress, CommonNginx, ServiceExposure, EnvoyIpFamily, serviceFamilyFields } from './ingress';
export { CONTROLLERS_MIN_KUBERNETES } from './ingress';
export type { IngressNginxProps, IngressNginxOptions, KongIngressProps, KongIngressOptions, DualStackGatewayProps, DualStackGatewayOptions, GatewayRouteOptions, HttpRouteSpec } from './ingress';
export type { DualStackServiceProps, DualStackServiceSpec, ServicePortSpec, ServiceFamilyOptions, ServiceFamilyFields, DualStackIngressProps, DualStackIngressSpec } from './ingress';
export type { CommonNginxProps, CommonNginxOptions, DemoAppGatewayRef, NodePorts } from './ingress';

// Synth speed: stringify objects repeated across an app's stacks once (byte-identical output).
export { cacheRepeatedYaml } from './k8s/yaml-cache';

// The dual-stack smoke test.
export { DualStackSmokeTest, SmokeTestTarget } from './verify';
export type { DualStackSmokeTestProps, SmokeTestOptions, ExistingServiceOptions, TestWorkloadOptions } from './verify';
