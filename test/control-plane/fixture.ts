import type { ClusterNetworkSpec, NodeSpec } from '../../lib/plan/spec';

/**
 * The field report's cluster (services 10.96.0.0/12,fd00::/108; pods 172.16.0.0/16,fc00::/48;
 * node53 192.168.101.53/24 + 2003:ac18::30a:2/64, IPv6 gateway 2003:ac18::30a:254). Local to this
 * area's tests until test/fixtures/field-report.ts exists.
 */
export const NODE53: NodeSpec = {
  name: 'node53',
  ipv4: '192.168.101.53/24',
  ipv6: '2003:ac18::30a:2/64',
  ipv6DefaultGateway: '2003:ac18::30a:254',
  controlPlane: true,
  interface: 'enp129s0f0',
};

/** A worker added for join tests (same networks). */
export const NODE54: NodeSpec = {
  name: 'node54',
  ipv4: '192.168.101.54/24',
  ipv6: '2003:ac18::30a:3/64',
  ipv6DefaultGateway: '2003:ac18::30a:254',
  interface: 'eth0',
};

export function fieldReportSpec(overrides: Partial<ClusterNetworkSpec> = {}): ClusterNetworkSpec {
  const version = overrides.kubernetesVersion ?? '1.33';
  // The plan requires the alpha gate written out before 1.21, as the field report did (§4).
  const m = /^v?1\.(\d+)/.exec(version);
  const alpha = m !== null && Number(m[1]) >= 16 && Number(m[1]) <= 20;
  return {
    kubernetesVersion: version,
    podCidrs: ['172.16.0.0/16', 'fc00::/48'],
    serviceCidrs: ['10.96.0.0/12', 'fd00::/108'],
    nodes: [NODE53],
    ...(alpha ? { featureGates: { IPv6DualStack: true } } : {}),
    ...overrides,
  };
}

/** The version lines every area is checked on. */
export const VERSION_LINES = ['1.16', '1.20', '1.23', '1.27', '1.31', '1.33'] as const;
