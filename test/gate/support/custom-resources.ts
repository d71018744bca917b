/**
 * Custom resources are checked against the CRDs our stacks ship (their openAPIV3Schema, made
 * strict: an object schema with `properties` gets `additionalProperties: false` unless it says
 * `x-kubernetes-preserve-unknown-fields`, so an unknown field is an error here where the API
 * server would silently prune it). CRDs we ship as preserve-unknown-fields stubs (Calico's
 * crd.projectcalico.org, most operator.tigera.io kinds) carry no schema; for those, and for
 * kinds whose CRDs another installer owns (Gateway API, Envoy Gateway), the strict catalog
 * schemas vendored in test/fixtures/schemas (kubeconform style, from datreeio/CRDs-catalog) are used.
 * What neither covers is returned as "unchecked" with the reason.
 */
import { readFileSync } from 'fs';
import { relative } from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import { CR_SCHEMAS_DIR, crSchemaFile } from '../../fixtures/schemas';

export type CrCheck =
  | { readonly by: 'crd' | 'catalog-schema'; readonly source: string; readonly errors: string[] }
  | { readonly by: 'unchecked'; readonly reason: string };

const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
const compiled = new Map<string, ValidateFunction>();

/** A copy of an openAPIV3Schema that rejects unknown fields, as ajv JSON Schema. */
export function strictSchema(node: any): any {
  if (Array.isArray(node)) return node.map(strictSchema);
  if (!node || typeof node !== 'object') return node;
  const out: any = {};
  for (const [k, v] of Object.entries(node)) {
    // CEL rules need the API server; their text is not a JSON-schema keyword.
    if (k === 'x-kubernetes-validations') continue;
    out[k] = k === 'properties' || k === 'patternProperties' || k === 'definitions'
      ? Object.fromEntries(Object.entries(v as object).map(([pk, pv]) => [pk, strictSchema(pv)]))
      : typeof v === 'object' ? strictSchema(v) : v;
  }
  if (node['x-kubernetes-embedded-resource']) {
    // An embedded object implicitly has apiVersion, kind and metadata (apiextensions structural schema rules).
    out.properties = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...(out.properties ?? {}) };
  }
  if (out.properties && out.additionalProperties === undefined && !node['x-kubernetes-preserve-unknown-fields']) out.additionalProperties = false;
  return out;
}

function isStub(schema: any): boolean {
  return !schema || (schema['x-kubernetes-preserve-unknown-fields'] === true && !schema.properties);
}

function run(key: string, schema: () => any, obj: unknown): string[] {
  let v = compiled.get(key);
  if (!v) {
    v = ajv.compile(schema());
    compiled.set(key, v);
  }
  return v(obj) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? `: ${(e.params as any).additionalProperty}` : ''}`);
}

/** Check one custom resource against the CRDs among `shipped` (the same stack's objects), else the vendored catalog schemas. */
export function checkCustomResource(obj: any, shipped: readonly any[]): CrCheck {
  const [group, version] = String(obj.apiVersion).split('/');
  const crd = shipped.find((o) => o.kind === 'CustomResourceDefinition' && o.spec?.group === group && o.spec?.names?.kind === obj.kind);
  const crdVersion = crd?.spec.versions.find((v: any) => v.name === version);
  if (crd && !crdVersion) return { by: 'crd', source: crd.metadata.name, errors: [`CRD ${crd.metadata.name} does not serve version ${version}`] };
  const schema = crdVersion?.schema?.openAPIV3Schema;
  if (crd && !isStub(schema)) {
    return { by: 'crd', source: `CRD ${crd.metadata.name}`, errors: run(`crd:${crd.metadata.name}/${version}`, () => strictSchema(schema), obj) };
  }
  const file = crSchemaFile(group, version, obj.kind);
  if (file) {
    return { by: 'catalog-schema', source: relative(CR_SCHEMAS_DIR, file), errors: run(`file:${file}`, () => JSON.parse(readFileSync(file, 'utf8')), obj) };
  }
  return {
    by: 'unchecked',
    reason: crd
      ? `the shipped CRD ${crd.metadata.name} preserves unknown fields (no schema) and test/fixtures/schemas has no ${group}/${obj.kind.toLowerCase()}_${version}.json`
      : `no CRD in the stack and no test/fixtures/schemas/${group}/${obj.kind.toLowerCase()}_${version}.json`,
  };
}
