/**
 * The cdk8s app (`app:` of cdk8s.yaml: `node dist-lib/stacks/main.js`, every ready stack) against a
 * bare cdk8s-plus-27 Deployment + Service app (bench/fixtures/bare-app.ts), each run the way
 * `cdk8s synth` runs an app: a fresh `node <app>.js` process with CDK8S_OUTDIR set, from the project
 * root. Alternating A B A B … after one warm-up pair (file cache, disk), wall time per process
 * spawn; each run writes into its own empty temporary directory (removed outside the timing).
 * Goal: median ratio ≤ 1.3×. Then: node's own start-up (`node -e 0`) and, from
 * bench/fixtures/app-phases.ts, where the app's time goes (boot, module loading, per stack
 * construct + synth) and what it writes; and each stack alone in its own process
 * (bench/fixtures/one-stack.ts). A measurement, never a failure (exits non-zero only if an
 * app itself fails).
 * Usage: node dist-lib/bench/synth.bench.js [pairs]
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'fs';
import { loadavg, tmpdir } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';

const PAIRS = Math.max(10, Number(process.argv[2] ?? 20));
const PHASE_RUNS = 5;
const ONE_RUNS = 7;
const ROOT = join(__dirname, '..', '..');
const APP = join(ROOT, 'dist-lib', 'stacks', 'main.js');
const BARE = join(__dirname, 'fixtures', 'bare-app.js');
const PHASES = join(__dirname, 'fixtures', 'app-phases.js');

interface Run {
  readonly ms: number;
  readonly files: number;
  readonly bytes: number;
  readonly stdout: string;
}

/** Every file under `dir` (count, bytes). */
function tree(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      const t = tree(p);
      files += t.files;
      bytes += t.bytes;
    } else {
      files++;
      bytes += statSync(p).size;
    }
  }
  return { files, bytes };
}

function spawn(args: string[], extraEnv: Record<string, string> = {}): Run {
  const outdir = mkdtempSync(join(tmpdir(), 'k8s-dualstack-bench-'));
  try {
    const t0 = performance.now();
    // stdout/stderr are piped (the app prints its plan warnings, as under `cdk8s synth`).
    const r = spawnSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...extraEnv, CDK8S_OUTDIR: outdir }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const ms = performance.now() - t0;
    if (r.status !== 0) {
      process.stderr.write(`synth bench: ${args.join(' ')} exited ${r.status}\n${r.stderr}\n`);
      process.exit(1);
    }
    return { ms, ...tree(outdir), stdout: r.stdout };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function quantile(sorted: readonly number[], q: number): number {
  // nearest rank
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function stats(xs: readonly number[]): { median: number; p90: number; min: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, p90: quantile(s, 0.9), min: s[0], max: s[s.length - 1] };
}

const f = (ms: number): string => `${ms.toFixed(0)} ms`;
const line = (label: string, xs: readonly number[]): string => {
  const s = stats(xs);
  return `${label}: median ${f(s.median)}, p90 ${f(s.p90)} (min ${f(s.min)}, max ${f(s.max)}; n=${xs.length})`;
};

// Warm-up pair (not counted).
const appOut = spawn([APP]);
const bareOut = spawn([BARE]);

const a: number[] = [];
const b: number[] = [];
const pairRatios: number[] = [];
for (let i = 0; i < PAIRS; i++) {
  const ra = spawn([APP]).ms;
  const rb = spawn([BARE]).ms;
  a.push(ra);
  b.push(rb);
  pairRatios.push(ra / rb);
}
const sa = stats(a);
const sb = stats(b);
console.log(`process spawn wall time, ${PAIRS} alternating pairs after 1 warm-up pair (node ${process.version}; 1-min load average ${loadavg()[0].toFixed(2)} at the end):`);
console.log(line(`  A  cdk8s app (node dist-lib/stacks/main.js, ${appOut.files} files, ${(appOut.bytes / 1024).toFixed(0)} KiB)`, a));
console.log(line(`  B  bare cdk8s-plus-27 Deployment + Service (${bareOut.files} file, ${(bareOut.bytes / 1024).toFixed(1)} KiB)`, b));
console.log(`  ratio A/B: medians ${(sa.median / sb.median).toFixed(2)}×, p90 ${(sa.p90 / sb.p90).toFixed(2)}×, median of per-pair ratios ${stats(pairRatios).median.toFixed(2)}× (goal ≤ 1.3×)`);

// Context: node's own start, and where the app's time goes.
const empty: number[] = [];
for (let i = 0; i < 10; i++) empty.push(spawn(['-e', '0']).ms);
console.log(line('  node -e 0 (process start alone)', empty));

const phases: Array<{ bootMs: number; requireMs: number; totalMs: number; stacks: Record<string, { constructMs: number; synthMs: number }> }> = [];
for (let i = 0; i < PHASE_RUNS; i++) phases.push(JSON.parse(spawn([PHASES], { K8S_DUALSTACK_QUIET: '1' }).stdout.trim().split('\n').pop() as string));
const med = (pick: (p: (typeof phases)[number]) => number): string => stats(phases.map(pick)).median.toFixed(1);
console.log(`where the app's time goes (bench/fixtures/app-phases.js, medians of ${PHASE_RUNS} runs, in-process ms):`);
console.log(`  node boot to first line ${med((p) => p.bootMs)}, require stacks/registry (lib + cdk8s + deps) ${med((p) => p.requireMs)}, total ${med((p) => p.totalMs)}`);
const perStack = stackTrees();
for (const name of Object.keys(phases[0].stacks)) {
  const t = perStack[name];
  console.log(`  ${name}: construct ${med((p) => p.stacks[name].constructMs)}, synth (validate + resolve + YAML + write) ${med((p) => p.stacks[name].synthMs)}; writes ${t.files} files, ${(t.bytes / 1024).toFixed(0)} KiB`);
}

// Each stack alone in its own process (bench/fixtures/one-stack.js), interleaved with the bare app.
const ONE = join(__dirname, 'fixtures', 'one-stack.js');
const names = Object.keys(perStack);
const alone = new Map<string, number[]>(names.map((n) => [n, []]));
const bareAgain: number[] = [];
for (let i = 0; i < ONE_RUNS; i++) {
  for (const n of names) alone.get(n)!.push(spawn([ONE, n]).ms);
  bareAgain.push(spawn([BARE]).ms);
}
const bareMedian = stats(bareAgain).median;
console.log(`each stack alone (node bench/fixtures/one-stack.js <stack>), medians of ${ONE_RUNS} interleaved runs; bare app median ${f(bareMedian)} in the same runs:`);
for (const n of names) {
  const m = stats(alone.get(n)!).median;
  console.log(`  ${n}: ${f(m)} (${(m / bareMedian).toFixed(2)}× bare)`);
}

/** Files and bytes each stack writes (one more run of the real app). */
function stackTrees(): Record<string, { files: number; bytes: number }> {
  const outdir = mkdtempSync(join(tmpdir(), 'k8s-dualstack-bench-'));
  try {
    spawnSync(process.execPath, [APP], { cwd: ROOT, env: { ...process.env, K8S_DUALSTACK_QUIET: '1', CDK8S_OUTDIR: outdir } });
    return Object.fromEntries(readdirSync(outdir).map((name) => [name, tree(join(outdir, name))]));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
