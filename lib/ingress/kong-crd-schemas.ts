/**
 * The openAPIV3Schema of every Kong CRD, exactly as Kong/kubernetes-configuration v1.5.2 publishes it
 * (config/crd, the CRDs KIC 3.5's kustomize base includes), read from the data derived into
 * lib/upstream/kong/kic-v3.5.13/crds.json by `npm run derive:upstream -- kong kong/kic-v3.5.13`.
 * Full schemas, descriptions included: the API server prunes what a schema does not declare, so a
 * trimmed schema would silently drop fields users set.
 */
import crds from '../upstream/kong/kic-v3.5.13/crds.json';

/** `group/version/Kind` → the upstream openAPIV3Schema of that CRD version. */
export const KONG_CRD_SCHEMAS: Readonly<Record<string, Record<string, unknown>>> = Object.fromEntries(
  (crds.objects as unknown as { spec: { group: string; names: { kind: string }; versions: { name: string; schema: { openAPIV3Schema: Record<string, unknown> } }[] } }[]).flatMap((c) =>
    c.spec.versions.map((v) => [`${c.spec.group}/${v.name}/${c.spec.names.kind}`, v.schema.openAPIV3Schema]),
  ),
);

/** The kubernetes-configuration release the schemas come from. */
export const KONG_CRD_SOURCE_TAG: string = crds.source.tag;
