import { readFileSync } from 'fs';
import { join } from 'path';
import { CR_SCHEMAS_DIR } from '../fixtures/schemas';

/**
 * Where the strict catalog schemas live: vendored in test/fixtures/schemas (scripts/vendor-schemas),
 * never ../shared, so a clone runs the tests. The name is kept for the importers.
 */
export const SHARED_SCHEMAS = CR_SCHEMAS_DIR;

/**
 * Derive a CRD `openAPIV3Schema` from the strict kubeconform-style JSON schema of the catalog:
 * descriptions dropped (size: the annotated Installation schema is ~1 MB, past kubectl's 256 KiB
 * last-applied annotation) and `additionalProperties: false` dropped (the catalog adds it for strict
 * checks; apiextensions v1 refuses it in a structural schema: unknown fields are pruned instead).
 */
export function deriveOpenApiSchema(file: string): Record<string, unknown> {
  const raw = JSON.parse(readFileSync(join(SHARED_SCHEMAS, file), 'utf8'));
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (k === 'description') continue;
        if (k === 'additionalProperties' && x === false) continue;
        out[k] = strip(x);
      }
      return out;
    }
    return v;
  };
  return strip(raw) as Record<string, unknown>;
}
