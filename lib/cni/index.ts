export * from './versions';
export * from './options';
export * from './cni';
export * from './factory';
export type { CniContext, ICni, ICniConstruct } from './choice';
export type { ICalicoCni } from './calico/choice';
export type { IFlannelCni } from './flannel/choice';
export type { ICiliumCni } from './cilium/choice';
export { ciliumRuleContext } from './cilium/choice';
export { PRIVILEGE_REASON_ANNOTATION } from '../k8s/security';
export type { KubeObject, PolicyRule } from '../k8s/objects';
export { CALICO_V1_CRDS, OPERATOR_CRDS } from './calico/crds';
export type { CrdSpec } from './calico/crds';
export { renderCalicoOperator, renderInstallation, renderTigeraOperator, TIGERA_OPERATOR_NAMESPACE, INSTALLATION_NAME } from './calico/render-operator';
export { renderCalicoManifest, cniNetworkConfig, calicoNodeEnv, CALICO_MANIFEST_NAMESPACE } from './calico/render-manifest';
export {
  renderOperatorCrds,
  renderOperatorInstall,
  renderOperatorCustomResources,
  renderOperatorParts,
  renderManifestCrds,
  renderManifestInstall,
  renderCalicoManifestParts,
} from './calico';
export type { CalicoParts } from './calico';
export { renderFlannel, flannelNetConf, flannelArgs, FLANNEL_NAMESPACE, FLANNEL_CONFIG } from './flannel/render';
export * from './construct';
export { calicoFindings, CALICO_BLOCK_SIZE_RANGE, CALICO_NFTABLES_MIN_KERNEL } from './calico/rules';
export type { CalicoRuleContext } from './calico/rules';
export { flannelFindings } from './flannel/rules';
export * from './cilium';
export { CiliumCni, ciliumInstallCommand, ciliumValuesYaml, CILIUM_RELEASE } from './cilium/construct';
export type { CiliumCniProps } from './cilium/construct';
