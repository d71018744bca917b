import { validate } from '../../lib/plan';
import { featureGateFindings } from '../../lib/plan/rules/gates';
import { contextOf } from '../../lib/plan/rules/common';
import { gateEnabled, KubernetesVersion } from '../../lib/plan/version';
import { codes } from './helpers';

const run = (gates: Record<string, boolean>, version: string) =>
  featureGateFindings(gates, contextOf(KubernetesVersion.parse(version), gates), (n) => `featureGates.${n}`, 'featureGates');

// component-base feature_gate.go SetFromMap + the stages of pkg/features/kube_features.go.
describe('feature gates', () => {
  test.each([
    ['1.18', { IPv6DualStack: true }, ['feature-gate-alpha']],
    ['1.21', { IPv6DualStack: true }, []],
    ['1.23', { IPv6DualStack: true }, ['feature-gate-redundant']],
    ['1.33', { MultiCIDRServiceAllocator: false }, ['feature-gate-ga-off']],
    ['1.33', { NFTablesProxyMode: true }, ['feature-gate-redundant']],
    ['1.33', { SomethingElse: true }, ['feature-gate-unknown']],
  ])('%s %j gives %j', (version, gates, expected) => {
    expect(codes(run(gates, version))).toEqual(expected);
  });

  test.each([
    ['fails when IPv6DualStack is set from 1.25 (removed)', '1.25', { IPv6DualStack: true }, 'feature-gate-removed'],
    ['fails when IPv6DualStack=false on 1.23 (locked)', '1.23', { IPv6DualStack: false }, 'feature-gate-locked'],
    ['fails when MultiCIDRServiceAllocator=false on 1.34 (locked)', '1.34', { MultiCIDRServiceAllocator: false }, 'feature-gate-locked'],
    ['fails when NFTablesProxyMode is set on 1.28 (does not exist yet)', '1.28', { NFTablesProxyMode: true }, 'feature-gate-not-yet'],
  ])('%s', (_name, version, gates, code) => {
    const f = run(gates, version);
    expect(f.map((x) => [x.severity, x.code])).toContainEqual(['error', code]);
  });

  test('the removed-gate message says it was removed', () => {
    expect(run({ IPv6DualStack: true }, '1.25')[0].message).toMatch(/removed in Kubernetes 1\.25/);
  });

  test.each([
    ['IPv6DualStack', '1.20', {}, false],
    ['IPv6DualStack', '1.21', {}, true],
    ['IPv6DualStack', '1.22', { IPv6DualStack: false }, false],
    ['IPv6DualStack', '1.24', { IPv6DualStack: false }, true],
    ['MultiCIDRServiceAllocator', '1.33', { MultiCIDRServiceAllocator: false }, false],
    ['MultiCIDRServiceAllocator', '1.34', { MultiCIDRServiceAllocator: false }, true],
    ['DisableAllocatorDualWrite', '1.33', {}, false],
    ['DisableAllocatorDualWrite', '1.34', {}, true],
  ])('gateEnabled(%s, %s, %j) is %s', (gate, version, overrides, expected) => {
    expect(gateEnabled(gate, KubernetesVersion.parse(version), overrides)).toBe(expected);
  });

  test('validators take gates from opts', () => {
    expect(validate.serviceClusterIPRange('10.96.0.0/12', { featureGates: 'yes' as never }).map((x) => x.code)).toContain('feature-gates-type');
  });
});
