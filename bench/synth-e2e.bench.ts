/**
 * The main job end to end (issue 15 §4): `npm run synth` (scripts/synth.js: the fast build with
 * nothing to transpile, then the app in the same process) as a user types it, interleaved with
 * `node -e 0`; a few runs after touching one source file (one file transpiled, TypeScript loaded);
 * and `cdk8s synth --no-check-upgrade` (the cdk8s CLI running the same app), whose output must
 * be byte-identical to `npm run synth`'s. Goal: `npm run synth` ≤ 1.2 s. A measurement, never a
 * failure (exits non-zero only when a command fails).
 * Usage: node dist-lib/bench/synth-e2e.bench.js [rounds]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'fs';
import { loadavg, tmpdir } from 'os';
import { join, relative } from 'path';
import { CPU_REPORT, median, ratio, Sample, spawnTimed, summary } from './fixtures/measure';

const ROUNDS = Math.max(5, Number(process.argv[2] ?? 10));
const ROOT = join(__dirname, '..', '..');
const env = { K8S_DUALSTACK_QUIET: '1' };

function files(dir: string, into = new Map<string, string>(), base = dir): Map<string, string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) files(p, into, base);
    else into.set(relative(base, p), readFileSync(p, 'utf8'));
  }
  return into;
}

const tmp = mkdtempSync(join(tmpdir(), 'k8s-dualstack-bench-'));
const npmSynth = (): Sample => spawnTimed('npm', ['run', '--silent', 'synth', '--', '--out', join(tmp, 'npm')], { cwd: ROOT, env });
const cdk8sSynth = (): Sample => spawnTimed(join(ROOT, 'node_modules', '.bin', 'cdk8s'), ['synth', '--no-check-upgrade', '--output', join(tmp, 'cdk8s')], { cwd: ROOT, env });
const nodeStart = (): Sample => spawnTimed(process.execPath, ['-r', join(CPU_REPORT), '-e', '0'], { cwd: ROOT });

// Warm-up and the byte-for-byte comparison.
npmSynth();
cdk8sSynth();
const a = files(join(tmp, 'npm'));
const b = files(join(tmp, 'cdk8s'));
const identical = a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
console.log(`npm run synth vs cdk8s synth: ${a.size} files, byte-identical: ${identical}`);

const S: Sample[] = [];
const N: Sample[] = [];
for (let i = 0; i < ROUNDS; i++) {
  S.push(npmSynth());
  N.push(nodeStart());
}
// One source file changed: the fast build transpiles it (and loads TypeScript).
const touched = join(ROOT, 'lib', 'index.ts');
const T: Sample[] = [];
for (let i = 0; i < 3; i++) {
  const now = new Date();
  utimesSync(touched, now, now);
  T.push(npmSynth());
}
const C: Sample[] = [];
for (let i = 0; i < 3; i++) C.push(cdk8sSynth());
rmSync(tmp, { recursive: true, force: true });

console.log(`${ROUNDS} interleaved rounds after 1 warm-up (node ${process.version}; 1-min load average ${loadavg()[0].toFixed(2)} at the end):`);
console.log(summary('  npm run synth, nothing changed', S));
console.log(summary('  node -e 0', N));
console.log(`  npm run synth / node -e 0: ${ratio(S, N)}; npm run synth median ${(median(S.map((s) => s.ms)) / 1000).toFixed(2)} s (goal ≤ 1.2 s)`);
console.log(summary('  npm run synth, one file touched', T));
console.log(summary('  cdk8s synth --no-check-upgrade (same app, byte-identical output)', C));
