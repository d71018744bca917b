import { operatorCrdObjects } from './crds';

function schemaOf(name: string): Record<string, unknown> {
  const crd = operatorCrdObjects().find((c) => c.metadata.name === name);
  const v = (crd?.spec as { versions?: { schema?: { openAPIV3Schema?: Record<string, unknown> } }[] } | undefined)?.versions?.[0];
  if (!v?.schema?.openAPIV3Schema) throw new Error(`lib/upstream/calico: no schema for ${name} (re-derive)`);
  return v.schema.openAPIV3Schema;
}

/**
 * The `Installation` schema (operator.tigera.io/v1) of the pinned release's CRD, as upstream ships
 * it (descriptions included). It already has `Nftables` in `calicoNetwork.linuxDataplane` and
 * `cni.binDir`/`confDir`, which the schema we hand-made before lacked.
 */
export const INSTALLATION_V1_SCHEMA: Record<string, unknown> = schemaOf('installations.operator.tigera.io');

/** The `APIServer` schema (operator.tigera.io/v1) of the pinned release's CRD. */
export const APISERVER_V1_SCHEMA: Record<string, unknown> = schemaOf('apiservers.operator.tigera.io');
