/**
 * Calico rules that need both the plan and the Calico options. Pure: no cdk8s.
 * Mirrors libcalico-go's IPPool validation (lib/validator/v3/validator.go: block size ranges, no
 * IPIP on IPv6, block not larger than the pool) and the operator's Installation validation
 * (tigera/operator pkg/controller/installation/validation.go: pools inside the cluster CIDR).
 */
import { Cidr } from '../../net/cidr';
import { quote } from '../../net/errors';
import { AddressClass, classifyCidr } from '../../net/special';
import { generateUlaPrefix, RandomSource } from '../../net/ula';
import { CalicoEncapsulation, CalicoLinuxDataplane, CalicoMode, CalicoOptions, NodeAddressAutodetection, NodeAddressAutodetectionKind } from '../options';
import { calicoDataplaneFor, CNI_DEFAULTS, poolOptionsOf } from '../cni';
import {
  CALICO_KUBERNETES_FLOOR,
  CALICO_KUBERNETES_FLOOR_FROM,
  CALICO_LEGACY_LINES,
  CALICO_OPERATOR_VERSIONS,
  CALICO_TESTED_KUBERNETES,
  DEFAULT_CALICO_VERSION,
  operatorVersionFor,
  RELEASE_TAG,
  releaseBefore,
} from '../versions';
import { KubeProxyMode, modeDeprecated } from '../../plan/rules/kube-proxy';
import { kernelBefore, parseKernelVersion } from '../../plan/rules/kernel';
import { Finding, finding } from '../../plan/findings';
import type { ClusterNetwork } from '../../plan/network';
import { IpFamily } from '../../plan/spec';
import { stableRandomFor } from '../../plan/rules/common';
import { unpinnedVersionFinding } from '../../plan/rules/pins';

const VALIDATOR = 'libcalico-go lib/validator/v3/validator.go';
const OPERATOR_VALIDATION = 'tigera/operator pkg/controller/installation/validation.go';
const NFTABLES_DOC = 'docs.tigera.io/calico/latest/getting-started/kubernetes/nftables';
const REQUIREMENTS_DOC = 'docs.tigera.io/calico/latest/getting-started/kubernetes/requirements';

/** Block size ranges of Calico IPAM. */
export const CALICO_BLOCK_SIZE_RANGE: Readonly<Record<IpFamily, readonly [number, number]>> = {
  [IpFamily.IPV4]: [20, 32],
  [IpFamily.IPV6]: [116, 128],
};

/** Context of the rules: tests inject a random source so the suggested ULA prefix is stable. */
export interface CalicoRuleContext {
  /**
   * Source of the random global ID of a suggested ULA prefix.
   * @default - crypto.randomBytes (generateUlaPrefix's default)
   */
  readonly random?: RandomSource;
  /**
   * The kube-proxy mode of the cluster, for the dataplane pairing rule (calico-dataplane-kube-proxy).
   * @default - unknown: the pairing is not checked
   */
  readonly kubeProxyMode?: KubeProxyMode;
}

/** Calico's nftables dataplane needs Linux 5.13+ (Calico docs, "Calico nftables data plane"). */
export const CALICO_NFTABLES_MIN_KERNEL: readonly [number, number] = [5, 13];

/** The kube-proxy modes that pair with Calico's iptables dataplane, as a fix may name them: never the deprecated ipvs (1.35+). */
function iptablesModes(plan: ClusterNetwork): string {
  return modeDeprecated(KubeProxyMode.IPVS, plan.version) ? 'iptables' : 'iptables or ipvs';
}

