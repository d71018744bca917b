export { Manifests, synthesize, typedResourceClass } from './component';
export type { ManifestSource, ManifestsArgs, ManifestDocument } from './component';
export { KubeProxyPatch } from './kube-proxy-patch';
export type { KubeProxyPatchArgs } from './kube-proxy-patch';
export { specFromConfig, checkedPlan, planFromConfig, planErrorMessage, SPEC_CONFIG_KEYS, stackConfig, specConfigKeys, checkConfigKeys } from './config';
export type { ConfigSource } from './config';
export { deployCluster } from './cluster';
export type { ClusterBuilder, DeployClusterArgs, DeployedCluster } from './cluster';
export {
  CONFIG_HASH_ANNOTATION,
  ManifestError,
  classifyManifests,
  computeDependencies,
  computeTiers,
  configMapsReadBy,
  isConfigGroup,
  KUBEADM_OWNED_OBJECTS,
  KUBE_PROXY_CONFIGMAP_KEY,
  objectKey,
  resourceName,
  withConfigHashes,
} from './objects';
export type { ApiObjectEntry, ClassifiedManifests, ConfigDocument, ManifestObject, ObjectId } from './objects';
export { ciliumChart } from '../cni/cilium/pulumi';
export type { CiliumChartArgs } from '../cni/cilium/pulumi';
