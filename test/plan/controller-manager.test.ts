import { validate } from '../../lib/plan';
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

  test('the 16-bit fix names the widest cluster prefix that works', () => {
    const f = validate.clusterCIDR('fd12::/32').find((x) => x.code === 'node-mask-too-far')!;
    expect(f.path).toBe('--node-cidr-mask-size-ipv6');
    expect(f.fix).toContain('/48');
  });

  test('a service range inside the cluster CIDR is only a warning', () => {
    const f = validate.clusterCIDR('10.0.0.0/8', { serviceClusterIPRange: '10.96.0.0/12' });
    expect(errorCodes(f)).toEqual([]);
    expect(f.map((x) => x.code)).toContain('cluster-cidr-service-overlap');
  });
});
