/**
 * Service fields the API server warns about (pkg/api/service/warnings.go), version by version,
 * plus the KEP-4858 strict IP/CIDR checks of the Service's other IP fields.
 */
import { quote } from '../../net/errors';
import { Finding, finding } from '../findings';
import { SERVICE_EXTERNAL_IPS_DEPRECATED_SINCE, SERVICE_EXTERNAL_IPS_DISABLED_IN, TRAFFIC_DISTRIBUTION_PREFER_CLOSE_DEPRECATED_SINCE } from '../timeline';
import type { RuleContext } from './common';
import { strictValueFinding } from './strict-ip';

const WARNINGS_SOURCE = 'pkg/api/service/warnings.go';

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Findings about `spec.externalIPs`, `spec.loadBalancerSourceRanges` and `spec.trafficDistribution`. */
export function serviceDeprecationFindings(spec: Record<string, unknown>, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const externalIPs = list(spec.externalIPs);
  externalIPs.forEach((ip, i) => {
    const s = strictValueFinding('ip', ip, `spec.externalIPs[${i}]`, ctx);
    if (s) out.push(s);
  });
  list(spec.loadBalancerSourceRanges).forEach((c, i) => {
    const s = strictValueFinding('cidr', c, `spec.loadBalancerSourceRanges[${i}]`, ctx);
    if (s) out.push(s);
  });
  if (externalIPs.length > 0 && ctx.version.atLeast(SERVICE_EXTERNAL_IPS_DEPRECATED_SINCE)) {
    out.push(
      finding.warning(
        'service-external-ips-deprecated',
        'spec.externalIPs',
        `${quote(externalIPs.join(','))}: spec.externalIPs is deprecated from Kubernetes ${SERVICE_EXTERNAL_IPS_DEPRECATED_SINCE} (KEP-5707, a long-standing security risk, CVE-2020-8554); kube-proxy's support is planned to be disabled in ${SERVICE_EXTERNAL_IPS_DISABLED_IN}`,
        'use type LoadBalancer with a load-balancer implementation (e.g. MetalLB) or a Gateway, and block externalIPs with the DenyServiceExternalIPs admission plugin',
        'KEP-5707',
      ),
    );
  }
  if (spec.trafficDistribution === 'PreferClose' && ctx.version.atLeast(TRAFFIC_DISTRIBUTION_PREFER_CLOSE_DEPRECATED_SINCE)) {
    out.push(
      finding.warning(
        'service-traffic-distribution-prefer-close',
        'spec.trafficDistribution',
        `"PreferClose" is deprecated from Kubernetes ${TRAFFIC_DISTRIBUTION_PREFER_CLOSE_DEPRECATED_SINCE} in favour of "PreferSameZone", which means the same (KEP-3015, kubernetes#134457); the API server warns`,
        'write trafficDistribution: PreferSameZone',
        WARNINGS_SOURCE,
      ),
    );
  }
  return out;
}