function dataplaneFindings(plan: ClusterNetwork, options: CalicoOptions, context: CalicoRuleContext): Finding[] {
  const out: Finding[] = [];
  const path = 'cni.calico.linuxDataplane';
  const given = options.linuxDataplane;
  if (given !== undefined && !Object.values(CalicoLinuxDataplane).includes(given)) {
    out.push(finding.error('calico-linux-dataplane', path, `${quote(given)} is not a Calico Linux dataplane this package renders`, `use one of ${Object.values(CalicoLinuxDataplane).map((d) => quote(d)).join(', ')}`));
    return out;
  }
  const dataplane = given ?? CNI_DEFAULTS.LINUX_DATAPLANE;
  const kubeProxy = context.kubeProxyMode;
  if (kubeProxy !== undefined) {
    const want = calicoDataplaneFor(kubeProxy);
    if (kubeProxy === KubeProxyMode.NFTABLES && dataplane !== CalicoLinuxDataplane.NFTABLES) {
      out.push(
        finding.error(
          'calico-dataplane-kube-proxy',
          path,
          `${quote(dataplane)}${given === undefined ? ' (the default)' : ''} is Calico's iptables dataplane but kube-proxy runs in "nftables" mode: Calico's iptables rules and kube-proxy's native nftables rules do not cooperate (Service traffic and policy break; calico#8025), and Calico requires the nftables dataplane with nftables kube-proxy`,
          `set linuxDataplane: CalicoLinuxDataplane.NFTABLES (${quote(want)}), or run kube-proxy in ${iptablesModes(plan)} mode`,
          NFTABLES_DOC,
        ),
      );
    } else if (dataplane === CalicoLinuxDataplane.NFTABLES && kubeProxy !== KubeProxyMode.NFTABLES) {
      out.push(
        finding.error(
          'calico-dataplane-kube-proxy',
          path,
          `${quote(dataplane)} is Calico's nftables dataplane but kube-proxy runs in ${quote(kubeProxy)} mode: "To use Calico in nftables mode, your cluster's kube-proxy must also be in nftables mode"`,
          `run kube-proxy in nftables mode (kubeProxy.mode: KubeProxyMode.NFTABLES), or set linuxDataplane: CalicoLinuxDataplane.IPTABLES (${quote(want)})`,
          NFTABLES_DOC,
        ),
      );
    }
  }
  if (dataplane === CalicoLinuxDataplane.NFTABLES) {
    const [major, minor] = CALICO_NFTABLES_MIN_KERNEL;
    plan.nodes.forEach((n, i) => {
      const k = parseKernelVersion(n.kernelVersion);
      if (k && kernelBefore(k, major, minor)) {
        out.push(
          finding.error(
            'calico-nftables-kernel',
            `nodes[${i}].kernelVersion`,
            `node ${quote(n.name)} runs kernel ${quote(n.kernelVersion)}: Calico's nftables dataplane needs Linux ${major}.${minor} or later (with nft 1.0.1+)`,
            `upgrade the node's kernel to ${major}.${minor}+, or use the iptables dataplane (with kube-proxy ${iptablesModes(plan)})`,
            NFTABLES_DOC,
          ),
        );
      }
    });
  }
  return out;
}

/** Calico releases from v3.27 on do not run on Kubernetes 1.20 or older (see CALICO_KUBERNETES_FLOOR). */
function kubernetesVersionFindings(plan: ClusterNetwork, mode: CalicoMode, version: string): Finding[] {
  if (!RELEASE_TAG.test(version) || releaseBefore(version, CALICO_KUBERNETES_FLOOR_FROM) || !plan.version.before(CALICO_KUBERNETES_FLOOR)) return [];
  const [lo, hi] = CALICO_TESTED_KUBERNETES;
  const older = `an older Calico whose requirements page lists Kubernetes ${plan.version.toString()} (the ${CALICO_LEGACY_LINES} lines)`;
  return [
    finding.warning(
      'calico-kubernetes-version',
      'cni.calico.version',
      `Calico ${quote(version)} is tested against Kubernetes ${lo}–${hi} and, by its requirements page, does not work below Kubernetes ${quote(CALICO_KUBERNETES_FLOOR)} (Kubernetes API changes); the plan targets ${quote(plan.version.toString())}`,
      mode === CalicoMode.OPERATOR
        ? `use mode: CalicoMode.MANIFEST with version set to ${older} (operator mode only knows the tigera-operator pairings of lib/cni/versions.ts), or upgrade Kubernetes to ${CALICO_KUBERNETES_FLOOR}+ (tested: ${lo}–${hi})`
        : `set version to ${older}, or upgrade Kubernetes to ${CALICO_KUBERNETES_FLOOR}+ (tested: ${lo}–${hi})`,
      REQUIREMENTS_DOC,
    ),
  ];
}

