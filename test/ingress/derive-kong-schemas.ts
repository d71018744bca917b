/**
 * Derives lib/ingress/kong-crd-schemas.ts from the strict Kong CRD schemas of the catalog, vendored in
 * test/fixtures/schemas (datreeio/CRDs-catalog, generated from Kong's own CRDs). Run: npx ts-node test/ingress/derive-kong-schemas.ts
 * test/ingress/kong-crd-schemas.test.ts checks the committed file still equals the derivation.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CR_SCHEMAS_DIR } from '../fixtures/schemas';

export const SCHEMA_DIR = path.join(CR_SCHEMAS_DIR, 'configuration.konghq.com');

/** file → exported constant name. */
export const KONG_SCHEMA_FILES: Readonly<Record<string, string>> = {
  'ingressclassparameters_v1alpha1.json': 'INGRESSCLASSPARAMETERS_V1ALPHA1_SCHEMA',
  'kongclusterplugin_v1.json': 'KONGCLUSTERPLUGIN_V1_SCHEMA',
  'kongingress_v1.json': 'KONGINGRESS_V1_SCHEMA',
  'kongplugin_v1.json': 'KONGPLUGIN_V1_SCHEMA',
};

/**
 * JSON schema → CRD openAPIV3Schema: descriptions dropped (size), `additionalProperties: false`
 * dropped (apiextensions.k8s.io/v1 refuses it; the apiserver prunes unknown fields anyway), `$schema` dropped.
 */
export function toCrdSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toCrdSchema);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node).sort()) {
    const v = (node as Record<string, unknown>)[key];
    if (key === 'description' || key === '$schema') continue;
    if (key === 'additionalProperties' && v === false) continue;
    // Inside `properties` the keys are field names, not keywords: keep them all.
    if (key === 'properties' && typeof v === 'object' && v !== null) {
      const props: Record<string, unknown> = {};
      for (const p of Object.keys(v).sort()) props[p] = toCrdSchema((v as Record<string, unknown>)[p]);
      out[key] = props;
      continue;
    }
    out[key] = toCrdSchema(v);
  }
  return out;
}

export function renderSchemaModule(): string {
  const lines = [
    '/* eslint-disable */',
    '// GENERATED — do not edit. openAPIV3Schema of the Kong CRDs we have strict schemas for, derived from',
    '// ../shared/schemas/configuration.konghq.com (datreeio/CRDs-catalog 7b1e26ef9deea49293714d204c1a2270aab1178f, MIT;',
    "// generated from Kong's own CRDs) by test/ingress/derive-kong-schemas.ts: descriptions dropped,",
    "// 'additionalProperties: false' dropped (apiextensions v1 refuses it). test/ingress/kong-crd-schemas.test.ts",
    '// checks this file still equals the derivation.',
    '',
  ];
  for (const [file, name] of Object.entries(KONG_SCHEMA_FILES)) {
    const schema = toCrdSchema(JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, file), 'utf8')));
    lines.push(`export const ${name}: Record<string, unknown> = ${JSON.stringify(schema)};`, '');
  }
  return lines.join('\n');
}

export const MODULE_PATH = path.join(__dirname, '..', '..', 'lib', 'ingress', 'kong-crd-schemas.ts');

if (require.main === module) {
  fs.writeFileSync(MODULE_PATH, renderSchemaModule());
  process.stdout.write(`wrote ${MODULE_PATH}\n`);
}
