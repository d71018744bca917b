/**
 * Plan + every validator for a 5,000-node, 10,000-Service cluster (validate.service on each
 * Service). Goal ≤ 50 ms. Prints the median of several runs; a measurement, never a failure.
 */
import { performance } from 'perf_hooks';
import { ClusterNetwork, ClusterNetworkSpec, validate } from '../lib/plan';

const NODES = 5000;
const SERVICES = 10000;
const RUNS = 9;

const spec: ClusterNetworkSpec = {
  kubernetesVersion: '1.33',
  podCidrs: ['10.128.0.0/10', 'fd9c:1a2b:3c4d::/48'],
  serviceCidrs: ['10.96.0.0/12', 'fd9c:1a2b:3c4e::/108'],
  nodes: Array.from({ length: NODES }, (_, i) => ({
    name: `node-${i}`,
    ipv4: `192.168.${i >> 8}.${i & 255}/16`,
    ipv6: `2001:db8:1::${(i + 1).toString(16)}/64`,
    ipv6DefaultGateway: '2001:db8:1::ffff',
    controlPlane: i === 0,
  })),
  expectedServices: SERVICES,
};

const policies = ['SingleStack', 'PreferDualStack', 'RequireDualStack', undefined];
const services = Array.from({ length: SERVICES }, (_, i) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: `svc-${i}` },
  spec: {
    selector: { app: `app-${i}` },
    ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }],
    ipFamilyPolicy: policies[i % 4],
    ...(i % 5 === 0 ? { clusterIP: `10.96.${(i >> 8) & 255}.${(i & 255) || 1}` } : {}),
  },
}));

function once(): { ms: number; findings: number } {
  const t0 = performance.now();
  const plan = ClusterNetwork.plan(spec);
  let findings = plan.findings.length;
  const serviceCidrs = plan.serviceCidrs.map((c) => c.toString());
  findings += validate.serviceClusterIPRange(serviceCidrs.join(','), { advertiseAddress: '192.168.0.0' }).length;
  findings += validate.clusterCIDR(plan.podCidrs.join(','), { nodeCidrMaskSizeIPv4: 24, nodeCidrMaskSizeIPv6: 64 }).length;
  findings += validate.kubeadmNetworking({ podSubnet: plan.podCidrs.join(','), serviceSubnet: serviceCidrs.join(','), dnsDomain: 'cluster.local' }).length;
  findings += validate.kubeProxyConfiguration({ apiVersion: 'kubeproxy.config.k8s.io/v1alpha1', kind: 'KubeProxyConfiguration', mode: 'nftables', clusterCIDR: plan.podCidrs.join(','), nodePortAddresses: ['primary'] }).length;
  for (const s of services) findings += validate.service(s, { serviceCidrs }).length;
  return { ms: performance.now() - t0, findings };
}

once(); // warm-up (JIT)
const times: number[] = [];
let findings = 0;
for (let i = 0; i < RUNS; i++) {
  const r = once();
  times.push(r.ms);
  findings = r.findings;
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`plan + validators, ${NODES} nodes, ${SERVICES} Services: median ${median.toFixed(1)} ms over ${RUNS} runs (min ${times[0].toFixed(1)}, max ${times[times.length - 1].toFixed(1)}; goal ≤ 50 ms) — ${findings} findings`);

// Issue 19 §3: 100,000 nodes, each on a network of its own (IPv4 /30, IPv6 /64), against the same
// nodes on two shared networks. The plan deduplicated node networks by scanning the list and compared
// every pair of ranges for overlap: 176 s for distinct networks, 0.7 s shared. Goal: within 3×.
const BIG = 100_000;
function bigSpec(distinct: boolean): ClusterNetworkSpec {
  return {
    kubernetesVersion: '1.33',
    // No pod range can hold 100,000 nodes (the controller-manager allows 16 node-mask bits):
    // the plan's only errors are `capacity-nodes`, checked below.
    podCidrs: ['10.128.0.0/10', 'fd9c:1a2b:3c4d::/48'],
    serviceCidrs: ['10.96.0.0/12', 'fd9c:1a2b:3c4e::/108'],
    nodes: Array.from({ length: BIG }, (_, i) => ({
      name: `node-${i}`,
      ipv4: distinct ? `172.${16 + (i >> 14)}.${(i >> 6) & 255}.${(i & 63) * 4 + 1}/30` : `172.${16 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}/12`,
      ipv6: distinct ? `2001:db8:${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}::1/64` : `2001:db8:1::${((i >> 16) + 1).toString(16)}:${(i & 0xffff).toString(16)}/64`,
    })),
  };
}
const BIG_RUNS = 5;
const specs = { shared: bigSpec(false), distinct: bigSpec(true) };
const bigTimes: Record<'shared' | 'distinct', number[]> = { shared: [], distinct: [] };
const networks: Record<string, number> = {};
for (let i = 0; i <= BIG_RUNS; i++) {
  for (const kind of ['shared', 'distinct'] as const) {
    const t0 = performance.now();
    const plan = ClusterNetwork.plan(specs[kind]);
    const ms = performance.now() - t0;
    networks[kind] = plan.nodeNetworks.length;
    const other = plan.findings.find((f) => f.severity === 'error' && f.code !== 'capacity-nodes');
    if (other) throw new Error(`the ${kind} 100k plan has an unexpected error: ${other.message}`);
    if (i > 0) bigTimes[kind].push(ms); // the first round warms up
  }
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const shared = med(bigTimes.shared);
const distinct = med(bigTimes.distinct);
console.log(
  `plan, ${BIG} nodes: shared networks (${networks.shared}) median ${shared.toFixed(0)} ms, distinct networks (${networks.distinct}) median ${distinct.toFixed(0)} ms over ${BIG_RUNS} interleaved runs — ${(distinct / shared).toFixed(2)}× (goal ≤ 3×)`,
);
