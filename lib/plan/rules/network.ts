/**
 * Cluster-wide rules no single upstream component checks: ranges that overlap, families present in
 * one list but not the other, primary families that disagree, node addresses that do not fit,
 * capacity below what the cluster is expected to hold, a ULA pod range without IPv6 NAT.
 */
import type { Address } from '../../net/address';
import type { Cidr } from '../../net/cidr';
import { quote } from '../../net/errors';
import { AddressClass, classifyAddress } from '../../net/special';
import { Finding, finding, Severity } from '../findings';
import type { ClusterNetwork } from '../network';
import { IpFamily } from '../spec';
import { addressSpaceFindings, CidrEntry, entriesOf, EXAMPLE_RANGES, isUniqueLocal } from './common';
import { featureGateFindings } from './gates';

interface Named {
  readonly cidr: Cidr;
  readonly path: string;
  readonly what: string;
}

function familyOf(c: Cidr): IpFamily {
  return c.family === 4 ? IpFamily.IPV4 : IpFamily.IPV6;
}

function named(list: readonly CidrEntry[], path: string, what: string): Named[] {
  return list.map(({ cidr, index }) => ({ cidr, path: `${path}[${index}]`, what }));
}

/** "1 node", "0 nodes", "256 nodes". */
function nodes(n: bigint): string {
  return `${n} node${n === 1n ? '' : 's'}`;
}

/** "an IPv4", "an IPv6": both are read "eye-pee-vee…", so the article is "an". */
function article(fam: IpFamily): string {
  return `an ${fam}`;
}

/** featureGates of the spec, judged for the target version. */
export function gatesPlanRule(plan: ClusterNetwork): Finding[] {
  const g = plan.spec.featureGates;
  if (g === undefined || g === null || typeof g !== 'object' || Array.isArray(g) || !Object.values(g).every((v) => typeof v === 'boolean')) return [];
  return featureGateFindings(g, plan.ruleContext, (n) => `featureGates.${n}`, 'featureGates');
}

/** Families, primary families and overlaps between pod, service and node networks. */
export function layoutPlanRule(plan: ClusterNetwork): Finding[] {
  const out: Finding[] = [];
  const podFams = plan.podCidrs.map(familyOf);
  const svcFams = plan.serviceCidrs.map(familyOf);
  // An entry that did not read has its own error; its family is unknown, so none is called missing.
  if (plan.podCidrs.length > 0 && plan.serviceCidrs.length > 0 && plan.cidrListsReadable) {
    for (const fam of podFams) {
      if (!svcFams.includes(fam)) {
        out.push(
          finding.error(
            'family-missing-services',
            'serviceCidrs',
            `${quote(plan.serviceCidrs.map(String))} has no ${fam} range but podCidrs has one; ${fam} pods would get no ${fam} ClusterIPs (and no dual-stack Services)`,
            `add ${article(fam)} service range, e.g. ${quote(EXAMPLE_RANGES.services[fam === IpFamily.IPV6 ? 6 : 4])}`,
          ),
        );
      }
    }
    for (const fam of svcFams) {
      if (!podFams.includes(fam)) {
        out.push(
          finding.error(
            'family-missing-pods',
            'podCidrs',
            `${quote(plan.podCidrs.map(String))} has no ${fam} range but serviceCidrs has one; ${fam} ClusterIPs would have no ${fam} pod endpoints`,
            `add ${article(fam)} pod range, e.g. ${quote(EXAMPLE_RANGES.pods[fam === IpFamily.IPV6 ? 6 : 4])}`,
          ),
        );
      }
    }
    if (podFams[0] !== svcFams[0] && svcFams.includes(podFams[0])) {
      out.push(
        finding.warning(
          'primary-family-mismatch',
          'serviceCidrs[0]',
          `the primary service family is ${svcFams[0]} but the primary pod family is ${podFams[0]}: single-stack Services get ${svcFams[0]} ClusterIPs while pods, kubelet and probes prefer ${podFams[0]}`,
          'list both ranges in the same family order',
        ),
      );
    }
  }
  const all = [...named(plan.podCidrEntries, 'podCidrs', 'pod range'), ...named(plan.serviceCidrEntries, 'serviceCidrs', 'service range'), ...named(entriesOf(plan.nodeNetworks), 'nodeNetworks', 'node network')];
  for (const [i, j] of overlappingPairs(all)) {
    const a = all[i];
    const b = all[j];
    if (a.what === b.what) continue;
    out.push(
      finding.error(
        'ranges-overlap',
        b.path,
        `the ${b.what} ${quote(b.cidr.toString())} overlaps the ${a.what} ${a.path} ${quote(a.cidr.toString())}; packets for one would be routed to the other`,
        `choose disjoint ranges (${a.what}s and ${b.what}s must not share addresses)`,
      ),
    );
  }
  return out;
}