/** A ULA suggestion with the pod range's prefix length, from a fresh fd00::/8 global ID. */
export function suggestUlaRange(current: Cidr, random?: RandomSource): Cidr {
  const ula = generateUlaPrefix(random);
  return current.prefix >= 48 ? ula.subnet(current.prefix, 0) : Cidr.of(ula.network, current.prefix);
}

/**
 * Warn about an IPv6 pod range in fc00::/8: the L=0 half of fc00::/7 that RFC 4193 leaves to a
 * central allocator that was never defined (the field report's `fc00::/48`). Shared by the Calico
 * and flannel rules with their own code and path.
 */
export function undefinedUlaFinding(code: string, path: string, cidr: Cidr, random?: RandomSource): Finding | undefined {
  if (classifyCidr(cidr)?.class !== AddressClass.UNIQUE_LOCAL_UNDEFINED) return undefined;
  // Seeded from the range unless a caller injects randomness: the same input, the same text.
  const suggestion = suggestUlaRange(cidr, random ?? stableRandomFor(cidr));
  return finding.warning(
    code,
    path,
    `${quote(cidr.toString())} lies in fc00::/8, the half of fc00::/7 that RFC 4193 §3.2 reserves for a central allocator never defined; the CNI's pool will carry it onto every node`,
    `use a locally assigned ULA with a random global ID, e.g. ${quote(suggestion.toString())} (fd00::/8, RFC 4193), in podCidrs and the CNI pool`,
    'RFC 4193 §3.2',
  );
}

function autodetectionFindings(plan: ClusterNetwork, family: IpFamily, a: NodeAddressAutodetection | undefined, path: string): Finding[] {
  if (!a) return [];
  const out: Finding[] = [];
  if (a.kind === NodeAddressAutodetectionKind.FIRST_FOUND) {
    out.push(
      finding.warning(
        'calico-autodetect-first-found',
        path,
        `"firstFound" takes the first address of the first interface not excluded by name: it can pick a keepalived/VIP address or a secondary interface, and on IPv6 depends on interface order`,
        plan.nodeNetworksOf(family).length > 0
          ? `use NodeAddressAutodetection.cidrs([${plan.nodeNetworksOf(family).map((c) => quote(c.toString())).join(', ')}]) (the plan's node networks)`
          : 'use NodeAddressAutodetection.cidrs([...]) with the node network, or kubernetesInternalIP()',
        'docs.tigera.io/calico/latest/networking/ipam/ip-autodetection',
      ),
    );
  }
  if (a.kind === NodeAddressAutodetectionKind.CIDRS) {
    const want = family === IpFamily.IPV4 ? 4 : 6;
    a.networks.forEach((c, i) => {
      const p = `${path}.cidrs[${i}]`;
      if (c.family !== want) {
        out.push(finding.error('calico-autodetect-cidr-family', p, `${quote(c.toString())} is IPv${c.family} but this is the ${family} autodetection: no address would ever match`, `give IPv${want} networks here`));
      } else if (classifyCidr(c)?.class === AddressClass.LINK_LOCAL || c.overlaps(Cidr.parse(want === 4 ? '169.254.0.0/16' : 'fe80::/10'))) {
        out.push(
          finding.error(
            'calico-autodetect-link-local',
            p,
            `${quote(c.toString())} overlaps the link-local range: calico-node could pick a link-local address, which other nodes cannot route to`,
            'give the node network the addresses are assigned from (e.g. "192.168.101.0/24", "2003:ac18::/64")',
          ),
        );
      }
    });
  }
  return out;
}

