import { createHash } from 'crypto';
import Ajv from 'ajv';
import { CustomResourceDefinition } from 'kubernetes-models/apiextensions.k8s.io/v1/CustomResourceDefinition';
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { INSTALLATION_V1_SCHEMA } from '../../lib/cni/calico/operator-schemas';
import { ClusterNetwork, ClusterNetworkSpec } from '../../lib/plan';
import { FIELD_REPORT_SPEC } from '../fixtures/field-report';

/** The field report's cluster (pods 172.16.0.0/16,fc00::/48; services 10.96.0.0/12,fd00::/108; masks 24/64; node53). */
export const FIELD_REPORT: ClusterNetworkSpec = FIELD_REPORT_SPEC;

export const fieldReportPlan = (): ClusterNetwork => ClusterNetwork.plan(FIELD_REPORT);

export const IPV6_ONLY: ClusterNetworkSpec = {
  podCidrs: ['fd12:3456:789a::/48'],
  serviceCidrs: ['fd12:3456:789b::/108'],
  nodes: [{ name: 'n1', ipv6: '2001:db8:1::10/64', ipv6DefaultGateway: '2001:db8:1::1' }],
};

export const IPV4_ONLY: ClusterNetworkSpec = {
  podCidrs: ['10.244.0.0/16'],
  serviceCidrs: ['10.96.0.0/12'],
};

/** A deterministic random source for generateUlaPrefix (bytes 0x12 0x34 0x56 0x78 0x9a). */
export const FIXED_RANDOM = (n: number) => Uint8Array.from([0x12, 0x34, 0x56, 0x78, 0x9a, 0, 0, 0].slice(0, n));

const MODELS: Record<string, new (o: never) => { validate(): void }> = {
  Namespace,
  ServiceAccount,
  ConfigMap,
  ClusterRole,
  ClusterRoleBinding,
  RoleBinding,
  PodDisruptionBudget,
  Deployment,
  DaemonSet,
  CustomResourceDefinition,
};

/** Validate every object kubernetes-models knows; returns the kinds it did not know. */
export function validateKnown(objects: readonly any[]): string[] {
  const unknown: string[] = [];
  for (const o of objects) {
    const M = MODELS[o.kind];
    if (!M) {
      unknown.push(o.kind);
      continue;
    }
    try {
      new M(JSON.parse(JSON.stringify(o)) as never).validate();
    } catch (e) {
      throw new Error(`${o.kind}/${o.metadata?.name} is invalid: ${(e as Error).message}`);
    }
  }
  return unknown;
}

let installationValidator: ((o: unknown) => boolean) & { errors?: unknown } | undefined;

/**
 * A CRD's structural schema made strict, the way kubeconform-style catalogs do: every object with
 * `properties` and no `additionalProperties` / `x-kubernetes-preserve-unknown-fields` refuses
 * unknown fields (the API server would prune them), and descriptions are dropped.
 */
export function strictSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strictSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema as Record<string, unknown>)) {
    if (k === 'description') continue;
    // Property names are data, not schema keywords: recurse into the values only.
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([p, x]) => [p, strictSchema(x)])) : strictSchema(v);
  }
  if (out.properties && out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields']) out.additionalProperties = false;
  return out;
}

/** Validate an Installation against the Installation CRD schema we ship, made strict (unknown fields rejected). */
export function validateInstallation(o: unknown): { valid: boolean; errors: unknown } {
  if (!installationValidator) {
    const root = strictSchema(INSTALLATION_V1_SCHEMA) as Record<string, any>;
    // The CRD schema leaves metadata to the API server; an Installation's is just a name.
    const schema = { ...root, properties: { ...root.properties, metadata: { type: 'object' } } };
    const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
    installationValidator = ajv.compile(schema) as never;
  }
  const valid = installationValidator!(o);
  return { valid, errors: installationValidator!.errors };
}

/** Snapshot-friendly copy: CRD schemas replaced by their size and hash (the schema file is checked separately). */
export function forSnapshot(objects: readonly any[]): any[] {
  return objects.map((o) => {
    if (o.kind !== 'CustomResourceDefinition') return o;
    const c = JSON.parse(JSON.stringify(o));
    for (const v of c.spec.versions) {
      const text = JSON.stringify(v.schema.openAPIV3Schema);
      if (text.length > 200) v.schema.openAPIV3Schema = { bytes: text.length, sha256: createHash('sha256').update(text).digest('hex').slice(0, 16) };
    }
    return c;
  });
}

/** Every RBAC rule of the objects, flattened. */
export function rbacRules(objects: readonly any[]): any[] {
  return objects.filter((o) => o.kind === 'ClusterRole' || o.kind === 'Role').flatMap((o) => o.rules);
}

/** Every container (init and regular) of every workload, with its object. */
export function containers(objects: readonly any[]): { owner: string; c: any }[] {
  return objects
    .filter((o) => o.spec?.template?.spec)
    .flatMap((o) => [...(o.spec.template.spec.initContainers ?? []), ...o.spec.template.spec.containers].map((c: any) => ({ owner: `${o.kind}/${o.metadata.name}`, c })));
}

export function envOf(container: any): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of container.env ?? []) if (e.value !== undefined) out[e.name] = e.value;
  return out;
}
