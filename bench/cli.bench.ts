/**
 * `k8s-dualstack plan` start-up (issue 15 §4): the compiled bin (`node dist-lib/lib/cli/main.js`)
 * planning a dual-stack cluster from flags (text output), interleaved with `node -e ''`, and
 * `--help` (which loads every command). Optionally another build's bin in the same rounds
 * (`CLI_BASELINE_MAIN=/path/to/dist-lib/lib/cli/main.js`, e.g. the one before a change). Goal: plan
 * ≤ 1.2× `node -e ''`. A measurement, never a failure.
 * Usage: node dist-lib/bench/cli.bench.js [rounds]
 */
import { loadavg } from 'os';
import { join } from 'path';
import { CPU_REPORT, ratio, Sample, spawnTimed, summary } from './fixtures/measure';

const ROUNDS = Math.max(10, Number(process.argv[2] ?? 30));
const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist-lib', 'lib', 'cli', 'main.js');
const PLAN = [MAIN, 'plan', '--pod-cidrs', '10.244.0.0/16,fd00:10:244::/56', '--service-cidrs', '10.96.0.0/16,fd00:10:96::/112', '--version', '1.33'];
const BASELINE = process.env.CLI_BASELINE_MAIN;
const node = (args: string[]): Sample => spawnTimed(process.execPath, ['-r', CPU_REPORT, ...args], { cwd: ROOT, env: { NO_COLOR: '1' } });

node(['-e', '']);
node(PLAN);
const E: Sample[] = [];
const P: Sample[] = [];
const H: Sample[] = [];
const B: Sample[] = [];
for (let i = 0; i < ROUNDS; i++) {
  E.push(node(['-e', '']));
  P.push(node(PLAN));
  H.push(node([MAIN, '--help']));
  if (BASELINE) B.push(node([BASELINE, ...PLAN.slice(1)]));
}
console.log(`${ROUNDS} interleaved rounds after 1 warm-up (node ${process.version}; 1-min load average ${loadavg()[0].toFixed(2)} at the end):`);
console.log(summary("  node -e ''", E));
console.log(summary('  k8s-dualstack plan (dual-stack, from flags)', P));
console.log(summary('  k8s-dualstack --help (loads every command)', H));
console.log(`  plan / node -e '': ${ratio(P, E)} (goal ≤ 1.2×)`);
if (BASELINE) {
  console.log(summary(`  baseline plan (${BASELINE})`, B));
  console.log(`  baseline plan / node -e '': ${ratio(B, E)}`);
}
