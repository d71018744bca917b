/**
 * The synth itself, against its same-output floor (issue 15 §4).
 *
 * A: the cdk8s app, `node dist-lib/stacks/main.js` (every ready stack, as `cdk8s synth` and
 *    `npm run synth` run it). F: bench/fixtures/same-output-app.js, a bare cdk8s app writing the
 *    identical files from plain ApiObjects in charts of the same names (fixture: each chart's
 *    `toJson()`, written before timing). O (optional): another build of the app, e.g. the one before
 *    a change: `SYNTH_BASELINE_APP=/path/to/dist-lib/stacks/main.js`.
 * Every output is compared byte for byte with A's before timing. Then one warm-up round and N
 * interleaved rounds (A F [O] …), each process with CDK8S_OUTDIR in a fresh temporary directory,
 * from the project root; wall time per spawn and the child's own CPU time.
 * Goals: A ≤ 1.05× F; A ≤ 0.65× the synth before issue 15. A measurement, never a failure.
 * Usage: node dist-lib/bench/synth.bench.js [rounds]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { loadavg, tmpdir } from 'os';
import { join, relative } from 'path';
import { CPU_REPORT, ratio, Sample, spawnTimed, summary } from './fixtures/measure';

const ROUNDS = Math.max(5, Number(process.argv[2] ?? 15));
const ROOT = join(__dirname, '..', '..');
const APP = join(ROOT, 'dist-lib', 'stacks', 'main.js');
const FLOOR = join(__dirname, 'fixtures', 'same-output-app.js');
const BASELINE = process.env.SYNTH_BASELINE_APP;

/** Every file under `dir`, relative path → content. */
function files(dir: string, into = new Map<string, string>(), base = dir): Map<string, string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) files(p, into, base);
    else into.set(relative(base, p), readFileSync(p, 'utf8'));
  }
  return into;
}

function bytes(m: Map<string, string>): number {
  let n = 0;
  for (const v of m.values()) n += Buffer.byteLength(v);
  return n;
}

function runApp(app: string, env: NodeJS.ProcessEnv = {}): { sample: Sample; out: Map<string, string> | undefined } {
  const outdir = mkdtempSync(join(tmpdir(), 'k8s-dualstack-bench-'));
  try {
    const sample = spawnTimed(process.execPath, ['-r', CPU_REPORT, app], { cwd: ROOT, env: { K8S_DUALSTACK_QUIET: '1', ...env, CDK8S_OUTDIR: outdir } });
    return { sample, out: files(outdir) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

// The floor's fixture: each chart's objects, as cdk8s renders them (toJson), per stack.
const fixtureFile = join(mkdtempSync(join(tmpdir(), 'k8s-dualstack-bench-')), 'same-output.json');
{
  process.env.K8S_DUALSTACK_QUIET = '1';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const registry = require('../stacks/registry') as typeof import('../stacks/registry');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { clusterFilesOf } = require('../lib/cluster-files') as typeof import('../lib/cluster-files');
  const fixture: Record<string, { charts: Array<[string, unknown[]]>; files: Array<[string, string, boolean]> }> = {};
  for (const [name, props] of Object.entries(registry.STACK_PROPS)) {
    const app = registry.stackApp(join(tmpdir(), 'unused'), props(), name);
    // The charts as the tree names them (step names), and the files that are no chart (node scripts,
    // kubeadm files, apply.sh, Cilium's values): the floor writes the latter as given.
    fixture[name] = { charts: app.charts.map((c) => [c.node.id, c.toJson()]), files: clusterFilesOf(app).map((f) => [f.path, f.content, f.executable]) };
  }
  writeFileSync(fixtureFile, JSON.stringify(fixture));
}
const FLOOR_ENV = { SAME_OUTPUT_FIXTURE: fixtureFile };

// Same output, byte for byte (also the warm-up round).
const a0 = runApp(APP);
const f0 = runApp(FLOOR, FLOOR_ENV);
const o0 = BASELINE ? runApp(BASELINE) : undefined;
const same = (x: Map<string, string> | undefined): boolean => !!x && !!a0.out && x.size === a0.out.size && [...a0.out].every(([k, v]) => x.get(k) === v);
console.log(`output: ${a0.out?.size} files, ${((a0.out ? bytes(a0.out) : 0) / 1024).toFixed(0)} KiB; floor byte-identical: ${same(f0.out)}${o0 ? `; baseline byte-identical: ${same(o0.out)}` : ''}`);

const A: Sample[] = [];
const F: Sample[] = [];
const O: Sample[] = [];
for (let i = 0; i < ROUNDS; i++) {
  A.push(runApp(APP).sample);
  F.push(runApp(FLOOR, FLOOR_ENV).sample);
  if (BASELINE) O.push(runApp(BASELINE).sample);
}
rmSync(join(fixtureFile, '..'), { recursive: true, force: true });
console.log(`${ROUNDS} interleaved rounds after 1 warm-up round (node ${process.version}; 1-min load average ${loadavg()[0].toFixed(2)} at the end):`);
console.log(summary('  A  the cdk8s app (node dist-lib/stacks/main.js)', A));
console.log(summary('  F  same-output floor (plain ApiObjects, same charts)', F));
if (BASELINE) console.log(summary(`  O  baseline app (${BASELINE})`, O));
console.log(`  A/F: ${ratio(A, F)} (goal ≤ 1.05×)`);
if (BASELINE) console.log(`  A/O: ${ratio(A, O)} (goal ≤ 0.65×)`);
// node's own start, for scale
const empty: Sample[] = [];
for (let i = 0; i < 5; i++) empty.push(spawnTimed(process.execPath, ['-r', CPU_REPORT, '-e', '0'], { cwd: ROOT }));
console.log(summary('  node -e 0 (process start alone)', empty));
