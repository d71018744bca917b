import { Cidr } from '../../net/cidr';
import { NetParseError, quote } from '../../net/errors';
import { Finding, finding } from '../../plan/findings';

/** A comma-separated CIDR list as a Kubernetes flag takes it (`10.96.0.0/12,fd00::/108`), parsed. */
export interface ParsedCidrList {
  readonly cidrs: readonly Cidr[];
  readonly findings: readonly Finding[];
}

/**
 * Parse a flag-style CIDR list: one or two entries, one per family, host bits tolerated with a
 * warning (Go's net.ParseCIDR masks them, so the components accept them). The shape rules of
 * kube-apiserver / kube-controller-manager dual-stack lists
 * (k8s.io/utils/net ParseCIDRs + IsDualStackCIDRs).
 */
export function parseCidrListField(value: unknown, path: string): ParsedCidrList {
  const f: Finding[] = [];
  if (typeof value !== 'string' && !Array.isArray(value)) {
    return { cidrs: [], findings: [finding.error('cidr-list-type', path, `${quote(value)} is not a CIDR or a comma-separated CIDR list`, 'write e.g. "10.244.0.0/16,fd00:10:244::/56"')] };
  }
  const items: unknown[] = typeof value === 'string' ? value.split(',') : value;
  const cidrs: Cidr[] = [];
  items.forEach((item, i) => {
    const p = items.length > 1 || Array.isArray(value) ? `${path}[${i}]` : path;
    if (typeof item !== 'string') {
      f.push(finding.error('cidr-type', p, `${quote(item)} is not a string`, 'write a CIDR such as "10.96.0.0/12"'));
      return;
    }
    try {
      const c = Cidr.parse(item.trim(), { allowHostBits: true });
      if (c.hostBitsSet) f.push(finding.warning('cidr-host-bits', p, `${quote(item)} has host bits set; the component uses ${quote(c.toString())}`, `write ${quote(c.toString())}`));
      cidrs.push(c);
    } catch (e) {
      if (!(e instanceof NetParseError)) throw e;
      f.push(finding.error('cidr-invalid', p, e.message, 'write a CIDR such as "10.96.0.0/12" or "fd00::/108"'));
    }
  });
  if (items.length > 2) {
    f.push(finding.error('cidrs-count', path, `${quote(value)} has ${items.length} entries; give one CIDR, or two (one IPv4 and one IPv6)`, 'keep one CIDR per family', 'staging/src/k8s.io/utils/net (IsDualStackCIDRs)'));
  } else if (cidrs.length === 2 && cidrs[0].family === cidrs[1].family) {
    f.push(finding.error('cidrs-same-family', path, `${quote(value)} holds two IPv${cidrs[0].family} networks; dual-stack takes exactly one per family`, 'give one IPv4 and one IPv6 CIDR', 'k8s.io/utils/net IsDualStackCIDRs'));
  }
  return { cidrs, findings: f };
}
