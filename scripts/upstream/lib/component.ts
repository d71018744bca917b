/**
 * The shape of a component module and how the entries find them.
 *
 * A component is `scripts/upstream/components/<name>.ts` exporting:
 * - `name` — the component (`calico`), also the folder under lib/upstream and shared/upstream;
 * - `derive(artifactPath)` — reads the artifact (a file or a folder at one tag) and writes
 *   `lib/upstream/<name>/<tag>/*.json` (see artifact.ts `writeDerived`);
 * - `check(artifactRoot)` — renders our objects (from a dual-stack plan) and compares them with the
 *   artifacts under `artifactRoot` (the upstream root): returns `Difference[]` or
 *   `{ compared, differences }` (compare.ts `InstallComparison`);
 * - `waivers` (optional) — the deliberate edits, each also a row of docs/upstream-edits.md;
 * - `defaultArtifact` (optional) — the artifact path, relative to the upstream root, `derive`
 *   reads when none is given.
 *
 * API: `discoverComponents()` — every component module of the folder, sorted by name;
 * `findComponent(name)`.
 */
import { readdirSync } from 'fs';
import { join } from 'path';
import { Difference, Waiver } from './difference';
import { InstallComparison } from './compare';

export interface UpstreamComponent {
  readonly name: string;
  derive(artifactPath: string): void;
  check(artifactRoot: string): Difference[] | InstallComparison;
  readonly waivers?: readonly Waiver[];
  readonly defaultArtifact?: string;
}

export const COMPONENTS_DIR = join(__dirname, '..', 'components');

export function discoverComponents(dir = COMPONENTS_DIR): UpstreamComponent[] {
  const out: UpstreamComponent[] = [];
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.ts') || f.endsWith('.d.ts')) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const m = require(join(dir, f)) as Partial<UpstreamComponent> & { default?: UpstreamComponent };
    const c = (m.default ?? m) as UpstreamComponent;
    if (typeof c.name === 'string' && typeof c.derive === 'function' && typeof c.check === 'function') out.push(c);
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function findComponent(name: string, dir = COMPONENTS_DIR): UpstreamComponent | undefined {
  return discoverComponents(dir).find((c) => c.name === name);
}
