/**
 * Reading upstream release artifacts and writing the data derived from them.
 *
 * API (everything a component module needs for `derive`):
 * - `REPO_ROOT` — the repository root (this file is scripts/upstream/lib/artifact.ts).
 * - `upstreamRoot()` — where the artifacts are: `$K8S_DUALSTACK_UPSTREAM`, else `<repo>/../shared/upstream`
 *   (or `<repo>/../../shared/upstream` when only that exists: a git worktree).
 * - `loadYamlDocs(file)` — every non-empty document of a multi-document YAML file, as plain JSON values.
 * - `sourceBlock(file, tag)` — the `source` block every derived file carries: the artifact path
 *   relative to the upstream root, the tag, and the artifact's sha256.
 * - `stableJson(value)` — pretty JSON with keys sorted recursively (arrays keep their order), so a
 *   re-derivation of the same artifact is byte-identical and a bump diffs cleanly.
 * - `writeDerived(component, tag, name, data)` — writes `lib/upstream/<component>/<tag>/<name>.json`.
 * - `copyLicense(component, licenseFile)` — copies the artifact's license to `lib/upstream/<component>/LICENSE`.
 * - `objectKey(o)` — `Kind/namespace/name` (or `Kind/name` when cluster-scoped), the id differences use.
 * - `byKind(objects, kind)` — the objects of one kind.
 */
import { createHash } from 'crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as read from an artifact (plain JSON). */
export interface UpstreamObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [k: string]: unknown };
  readonly [k: string]: unknown;
}

/** Provenance of a derived file. */
export interface SourceBlock {
  /** The artifact, relative to the upstream root (e.g. `calico/v3.32.1/calico.yaml`). */
  readonly artifact: string;
  readonly tag: string;
  readonly sha256: string;
}

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

export function upstreamRoot(): string {
  if (process.env.K8S_DUALSTACK_UPSTREAM) return resolve(process.env.K8S_DUALSTACK_UPSTREAM);
  const beside = join(REPO_ROOT, '..', 'shared', 'upstream');
  // A git worktree one level further down (e.g. <root>/wt/<name>) still finds the folder.
  const above = join(REPO_ROOT, '..', '..', 'shared', 'upstream');
  return existsSync(beside) || !existsSync(above) ? beside : above;
}

export function loadYamlDocs(file: string): UpstreamObject[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  const out: UpstreamObject[] = [];
  for (const d of docs) {
    if (d.errors.length > 0) throw new Error(`${file}: ${d.errors[0].message}`);
    const v = d.toJS({ maxAliasCount: -1 });
    if (v !== null && v !== undefined) out.push(v as UpstreamObject);
  }
  return out;
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export function sourceBlock(file: string, tag: string): SourceBlock {
  return { artifact: relative(upstreamRoot(), resolve(file)).split('\\').join('/'), tag, sha256: sha256(file) };
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as Record<string, unknown>).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + '\n';
}

export function derivedDir(component: string, tag?: string): string {
  return tag ? join(REPO_ROOT, 'lib', 'upstream', component, tag) : join(REPO_ROOT, 'lib', 'upstream', component);
}

export function writeDerived(component: string, tag: string, name: string, data: unknown): string {
  const file = join(derivedDir(component, tag), `${name}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, stableJson(data));
  return file;
}

export function copyLicense(component: string, licenseFile: string): string {
  if (!existsSync(licenseFile)) throw new Error(`no license at ${licenseFile}`);
  const to = join(derivedDir(component), 'LICENSE');
  mkdirSync(dirname(to), { recursive: true });
  // Written, not copied: the artifact may be read-only, the derived copy must not be.
  writeFileSync(to, readFileSync(licenseFile));
  return to;
}

export function objectKey(o: { kind: string; metadata: { name: string; namespace?: string } }): string {
  return [o.kind, o.metadata.namespace, o.metadata.name].filter((x) => !!x).join('/');
}

export function byKind<T extends { kind: string }>(objects: readonly T[], kind: string): T[] {
  return objects.filter((o) => o.kind === kind);
}
