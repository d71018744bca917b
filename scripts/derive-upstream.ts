/**
 * Derive committed data from an upstream release artifact:
 *   node scripts/run-ts.js scripts/derive-upstream.ts <component> [<artifact-path>]
 *   (npm run derive:upstream -- <component> [<artifact-path>])
 * The artifact path defaults to the component's pinned artifact under the upstream root
 * ($K8S_DUALSTACK_UPSTREAM or ../shared/upstream). Writes lib/upstream/<component>/<tag>/*.json.
 */
import { existsSync } from 'fs';
import { resolve } from 'path';
import { upstreamRoot } from './upstream/lib/artifact';
import { discoverComponents, findComponent } from './upstream/lib/component';

function main(argv: string[]): number {
  const [name, artifact] = argv;
  if (!name) {
    process.stderr.write(`usage: derive-upstream <component> [<artifact-path>]\ncomponents: ${discoverComponents().map((c) => c.name).join(', ')}\n`);
    return 2;
  }
  const component = findComponent(name);
  if (!component) {
    process.stderr.write(`unknown component ${JSON.stringify(name)}; known: ${discoverComponents().map((c) => c.name).join(', ')}\n`);
    return 2;
  }
  // An artifact path is taken as given when it exists, else relative to the upstream root
  // (`flannel/v0.28.9/kube-flannel.yml`).
  const path = artifact ? (existsSync(resolve(artifact)) ? resolve(artifact) : resolve(upstreamRoot(), artifact)) : component.defaultArtifact ? resolve(upstreamRoot(), component.defaultArtifact) : undefined;
  if (!path) {
    process.stderr.write(`${name}: give the artifact path (the component has no default)\n`);
    return 2;
  }
  component.derive(path);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
