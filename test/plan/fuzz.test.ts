import fc from 'fast-check';
import { junk, networkingDocument, opts, proxyDocument, serviceDocument, spec } from '../../bench/fuzz-cases';
import { ClusterNetwork, Finding, validate } from '../../lib/plan';

// Arbitrary junk and near-miss network text (the generators of `npm run fuzz`, bench/fuzz-cases.ts):
// validators and the plan never throw, and every finding names a field.

function wellFormed(findings: Finding[]): void {
  expect(Array.isArray(findings)).toBe(true);
  for (const f of findings) {
    expect(typeof f.path).toBe('string');
    expect(f.path.length).toBeGreaterThan(0);
    expect(f.message.length).toBeGreaterThan(0);
    expect(f.code).not.toBe('internal-error');
  }
}

const RUNS = { numRuns: 300 };

describe('fuzzing', () => {
  test.each([
    ['serviceClusterIPRange', (v: unknown, o: unknown) => validate.serviceClusterIPRange(v, o as never)],
    ['clusterCIDR', (v: unknown, o: unknown) => validate.clusterCIDR(v, o as never)],
    ['kubeProxyConfiguration', (v: unknown, o: unknown) => validate.kubeProxyConfiguration(v, o as never)],
    ['kubeadmNetworking', (v: unknown, o: unknown) => validate.kubeadmNetworking(v, o as never)],
    ['service', (v: unknown, o: unknown) => validate.service(v, o as never)],
  ])('validate.%s never throws on junk', (_name, fn) => {
    fc.assert(fc.property(junk, opts, (v, o) => wellFormed(fn(v, o))), RUNS);
  });

  test('structured documents with junk fields', () => {
    fc.assert(fc.property(proxyDocument, opts, (c, o) => wellFormed(validate.kubeProxyConfiguration(c, o as never))), RUNS);
    fc.assert(fc.property(serviceDocument, opts, (s, o) => wellFormed(validate.service(s, o as never))), RUNS);
    fc.assert(fc.property(networkingDocument, opts, (n, o) => wellFormed(validate.kubeadmNetworking(n, o as never))), RUNS);
  });

  test('ClusterNetwork.plan never throws on junk specs', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const p = ClusterNetwork.plan(s as never);
        wellFormed([...p.findings]);
      }),
      RUNS,
    );
  });
});
