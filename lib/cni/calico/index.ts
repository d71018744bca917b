/** Calico's renderers (operator and manifest mode), by part: CRDs, install, custom resources. */
export type { CalicoParts } from './render-operator';
export {
  renderOperatorCrds,
  renderOperatorInstall,
  renderOperatorCustomResources,
  renderOperatorParts,
  operatorPartsResolved,
  renderTigeraOperatorInstall,
  renderInstallation,
  renderCalicoOperator,
} from './render-operator';
export {
  renderManifestCrds,
  renderManifestInstall,
  renderCalicoManifestParts,
  manifestPartsResolved,
  renderManifestInstallResolved,
  renderCalicoManifest,
} from './render-manifest';
export { operatorCrdObjects, manifestCrdObjects, CALICO_V1_CRDS, OPERATOR_CRDS } from './crds';
