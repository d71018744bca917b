/**
 * `npm run fuzz`: ≥ 100,000 fast-check cases, reported per target and oracle.
 * - no-crash: ClusterNetwork.plan and every validator on junk, and again on hostile objects
 *   (throwing getters, Proxies, cycles) with checkPolicy; a case fails on any exception, an
 *   `internal-error` finding, a finding without a field path, a message over 2,000 characters, or
 *   a rejection without an error naming a field;
 * - verdict oracles (bench/fuzz-oracles.ts): differential, metamorphic, round trip;
 * - the CLI on mutated YAML files: in-process, and a bounded number as child processes.
 * The generators are shared with the seeded samples in `npm test` (test/gate/fuzz.test.ts,
 * test/plan/fuzz.test.ts); this file only runs them.
 * Usage: node dist-lib/bench/fuzz.js [totalCases] [seed] [childProcesses]
 */
import fc from 'fast-check';
import * as path from 'path';
import { childMutationBroken, cleanUpCliCases, cliCase, cliMutationBroken } from './fuzz-cli';
import { FUZZ_TARGETS, HOSTILE_TARGETS, outcomeBroken } from './fuzz-cases';
import { FUZZ_ORACLES } from './fuzz-oracles';

const total = Number(process.argv[2] ?? 100000);
const seed = process.argv[3] !== undefined ? Number(process.argv[3]) : Date.now() % 2147483647;
const children = Number(process.argv[4] ?? 40);

interface Row {
  readonly target: string;
  readonly oracle: string;
  readonly weight: number;
  readonly property: (runs: number) => fc.RunDetails<unknown>;
}

const prop = <T>(arb: fc.Arbitrary<T>, broken: (v: T) => string | undefined) => (runs: number) =>
  fc.check(
    fc.property(arb, (v) => {
      const why = broken(v);
      if (why !== undefined) throw new Error(why);
    }),
    { numRuns: runs, seed },
  ) as fc.RunDetails<unknown>;

const MAIN = path.join(__dirname, '..', 'lib', 'cli', 'main.js');

const rows: Row[] = [
  ...FUZZ_TARGETS.map(([target, arb]) => ({ target, oracle: 'no crash, findings name fields', weight: 1, property: prop(arb, (run) => outcomeBroken(run())) })),
  ...HOSTILE_TARGETS.map(([target, arb]) => ({ target: `${target} (hostile objects)`, oracle: 'no crash, findings name fields', weight: 0.5, property: prop(arb, (run) => outcomeBroken(run())) })),
  ...FUZZ_ORACLES.map((o) => ({ target: o.target, oracle: o.oracle, weight: o.weight, property: prop(o.arb, o.broken) })),
  { target: 'k8s-dualstack plan/validate, mutated YAML (in-process)', oracle: 'exit 0/1/2, no stack trace, bounded output', weight: 0.05, property: prop(cliCase, cliMutationBroken) },
];

const weights = rows.reduce((n, r) => n + r.weight, 0);
let failed = 0;
let cases = 0;
const t0 = Date.now();
const report = (target: string, oracle: string, r: fc.RunDetails<unknown>, ms: number) => {
  cases += r.numRuns;
  if (r.failed) {
    failed++;
    console.log(`FAIL ${target} — ${oracle}: ${r.errorInstance instanceof Error ? r.errorInstance.message : String(r.errorInstance)} (seed ${seed}, path ${r.counterexamplePath})`);
  } else {
    console.log(`ok   ${target} — ${oracle}: ${r.numRuns} cases, ${(ms / 1000).toFixed(1)} s`);
  }
};
for (const row of rows) {
  const t = Date.now();
  report(row.target, row.oracle, row.property(Math.ceil((total * row.weight) / weights)), Date.now() - t);
}
if (children > 0) {
  const t = Date.now();
  report('k8s-dualstack plan/validate, mutated YAML (child process)', 'exit 0/1/2, no stack trace, bounded output, no hang (30 s timeout)', prop(cliCase, (c) => childMutationBroken(c, MAIN))(children), Date.now() - t);
}
cleanUpCliCases();
console.log(`fuzz: ${cases} cases in ${((Date.now() - t0) / 1000).toFixed(1)} s, seed ${seed}, ${failed} failing target(s)`);
process.exit(failed === 0 ? 0 : 1);
