/** Findings about the host options (pure; no cdk8s). */
import { quote } from '../net/errors';
import { Finding, finding } from '../plan/findings';
import type { ClusterNetwork } from '../plan/network';
import { validInterfaceName } from './modules';

const RULE = 'is not a Linux interface name we write into scripts (1–15 of A–Z a–z 0–9 _ . @ -; net/core/dev.c dev_valid_name is the upper bound)';

export function hostFindings(plan: ClusterNetwork, options: { readonly acceptRaInterface?: string } = {}, base = 'hostNetworkPrep'): Finding[] {
  const out: Finding[] = [];
  if (options.acceptRaInterface !== undefined && !validInterfaceName(options.acceptRaInterface)) {
    out.push(finding.error('interface-name', `${base}.acceptRaInterface`, `${quote(options.acceptRaInterface)} ${RULE}`, 'write the name `ip link` shows, e.g. "eth0"', 'net/core/dev.c'));
  }
  for (const n of plan.nodes) {
    if (n.interface !== undefined && !validInterfaceName(n.interface)) {
      out.push(finding.error('interface-name', `nodes[${n.index}].interface`, `${quote(n.interface)} ${RULE}`, 'write the name `ip link` shows, e.g. "enp129s0f0"', 'net/core/dev.c'));
    }
  }
  return out;
}
