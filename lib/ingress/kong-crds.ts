/**
 * The CRDs Kong Ingress Controller 3.5 reads, exactly as its kustomize base (config/base: ../crd and
 * ../crd/incubator, i.e. Kong/kubernetes-configuration v1.5.2 config/crd/ingress-controller and
 * ingress-controller-incubator) installs them: all 13, full schemas, upstream's subresources and
 * printer columns. KIC ≥ 2.12 no longer disables a controller whose CRD is missing (CHANGELOG 2.12), so
 * every one must exist. Derived data: lib/upstream/kong/kic-v3.5.13/crds.json.
 */
import { KubeObject } from '../k8s/objects';
import { MANAGED_BY } from './common';
import crds from '../upstream/kong/kic-v3.5.13/crds.json';

export const KONG_CRD_GROUP = 'configuration.konghq.com';

/** One Kong CRD, as the RBAC and tests need to name it. */
export interface KongCrdSpec {
  readonly group: string;
  readonly kind: string;
  readonly plural: string;
  /** Served versions, storage version first. */
  readonly versions: readonly string[];
  readonly scope: 'Namespaced' | 'Cluster';
  readonly shortNames?: readonly string[];
  /** Whether a served version has the `/status` subresource (the controller writes status there). */
  readonly status: boolean;
}

type UpstreamCrd = KubeObject & {
  spec: { group: string; scope: 'Namespaced' | 'Cluster'; names: { kind: string; plural: string; shortNames?: string[] }; versions: { name: string; storage: boolean; subresources?: { status?: unknown } }[] };
};
const UPSTREAM = crds.objects as unknown as UpstreamCrd[];

export const KONG_CRDS: readonly KongCrdSpec[] = UPSTREAM.map((c) => ({
  group: c.spec.group,
  kind: c.spec.names.kind,
  plural: c.spec.names.plural,
  versions: [...c.spec.versions].sort((a, b) => Number(b.storage) - Number(a.storage)).map((v) => v.name),
  scope: c.spec.scope,
  ...(c.spec.names.shortNames ? { shortNames: c.spec.names.shortNames } : {}),
  status: c.spec.versions.some((v) => v.subresources?.status !== undefined),
}));

/** The upstream CRD of a kind (a deep copy), with our managed-by label. */
export function renderKongCrd(c: KongCrdSpec): KubeObject {
  const up = UPSTREAM.find((x) => x.spec.group === c.group && x.spec.names.kind === c.kind);
  if (!up) throw new Error(`lib/upstream/kong: no CRD ${c.kind}.${c.group}: re-derive it`);
  const o = JSON.parse(JSON.stringify(up));
  o.metadata.labels = { ...(o.metadata.labels ?? {}), 'app.kubernetes.io/name': 'kong', ...MANAGED_BY };
  return o;
}
