import { Cidr } from '../../net/cidr';
import { NetParseError, quote } from '../../net/errors';
import type { RandomSource } from '../../net/ula';
import { Finding, finding } from '../../plan/findings';
import { CALICO_BLOCK_SIZE_RANGE, undefinedUlaFinding } from '../../cni/calico/rules';
import { IpFamily } from '../../plan/spec';
import { isObject } from '../documents';
import { stableRandomFor } from '../../plan/rules/common';

/** What the Installation is checked against: the cluster's pod networks, when known. */
export interface CalicoInstallationContext {
  /** Pod networks of the cluster (kube-controller-manager `--cluster-cidr`). */
  readonly podCidrs?: readonly Cidr[];
  /** For the ULA suggested in place of an fc00::/8 pool. @default - a hash of the range (stable output) */
  readonly random?: RandomSource;
}

const IPIP = ['IPIP', 'IPIPCrossSubnet'];
const ENCAPSULATIONS = ['IPIPCrossSubnet', 'IPIP', 'VXLAN', 'VXLANCrossSubnet', 'None'];

/**
 * Checks of a tigera-operator `Installation` (operator.tigera.io/v1) `spec.calicoNetwork`: each
 * IP pool's cidr, blockSize (20–32 for IPv4, 116–128 for IPv6, and no shorter than the pool) and
 * encapsulation (Calico refuses IPIP on IPv6 pools: "IPIP is not supported on IPv6 pools",
 * libcalico-go validator), the pools against the cluster's pod networks, and the node address
 * autodetection the eBPF dataplane requires.
 * The block-size ranges and the fc00::/8 rule are shared with lib/plan/rules/calico.ts (which
 * checks our own CalicoOptions; this reads an existing Installation document).
 */
