/**
 * Gate §4: a small, seeded sample of `npm run fuzz` (bench/fuzz.ts, ≥ 100,000 cases) inside
 * `npm test`: the same properties over ClusterNetwork.plan and every validator, ~2,000 cases.
 * The generators and properties are bench/fuzz-cases.ts, the ones `npm run fuzz` runs.
 * Properties: no exception, no `internal-error` finding (the validators' last-resort guard),
 * every finding names a field, and every rejection carries an error that names a field.
 */
import fc from 'fast-check';
import * as path from 'path';
import { childMutationBroken, cleanUpCliCases, cliCase, cliMutationBroken } from '../../bench/fuzz-cli';
import { FUZZ_TARGETS, FuzzOutcome, HOSTILE_TARGETS, opts, outcomeBroken, service, spec } from '../../bench/fuzz-cases';
import { FUZZ_ORACLES } from '../../bench/fuzz-oracles';
import { checkPolicy } from '../../lib/policy';
import { ClusterNetwork, validate } from '../../lib/plan';

const SEED = 20260309;
const RUNS = 340; // × 6 targets ≈ 2,000 cases

test.each<[string, fc.Arbitrary<() => FuzzOutcome>]>([...FUZZ_TARGETS])('%s: no crash, every finding and every rejection names a field', (_name, arb) => {
  fc.assert(
    fc.property(arb, (run) => {
      const why = outcomeBroken(run());
      if (why) throw new Error(why);
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

test.each<[string, fc.Arbitrary<() => FuzzOutcome>]>([...HOSTILE_TARGETS])('%s on hostile objects (throwing getters, Proxies, cycles): no crash, findings name fields', (_name, arb) => {
  fc.assert(
    fc.property(arb, (run) => {
      const why = outcomeBroken(run());
      if (why) throw new Error(why);
    }),
    { numRuns: 150, seed: SEED },
  );
});

test.each(FUZZ_ORACLES.map((o) => [`${o.target} — ${o.oracle}`, o] as const))('verdict oracle %s', (_name, o) => {
  fc.assert(
    fc.property(o.arb, (v) => {
      const why = o.broken(v);
      if (why) throw new Error(why);
    }),
    { numRuns: Math.ceil(200 * o.weight), seed: SEED },
  );
});

describe('the CLI on mutated YAML files', () => {
  afterAll(cleanUpCliCases);

  test('in-process: exit 0/1/2, no stack trace, bounded output', () => {
    fc.assert(
      fc.property(cliCase, (c) => {
        const why = cliMutationBroken(c);
        if (why) throw new Error(why);
      }),
      { numRuns: 60, seed: SEED },
    );
  });

  test('as a child process (1 case): exit 0/1/2, no stack trace, no hang', () => {
    const main = path.join(__dirname, '..', '..', 'lib', 'cli', 'main.ts');
    const hook = path.join(__dirname, '..', 'cli', 'support', 'ts-register.js');
    for (const c of fc.sample(cliCase, { numRuns: 1, seed: SEED })) expect(childMutationBroken(c, main, hook)).toBeUndefined();
  });
});

test('checkPolicy never throws, whatever the objects', () => {
  const podish = fc.record({ kind: fc.constantFrom('Deployment', 'DaemonSet', 'Job', 'CronJob', 'Pod', 'ClusterRole', 'RoleBinding', 'Namespace'), metadata: fc.anything(), spec: fc.anything(), rules: fc.anything(), roleRef: fc.anything() }, { requiredKeys: ['kind'] });
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.anything(), podish), { maxLength: 4 }), (objs) => {
      const v = checkPolicy(objs);
      for (const x of v) if (x.path.length === 0) throw new Error(`violation without a path: ${JSON.stringify(x)}`);
    }),
    { numRuns: 300, seed: SEED },
  );
});

test('the sample exercises rejections (a property over only-accepted inputs would prove nothing)', () => {
  const plans = fc.sample(spec, { numRuns: RUNS, seed: SEED }).map((s) => ClusterNetwork.plan(s as never));
  const services = fc.sample(fc.tuple(service, opts), { numRuns: RUNS, seed: SEED }).map(([v, o]) => validate.service(v, o as never));
  expect(plans.filter((p) => !p.ok).length).toBeGreaterThan(RUNS / 2);
  expect(services.filter((f) => f.some((x) => x.severity === 'error')).length).toBeGreaterThan(RUNS / 2);
});
