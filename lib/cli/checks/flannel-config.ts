import { Cidr } from '../../net/cidr';
import { NetParseError, quote } from '../../net/errors';
import type { RandomSource } from '../../net/ula';
import { Finding, finding } from '../../plan/findings';
import { undefinedUlaFinding } from '../../cni/calico/rules';
import { isObject } from '../documents';
import { stableRandomFor } from '../../plan/rules/common';

/** What net-conf.json is checked against: the cluster's pod networks, when known. */
export interface FlannelConfigContext {
  readonly podCidrs?: readonly Cidr[];
  /** For the ULA suggested in place of an fc00::/8 network. @default - a hash of the range (stable output) */
  readonly random?: RandomSource;
}

/** Backends that carry both families (flannel Documentation/configuration.md, dual-stack section). */
export const FLANNEL_DUAL_STACK_BACKENDS: readonly string[] = ['vxlan', 'wireguard', 'host-gw'];

const SOURCE = 'flannel pkg/subnet/config.go (ParseConfig, CheckNetworkConfig)';

/**
 * Checks of flannel's `net-conf.json` (the `kube-flannel-cfg` ConfigMap): the rules of
 * pkg/subnet/config.go — `Network` required while IPv4 is enabled (the default), `IPv6Network`
 * required with `EnableIPv6`, `SubnetLen` ≤ 30 / `IPv6SubnetLen` ≤ 126 and at least four subnets
 * per network — plus the dual-stack backends, an `IPv6Network` that is ignored because
 * `EnableIPv6` is off, and agreement with the cluster's pod networks. `path` prefixes every finding.
 */
export function checkFlannelNetConf(text: unknown, path: string, ctx: FlannelConfigContext = {}): Finding[] {
  const f: Finding[] = [];
  if (typeof text !== 'string') {
    return [finding.error('flannel-net-conf-type', path, `${quote(text)} is not the net-conf.json text`, 'write the JSON as a string (data: { net-conf.json: | {...} })')];
  }
  let conf: unknown;
  try {
    conf = JSON.parse(text);
  } catch (e) {
    return [finding.error('flannel-net-conf-json', path, `is not valid JSON: ${(e as Error).message}`, 'fix the JSON; flannel refuses to start', SOURCE)];
  }
  if (!isObject(conf)) return [finding.error('flannel-net-conf-type', path, `${quote(conf)} is not a JSON object`, 'write { "Network": "10.244.0.0/16", "Backend": { "Type": "vxlan" } }', SOURCE)];
  const enable4 = conf.EnableIPv4 === undefined ? true : conf.EnableIPv4 === true;
  const enable6 = conf.EnableIPv6 === true;
  const fam = (family: 4 | 6) => {
    const key = family === 4 ? 'Network' : 'IPv6Network';
    const lenKey = family === 4 ? 'SubnetLen' : 'IPv6SubnetLen';
    const p = `${path}.${key}`;
    if (conf[key] === undefined || conf[key] === '') {
      f.push(finding.error('flannel-network-missing', p, `is required while ${family === 4 ? 'EnableIPv4 is true (the default)' : 'EnableIPv6 is true'}`, family === 4 ? 'set "Network": "10.244.0.0/16", or "EnableIPv4": false for IPv6-only' : 'set "IPv6Network", e.g. "fd00:10:244::/56"', SOURCE));
      return;
    }
    let cidr: Cidr;
    try {
      cidr = Cidr.parse(String(conf[key]));
    } catch (e) {
      if (!(e instanceof NetParseError)) throw e;
      f.push(finding.error('flannel-network-invalid', p, e.message, family === 4 ? 'write e.g. "10.244.0.0/16"' : 'write e.g. "fd00:10:244::/56"', SOURCE));
      return;
    }
    if (cidr.family !== family) {
      f.push(finding.error('flannel-network-family', p, `${quote(conf[key])} is IPv${cidr.family}; ${key} takes an IPv${family} network`, `move it to ${family === 4 ? 'IPv6Network' : 'Network'}`, SOURCE));
      return;
    }
    const ula = family === 6 ? undefinedUlaFinding('flannel-network-undefined-ula', p, cidr, ctx.random ?? stableRandomFor(cidr)) : undefined;
    if (ula) f.push(ula);
    const max = family === 4 ? 30 : 126;
    const len = conf[lenKey];
    if (len !== undefined) {
      if (typeof len !== 'number' || !Number.isInteger(len) || len < 0) {
        f.push(finding.error('flannel-subnet-len', `${path}.${lenKey}`, `${quote(len)} is not a prefix length`, `use ${family === 4 ? 24 : 64}`, SOURCE));
      } else if (len > max) {
        f.push(finding.error('flannel-subnet-len', `${path}.${lenKey}`, `${len} leaves no room for the bridge and tunnel addresses: it must be less than /${max + 1}`, `use ${family === 4 ? 24 : 64}`, SOURCE));
      } else if (len < cidr.prefix + 2) {
        f.push(finding.error('flannel-subnet-len', `${path}.${lenKey}`, `/${len} subnets of ${quote(cidr.toString())}: the network must hold at least four subnets`, `use at least /${cidr.prefix + 2}`, SOURCE));
      }
    } else if (cidr.prefix > max - 2) {
      f.push(finding.error('flannel-network-small', p, `${quote(cidr.toString())} is too small; the minimum useful prefix is /${max - 2}`, `use a larger network`, SOURCE));
    }
    const cluster = ctx.podCidrs?.find((c) => c.family === family);
    if (cluster && !cidr.equals(cluster)) {
      f.push(finding.warning('flannel-network-mismatch', p, `${quote(cidr.toString())} differs from the cluster's pod network ${quote(cluster.toString())}: with --kube-subnet-mgr the node podCIDRs come from the controller-manager`, `write ${quote(cluster.toString())}`));
    }
  };
  if (enable4) fam(4);
  if (enable6) fam(6);
  if (!enable6 && conf.IPv6Network !== undefined) {
    f.push(finding.warning('flannel-ipv6-disabled', `${path}.IPv6Network`, `${quote(conf.IPv6Network)} is ignored because EnableIPv6 is not true: pods get no IPv6 address`, 'add "EnableIPv6": true', SOURCE));
  }
  if (!enable4 && !enable6) {
    f.push(finding.error('flannel-no-family', path, 'EnableIPv4 is false and EnableIPv6 is not true: flannel has no network to manage', 'enable at least one family', SOURCE));
  }
  const backend = isObject(conf.Backend) ? conf.Backend : undefined;
  const type = backend && typeof backend.Type === 'string' ? backend.Type : 'udp';
  if (enable6 && !FLANNEL_DUAL_STACK_BACKENDS.includes(type)) {
    f.push(finding.error('flannel-backend-ipv6', `${path}.Backend.Type`, `${quote(type)}${backend ? '' : ' (the default when Backend is absent)'} does not carry IPv6; flannel supports dual-stack only with ${FLANNEL_DUAL_STACK_BACKENDS.join(', ')}`, 'use "vxlan"', 'flannel Documentation/configuration.md (Dual-stack)'));
  }
  return f;
}
