/**
 * KEP-4858 "IP/CIDR validation improvements" (StrictIPCIDRValidation): with the gate on (beta and
 * on by default from 1.36, GA 1.38) the API server refuses, in the legacy IP and CIDR fields, IPv4
 * with leading zeros (`010.0.0.5`), IPv4-mapped IPv6 (`::ffff:1.2.3.4`) and CIDRs with host bits
 * set (`192.168.0.5/24`); before, it accepts them (pkg/api/service/warnings.go only warns).
 * Mirrors staging/src/k8s.io/apimachinery/pkg/util/validation/ip.go (IsValidIPForLegacyField,
 * IsValidCIDRForLegacyField). The fields: Service clusterIP(s), externalIPs,
 * loadBalancerSourceRanges, NetworkPolicy ipBlock, EndpointSlice addresses, ServiceCIDR, Node podCIDRs.
 */
import { quote } from '../../net/errors';
import { parseCidrSloppy, parseIpSloppy } from '../../net/sloppy';
import { Finding, finding } from '../findings';
import { FEATURE_GATES, STRICT_IP_CIDR_VALIDATION_SINCE } from '../timeline';
import type { RuleContext } from './common';

export const STRICT_IP_SOURCE = 'staging/src/k8s.io/apimachinery/pkg/util/validation/ip.go (KEP-4858)';

/** Why strict validation refuses an IP, with the value it should be; undefined when it is fine (or not an IP at all). */
export function strictIpProblem(text: string): { why: string; canonical: string } | undefined {
  const r = parseIpSloppy(text);
  if (!r.value) return undefined;
  if (r.normalised !== undefined) return { why: 'has leading zeros in an IPv4 octet', canonical: r.value.toString() };
  if (r.value.isIPv4Mapped) return { why: 'is an IPv4-mapped IPv6 address', canonical: r.value.toIPv4()!.toString() };
  return undefined;
}

/** Why strict validation refuses a CIDR, with the value it should be; undefined when fine (or not a CIDR). */
export function strictCidrProblem(text: string): { why: string; canonical: string } | undefined {
  const r = parseCidrSloppy(text);
  if (!r.value) return undefined;
  const c = r.value;
  if (r.normalised !== undefined) return { why: 'has leading zeros', canonical: c.toString() };
  if (c.first.isIPv4Mapped && c.prefix >= 96) return { why: 'is an IPv4-mapped IPv6 prefix', canonical: `${c.first.toIPv4()!.toString()}/${c.prefix - 96}` };
  if (c.hostBitsSet) return { why: 'has host bits set', canonical: `${c.first.toString()}/${c.prefix}` };
  return undefined;
}

/** The finding for one value: an error when StrictIPCIDRValidation is on for the context, a warning before. */
export function strictValueFinding(kind: 'ip' | 'cidr', value: unknown, path: string, ctx: RuleContext): Finding | undefined {
  if (typeof value !== 'string') return undefined;
  const p = kind === 'ip' ? strictIpProblem(value) : strictCidrProblem(value);
  if (!p) return undefined;
  const strict = ctx.gate('StrictIPCIDRValidation');
  const stage = `StrictIPCIDRValidation (KEP-4858: beta and on by default from ${STRICT_IP_CIDR_VALIDATION_SINCE}, GA in ${FEATURE_GATES.StrictIPCIDRValidation.ga})`;
  const fix = `write ${quote(p.canonical)}`;
  return strict
    ? finding.error('ip-strict-validation', path, `${quote(value)} ${p.why}: the ${ctx.version} API server refuses it (${stage})`, fix, STRICT_IP_SOURCE)
    : finding.warning('ip-strict-validation', path, `${quote(value)} ${p.why}: ${ctx.version} still accepts it, but ${stage} refuses it`, fix, STRICT_IP_SOURCE);
}
