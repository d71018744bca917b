/**
 * Issue 19 §3: the plan of many nodes on distinct networks is linear. Not a timed test (speed is
 * bench/plan.bench.ts and BENCHMARKS.md): it counts the CIDR comparisons the plan makes, which
 * grew with the square of the node count (node networks deduplicated by scanning the list, every
 * pair of ranges compared for overlap).
 */
import { Cidr } from '../../lib/net/cidr';
import { ClusterNetwork, ClusterNetworkSpec } from '../../lib/plan';

/** n nodes, each on its own IPv4 /30 and IPv6 /64. */
function distinct(n: number): ClusterNetworkSpec {
  return {
    podCidrs: ['10.128.0.0/10', 'fd9c:1a2b:3c4d::/48'],
    serviceCidrs: ['10.96.0.0/12', 'fd9c:1a2b:3c4e::/108'],
    nodes: Array.from({ length: n }, (_, i) => ({
      name: `node-${i}`,
      ipv4: `172.${16 + (i >> 14)}.${(i >> 6) & 255}.${(i & 63) * 4 + 1}/30`,
      ipv6: `2001:db8:${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}::1/64`,
    })),
  };
}

function comparisons(spec: ClusterNetworkSpec): { calls: number; plan: ClusterNetwork } {
  const methods = ['overlaps', 'contains', 'equals', 'compare'] as const;
  const spies = methods.map((m) => jest.spyOn(Cidr.prototype, m));
  try {
    const plan = ClusterNetwork.plan(spec);
    return { calls: spies.reduce((n, s) => n + s.mock.calls.length, 0), plan };
  } finally {
    for (const s of spies) s.mockRestore();
  }
}

test('fails when the plan compares node networks pairwise (CIDR comparisons grow linearly with distinct networks)', () => {
  const small = comparisons(distinct(1000));
  const large = comparisons(distinct(4000));
  expect(small.plan.nodeNetworks).toHaveLength(2000);
  expect(large.plan.nodeNetworks).toHaveLength(8000);
  expect(large.plan.ok).toBe(true);
  // n log n for the sorts: 4× the nodes may cost ~4.8× the comparisons; pairwise cost 16×.
  expect(large.calls / small.calls).toBeLessThan(6);
  expect(large.calls).toBeLessThan(4000 * 150);
});

test('node networks keep their meaning: a node inside a listed network adds none, order is primary family then numeric', () => {
  const plan = ClusterNetwork.plan({
    podCidrs: ['10.244.0.0/16'],
    serviceCidrs: ['10.96.0.0/12'],
    nodeNetworks: ['192.168.0.0/16'],
    nodes: [
      { name: 'b', ipv4: '192.168.5.1/24' },
      { name: 'a', ipv4: '172.16.0.9/24' },
      { name: 'c', ipv4: '172.16.0.10/28' },
      { name: 'd', ipv4: '172.16.1.10/24' },
    ],
  });
  expect(plan.nodeNetworks.map(String)).toEqual(['172.16.0.0/24', '172.16.1.0/24', '192.168.0.0/16']);
});

test('overlaps between pod, service and node ranges are all still reported, in range order', () => {
  const plan = ClusterNetwork.plan({ podCidrs: ['10.0.0.0/8'], serviceCidrs: ['10.96.0.0/12'], nodeNetworks: ['10.96.1.0/24', '10.1.0.0/16'] });
  expect(plan.findings.filter((f) => f.code === 'ranges-overlap').map((f) => f.message.slice(0, f.message.indexOf(';')))).toEqual([
    'serviceCidrs[0]: the service range "10.96.0.0/12" overlaps the pod range podCidrs[0] "10.0.0.0/8"',
    'nodeNetworks[0]: the node network "10.1.0.0/16" overlaps the pod range podCidrs[0] "10.0.0.0/8"',
    'nodeNetworks[1]: the node network "10.96.1.0/24" overlaps the pod range podCidrs[0] "10.0.0.0/8"',
    'nodeNetworks[1]: the node network "10.96.1.0/24" overlaps the service range serviceCidrs[0] "10.96.0.0/12"',
  ]);
});
