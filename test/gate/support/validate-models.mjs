// Child process of k8s-schemas.ts: validates objects with the kubernetes-models classes of one
// release folder. kubernetes-models 5.x is ESM-only, which the test suite (CommonJS under ts-jest)
// cannot require; a plain Node process imports it (the generated validators need nothing newer
// than Node 20 has, whatever its `engines` says). stdin: {"modelsDir": "...", "objects": [...]};
// stdout: one entry per object, in order: null (no such kind in this release), [] (valid) or the
// validator's messages.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const { modelsDir, objects } = JSON.parse(readFileSync(0, 'utf8'));
const classes = new Map();
async function modelOf(apiVersion, kind) {
  const key = `${apiVersion}/${kind}`;
  if (!classes.has(key)) {
    const file = join(modelsDir, ...String(apiVersion).split('/'), `${kind}.js`);
    classes.set(key, existsSync(file) ? (await import(pathToFileURL(file).href))[kind] : undefined);
  }
  return classes.get(key);
}
const out = [];
for (const o of objects) {
  const Model = await modelOf(o.apiVersion, o.kind);
  if (!Model) {
    out.push(null);
    continue;
  }
  try {
    new Model(o).validate();
    out.push([]);
  } catch (e) {
    out.push([String(e && e.message)]);
  }
}
process.stdout.write(JSON.stringify(out));
