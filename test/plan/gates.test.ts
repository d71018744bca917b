import { validate } from '../../lib/plan';
import { featureGateFindings } from '../../lib/plan/rules/gates';
import { contextOf } from '../../lib/plan/rules/common';
import { FEATURE_GATES, featureGateStatus, gateEnabled, KubernetesVersion } from '../../lib/plan/version';
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
    ['1.33', { SomethingElse: true }, ['feature-gate-untracked']],
    // issue 20: valid gates of their release are not "unknown"
    ['1.21', { EndpointSliceProxying: true }, []],
    ['1.17', { SupportIPVSProxyMode: true }, ['feature-gate-redundant']],
    ['1.18', { EndpointSlice: true }, []],
    ['1.18', { ServiceTopology: true }, ['feature-gate-alpha']],
    ['1.37', { KubeProxyIPVS: true }, ['feature-gate-deprecated']],
  ])('%s %j gives %j', (version, gates, expected) => {
    expect(codes(run(gates, version))).toEqual(expected);
  });

  test.each([
    ['fails when IPv6DualStack is set from 1.25 (removed)', '1.25', { IPv6DualStack: true }, 'feature-gate-removed'],
    ['fails when IPv6DualStack=false on 1.23 (locked)', '1.23', { IPv6DualStack: false }, 'feature-gate-locked'],
    ['fails when MultiCIDRServiceAllocator=false on 1.34 (locked)', '1.34', { MultiCIDRServiceAllocator: false }, 'feature-gate-locked'],
    ['fails when NFTablesProxyMode is set on 1.28 (does not exist yet)', '1.28', { NFTablesProxyMode: true }, 'feature-gate-not-yet'],
    ['fails when SupportIPVSProxyMode is set on 1.20 (removed by kubernetes#94514)', '1.20', { SupportIPVSProxyMode: true }, 'feature-gate-removed'],
    ['fails when EndpointSliceProxying is set on 1.25 (removed)', '1.25', { EndpointSliceProxying: true }, 'feature-gate-removed'],
    ['fails when ServiceTopology is set on 1.23 (removed)', '1.23', { ServiceTopology: true }, 'feature-gate-removed'],
    ['fails when KubeProxyIPVS is set on 1.36 (arrives in 1.37)', '1.36', { KubeProxyIPVS: true }, 'feature-gate-not-yet'],
    ...(['MultiCIDRServiceAllocator', 'DisableAllocatorDualWrite', 'NFTablesProxyMode', 'PreferSameTrafficDistribution'].map((g) => [
      `fails when ${g} is set on 1.38 (removed, kubernetes#141733 / #141762)`,
      '1.38',
      { [g]: true },
      'feature-gate-removed',
    ]) as [string, string, Record<string, boolean>, string][]),
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

  test.each(['MultiCIDRServiceAllocator', 'DisableAllocatorDualWrite', 'NFTablesProxyMode', 'PreferSameTrafficDistribution'])('accepts %s=true on 1.37 (still there, locked on)', (g) => {
    expect(run({ [g]: true }, '1.37').filter((x) => x.severity === 'error')).toEqual([]);
  });

  test.each([
    ['EndpointSliceProxying', '1.21', { tracked: true, exists: true, stage: 'beta', default: true, locked: false }],
    ['EndpointSliceProxying', '1.25', { tracked: true, exists: false, stage: 'removed', locked: false, removedIn: '1.25' }],
    ['SupportIPVSProxyMode', '1.19', { exists: true, stage: 'ga', default: true, locked: true }],
    ['SupportIPVSProxyMode', '1.20', { exists: false, stage: 'removed' }],
    ['TopologyAwareHints', '1.23', { exists: true, stage: 'beta', default: false }],
    ['TopologyAwareHints', '1.24', { exists: true, stage: 'beta', default: true }],
    ['StrictIPCIDRValidation', '1.35', { exists: true, stage: 'alpha', default: false }],
    ['StrictIPCIDRValidation', '1.36', { exists: true, stage: 'beta', default: true, locked: false }],
    ['StrictIPCIDRValidation', '1.38', { exists: true, stage: 'ga', default: true, locked: true }],
    ['KubeProxyIPVS', '1.36', { exists: false, stage: 'absent' }],
    ['KubeProxyIPVS', '1.37', { exists: true, stage: 'deprecated', default: true, locked: false }],
    ['NFTablesProxyMode', '1.37', { exists: true, stage: 'ga', locked: true }],
    ['NFTablesProxyMode', '1.38', { exists: false, stage: 'removed', removedIn: '1.38' }],
    ['NoSuchGate', '1.36', { tracked: false, exists: false, stage: 'untracked' }],
  ])('featureGateStatus(%s, %s)', (gate, version, expected) => {
    expect(featureGateStatus(gate, KubernetesVersion.parse(version))).toMatchObject(expected);
  });

  test.each([
    ['IPv6DualStack', '1.18', true],
    ['EndpointSlice', '1.18', false],
    ['NFTablesProxyMode', '1.33', false],
  ])('kubeadm featureGates: %s on %s exists in kubeadm\'s own list: %s', (gate, version, exists) => {
    const s = featureGateStatus(gate, KubernetesVersion.parse(version), 'kubeadm');
    expect(s.exists).toBe(exists);
    expect(s.notInComponent).toBe(exists ? undefined : 'kubeadm');
    expect(featureGateStatus(gate, KubernetesVersion.parse(version), 'kube-proxy').exists).toBe(true);
  });

  test('every tracked gate names its components and source, and its stages are in order', () => {
    const order = (v?: string) => (v === undefined ? undefined : Number(v.split('.')[1]));
    for (const [name, h] of Object.entries(FEATURE_GATES)) {
      expect([name, h.components.length > 0, h.source.length > 0]).toEqual([name, true, true]);
      const stages = [h.alpha, h.beta, h.ga, h.removed].map(order).filter((x): x is number => x !== undefined);
      expect([name, stages]).toEqual([name, [...stages].sort((a, b) => a - b)]);
    }
  });

  test('validators take gates from opts', () => {
    expect(validate.serviceClusterIPRange('10.96.0.0/12', { featureGates: 'yes' as never }).map((x) => x.code)).toContain('feature-gates-type');
  });
});