/** Every Calico finding for a plan and Calico options. */
export function calicoFindings(plan: ClusterNetwork, options: CalicoOptions = {}, context: CalicoRuleContext = {}): Finding[] {
  const out: Finding[] = [];
  const mode = options.mode ?? CalicoMode.OPERATOR;
  const version = options.version ?? DEFAULT_CALICO_VERSION;
  if (!RELEASE_TAG.test(version)) {
    out.push(finding.error('calico-version-format', 'cni.calico.version', `${quote(version)} is not a Calico release tag`, `write a tag such as ${quote(DEFAULT_CALICO_VERSION)}`));
  } else if (mode === CalicoMode.OPERATOR && !operatorVersionFor(version)) {
    out.push(
      finding.error(
        'calico-operator-version-unknown',
        'cni.calico.version',
        `no tigera-operator release is known to install Calico ${quote(version)} (the operator image decides the Calico version it deploys)`,
        `use one of ${Object.keys(CALICO_OPERATOR_VERSIONS).map((v) => quote(v)).join(', ')}, or add the pairing to lib/cni/versions.ts`,
        'docs.tigera.io/calico/latest/reference/component-versions',
      ),
    );
  }
  if (mode === CalicoMode.MANIFEST && RELEASE_TAG.test(version)) {
    const w = unpinnedVersionFinding('Calico', options.version, [DEFAULT_CALICO_VERSION, ...Object.keys(CALICO_OPERATOR_VERSIONS).filter((v) => v !== DEFAULT_CALICO_VERSION)], 'cni.calico.version', 'lib/cni/versions.ts');
    if (w) out.push(w);
  }
  out.push(...kubernetesVersionFindings(plan, mode, version));
  out.push(...dataplaneFindings(plan, options, context));
  if (options.mtu !== undefined && (!Number.isInteger(options.mtu) || options.mtu < 0 || options.mtu > 65535)) {
    out.push(finding.error('calico-mtu', 'cni.calico.mtu', `${quote(options.mtu)} is not an MTU`, 'write 0 (auto-detect) or e.g. 1450'));
  }

  for (const family of [IpFamily.IPV4, IpFamily.IPV6]) {
    const key = family === IpFamily.IPV4 ? 'ipv4Pool' : 'ipv6Pool';
    const base = `cni.calico.${key}`;
    const given = family === IpFamily.IPV4 ? options.ipv4Pool : options.ipv6Pool;
    const podCidr = plan.podCidr(family);
    if (!podCidr) {
      if (given) {
        out.push(finding.warning('calico-pool-family-absent', base, `the plan has no ${family} pod CIDR, so this pool override is ignored`, `remove ${base}, or add an ${family} range to podCidrs`));
      }
      continue;
    }
    const o = poolOptionsOf(options, family);
    let pool = podCidr;
    if (o.cidr !== undefined) {
      const p = `${base}.cidr`;
      const c = typeof o.cidr === 'string' ? Cidr.tryParse(o.cidr) : undefined;
      if (!c) {
        out.push(finding.error('calico-pool-cidr-invalid', p, `${quote(o.cidr)} is not a CIDR with its host bits clear`, `write a network inside ${quote(podCidr.toString())}, or leave it out to use the pod CIDR`));
      } else if (c.family !== podCidr.family) {
        out.push(finding.error('calico-pool-cidr-family', p, `${quote(o.cidr)} is IPv${c.family} but ${key} is the ${family} pool`, `write an ${family} network inside ${quote(podCidr.toString())}`));
      } else if (!podCidr.contains(c)) {
        out.push(
          finding.error(
            'calico-pool-outside-cluster-cidr',
            p,
            `${quote(o.cidr)} is not inside the cluster's ${family} pod CIDR ${quote(podCidr.toString())}: pods would get addresses kube-proxy and the controller-manager treat as outside the cluster`,
            `leave it out (the pool then equals ${quote(podCidr.toString())}) or choose a subnet of it`,
            OPERATOR_VALIDATION,
          ),
        );
      } else {
        pool = c;
      }
    }

    const [lo, hi] = CALICO_BLOCK_SIZE_RANGE[family];
    const blockSize = o.blockSize ?? (family === IpFamily.IPV4 ? 26 : 122);
    let blockOk = true;
    if (o.blockSize !== undefined && (!Number.isInteger(o.blockSize) || o.blockSize < lo || o.blockSize > hi)) {
      blockOk = false;
      out.push(finding.error('calico-block-size-range', `${base}.blockSize`, `${quote(o.blockSize)} is outside ${lo}–${hi}, the block sizes Calico IPAM accepts for ${family}`, `choose ${lo}–${hi} (default ${family === IpFamily.IPV4 ? 26 : 122})`, VALIDATOR));
    } else if (blockSize < pool.prefix) {
      blockOk = false;
      out.push(
        finding.error(
          'calico-block-size-shorter-than-pool',
          `${base}.blockSize`,
          `block /${blockSize} is larger than the pool ${quote(pool.toString())}: a pool must hold at least one block`,
          `use a block size of at least ${pool.prefix}`,
          VALIDATOR,
        ),
      );
    }
    if (blockOk) {
      const nodeMask = plan.nodeMask(family);
      const bits = family === IpFamily.IPV4 ? 32 : 128;
      const perBlock = 1n << BigInt(bits - blockSize);
      const blocksForMaxPods = perBlock >= BigInt(plan.maxPodsPerNode) ? 1n : (BigInt(plan.maxPodsPerNode) + perBlock - 1n) / perBlock;
      if (blockSize !== nodeMask) {
        out.push(
          finding.info(
            'calico-block-size-node-mask',
            `${base}.blockSize`,
            `Calico IPAM ignores the node podCIDRs (/${nodeMask} from the controller-manager): it hands each node /${blockSize} blocks of ${perBlock} addresses on demand, so a node running maxPods ${plan.maxPodsPerNode} takes ${blocksForMaxPods} block${blocksForMaxPods === 1n ? '' : 's'}, and Node.spec.podCIDRs do not show pod addresses`,
            'nothing to do unless a component reads Node.spec.podCIDRs for pod routing; use blockSize equal to the node mask to make them line up',
          ),
        );
      }
    }

    const encapsulation = o.encapsulation;
    if (family === IpFamily.IPV6 && (encapsulation === CalicoEncapsulation.IPIP || encapsulation === CalicoEncapsulation.IPIP_CROSS_SUBNET)) {
      out.push(
        finding.error(
          'calico-ipip-ipv6',
          `${base}.encapsulation`,
          `${quote(encapsulation)} is IP-in-IP, which Calico supports for IPv4 pools only`,
          'use "VXLAN", "VXLANCrossSubnet" or "None" for the IPv6 pool',
          VALIDATOR,
        ),
      );
    }
    if (encapsulation !== undefined && !Object.values(CalicoEncapsulation).includes(encapsulation)) {
      out.push(finding.error('calico-encapsulation', `${base}.encapsulation`, `${quote(encapsulation)} is not a Calico encapsulation`, `use one of ${Object.values(CalicoEncapsulation).map((e) => quote(e)).join(', ')}`));
    }

    if (family === IpFamily.IPV6) {
      const cls = classifyCidr(pool)?.class;
      const ula = cls === AddressClass.UNIQUE_LOCAL || cls === AddressClass.UNIQUE_LOCAL_UNDEFINED;
      if (ula && o.natOutgoing === false) {
        out.push(
          finding.warning(
            'calico-ula-no-nat-outgoing',
            `${base}.natOutgoing`,
            `the IPv6 pool ${quote(pool.toString())} is unique-local and natOutgoing is false: pods cannot reach the IPv6 internet (ULA is not routed there)`,
            'set natOutgoing: true, or use a global unicast pod range routed to the cluster',
          ),
        );
      }
      // The plan already warns about podCidrs (range-ula-fc00, with its suggestion): only an
      // overriding pool that differs from the pod range gets a finding of its own.
      const podCidr = plan.podCidr(IpFamily.IPV6);
      const fc = podCidr && pool.equals(podCidr) ? undefined : undefinedUlaFinding('calico-pool-undefined-ula', `${base}.cidr`, pool, context.random);
      if (fc) out.push(fc);
    }
  }

  if (plan.hasFamily(IpFamily.IPV4)) out.push(...autodetectionFindings(plan, IpFamily.IPV4, options.nodeAddressAutodetectionV4, 'cni.calico.nodeAddressAutodetectionV4'));
  if (plan.hasFamily(IpFamily.IPV6)) out.push(...autodetectionFindings(plan, IpFamily.IPV6, options.nodeAddressAutodetectionV6, 'cni.calico.nodeAddressAutodetectionV6'));
  return out;
}
