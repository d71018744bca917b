import { validate } from '../../lib/plan';
import { ClusterNetwork } from '../../lib/plan/network';
import { controllerManagerPlanRule } from '../../lib/plan/rules/controller-manager';
import { errorCodes } from './helpers';

// Verdicts of cmd/kube-controller-manager/app/core.go and pkg/controller/nodeipam/ipam/cidrset/cidr_set.go.
describe('validate.clusterCIDR', () => {
  test.each([
    ['172.16.0.0/16,fc00::/48', { nodeCidrMaskSizeIPv4: 24, nodeCidrMaskSizeIPv6: 64 }],
    ['10.244.0.0/16', {}],
    ['10.0.0.0/4', { nodeCidrMaskSize: 24 }], // IPv4 has no 16-bit cap in kube-controller-manager
    ['fd12:3456:789a::/56', {}],
    ['fd12:3456:789a::/56', { nodeCidrMaskSizeIPv6: 72 }],
    ['fd12::/48,10.244.0.0/16', {}],
    [' 10.244.0.0/16 ', {}], // processCIDRs trims the whole flag
  ])('accepts %s with %j', (value, opts) => {
    expect(errorCodes(validate.clusterCIDR(value, opts))).toEqual([]);
  });

  test.each([
    ['fails when the IPv6 node mask is more than 16 bits past the cluster prefix', 'fd12::/32', {}, 'node-mask-too-far'],
    ['fails when the IPv6 node mask is shorter than the cluster prefix', 'fd12:3456:789a::/56', { nodeCidrMaskSizeIPv6: 48 }, 'node-mask-shorter-than-cluster'],
    ['fails when the IPv4 node mask is shorter than the cluster prefix', '10.244.0.0/16', { nodeCidrMaskSizeIPv4: 12 }, 'node-mask-shorter-than-cluster'],
    ['fails when --node-cidr-mask-size is used with dual-stack', '10.244.0.0/16,fd12::/48', { nodeCidrMaskSize: 24 }, 'node-mask-flags'],
    ['fails when the IPv6 flag is given to an IPv4 cluster', '10.244.0.0/16', { nodeCidrMaskSizeIPv6: 64 }, 'node-mask-flags'],
    ['fails when the IPv4 flag is given to an IPv6 cluster', 'fd12::/48', { nodeCidrMaskSizeIPv4: 24 }, 'node-mask-flags'],
    ['fails when both CIDRs are IPv6', 'fd12::/48,fd13::/48', {}, 'cidrs-same-family'],
    ['fails when dual-stack is used on 1.19 without the gate', '10.244.0.0/16,fd12::/48', { kubernetesVersion: '1.19' }, 'dual-stack-gate-off'],
    ['fails when the node mask is longer than the address', '10.244.0.0/16', { nodeCidrMaskSizeIPv4: 33 }, 'node-mask-range'],
    ['fails when the cluster CIDR is missing', '', {}, 'cluster-cidr-missing'],
  ])('%s', (_name, value, opts, code) => {
    expect(errorCodes(validate.clusterCIDR(value, opts))).toContain(code);
  });

  describe('1.16: one --node-cidr-mask-size for both families (per-family flags from 1.17, kubernetes#79993)', () => {
    const v116 = { kubernetesVersion: '1.16', featureGates: { IPv6DualStack: true } };
    test.each([
      ['10.244.0.0/16', {}],
      ['10.244.0.0/16', { nodeCidrMaskSize: 24 }],
      ['fd12:3456:789a::/56', { nodeCidrMaskSize: 64 }],
      ['10.0.0.0/8,fd00::/20', { nodeCidrMaskSize: 24 }], // one mask that fits both ranges
    ])('accepts %s with %j', (value, opts) => {
      expect(errorCodes(validate.clusterCIDR(value, { ...v116, ...opts }))).toEqual([]);
    });
    test.each([
      ['fails when --node-cidr-mask-size-ipv4 is given to 1.16', '172.16.0.0/16,fc00::/48', { nodeCidrMaskSizeIPv4: 24 }, ['node-mask-flag-unknown', 'node-mask-single-dual-stack']],
      ['fails when --node-cidr-mask-size-ipv6 is given to 1.16', '172.16.0.0/16,fc00::/48', { nodeCidrMaskSizeIPv4: 24, nodeCidrMaskSizeIPv6: 64 }, ['node-mask-flag-unknown', 'node-mask-flag-unknown', 'node-mask-single-dual-stack']],
      ['fails when a single-stack 1.16 cluster gets a per-family flag', '10.244.0.0/16', { nodeCidrMaskSizeIPv4: 24 }, ['node-mask-flag-unknown']],
      ['fails when the default /24 is applied to a /48 IPv6 cluster CIDR', '172.16.0.0/16,fc00::/48', {}, ['node-mask-single-dual-stack']],
      ['fails when /64 is applied to the IPv4 cluster CIDR', '172.16.0.0/16,fc00::/48', { nodeCidrMaskSize: 64 }, ['node-mask-single-dual-stack']],
      ['fails when the one mask is more than 16 bits past the IPv6 prefix', '10.0.0.0/8,fd00::/4', { nodeCidrMaskSize: 24 }, ['node-mask-single-dual-stack']],
    ])('%s', (_name, value, opts, codes) => {
      expect(errorCodes(validate.clusterCIDR(value, { ...v116, ...opts }))).toEqual(codes);
    });
    test('the unknown flag and the single mask name 1.17', () => {
      const f = validate.clusterCIDR('172.16.0.0/16,fc00::/48', { ...v116, nodeCidrMaskSizeIPv6: 64 });
      expect(f.find((x) => x.code === 'node-mask-flag-unknown')).toMatchObject({ path: '--node-cidr-mask-size-ipv6', fix: expect.stringContaining('1.17 or later') });
      expect(f.find((x) => x.code === 'node-mask-single-dual-stack')).toMatchObject({ path: '--node-cidr-mask-size', message: expect.stringContaining('"fc00::/48"'), fix: expect.stringContaining('1.17 or later') });
    });
    test('1.17 accepts the per-family flags', () => {
      expect(errorCodes(validate.clusterCIDR('172.16.0.0/16,fc00::/48', { kubernetesVersion: '1.17', featureGates: { IPv6DualStack: true }, nodeCidrMaskSizeIPv4: 24, nodeCidrMaskSizeIPv6: 64 }))).toEqual([]);
    });
  });

  test('the 16-bit fix names the widest cluster prefix that works', () => {
    const f = validate.clusterCIDR('fd12::/32').find((x) => x.code === 'node-mask-too-far')!;
    expect(f.path).toBe('--node-cidr-mask-size-ipv6');
    expect(f.fix).toContain('/48');
  });

  test('a service range inside the cluster CIDR is only a warning', () => {
    const f = validate.clusterCIDR('10.0.0.0/8', { serviceClusterIPRange: '10.96.0.0/12' });
    expect(errorCodes(f)).toEqual([]);
    expect(f.map((x) => x.code)).toContain('cluster-cidr-service-overlap');
    expect(validate.clusterCIDR('10.0.0.0/8', { kubernetesVersion: '1.16', serviceClusterIPRange: '10.96.0.0/12' }).map((x) => x.code)).toContain('cluster-cidr-service-overlap');
  });
});

