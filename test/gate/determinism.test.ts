/**
 * Gate §3: every stack synthesized twice, in two separate Node processes, is byte-identical;
 * the resource names (kind, namespace/name per chart file) of every stack are pinned by a
 * committed snapshot, so a rename is a visible, reviewed change.
 */
import { spawn } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { parseAllDocuments } from 'yaml';
import { synthCase } from './support/stacks';
import { STACK_PROPS } from '../../stacks/registry';

const SCRIPT = join(__dirname, 'support', 'synth-all.js');

function synthInChild(outdir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, outdir], { env: { ...process.env, K8S_DUALSTACK_QUIET: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`synth-all.js exited ${code}:\n${stderr}`))));
  });
}

/** Every file under dir, relative path → bytes. */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

let root: string;
let first: Map<string, Buffer>;
let second: Map<string, Buffer>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'gate-determinism-'));
  await Promise.all([synthInChild(join(root, 'a')), synthInChild(join(root, 'b'))]);
  first = tree(join(root, 'a'));
  second = tree(join(root, 'b'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

test('two synths in separate processes write the same files, byte for byte', () => {
  expect([...second.keys()]).toEqual([...first.keys()]);
  const differing = [...first].filter(([f, bytes]) => !bytes.equals(second.get(f)!)).map(([f]) => f);
  expect(differing).toEqual([]);
  expect(first.size).toBeGreaterThanOrEqual(30);
});

test('the output holds no timestamps and no path of the machine it was written on', () => {
  for (const [f, bytes] of first) {
    const text = bytes.toString('utf8');
    expect({ f, hit: /\b20\d\d-\d\d-\d\dT\d\d:\d\d/.exec(text)?.[0] }).toEqual({ f, hit: undefined });
    expect({ f, hit: text.includes(root) }).toEqual({ f, hit: false });
  }
});

/** `kind namespace/name` per object (kubeadm documents have no name: `kind` alone), per file, per stack. */
function namesOf(files: Map<string, Buffer>): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const [f, bytes] of files) {
    // Object files only: the charts and the kubeadm files (node scripts and apply.sh are not YAML).
    if (!/\.(k8s\.yaml|kubeadm\.conf)$/.test(f)) continue;
    const [stack, ...rest] = f.split(/[\\/]/);
    const file = rest.join('/');
    const names = parseAllDocuments(bytes.toString('utf8'))
      .map((d) => d.toJS())
      .filter((o) => o)
      .map((o) => `${o.apiVersion} ${o.kind}${o.metadata?.name ? ` ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}` : ''}`);
    (out[stack] ??= {})[file] = names;
  }
  return out;
}

test('the resource names of every stack are pinned', () => {
  // A changed name here means a cluster object is replaced, not updated: review it.
  expect(namesOf(first)).toMatchSnapshot();
});

test('the gate synthesizes in memory exactly the files `npm run synth` writes', () => {
  for (const stack of Object.keys(STACK_PROPS)) {
    const written = [...first.keys()].filter((f) => f.startsWith(`${stack}/`) && /\.(k8s\.yaml|kubeadm\.conf)$/.test(f)).map((f) => f.slice(stack.length + 1).split(/[\\/]/).join('/'));
    expect(synthCase({ stack, version: '1.33' }).map((c) => c.file)).toEqual(written);
  }
});
