/**
 * The plan the checks render with: the field report's dual-stack cluster (IPv4 primary; pods
 * 172.16.0.0/16 + fc00::/48, services 10.96.0.0/12 + fd00::/108). Dual-stack makes every dual-stack
 * edit visible, so each must be listed.
 */
import { ClusterNetwork } from '../../../lib/plan/network';

export function referencePlan(): ClusterNetwork {
  return ClusterNetwork.plan({ podCidrs: ['172.16.0.0/16', 'fc00::/48'], serviceCidrs: ['10.96.0.0/12', 'fd00::/108'] });
}
