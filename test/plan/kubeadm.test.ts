import { validate } from '../../lib/plan';
import { errorCodes, warningCodes } from './helpers';

// Verdicts of cmd/kubeadm/app/apis/kubeadm/validation/validation.go (ValidateNetworking).
describe('validate.kubeadmNetworking', () => {
  test.each([
    [{ podSubnet: '172.16.0.0/16,fc00::/48', serviceSubnet: '10.96.0.0/12,fd00::/108', dnsDomain: 'cluster.local' }, {}],
    [{ podSubnet: '10.244.0.0/16' }, {}],
    [{ serviceSubnet: 'fd12:3456:789a:1::/112' }, {}],
    [{ podSubnet: 'fd12::/32' }, { allocateNodeCidrs: false }],
    [{}, {}],
  ])('accepts %j with %j', (networking, opts) => {
    expect(errorCodes(validate.kubeadmNetworking(networking, opts))).toEqual([]);
  });

  test.each([
    ['fails when the IPv4 pod subnet is more than 16 bits from the node mask (kubeadm checks both families)', { podSubnet: '10.0.0.0/4' }, {}, 'node-mask-too-far'],
    ['fails when the IPv6 pod subnet is more than 16 bits from the node mask', { podSubnet: 'fd12::/32' }, {}, 'node-mask-too-far'],
    ['fails when the node mask is shorter than the pod subnet', { podSubnet: '10.244.0.0/25' }, {}, 'node-mask-shorter-than-cluster'],
    ['fails when the service subnet has more than 20 host bits', { serviceSubnet: 'fd00::/64' }, { kubernetesVersion: '1.34' }, 'service-subnet-too-large'],
    ['fails when the service subnet holds fewer than 10 addresses', { serviceSubnet: '10.96.0.0/29' }, {}, 'subnet-too-small'],
    ['fails when the pod subnet holds fewer than 14 addresses', { podSubnet: '10.244.0.0/29' }, { nodeCidrMaskSizeIPv4: 30 }, 'subnet-too-small'],
    ['fails when the pod subnet has two IPv4 CIDRs', { podSubnet: '10.244.0.0/16,10.245.0.0/16' }, {}, 'cidrs-same-family'],
    ['fails when dnsDomain is not a DNS subdomain', { dnsDomain: 'Cluster_Local' }, {}, 'dns-domain'],
    ['fails when the pod subnet has three entries', { podSubnet: '10.244.0.0/16,fd12::/48,10.1.0.0/16' }, {}, 'cidrs-count'],
  ])('%s', (_name, networking, opts, code) => {
    expect(errorCodes(validate.kubeadmNetworking(networking, opts))).toContain(code);
  });

  test('fec0::/10 gets kubeadm\'s own site-local warning', () => {
    expect(warningCodes(validate.kubeadmNetworking({ serviceSubnet: 'fec0::/112' }))).toContain('range-site-local');
  });
});