/**
 * Index pairs [i, j] (i < j, in i-then-j order) of the ranges that overlap. Two CIDRs overlap only
 * when one contains the other, so a sweep in address order with a stack of the enclosing ranges
 * finds every pair without comparing all of them (100,000 node networks made the all-pairs loop
 * quadratic); the stack holds at most one range per prefix length of a chain.
 */
function overlappingPairs(all: readonly Named[]): Array<[number, number]> {
  const order = all.map((_, i) => i);
  const key = (i: number) => all[i].cidr;
  order.sort((x, y) => key(x).family - key(y).family || key(x).compare(key(y)) || key(x).prefix - key(y).prefix || x - y);
  const pairs: Array<[number, number]> = [];
  const stack: number[] = [];
  for (const i of order) {
    const c = key(i);
    while (stack.length > 0 && !(key(stack[stack.length - 1]).family === c.family && key(stack[stack.length - 1]).overlaps(c))) stack.pop();
    for (const s of stack) pairs.push(s < i ? [s, i] : [i, s]);
    stack.push(i);
  }
  return pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

/** Address-space classes of every range (unusable space is an error in a plan). */
export function addressSpacePlanRule(plan: ClusterNetwork): Finding[] {
  const out: Finding[] = [];
  // Pod and service ranges get these checks from the controller-manager and apiserver rules; node
  // networks only for unusable space.
  plan.nodeNetworks.forEach((c, i) => out.push(...addressSpaceFindings(c, `nodeNetworks[${i}]`, c.toString(), Severity.ERROR, true)));
  if (plan.spec.ipv6NatOutgoing === false) {
    plan.podCidrEntries.forEach(({ index: i, written, cidr: c }) => {
      if (c.family === 6 && isUniqueLocal(c)) {
        out.push(
          finding.warning(
            'ula-pods-without-nat',
            `podCidrs[${i}]`,
            `${quote(written)} is unique-local space and ipv6NatOutgoing is false: pods cannot reach the IPv6 internet (ULA is not routed globally)`,
            'turn on IPv6 NAT outgoing for the pool (Calico natOutgoing: Enabled), or give pods a global IPv6 range routed to the nodes',
          ),
        );
      }
    });
  }
  return out;
}

const BAD_NODE_CLASSES: readonly AddressClass[] = [AddressClass.UNSPECIFIED, AddressClass.LOOPBACK, AddressClass.LINK_LOCAL, AddressClass.MULTICAST, AddressClass.SOLICITED_NODE_MULTICAST, AddressClass.IPV4_MAPPED, AddressClass.BROADCAST];

/** Node addresses: usable, outside the cluster ranges, one per cluster family. */
export function nodesPlanRule(plan: ClusterNetwork): Finding[] {
  const out: Finding[] = [];
  for (const n of plan.nodes) {
    const base = `nodes[${n.index}]`;
    const has: Record<string, Address | undefined> = { [IpFamily.IPV4]: n.ipv4?.address, [IpFamily.IPV6]: n.ipv6?.address };
    for (const fam of [IpFamily.IPV4, IpFamily.IPV6]) {
      const a = has[fam];
      const p = `${base}.${fam === IpFamily.IPV4 ? 'ipv4' : 'ipv6'}`;
      if (!a) {
        if ((n.ipv4 || n.ipv6) && plan.hasFamily(fam)) {
          out.push(
            finding.warning(
              'node-family-missing',
              p,
              `node ${quote(n.name)} has no ${fam} address but the cluster is ${plan.isDualStack ? 'dual-stack' : fam}: kubelet reports no ${fam} node IP and host-network pods get none`,
              `give node ${quote(n.name)} an ${fam} address (kubelet --node-ip takes both, primary family first)`,
            ),
          );
        }
        continue;
      }
      const cls = classifyAddress(a).class;
      if (BAD_NODE_CLASSES.includes(cls)) {
        out.push(finding.error('node-address-unusable', p, `${quote(a.toString())} is a ${cls} address; a node address must be routable between nodes`, `use the node's ${fam === IpFamily.IPV6 ? 'global or unique-local' : 'primary'} address`));
        continue;
      }
      for (const [list, name] of [
        [plan.podCidrEntries, 'podCidrs'],
        [plan.serviceCidrEntries, 'serviceCidrs'],
      ] as const) {
        list.forEach(({ index: i, written, cidr: c }) => {
          if (c.contains(a)) {
            out.push(finding.error('node-address-in-cluster-range', p, `${quote(a.toString())} lies inside ${name}[${i}] ${quote(written)}; node and cluster ranges must be disjoint`, `move ${name}[${i}] to space the nodes do not use`));
          }
        });
      }
    }
  }
  return out;
}

/** Capacity against what the cluster is expected to hold. */
export function capacityPlanRule(plan: ClusterNetwork): Finding[] {
  const out: Finding[] = [];
  const cap = plan.capacity;
  const expectedNodes = typeof plan.spec.expectedNodes === 'number' && Number.isSafeInteger(plan.spec.expectedNodes) && plan.spec.expectedNodes >= 0 ? plan.spec.expectedNodes : plan.nodes.length;
  for (const fc of cap.families) {
    const i = plan.podCidrEntries.find((e) => familyOf(e.cidr) === fc.family)?.index;
    if (i === undefined || !fc.podCidr) continue;
    if (fc.nodesPossible < BigInt(expectedNodes)) {
      out.push(
        finding.error(
          'capacity-nodes',
          `podCidrs[${i}]`,
          `${quote(fc.podCidr.toString())} with /${fc.nodeMask} node podCIDRs holds ${nodes(fc.nodesPossible)}, fewer than the ${expectedNodes} expected${plan.isDualStack ? ' (a dual-stack node needs a podCIDR of both families)' : ''}`,
          `use a larger pod range (/${Math.max(0, fc.nodeMask - Math.ceil(Math.log2(Math.max(2, expectedNodes))))} or shorter) or a longer node mask`,
        ),
      );
    }
    if (fc.podsPerNode < plan.maxPodsPerNode) {
      const maskPath = fc.family === IpFamily.IPV4 ? 'nodeMaskIPv4' : 'nodeMaskIPv6';
      out.push(
        finding.warning(
          'capacity-pods-per-node',
          maskPath,
          `/${fc.nodeMask} node podCIDRs hold ${fc.podsPerNode} pods, fewer than maxPodsPerNode ${plan.maxPodsPerNode}: nodes run out of ${fc.family} addresses before kubelet's pod limit`,
          `use a node mask of /${(fc.family === IpFamily.IPV4 ? 32 : 128) - Math.ceil(Math.log2(plan.maxPodsPerNode + 2))} or shorter, or lower maxPodsPerNode`,
        ),
      );
    }
  }
  const expectedServices = plan.spec.expectedServices;
  if (typeof expectedServices === 'number' && Number.isSafeInteger(expectedServices) && expectedServices >= 0 && cap.families.length > 0 && cap.clusterIPs < BigInt(expectedServices)) {
    const short = cap.families.reduce((a, b) => (b.clusterIPs < a.clusterIPs ? b : a));
    out.push(
      finding.error(
        'capacity-services',
        'expectedServices',
        `${expectedServices} Services expected, but ${short.serviceCidr ? quote(short.serviceCidr.toString()) : 'the service range'} yields ${short.clusterIPs} ClusterIPs${short.legacyAllocatorCapped ? ' (the legacy allocator uses only 65535 of an IPv6 range)' : ''}`,
        short.legacyAllocatorCapped ? 'turn on MultiCIDRServiceAllocator and DisableAllocatorDualWrite, or add Service CIDRs' : 'use a larger service range (at most 20 host bits)',
      ),
    );
  }
  return out;
}
