import type { Finding } from '../plan/findings';
import type { ClusterNetwork } from '../plan/network';
import { IpFamily } from '../plan/spec';
import { formatCount, formatFindingsMarkdown, formatFindingsText, markdownTable, summarize, textTable } from './format';
import { Style } from './io';
import { planToJson } from './plan-json';

/**
 * The plan as rows: one row per property, one column per family (primary first), so the two
 * families of a dual-stack cluster read side by side.
 */
export function planRows(plan: ClusterNetwork): string[][] {
  const fams = plan.capacity.families;
  const head = ['', ...fams.map((c) => `${c.family}${plan.isDualStack && c.family === plan.primaryFamily ? ' (primary)' : ''}`)];
  const row = (label: string, cell: (c: (typeof fams)[number]) => string) => [label, ...fams.map(cell)];
  return [
    head,
    row('pod network', (c) => c.podCidr?.toString() ?? '-'),
    row('service network', (c) => c.serviceCidr?.toString() ?? '-'),
    row('node networks', (c) => plan.nodeNetworksOf(c.family).map(String).join(', ') || '-'),
    row('node mask', (c) => `/${c.nodeMask}`),
    row('nodes possible', (c) => formatCount(c.nodesPossible)),
    row('pods per node', (c) => `${c.podsPerNode} (${formatCount(c.addressesPerNode)} addresses per node)`),
    row('ClusterIPs', (c) =>
      !c.serviceCidr
        ? '-'
        : c.legacyAllocatorCapped
          ? `${formatCount(c.clusterIPs)} (legacy allocator cap 2^16; the range has ${formatCount(c.serviceAddresses)})`
          : `${formatCount(c.clusterIPs)}${c.family === IpFamily.IPV6 && c.serviceAddresses >= 65536n ? ' (no legacy 2^16 cap: the bitmap allocator is retired)' : ''}`,
    ),
    row('kubernetes.default', (c) => c.kubernetesServiceIP?.toString() ?? '-'),
    row('cluster DNS', (c) => c.dnsServiceIP?.toString() ?? '-'),
  ];
}

function nodeRows(plan: ClusterNetwork): string[][] {
  const cp = plan.controlPlaneNode;
  return [
    ['node', 'role', 'IPv4', 'IPv6', 'IPv6 default gateway'],
    ...plan.nodes.map((n) => [
      n.name,
      n === cp ? 'control-plane' : 'worker',
      n.ipv4 ? `${n.ipv4.address}${n.ipv4.network ? `/${n.ipv4.network.prefix}` : ''}` : '-',
      n.ipv6 ? `${n.ipv6.address}${n.ipv6.network ? `/${n.ipv6.network.prefix}` : ''}` : '-',
      n.ipv6DefaultGateway?.toString() ?? '-',
    ]),
  ];
}

function headline(plan: ClusterNetwork): string {
  const stack = plan.families.length === 0 ? 'no family' : plan.isDualStack ? `dual-stack, primary ${plan.primaryFamily}` : `single-stack ${plan.primaryFamily}`;
  return `Kubernetes ${plan.version}, ${stack}, maxPods ${plan.maxPodsPerNode}, DNS domain ${plan.dnsDomain}`;
}

function totals(plan: ClusterNetwork): string {
  const c = plan.capacity;
  return `Cluster: ${formatCount(c.nodesPossible)} node${c.nodesPossible === 1n ? '' : 's'} possible, ${formatCount(c.clusterIPs)} Service${c.clusterIPs === 1n ? '' : 's'} (ClusterIPs), MultiCIDRServiceAllocator ${c.multiCidrServiceAllocator ? 'on' : 'off'}.`;
}

/** `plan --format table`. */
export function renderPlanText(plan: ClusterNetwork, findings: readonly Finding[], style: Style): string {
  const parts = [style.bold(`Cluster network plan — ${headline(plan)}`), '', textTable(planRows(plan), style), '', totals(plan)];
  if (plan.nodes.length > 0) parts.push('', textTable(nodeRows(plan), style));
  parts.push('', formatFindingsText(findings, style), '', `${summarize(findings)}.`);
  return parts.join('\n') + '\n';
}

/** `plan --format markdown`: for a pull request or a wiki page. */
export function renderPlanMarkdown(plan: ClusterNetwork, findings: readonly Finding[]): string {
  const parts = [`## Cluster network plan`, '', headline(plan), '', markdownTable(planRows(plan).map((r, i) => (i === 0 ? r : [`**${r[0]}**`, ...r.slice(1)]))), '', totals(plan)];
  if (plan.nodes.length > 0) parts.push('', markdownTable(nodeRows(plan)));
  parts.push('', '### Findings', '', formatFindingsMarkdown(findings), '', `${summarize(findings)}.`);
  return parts.join('\n') + '\n';
}

/** `plan --format json` (see `PlanJson`); loader findings come before the plan's. */
export function renderPlanJson(plan: ClusterNetwork, findings: readonly Finding[]): string {
  return JSON.stringify({ ...planToJson(plan), findings: findings.map((f) => ({ ...f })) }, null, 2) + '\n';
}