export function checkCalicoInstallation(doc: Record<string, unknown>, ctx: CalicoInstallationContext = {}): Finding[] {
  const f: Finding[] = [];
  const spec = isObject(doc.spec) ? doc.spec : {};
  const net = isObject(spec.calicoNetwork) ? spec.calicoNetwork : undefined;
  if (!net) {
    f.push(finding.info('calico-no-network', 'spec.calicoNetwork', 'is not set: the operator picks a single IPv4 pool (192.168.0.0/16 by default), so the cluster gets no IPv6 pod addresses', 'add spec.calicoNetwork.ipPools with one IPv4 and one IPv6 pool'));
    return f;
  }
  const pools = Array.isArray(net.ipPools) ? net.ipPools : [];
  const families = new Set<number>();
  pools.forEach((pool: unknown, i) => {
    const p = `spec.calicoNetwork.ipPools[${i}]`;
    if (!isObject(pool)) {
      f.push(finding.error('calico-pool-type', p, `${quote(pool)} is not an IP pool object`, 'write { cidr: "fd00:10:244::/56", blockSize: 122, encapsulation: "None" }'));
      return;
    }
    let cidr: Cidr | undefined;
    try {
      cidr = Cidr.parse(String(pool.cidr));
    } catch (e) {
      if (!(e instanceof NetParseError)) throw e;
      f.push(finding.error('calico-pool-cidr', `${p}.cidr`, e.message, 'write the pool network, e.g. "10.244.0.0/16" or "fd00:10:244::/56"'));
      return;
    }
    families.add(cidr.family);
    const [lo, hi] = CALICO_BLOCK_SIZE_RANGE[cidr.family === 4 ? IpFamily.IPV4 : IpFamily.IPV6];
    const dflt = cidr.family === 4 ? 26 : 122;
    // The field report's pool fc00::/48: the shared CNI rule (lib/plan/rules/calico.ts).
    const ula = undefinedUlaFinding('calico-pool-undefined-ula', `${p}.cidr`, cidr, ctx.random ?? stableRandomFor(cidr));
    if (ula) f.push(ula);
    const blockSize = pool.blockSize === undefined ? dflt : pool.blockSize;
    if (typeof blockSize !== 'number' || !Number.isInteger(blockSize) || blockSize < lo || blockSize > hi) {
      f.push(finding.error('calico-block-size', `${p}.blockSize`, `${quote(blockSize)} is outside ${lo}–${hi}, the block sizes Calico accepts for IPv${cidr.family} pools`, `use ${dflt} (the default)`, 'libcalico-go lib/validator/v3 (IPPool blockSize)'));
    } else if (blockSize < cidr.prefix) {
      f.push(finding.error('calico-block-larger-than-pool', `${p}.blockSize`, `/${blockSize} blocks do not fit in the pool ${quote(cidr.toString())}`, `use a blockSize of at least ${cidr.prefix}, or a larger pool`));
    }
    const enc = pool.encapsulation;
    if (enc !== undefined && (typeof enc !== 'string' || !ENCAPSULATIONS.includes(enc))) {
      f.push(finding.error('calico-encapsulation', `${p}.encapsulation`, `${quote(enc)} is not one of ${ENCAPSULATIONS.join(', ')}`, 'use "VXLANCrossSubnet" or "None"'));
    } else if (cidr.family === 6 && typeof enc === 'string' && IPIP.includes(enc)) {
      f.push(finding.error('calico-ipip-ipv6', `${p}.encapsulation`, `${quote(enc)} on the IPv6 pool ${quote(cidr.toString())}: IPIP is not supported on IPv6 pools`, 'use "None" (routed / BGP) or "VXLAN" / "VXLANCrossSubnet" for the IPv6 pool', 'libcalico-go lib/validator/v3 (IPPool ipipMode)'));
    }
    if (ctx.podCidrs && ctx.podCidrs.length > 0) {
      const same = ctx.podCidrs.filter((c) => c.family === cidr!.family);
      if (same.length > 0 && !same.some((c) => c.contains(cidr!))) {
        f.push(
          finding.warning(
            'calico-pool-outside-cluster-cidr',
            `${p}.cidr`,
            `${quote(cidr.toString())} is not inside the cluster's pod network ${quote(same.map(String).join(','))}: kube-proxy treats pod traffic from outside --cluster-cidr as external`,
            `use a pool inside ${same[0]}`,
          ),
        );
      }
    }
  });
  // The operator fills in `nodeAddressAutodetectionV6: { firstFound: true }` itself when an IPv6
  // pool exists (pkg/controller/installation/core_controller.go fillDefaults, since
  // tigera/operator#332), so an unset field is fine — except on the eBPF dataplane, where its
  // validation demands it ("spec.calicoNetwork.nodeAddressAutodetectionV6 is required for the BPF
  // dataplane", pkg/controller/installation/validation.go).
  if (net.linuxDataplane === 'BPF' && families.has(6) && !isObject(net.nodeAddressAutodetectionV6)) {
    f.push(
      finding.error(
        'calico-bpf-v6-autodetection',
        'spec.calicoNetwork.nodeAddressAutodetectionV6',
        'is not set although an IPv6 pool is and linuxDataplane is "BPF": the tigera-operator refuses the Installation ("nodeAddressAutodetectionV6 is required for the BPF dataplane")',
        'set nodeAddressAutodetectionV6, e.g. { kubernetes: NodeInternalIP }',
        'tigera/operator pkg/controller/installation/validation.go',
      ),
    );
  }
  if (families.size === 1 && ctx.podCidrs && ctx.podCidrs.length === 2) {
    const missing = ctx.podCidrs.find((c) => !families.has(c.family))!;
    f.push(finding.warning('calico-missing-family', 'spec.calicoNetwork.ipPools', `has no IPv${missing.family} pool although the cluster's pod networks include ${quote(missing.toString())}: pods get no IPv${missing.family} address`, `add a pool with cidr ${quote(missing.toString())}`));
  }
  return f;
}
