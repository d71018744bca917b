/**
 * Calico's release objects, derived mechanically from the upstream artifacts (scripts/upstream/
 * components/calico.ts; never edited by hand; license: ./LICENSE, Apache-2.0). The renderers in
 * lib/cni/calico build the installs from these plus our dual-stack settings.
 *
 * Everything handed out is deep-frozen and shared: the CRDs alone are ~3 MB, so renderers use
 * them as they are (no per-stack copy) and copy only the small objects they edit. Whoever edits a
 * rendered object must copy it first (a frozen object throws on write in strict mode).
 *
 * Only the JSON under <tag>/ is generated; this file and tag.ts are not. A bump re-derives, then
 * points tag.ts and the imports below at the new tag.
 */
import type { KubeObject } from '../../k8s/objects';
import calicoManifest from './v3.32.1/calico.json';
import customResources from './v3.32.1/custom-resources.json';
import operatorCrds from './v3.32.1/operator-crds.json';
import release from './v3.32.1/release.json';
import tigeraOperator from './v3.32.1/tigera-operator.json';
import { CALICO_UPSTREAM_TAG } from './tag';

export { CALICO_UPSTREAM_TAG };

/** Where a derived file came from. */
export interface UpstreamSource {
  /** The artifact, relative to the upstream root. */
  readonly artifact: string;
  readonly tag: string;
  readonly sha256: string;
}

/** The derived release data of one Calico tag. */
export interface CalicoUpstream {
  readonly tag: string;
  /** The tigera-operator release the tag's tigera-operator.yaml pins. */
  readonly operatorTag: string;
  /** Every image the artifacts pin. */
  readonly images: readonly string[];
  /** operator-crds.yaml: the CRDs of operator mode, in upstream's order. */
  readonly operatorCrds: readonly KubeObject[];
  /** tigera-operator.yaml: every object, in upstream's order. */
  readonly tigeraOperator: readonly KubeObject[];
  /** calico.yaml without its CRDs, in upstream's order. */
  readonly manifest: readonly KubeObject[];
  /** calico.yaml's CRDs (the same objects as in `operatorCrds`), in upstream's order. */
  readonly manifestCrds: readonly KubeObject[];
  /** custom-resources.yaml. */
  readonly customResources: readonly KubeObject[];
  readonly sources: readonly UpstreamSource[];
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v as Record<string, unknown>)) deepFreeze(x);
  }
  return v;
}

let cached: CalicoUpstream | undefined;

function load(): CalicoUpstream {
  const crds = operatorCrds.crds as unknown as KubeObject[];
  const crdByName = new Map(crds.map((c) => [c.metadata.name, c]));
  const manifestCrds = (calicoManifest.crds as string[]).map((n) => {
    const c = crdByName.get(n);
    // The derivation refuses a calico.yaml CRD that differs from operator-crds.yaml's.
    if (!c) throw new Error(`lib/upstream/calico: calico.json names CRD ${n}, which operator-crds.json lacks (re-derive)`);
    return c;
  });
  return deepFreeze({
    tag: CALICO_UPSTREAM_TAG,
    operatorTag: release.operator,
    images: release.images,
    operatorCrds: crds,
    tigeraOperator: tigeraOperator.objects as unknown as KubeObject[],
    manifest: calicoManifest.objects as unknown as KubeObject[],
    manifestCrds,
    customResources: customResources.objects as unknown as KubeObject[],
    sources: [operatorCrds.source, tigeraOperator.source, calicoManifest.source, customResources.source],
  });
}

/** The derived data of the pinned tag (`CALICO_UPSTREAM_TAG`), loaded and frozen once. */
export function calicoUpstream(): CalicoUpstream {
  return (cached ??= load());
}

/** One object of a derived list by kind and name; throws if the data lacks it (a derivation bug, caught by the tests). */
export function upstreamObject(objects: readonly KubeObject[], kind: string, name: string): KubeObject {
  const o = objects.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`lib/upstream/calico ${CALICO_UPSTREAM_TAG}: no ${kind} ${name} in the derived data`);
  return o;
}
