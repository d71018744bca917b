/** Paths, hashing and deterministic JSON for the derived data (lib/upstream/<component>/<tag>/*.json). */
import { createHash } from 'crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** shared/upstream: `$K8S_DUALSTACK_UPSTREAM`, else `../shared/upstream` beside the repository. */
export function upstreamRoot(): string {
  return resolve(process.env.K8S_DUALSTACK_UPSTREAM ?? join(REPO_ROOT, '..', 'shared', 'upstream'));
}

/** Resolves an artifact path given absolute, relative to the cwd, or relative to shared/upstream. */
export function resolveArtifact(path: string): string {
  for (const p of [resolve(path), join(upstreamRoot(), path)]) if (existsSync(p)) return p;
  throw new Error(`artifact "${path}" not found (looked in the working directory and ${upstreamRoot()})`);
}

/** Every file under a folder (or the file itself), sorted, as paths relative to `root`. */
function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((n) => filesUnder(join(path, n)));
}

/** sha256 of a file; of a folder: over each file's relative path and bytes, in sorted order. */
export function sha256Of(path: string): string {
  const h = createHash('sha256');
  if (!statSync(path).isDirectory()) return h.update(readFileSync(path)).digest('hex');
  for (const f of filesUnder(path)) h.update(relative(path, f)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

export interface SourceBlock {
  readonly artifact: string;
  readonly tag: string;
  readonly sha256: string;
  readonly note?: string;
}

export function sourceBlock(artifactAbs: string, tag: string, note?: string): SourceBlock {
  return { artifact: relative(upstreamRoot(), artifactAbs), tag, sha256: sha256Of(artifactAbs), ...(note ? { note } : {}) };
}

/** Recursively sorted keys: the same data always serialises to the same bytes. */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

export function stableJson(v: unknown): string {
  return `${JSON.stringify(sortKeys(v), null, 2)}\n`;
}

/** lib/upstream/<component>/<tag>/<file>. */
export function derivedPath(component: string, tag: string, file: string): string {
  return join(REPO_ROOT, 'lib', 'upstream', component, tag, file);
}

export function writeDerived(component: string, tag: string, file: string, data: unknown): string {
  const p = derivedPath(component, tag, file);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, stableJson(data));
  return p;
}

/** Copies the artifact's licence next to the derived data (lib/upstream/<component>/LICENSE). */
export function copyLicense(component: string, licenseAbs: string): void {
  const dest = join(REPO_ROOT, 'lib', 'upstream', component, 'LICENSE');
  mkdirSync(dirname(dest), { recursive: true });
  copyFileSync(licenseAbs, dest);
}

/** A Difference when the committed data file is not what derivation gives today (hand edit, or a stale derive). */
export function staleData(component: string, tag: string, file: string, fresh: unknown): { object: string; field: string; upstream: unknown; ours: unknown }[] {
  const p = derivedPath(component, tag, file);
  const committed = existsSync(p) ? readFileSync(p, 'utf8') : '(missing)';
  return committed === stableJson(fresh) ? [] : [{ object: relative(REPO_ROOT, p), field: '(whole file)', upstream: 'fresh derivation', ours: 'committed file differs: run derive:upstream' }];
}