describe('controllerManagerPlanRule', () => {
  const spec = (v: string, extra = {}) => ({ kubernetesVersion: v, podCidrs: ['172.16.0.0/16', 'fc00::/48'], serviceCidrs: ['10.96.0.0/12', 'fd00::/108'], featureGates: { IPv6DualStack: true }, ...extra });
  test('fails when a dual-stack plan targets 1.16: its one mask (the primary family\'s /24) cannot cut fc00::/48', () => {
    expect(controllerManagerPlanRule(ClusterNetwork.plan(spec('1.16'))).filter((f) => f.severity === 'error')).toEqual([
      expect.objectContaining({ severity: 'error', code: 'node-mask-single-dual-stack', path: 'kubernetesVersion', message: expect.stringMatching(/\/24 \(nodeMaskIPv4.*podCidrs\[1\] "fc00::\/48"/), fix: expect.stringContaining('target Kubernetes 1.17 or later') }),
    ]);
  });
  test('1.17 and single-stack 1.16 plans have no such error', () => {
    expect(errorCodes(controllerManagerPlanRule(ClusterNetwork.plan(spec('1.17'))))).toEqual([]);
    expect(errorCodes(controllerManagerPlanRule(ClusterNetwork.plan({ kubernetesVersion: '1.16', podCidrs: ['172.16.0.0/16'], serviceCidrs: ['10.96.0.0/12'] })))).toEqual([]);
  });
  test('a 1.16 layout the one mask fits passes', () => {
    expect(errorCodes(controllerManagerPlanRule(ClusterNetwork.plan(spec('1.16', { podCidrs: ['10.0.0.0/8', 'fd00::/20'], nodeMaskIPv6: 24 }))))).toEqual([]);
  });
});
