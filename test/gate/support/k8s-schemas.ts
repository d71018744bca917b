/**
 * Which Kubernetes OpenAPI schema the gate checks a version line's built-in objects against.
 *
 * Offline, from the npm registry, two generated schema sets exist (both MIT, tommy351/kubernetes-models-ts):
 * - kubernetes-models 4.5.1: Kubernetes **1.33.0** ("Update schema version to v1.33.0", its CHANGELOG).
 *   Checked by fields: it has `Lifecycle.stopSignal` (added in 1.33, kubernetes#130556, KEP-4960)
 *   and lacks `PodSpec.hostnameOverride` (added in 1.34, kubernetes#132558, KEP-4762).
 * - kubernetes-models 5.1.0 (installed as `kubernetes-models-v5`): Kubernetes **1.36.0** ("Update to
 *   Kubernetes v1.36.0", its CHANGELOG 5.0.0; its generate script reads `1.36.0.json` as the latest
 *   spec). Checked by fields: it has `PodSpec.schedulingGroup` (added in 1.36 by kubernetes#136976,
 *   KEP-4671/KEP-5832) and lacks the 1.35 alpha `PodSpec.workloadRef` that 1.36 tombstoned.
 *   @kubernetes/client-node 2.0.x is generated from the same `release-1.36` spec, so it adds nothing.
 * No 1.35, 1.37 or 1.38 schema was found in the npm registry (looked at: @kubernetes/client-node
 * 2.0.0/2.0.1 both `release-1.36`, 1.4.x `release-1.34`; kubernetes-types 1.30; kubernetesjs;
 * cdk8s-plus-3x up to 33; @pulumi/kubernetes ships TypeScript types only).
 *
 * Both sets merge in the definitions of older releases for APIs that were since removed (their
 * generator's design), so a removed apiVersion is not caught by the schema alone.
 *
 * What each target line is checked against (`schemaReleasesFor`):
 * - ≤ 1.33: 1.33.0, as before (older lines are checked against a newer schema; docs/gate.md).
 * - 1.34, 1.35: **both** 1.33.0 and 1.36.0 — valid for each validator, and a field must be in both
 *   field trees. A field of a GA API present in 1.33 and in 1.36 was in 1.34 and 1.35 (fields are
 *   not removed from served versions), so no field is accepted that these lines lack; a field added
 *   in 1.34/1.35 would be reported and needs an entry of its own.
 * - 1.36: 1.36.0 exactly.
 * - 1.37, 1.38: 1.36.0, the newest schema to be had offline (stated in docs/gate.md).
 * - later: no decision yet, so `schemaReleasesFor` throws and the gate fails until one is made
 *   here (the checklist for a new minor).
 */
import { spawnSync } from 'child_process';
import { dirname, join } from 'path';
import { KubernetesVersion } from '../../../lib/plan/version';
import { declarationFile, MODELS_DIR } from './field-tree';

export interface SchemaRelease {
  /** The Kubernetes release the definitions were generated from. */
  readonly kubernetes: string;
  /** The npm package (and version) they come from. */
  readonly source: string;
  /** The installed package folder (`<group>/<version>/<Kind>.{js,d.ts}`). */
  readonly modelsDir: string;
  /** CommonJS (loaded in the test process) or ESM-only (validated in a child Node process). */
  readonly esm: boolean;
}

export const K8S_1_33_0: SchemaRelease = { kubernetes: '1.33.0', source: 'kubernetes-models@4.5.1', modelsDir: MODELS_DIR, esm: false };

export const K8S_1_36_0: SchemaRelease = {
  kubernetes: '1.36.0',
  source: 'kubernetes-models@5.1.0',
  modelsDir: dirname(require.resolve('kubernetes-models-v5/package.json')),
  esm: true,
};

/** The newest minor a schema decision exists for; a newer MAX_SUPPORTED fails the gate until one is added. */
export const SCHEMA_DECIDED_UNTIL = '1.38';

/** The schema releases a target line's built-in objects must satisfy (every one of them). */
export function schemaReleasesFor(version: string): readonly SchemaRelease[] {
  const v = KubernetesVersion.parse(version);
  if (v.before('1.34')) return [K8S_1_33_0];
  if (v.before('1.36')) return [K8S_1_33_0, K8S_1_36_0];
  if (v.minor > KubernetesVersion.parse(SCHEMA_DECIDED_UNTIL).minor) {
    throw new Error(`no Kubernetes schema decided for ${v}: add it to test/gate/support/k8s-schemas.ts (newest offline schema: ${K8S_1_36_0.kubernetes})`);
  }
  return [K8S_1_36_0];
}

/** Whether a release has a model (and so a schema) for this kind. */
export function hasKind(release: SchemaRelease, apiVersion: string, kind: string): boolean {
  return declarationFile(apiVersion, kind, release.modelsDir) !== undefined;
}

const CHILD = join(__dirname, 'validate-models.mjs');

/**
 * Validates objects against one release's kubernetes-models validators, results cached by the
 * object's JSON. `prime` many objects at once (one child process for an ESM release), then ask.
 */
export class ModelValidator {
  private readonly results = new Map<string, readonly string[] | null>();

  constructor(public readonly release: SchemaRelease) {}

  prime(objects: readonly unknown[]): void {
    const todo = [...new Set(objects.map((o) => JSON.stringify(o)))].filter((k) => !this.results.has(k));
    if (todo.length === 0) return;
    if (!this.release.esm) {
      for (const k of todo) this.results.set(k, this.inProcess(JSON.parse(k)));
      return;
    }
    const input = `{"modelsDir":${JSON.stringify(this.release.modelsDir)},"objects":[${todo.join(',')}]}`;
    const r = spawnSync(process.execPath, [CHILD], { input, encoding: 'utf8', maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new Error(`validate-models.mjs (${this.release.source}) exited ${r.status}: ${r.stderr || r.error}`);
    const out = JSON.parse(r.stdout) as (string[] | null)[];
    if (out.length !== todo.length) throw new Error(`validate-models.mjs answered ${out.length} of ${todo.length} objects`);
    todo.forEach((k, i) => this.results.set(k, out[i]));
  }

  /** The validator's messages ([] when valid), or null when this release has no such kind. */
  errors(obj: unknown): readonly string[] | null {
    const k = JSON.stringify(obj);
    if (!this.results.has(k)) this.prime([obj]);
    return this.results.get(k)!;
  }

  private inProcess(o: { apiVersion: string; kind: string }): string[] | null {
    const file = declarationFile(o.apiVersion, o.kind, this.release.modelsDir);
    if (!file) return null;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Model = require(file.replace(/\.d\.ts$/, ''))[o.kind] as new (x: unknown) => { validate(): void };
    try {
      new Model(o).validate();
      return [];
    } catch (e) {
      return [(e as Error).message];
    }
  }
}
