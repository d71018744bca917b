/**
 * `npm run fuzz`: ≥ 100,000 fast-check cases over ClusterNetwork.plan and every validator. Exits
 * non-zero on any exception, any `internal-error` finding, any finding without a field path, or a
 * rejection without an error that names a field.
 * The generators and properties are in bench/fuzz-cases.ts (shared with the seeded samples in
 * `npm test`); this file only runs them.
 * Usage: node dist-lib/bench/fuzz.js [totalCases] [seed]
 */
import fc from 'fast-check';
import { FUZZ_TARGETS, outcomeBroken } from './fuzz-cases';

const total = Number(process.argv[2] ?? 100000);
const seed = process.argv[3] !== undefined ? Number(process.argv[3]) : Date.now() % 2147483647;

const per = Math.ceil(total / FUZZ_TARGETS.length);
let failed = 0;
const t0 = Date.now();
for (const [name, arb] of FUZZ_TARGETS) {
  const r = fc.check(
    fc.property(arb, (run) => {
      const why = outcomeBroken(run());
      if (why !== undefined) throw new Error(why);
    }),
    { numRuns: per, seed },
  );
  if (r.failed) {
    failed++;
    console.log(`FAIL ${name}: ${r.errorInstance instanceof Error ? r.errorInstance.message : String(r.errorInstance)} (seed ${seed}, path ${r.counterexamplePath})`);
  } else {
    console.log(`ok   ${name}: ${r.numRuns} cases`);
  }
}
console.log(`fuzz: ${per * FUZZ_TARGETS.length} cases in ${((Date.now() - t0) / 1000).toFixed(1)} s, seed ${seed}, ${failed} failing target(s)`);
process.exit(failed === 0 ? 0 : 1);
