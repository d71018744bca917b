import type { KubeObject } from '../../k8s/objects';
import { calicoUpstream } from '../../upstream/calico';

/** One CRD, summarised (the full objects are `operatorCrdObjects()` / `manifestCrdObjects()`). */
export interface CrdSpec {
  readonly kind: string;
  readonly plural: string;
  readonly scope: 'Cluster' | 'Namespaced';
  /** The CRD serves a status subresource (the controller writes status separately). */
  readonly status?: boolean;
  /** The structural schema of the (single) served version, as upstream ships it. */
  readonly schema?: Record<string, unknown>;
}

interface CrdFields {
  readonly group: string;
  readonly scope: 'Cluster' | 'Namespaced';
  readonly names: { readonly kind: string; readonly plural: string };
  readonly versions: readonly { readonly subresources?: { readonly status?: unknown }; readonly schema?: { readonly openAPIV3Schema?: Record<string, unknown> } }[];
}

const fieldsOf = (c: KubeObject) => c.spec as CrdFields;

function specOf(c: KubeObject): CrdSpec {
  const s = fieldsOf(c);
  const v = s.versions[0];
  return {
    kind: s.names.kind,
    plural: s.names.plural,
    scope: s.scope,
    ...(v.subresources?.status ? { status: true } : {}),
    ...(v.schema?.openAPIV3Schema ? { schema: v.schema.openAPIV3Schema } : {}),
  };
}

/**
 * The CRDs of operator mode: every CRD of the release's operator-crds.yaml (Calico v3.32.1: 32 —
 * 9 operator.tigera.io incl. `istios`, 22 crd.projectcalico.org, and
 * `clusternetworkpolicies.policy.networking.k8s.io`), whole and in upstream's order. The operator
 * starts watches on all of them (a missing one makes its informer wait forever) and, run with
 * `-manage-crds=true`, keeps them current itself; shipping them lets the Installation be applied
 * before the operator has run. Frozen, shared objects.
 */
export function operatorCrdObjects(): readonly KubeObject[] {
  return calicoUpstream().operatorCrds;
}

/** The CRDs of manifest mode: those calico.yaml ships (23 for v3.32.1), whole and in upstream's order. Frozen, shared. */
export function manifestCrdObjects(): readonly KubeObject[] {
  return calicoUpstream().manifestCrds;
}

const inGroup = (group: string) => operatorCrdObjects().filter((c) => fieldsOf(c).group === group).map(specOf);

/** The crd.projectcalico.org/v1 kinds of the pinned release, from its CRDs. */
export const CALICO_V1_CRDS: readonly CrdSpec[] = Object.freeze(inGroup('crd.projectcalico.org'));

/** The operator.tigera.io/v1 kinds of the pinned release (tigera-operator v1.42.3), from its CRDs. */
export const OPERATOR_CRDS: readonly CrdSpec[] = Object.freeze(inGroup('operator.tigera.io'));
