import { KubeProxyConfigurationOptions, validate } from '../../lib/plan';
import { errorCodes, warningCodes } from './helpers';

const doc = (extra: Record<string, unknown>) => ({ apiVersion: 'kubeproxy.config.k8s.io/v1alpha1', kind: 'KubeProxyConfiguration', ...extra });

// Verdicts of pkg/proxy/apis/config/validation/validation.go.
describe('validate.kubeProxyConfiguration', () => {
  test.each([
    [{ mode: 'iptables' }, {}],
    [{ mode: 'ipvs', clusterCIDR: '172.16.0.0/16,fc00::/48' }, {}],
    [{ mode: 'nftables' }, { kubernetesVersion: '1.31' }],
    [{ mode: 'nftables' }, { kubernetesVersion: '1.29', featureGates: { NFTablesProxyMode: true } }],
    [{ mode: 'nftables', featureGates: { NFTablesProxyMode: true } }, { kubernetesVersion: '1.30' }],
    [{ mode: 'userspace' }, { kubernetesVersion: '1.25' }],
    [{ mode: 'kernelspace' }, { os: 'windows' }],
    [{ mode: '' }, {}],
    [{ nodePortAddresses: ['primary'] }, { kubernetesVersion: '1.31' }],
    [{ nodePortAddresses: ['2003:ac18::30a:2/64', '192.168.101.53/24'] }, {}],
    [{ bindAddress: '::', healthzBindAddress: '[::]:10256', metricsBindAddress: '0.0.0.0' }, {}],
    [{ detectLocalMode: 'InterfaceNamePrefix', detectLocal: { interfaceNamePrefix: 'cali' } }, {}],
    [{ clusterCIDR: '10.244.0.0/16' }, { kubernetesVersion: '1.18' }],
  ])('accepts %j with %j', (config, opts) => {
    expect(errorCodes(validate.kubeProxyConfiguration(doc(config), opts as KubeProxyConfigurationOptions))).toEqual([]);
  });

  test.each([
    ['fails when mode is userspace from 1.26', { mode: 'userspace' }, {}, 'kube-proxy-mode'],
    ['fails when mode is nftables before 1.29', { mode: 'nftables' }, { kubernetesVersion: '1.28' }, 'kube-proxy-mode'],
    ['fails when mode is nftables on 1.30 without the gate', { mode: 'nftables' }, { kubernetesVersion: '1.30' }, 'kube-proxy-mode'],
    ['fails when mode is iptables on windows', { mode: 'iptables' }, { os: 'windows' }, 'kube-proxy-mode'],
    ['fails when mode is kernelspace on linux', { mode: 'kernelspace' }, {}, 'kube-proxy-mode'],
    ['fails when "primary" is mixed with CIDRs', { nodePortAddresses: ['primary', '10.0.0.0/8'] }, {}, 'node-port-addresses-primary'],
    ['fails when "primary" is used before 1.31', { nodePortAddresses: ['primary'] }, { kubernetesVersion: '1.30' }, 'node-port-address'],
    ['fails when a nodePortAddress is a bare IP', { nodePortAddresses: ['192.168.101.53'] }, {}, 'node-port-address'],
    ['fails when clusterCIDR has two CIDRs on 1.20 without the gate', { clusterCIDR: '10.244.0.0/16,fd12::/48' }, { kubernetesVersion: '1.20' }, 'cluster-cidr-dual-stack-gate'],
    ['fails when clusterCIDR has two IPv4 CIDRs', { clusterCIDR: '10.244.0.0/16,10.245.0.0/16' }, {}, 'cidrs-same-family'],
    ['fails when bindAddress is not an IP', { bindAddress: 'localhost' }, {}, 'bind-address'],
    ['fails when an IPv6 metricsBindAddress is not bracketed', { metricsBindAddress: '::1:10249' }, {}, 'host-port'],
    ['fails when the healthz port is 0', { healthzBindAddress: '0.0.0.0:0' }, {}, 'host-port-port'],
    ['fails when detectLocalMode is unknown', { detectLocalMode: 'PodCIDR' }, {}, 'detect-local-mode'],
    ['fails when BridgeInterface has no interface', { detectLocalMode: 'BridgeInterface' }, {}, 'detect-local-interface'],
    ['fails when featureGates sets the removed IPv6DualStack', { featureGates: { IPv6DualStack: true } }, {}, 'feature-gate-removed'],
  ])('%s', (_name, config, opts, code) => {
    expect(errorCodes(validate.kubeProxyConfiguration(doc(config), opts as KubeProxyConfigurationOptions))).toContain(code);
  });

  test('nodePortAddresses with host bits (field report §5) are accepted with a warning', () => {
    const f = validate.kubeProxyConfiguration(doc({ nodePortAddresses: ['2003:ac18::30a:2/64'] }));
    expect(errorCodes(f)).toEqual([]);
    expect(warningCodes(f)).toEqual(['node-port-address-host-bits']);
  });
});
