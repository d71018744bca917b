/**
 * Cilium: derives the chart's key tree (every valid values path) from the released chart's
 * `values.schema.json` and `values.yaml`, so `checkCiliumValueKeys` can name a misplaced key the
 * schema lets through (it sets no `additionalProperties`).
 *
 *   node scripts/run-ts.js scripts/upstream/components/cilium.ts derive ../shared/upstream/cilium/1.19.6
 *   node scripts/run-ts.js scripts/upstream/components/cilium.ts check ../shared/upstream
 */
import { createHash } from 'crypto';
import { execFileSync } from 'child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join, relative, resolve } from 'path';
import { parse } from 'yaml';

const REPO = resolve(__dirname, '..', '..', '..');
const OUT = join(REPO, 'lib', 'upstream', 'cilium');

/** A tree node: `true` a leaf, `"*"` a map whose keys are the user's, else the children. */
export type KeyTree = { [key: string]: KeyTree | true | '*' };

/**
 * Maps with user-chosen keys. The schema lists the keys of their default (nodeSelector
 * `kubernetes.io/os`, resources `requests`) as properties, so they are recognised by name.
 */
const OPEN_NAME = /(annotations|labels|selector|nodeselector|resources|requests|limits|affinity|securitycontext|extraconfig|tolerations|extraargs|extraenv)$/i;

function typesOf(node: Record<string, unknown>): string[] {
  const t = node.type;
  return Array.isArray(t) ? (t as string[]) : typeof t === 'string' ? [t] : [];
}

function fromSchema(node: Record<string, unknown>, name: string): KeyTree | true | '*' {
  const props = node.properties as Record<string, Record<string, unknown>> | undefined;
  if (OPEN_NAME.test(name) && typesOf(node).includes('object')) return '*';
  if (!props) return typesOf(node).includes('object') ? '*' : true;
  const out: KeyTree = {};
  for (const key of Object.keys(props).sort()) out[key] = fromSchema(props[key], key);
  return out;
}

function mergeValues(tree: KeyTree, values: Record<string, unknown>): void {
  for (const key of Object.keys(values).sort()) {
    const v = values[key];
    if (!(key in tree)) tree[key] = v !== null && typeof v === 'object' && !Array.isArray(v) ? '*' : true;
    const t = tree[key];
    if (t !== true && t !== '*' && v !== null && typeof v === 'object' && !Array.isArray(v)) mergeValues(t, v as Record<string, unknown>);
  }
}

function sorted(tree: KeyTree): KeyTree {
  const out: KeyTree = {};
  for (const key of Object.keys(tree).sort()) {
    const t = tree[key];
    out[key] = t === true || t === '*' ? t : sorted(t);
  }
  return out;
}

/** The key tree of an unpacked chart directory (values.schema.json and values.yaml). */
export function keyTreeOf(chartDir: string): KeyTree {
  const schema = JSON.parse(readFileSync(join(chartDir, 'values.schema.json'), 'utf8'));
  const tree = fromSchema(schema, '') as KeyTree;
  mergeValues(tree, parse(readFileSync(join(chartDir, 'values.yaml'), 'utf8')) ?? {});
  return sorted(tree);
}

/** The Chart.yaml fields the rules read: the chart's own Kubernetes constraint (helm refuses others). */
function chartFacts(chartDir: string): { version: string; appVersion: string; kubeVersion: string } {
  const chart = parse(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8'));
  return { version: String(chart.version), appVersion: String(chart.appVersion), kubeVersion: String(chart.kubeVersion) };
}

function unpack(artifactDir: string): { dir: string; tgz: string; tag: string; cleanup(): void } {
  const tgz = join(artifactDir, `cilium-${basename(artifactDir)}.tgz`);
  const tmp = mkdtempSync(join(tmpdir(), 'cilium-chart-'));
  execFileSync('tar', ['xzf', tgz, '-C', tmp]);
  return { dir: join(tmp, 'cilium'), tgz, tag: basename(artifactDir), cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}

function render(artifactDir: string): { file: string; text: string } {
  const c = unpack(artifactDir);
  try {
    const upstreamRoot = resolve(artifactDir, '..', '..');
    const doc = {
      source: {
        artifact: relative(upstreamRoot, c.tgz),
        tag: c.tag,
        sha256: createHash('sha256').update(readFileSync(c.tgz)).digest('hex'),
        from: ['Chart.yaml', 'values.schema.json', 'values.yaml'],
      },
      chart: chartFacts(c.dir),
      tree: keyTreeOf(c.dir),
    };
    return { file: join(OUT, c.tag, 'key-tree.json'), text: `${JSON.stringify(doc, null, 1)}\n` };
  } finally {
    c.cleanup();
  }
}

/** Write lib/upstream/cilium/<tag>/key-tree.json and the LICENSE. */
export function derive(artifactDir: string): void {
  const { file, text } = render(artifactDir);
  writeFileSync(file, text);
  copyFileSync(join(artifactDir, 'LICENSE'), join(OUT, 'LICENSE'));
  console.log(`cilium: wrote ${relative(REPO, file)}`);
}

/** One difference between the committed key tree and a fresh derivation. */
export interface Difference {
  readonly component: string;
  readonly object: string;
  readonly field: string;
  readonly message: string;
}

/** Compare the committed key tree with one derived from the artifact. */
export function check(upstreamRoot: string): Difference[] {
  const artifactDir = join(upstreamRoot, 'cilium', '1.19.6');
  const { file, text } = render(artifactDir);
  if (!existsSync(file)) return [{ component: 'cilium', object: relative(REPO, file), field: '', message: 'missing: run derive' }];
  return readFileSync(file, 'utf8') === text ? [] : [{ component: 'cilium', object: relative(REPO, file), field: 'tree', message: 'differs from a fresh derivation: run derive' }];
}

export default { name: 'cilium', derive, check };

if (resolve(process.argv[1] ?? '') === __filename) {
  const [cmd, path] = process.argv.slice(2);
  if (cmd === 'derive' && path) derive(resolve(path));
  else if (cmd === 'check') {
    const diffs = check(resolve(path ?? join(REPO, '..', 'shared', 'upstream')));
    console.log(`cilium: 1 object compared, ${diffs.length} differences`);
    for (const d of diffs) console.log(`  ${d.object} ${d.field}: ${d.message}`);
    process.exit(diffs.length ? 1 : 0);
  } else {
    console.error('usage: cilium.ts derive <shared/upstream/cilium/1.19.6> | check [<shared/upstream>]');
    process.exit(2);
  }
}
