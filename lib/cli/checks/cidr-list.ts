import type { Cidr } from '../../net/cidr';
import type { Finding } from '../../plan/findings';
import { exampleList, indexedPaths, parseCidrList } from '../../plan/rules/common';

/** A comma-separated CIDR list as a Kubernetes flag takes it (`10.96.0.0/12,fd00::/108`), parsed. */
export interface ParsedCidrList {
  readonly cidrs: readonly Cidr[];
  readonly findings: readonly Finding[];
}

/**
 * A CIDR list from an existing document (kubeadm `podSubnet`, kube-proxy `clusterCIDR`, …), read
 * with the plan's own list rule (`parseCidrList`: one or two entries, one per family, host bits and
 * leading zeros tolerated with a warning, no trimming — as the components split their flags), so
 * `validate` and `plan` give the same verdicts and messages.
 */
export function parseCidrListField(value: unknown, path: string): ParsedCidrList {
  const findings: Finding[] = [];
  const { cidrs } = parseCidrList(value, indexedPaths(path), { source: 'staging/src/k8s.io/utils/net (ParseCIDRs, IsDualStackCIDRs)', example: exampleList('pods', 'flag') }, findings);
  return { cidrs, findings };
}
