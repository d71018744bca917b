/**
 * `k8s-dualstack/render`: the pure renderers (plan + options → plain Kubernetes / kubeadm / CNI
 * objects and node scripts), the per-area rules, their option and object types, and the pinned
 * versions and images. For tools that want the objects without cdk8s (the Pulumi adapter and the CLI
 * use the same functions). Helpers the renderers use inside (quoting, sysctl paths, env lists …)
 * stay internal. Listed in api/k8s-dualstack.api.md like the root.
 */
export type { KubeObject, PolicyRule } from './k8s/objects';
export { PRIVILEGE_REASON_ANNOTATION } from './k8s/security';
export { LEGACY_ALLOCATOR_MAX, SERVICE_FAMILY_FIELDS_SINCE } from './plan';

// CNI
export { renderCalicoManifest, CALICO_MANIFEST_NAMESPACE, renderCalicoOperator, renderInstallation, renderTigeraOperator, TIGERA_OPERATOR_NAMESPACE, INSTALLATION_NAME } from './cni';
export { CALICO_V1_CRDS, OPERATOR_CRDS, renderFlannel, FLANNEL_NAMESPACE, FLANNEL_CONFIG, FLANNEL_DUAL_STACK_BACKENDS, resolveCalico, resolveFlannel } from './cni';
export type { CrdSpec, ResolvedCalico, ResolvedCalicoPool, ResolvedFlannel } from './cni';
export { CALICO_OPERATOR_VERSIONS, DEFAULT_CALICO_VERSION, CALICO_TESTED_KUBERNETES, CALICO_KUBERNETES_FLOOR, CALICO_KUBERNETES_FLOOR_FROM, CALICO_LEGACY_LINES, CALICO_IMAGE_REGISTRY, TIGERA_OPERATOR_IMAGE } from './cni';
export { DEFAULT_FLANNEL_VERSION, DEFAULT_FLANNEL_CNI_PLUGIN_VERSION, FLANNEL_IMAGE, FLANNEL_CNI_PLUGIN_IMAGE, RELEASE_TAG, CONTROL_PLANE_TAINT, LEGACY_MASTER_TAINT } from './cni';
export { calicoFindings, flannelFindings, CALICO_BLOCK_SIZE_RANGE, CALICO_NFTABLES_MIN_KERNEL } from './cni';

// Control plane
export { renderKubeadmConfig, renderKubeadmInitDocuments, renderInitConfiguration, renderClusterConfiguration, renderKubeletConfiguration, renderJoinConfigurations, kubeadmYaml, KubeadmDefaults } from './control-plane';
export { renderExistingClusterFlags, renderExistingClusterText, EXISTING_CLUSTER_FILES, apiServerFlags, controllerManagerFlags, kubeletFlags, kubeadmApiVersion, DUAL_STACK_NODE_IP_SINCE, controlPlaneFindings } from './control-plane';
export type { KubeadmDocument, ComponentFlag, NodeKubeletArgs, ExistingClusterFlags } from './control-plane';

// kube-proxy
export { renderKubeProxyConfiguration, renderKubeProxyConfigMap, renderKubeProxyConfigPatch, kubeProxyConfigText, kubeProxyPatchCommands, resolveKubeProxyOptions, kubeProxyDocumentFindings } from './kube-proxy';
export { KUBE_PROXY_DEFAULT_MODE, KUBE_PROXY_KUBECONFIG, KUBE_PROXY_CONFIGMAP, KUBE_PROXY_MODES } from './kube-proxy';
export type { KubeProxyConfigurationDocument, ResolvedKubeProxyOptions, RenderKubeProxyConfigurationOptions } from './kube-proxy';

// Host preparation
export { renderHostNetworkPrep, hostPrepScript, renderNodeScript, NODE_SCRIPT_FILES, HOST_SYSCTLS, HOST_IMAGES, HostNetworkPrepDefaults, hostFindings } from './host';
export type { NodeScriptOptions } from './host';

// Ingress
export { renderDualStackService, renderDualStackIngress, ingressApiVersion, ingressClassApiVersion, renderIngressNginx, ingressNginxObjectList, renderKongIngress, kongObjectList, renderKongCrd } from './ingress';
export { renderDualStackGateway, renderHttpRoute, renderCommonNginx, commonNginxObjectList, serviceFamilyFindings, ingressNginxFindings, kongFindings, nodePortFindings } from './ingress';
export { INGRESS_NGINX_DEFAULTS, KONG_DEFAULTS, GATEWAY_DEFAULTS, COMMON_NGINX_DEFAULTS, DEFAULT_NODE_PORTS, DEFAULT_NODE_PORT_RANGE, KONG_CRDS, KONG_CRD_GROUP } from './ingress';
export { INGRESS_NGINX_VERSION, INGRESS_NGINX_IMAGE, INGRESS_NGINX_CERTGEN_IMAGE, INGRESS_NGINX_RETIRED, KONG_INGRESS_CONTROLLER_VERSION, KONG_INGRESS_CONTROLLER_MIN_IPV6_VERSION } from './ingress';
export { KONG_INGRESS_CONTROLLER_IMAGE_REPO, KONG_GATEWAY_VERSION, KONG_GATEWAY_IMAGE_REPO, ENVOY_GATEWAY_MIN_VERSION, ENVOY_GATEWAY_VERSION, ENVOY_GATEWAY_CONTROLLER_NAME, NGINX_UNPRIVILEGED_IMAGE } from './ingress';
export type { IngressNginxObjects, KongIngressObjects, KongListeners, KongCrdSpec, DualStackGatewayObjects, CommonNginxObjects, ListenSpec, NodePortClaim } from './ingress';

// Smoke test
export { renderSmokeTest, renderSmokeTestObjects, smokeTestFindings, SMOKE_TEST_IMAGES, SMOKE_TEST_SCRIPT, SMOKE_TEST_SCRIPT_KEY } from './verify';
export type { SmokeTestKubeObject, SmokeTestObjects } from './verify';

// The output tree's apply script (apply.sh) and how cluster charts are split and numbered
export { renderApplyScript, KUBEADM_PLACEHOLDER_MARK, APPLY_DEFAULT_TIMEOUT_SECONDS } from './apply-script';
export type { ApplyWait, ApplyFile, ApplyNode, ApplyTree } from './apply-script';
export { stepName, apiGroupOf, isCrd, crdGroupOf, placementOf, ObjectPlacement } from './cluster-charts';

// Cilium (Helm chart values from the plan, the key check, the rules)
export { renderCiliumValues, ciliumValuesOf, resolveCilium, checkCiliumValueKeys, ciliumFindings, ciliumInstallCommand, ciliumValuesYaml, CILIUM_RELEASE, CILIUM_HELM_REPOSITORY, CILIUM_CHART, CILIUM_NAMESPACE } from './cni';
export type { CiliumValues, CiliumContext, CiliumRuleContext, ResolvedCilium } from './cni';
