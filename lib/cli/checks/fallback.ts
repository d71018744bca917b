import { Address } from '../../net/address';
import { Cidr } from '../../net/cidr';
import { quote } from '../../net/errors';
import { Finding, finding } from '../../plan/findings';
import { isObject } from '../documents';
import { parseCidrListField } from './cidr-list';

/**
 * Basic checks through lib/net, used by `validate` only for a document kind whose public
 * validator (lib/plan/validate.ts) is not available: every CIDR parses, one per family.
 */
export function basicKubeadmNetworking(networking: unknown): Finding[] {
  if (!isObject(networking)) return [];
  const f: Finding[] = [];
  const pods = networking.podSubnet === undefined ? undefined : parseCidrListField(networking.podSubnet, 'podSubnet');
  const svcs = networking.serviceSubnet === undefined ? undefined : parseCidrListField(networking.serviceSubnet, 'serviceSubnet');
  if (pods) f.push(...pods.findings);
  if (svcs) f.push(...svcs.findings);
  if (pods && svcs && f.every((x) => x.severity !== 'error') && pods.cidrs.length > 0 && svcs.cidrs.length > 0) {
    const pf = pods.cidrs.map((c) => c.family).join(',');
    const sf = svcs.cidrs.map((c) => c.family).join(',');
    if (pods.cidrs.length !== svcs.cidrs.length) {
      f.push(finding.warning('families-differ', 'serviceSubnet', `${quote(networking.serviceSubnet)} covers IPv${sf.replace(',', '+IPv')} while podSubnet covers IPv${pf.replace(',', '+IPv')}`, 'give both lists the same families'));
    }
  }
  return f;
}

export function basicKubeProxyConfiguration(config: unknown): Finding[] {
  if (!isObject(config)) return [];
  const f: Finding[] = [];
  if (config.clusterCIDR !== undefined && config.clusterCIDR !== '') f.push(...parseCidrListField(config.clusterCIDR, 'clusterCIDR').findings);
  const npa = config.nodePortAddresses;
  if (Array.isArray(npa) && !(npa.length === 1 && npa[0] === 'primary')) {
    npa.forEach((v: unknown, i) => {
      if (typeof v !== 'string' || !Cidr.tryParse(v, { allowHostBits: true })) {
        f.push(finding.error('node-port-address', `nodePortAddresses[${i}]`, `${quote(v)} is not a CIDR (and "primary" must be the only entry)`, 'write node networks such as "192.168.101.0/24", "2003:ac18::/64", or exactly ["primary"]', 'pkg/proxy/apis/config/validation/validation.go'));
      }
    });
  }
  return f;
}

export function basicService(service: unknown): Finding[] {
  if (!isObject(service) || !isObject(service.spec)) return [];
  const spec = service.spec;
  const f: Finding[] = [];
  const ips = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : spec.clusterIP !== undefined ? [spec.clusterIP] : [];
  ips.forEach((ip: unknown, i) => {
    if (ip === 'None' || ip === '' || ip === undefined) return;
    if (typeof ip !== 'string' || !Address.tryParse(ip)) {
      const p = Array.isArray(spec.clusterIPs) ? `spec.clusterIPs[${i}]` : 'spec.clusterIP';
      f.push(finding.error('cluster-ip-invalid', p, `${quote(ip)} is not an IP address`, 'leave it out and let the API server allocate one'));
    }
  });
  if (Array.isArray(spec.ipFamilies)) {
    spec.ipFamilies.forEach((fam: unknown, i) => {
      if (fam !== 'IPv4' && fam !== 'IPv6') f.push(finding.error('ip-family-value', `spec.ipFamilies[${i}]`, `${quote(fam)} is not "IPv4" or "IPv6"`, 'write "IPv4" or "IPv6"'));
    });
  }
  return f;
}
