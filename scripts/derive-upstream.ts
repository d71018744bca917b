/**
 * `npm run derive:upstream -- <component> <artifact-path>`: reads an upstream release artifact and writes
 * the facts our renderers use as committed data under lib/upstream/<component>/<tag>/ (never edited by hand).
 * The artifact path may be absolute or relative to shared/upstream (`$K8S_DUALSTACK_UPSTREAM`, else ../shared/upstream).
 */
import { loadComponents } from './upstream/lib/thirdparty-registry';

const [name, artifact] = process.argv.slice(2);
const components = loadComponents();
const c = components.find((x) => x.name === name);
if (!c || !artifact) {
  process.stderr.write(`usage: derive-upstream <component> <artifact-path>\ncomponents: ${components.map((x) => x.name).join(', ')}\n`);
  process.exit(2);
}
c.derive(artifact);
