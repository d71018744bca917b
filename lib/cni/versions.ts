/**
 * Every CNI image and version the package renders, in one place. Bump here, nowhere else.
 *
 * Facts (checked with search, see the issue-5 report):
 * - Calico v3.32.x is the current line (v3.32.0 … v3.32.4 released); images moved to quay.io/calico
 *   (`quay.io/calico/node:v3.32.x`, `quay.io/calico/cni`, `quay.io/calico/kube-controllers`).
 * - Each Calico release is installed by exactly one tigera-operator release, whose image bundles that
 *   Calico version: the operator image decides which Calico the operator deploys. Pairings are
 *   read from the release's `manifests/tigera-operator.yaml` / the docs' "Component versions" page /
 *   tigera/operator release notes ("Included Calico versions").
 * - flannel v0.28.9 ships with flannel-cni-plugin v1.9.1-flannel3: the images of its kube-flannel.yml
 *   (../shared/upstream/flannel/v0.28.9, derived into lib/upstream/flannel/v0.28.9; the flannel test
 *   and `npm run check:upstream -- flannel` hold these pins to that data). The artifact gives tags, no digests.
 */
import { CALICO_KUBERNETES_FLOOR, COMPONENT_SUPPORT } from '../plan/timeline/releases';

/** Calico release → the tigera-operator release that installs it. */
export const CALICO_OPERATOR_VERSIONS: Readonly<Record<string, string>> = {
  // tigera/operator release notes and docs.tigera.io component-versions.
  'v3.31.2': 'v1.40.2',
  'v3.31.3': 'v1.40.3',
  'v3.32.0': 'v1.42.0',
  // projectcalico/calico v3.32.1 manifests/tigera-operator.yaml (the derived artifact) pins v1.42.3.
  'v3.32.1': 'v1.42.3',
  // projectcalico/calico v3.32.2 manifests/tigera-operator.yaml pins quay.io/tigera/operator:v1.42.6.
  'v3.32.2': 'v1.42.6',
};

/**
 * The Calico release rendered when none is chosen: v3.32.1, the release whose artifacts the
 * third-party objects are derived from and checked against (lib/upstream/calico, CALICO_UPSTREAM_TAG;
 * its manifests/tigera-operator.yaml pins quay.io/tigera/operator:v1.42.3). Newer patches (v3.32.2 …)
 * exist but have no artifact here, so what they would render cannot be checked. Whatever version
 * is chosen, RBAC, CRDs and container specs are the pinned release's (the only derived data); only
 * the image tags follow the choice.
 */
export const DEFAULT_CALICO_VERSION = 'v3.32.1';

/**
 * The Kubernetes minor versions the Calico v3.32 line is tested against (docs.tigera.io "System
 * requirements for Kubernetes", Calico 3.32: v1.34–v1.36). Other versions may work; see
 * `CALICO_KUBERNETES_FLOOR` for the ones that do not.
 */
export const CALICO_TESTED_KUBERNETES: readonly [string, string] = [COMPONENT_SUPPORT.calico332.oldest, COMPONENT_SUPPORT.calico332.newest];

/**
 * The oldest Kubernetes the Calico releases from `CALICO_KUBERNETES_FLOOR_FROM` on run on: their
 * requirements page says "Due to changes in the Kubernetes API, Calico will not work on Kubernetes
 * v1.20 or below" (tigera/docs calico/getting-started/kubernetes/requirements.mdx, kept in the v3.32
 * page). An older cluster needs an older Calico (manifest mode: `version`).
 */
export { CALICO_KUBERNETES_FLOOR };

/** The first Calico minor whose requirements page carries the v1.20 cut-off above. */
export const CALICO_KUBERNETES_FLOOR_FROM = 'v3.27.0';

/**
 * Calico lines of the Kubernetes 1.16–1.20 era, suggested for clusters below the floor. Not a
 * verified pairing: the v3.22 requirements page says 1.16–1.18 "may work, but they are no longer
 * tested", and kops shipped the v3.15 line for Kubernetes 1.16+ (kubernetes/kops#9816). Pick the
 * release whose own requirements page lists your Kubernetes version.
 */
export const CALICO_LEGACY_LINES = 'v3.17–v3.20';

/** Registry of the Calico component images (since v3.30 the release manifests use quay.io). */
export const CALICO_IMAGE_REGISTRY = 'quay.io/calico';

/** Image of the tigera-operator. */
export const TIGERA_OPERATOR_IMAGE = 'quay.io/tigera/operator';

/** flannel release rendered when none is chosen: the release whose kube-flannel.yml the install is derived from. */
export const DEFAULT_FLANNEL_VERSION = 'v0.28.9';

/** The flannel CNI plugin image tag that upstream's kube-flannel.yml pairs with flannel v0.28.9. */
export const DEFAULT_FLANNEL_CNI_PLUGIN_VERSION = 'v1.9.1-flannel3';

export const FLANNEL_IMAGE = 'ghcr.io/flannel-io/flannel';
export const FLANNEL_CNI_PLUGIN_IMAGE = 'ghcr.io/flannel-io/flannel-cni-plugin';

/** A release tag as upstream writes it: `v3.32.2`. */
export const RELEASE_TAG = /^v\d+\.\d+\.\d+$/;

/** `a < b` on release tags (`v3.32.2`); false when either is not a tag. */
export function releaseBefore(a: string, b: string): boolean {
  if (!RELEASE_TAG.test(a) || !RELEASE_TAG.test(b)) return false;
  const pa = a.slice(1).split('.').map(Number);
  const pb = b.slice(1).split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] < pb[i];
  return false;
}

/** The operator version for a Calico release, if the pairing is known. */
export function operatorVersionFor(calicoVersion: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(CALICO_OPERATOR_VERSIONS, calicoVersion) ? CALICO_OPERATOR_VERSIONS[calicoVersion] : undefined;
}

export function calicoImage(component: 'node' | 'cni' | 'kube-controllers', version: string): string {
  return `${CALICO_IMAGE_REGISTRY}/${component}:${version}`;
}
