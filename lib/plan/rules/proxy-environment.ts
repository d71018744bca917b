/**
 * kube-proxy against its environment: the mode the version has, the node routes and kernels the
 * mode needs, and whether NodePorts listen on every family of the plan. Pure: `(plan, options)`.
 * Mirrors cmd/kube-proxy/app/server.go (nodePortAddresses warnings, nftables kernel check) and the
 * field report §6.1 / §7.1.
 */
import { Cidr } from '../../net/cidr';
import { quote } from '../../net/errors';
import { Finding, finding } from '../findings';
import { ClusterNetwork, familyOf } from '../network';
import { IpFamily } from '../spec';
import { gateStage } from '../version';
import { kernelBefore, parseKernelVersion } from './kernel';
import { DUAL_STACK_IPTABLES_SINCE, ipvsDeprecatedFinding, KUBE_PROXY_MODES, KubeProxyMode, NODE_PORT_ADDRESSES_PRIMARY_SINCE, otherModes } from './kube-proxy';
import { FEATURE_GATES, KUBE_PROXY_IPVS_DEPRECATED_SINCE, NFTABLES_KERNEL_CHECK_SINCE } from '../timeline';

const NFT = FEATURE_GATES.NFTablesProxyMode;

export interface ProxyEnvironmentOptions {
  /** kube-proxy mode (the manifest value). */
  readonly mode: KubeProxyMode | string;
  /**
   * `nodePortAddresses` as it will be written.
   * @default - unset: kube-proxy listens on all local addresses (nftables: the primary ones)
   */
  readonly nodePortAddresses?: readonly string[];
  /**
   * Path prefix of the options in finding paths.
   * @default "kubeProxy"
   */
  readonly path?: string;
}

/** nftables mode refuses kernels before 5.13 from 1.31 on (CHANGELOG-1.31, kubernetes#124152). */
const NFTABLES_MIN_KERNEL = { major: 5, minor: 13 };
/**
 * Before Linux 4.11 the kernel gave IPv6 local routes `proto none` instead of `proto kernel`
 * (kernel commit 94b5e0f97025 "net: ipv6: Set protocol to kernel for local routes", Feb 2017, first
 * in 4.11). kube-proxy ipvs finds the node addresses for NodePorts in the local routing table with
 * `proto kernel`, so it finds no IPv6 address and opens no IPv6 NodePort (kubernetes#93858, #89520,
 * #92412). Explicit `nodePortAddresses` CIDRs make kube-proxy read the interface addresses instead.
 */
const IPVS_IPV6_NODEPORT_MIN_KERNEL = { major: 4, minor: 11 };

export function proxyEnvironmentFindings(plan: ClusterNetwork, options: ProxyEnvironmentOptions): Finding[] {
  const out: Finding[] = [];
  const base = options.path ?? 'kubeProxy';
  const mode = options.mode;
  const v = plan.version;

  const known = Object.values(KubeProxyMode) as string[];
  if (!known.includes(mode)) {
    out.push(
      finding.error(
        'kube-proxy-mode-unknown',
        `${base}.mode`,
        `${quote(mode)} is not a kube-proxy mode on Linux (iptables, ipvs, nftables)`,
        `write ${otherModes(v)}`,
        'pkg/proxy/apis/config/validation/validation.go',
      ),
    );
    return out;
  }
  const m = mode as KubeProxyMode;
  const history = KUBE_PROXY_MODES[m];
  if (v.before(history.since)) {
    out.push(
      finding.error(
        'kube-proxy-mode-unavailable',
        `${base}.mode`,
        `${quote(mode)} is not available in Kubernetes ${v}: it arrives in ${history.since}${m === KubeProxyMode.NFTABLES ? ` (alpha behind the NFTablesProxyMode gate; on by default from ${NFT.defaultOn}, GA in ${NFT.ga})` : ''}`,
        `target Kubernetes ${history.since} or later, or use ${otherModes(v, m)}`,
        history.source,
      ),
    );
    return out;
  }
  if (history.gate && gateStage(history.gate, v) === 'alpha') {
    if (plan.featureGates[history.gate] === false) {
      out.push(
        finding.error(
          'kube-proxy-mode-gate-off',
          `featureGates.${history.gate}`,
          `false turns off kube-proxy mode ${quote(mode)}, which is alpha in ${v} and needs the gate on`,
          `remove the override (the renderer turns ${history.gate} on for kube-proxy) or choose another mode`,
          history.source,
        ),
      );
    } else {
      out.push(
        finding.info(
          'kube-proxy-mode-alpha',
          `${base}.mode`,
          `${quote(mode)} is alpha in ${v}; kube-proxy gets ${history.gate}=true (beta and on by default from ${NFT.defaultOn}, GA in ${NFT.ga})`,
          `prefer Kubernetes ${NFT.defaultOn} or later for nftables in production`,
          history.source,
        ),
      );
    }
  }

  // Before 1.18 the iptables proxier handles one family only (the dual-stack iptables proxier is
  // kubernetes#82462, 1.18): on a dual-stack cluster the other family's Services get no rules.
  // The 1.16/1.17 dual-stack docs make "kube-proxy running in mode IPVS" a prerequisite.
  if (plan.isDualStack && m === KubeProxyMode.IPTABLES && v.before(DUAL_STACK_IPTABLES_SINCE)) {
    out.push(
      finding.error(
        'kube-proxy-dual-stack-iptables-unavailable',
        `${base}.mode`,
        `${quote(mode)} is not dual-stack in kube-proxy ${v}: the iptables proxier serves both families only from ${DUAL_STACK_IPTABLES_SINCE} (kubernetes#82462), so on this dual-stack plan the Services of one family would get no rules`,
        `use mode "ipvs" (what dual-stack required before ${DUAL_STACK_IPTABLES_SINCE}), or target Kubernetes ${DUAL_STACK_IPTABLES_SINCE} or later`,
        'kubernetes/kubernetes#82462',
      ),
    );
  }

  if (m === KubeProxyMode.IPVS && v.atLeast(KUBE_PROXY_IPVS_DEPRECATED_SINCE)) out.push(ipvsDeprecatedFinding(v, `${base}.mode`));

  const hasV6 = plan.hasFamily(IpFamily.IPV6);

  for (const node of plan.nodes) {
    const k = parseKernelVersion(node.kernelVersion);
    if (node.kernelVersion !== undefined && !k) {
      out.push(finding.info('kernel-version-format', `nodes[${node.index}].kernelVersion`, `${quote(node.kernelVersion)} is not a kernel version; kernel checks skip this node`, 'write it as `uname -r` prints it, e.g. "5.15.0-91-generic"'));
    }
    if (m === KubeProxyMode.NFTABLES && k && kernelBefore(k, NFTABLES_MIN_KERNEL.major, NFTABLES_MIN_KERNEL.minor)) {
      const refuse = v.atLeast(NFTABLES_KERNEL_CHECK_SINCE);
      const msg = `${quote(node.kernelVersion)} is older than 5.13, which kube-proxy nftables mode ${refuse ? 'requires (it refuses to start)' : `needs from ${NFTABLES_KERNEL_CHECK_SINCE} on`}`;
      const fix = `upgrade the node kernel to 5.13 or later, or use ${otherModes(v, m)}`;
      out.push(refuse ? finding.error('nftables-kernel-too-old', `nodes[${node.index}].kernelVersion`, msg, fix, 'pkg/proxy/nftables/proxier.go') : finding.warning('nftables-kernel-too-old', `nodes[${node.index}].kernelVersion`, msg, fix, 'pkg/proxy/nftables/proxier.go'));
    }
  }

  // iptables and nftables DNAT a ClusterIP in the netfilter output hook, which runs after the
  // routing decision: a host with no IPv6 default route fails `connect()` to an IPv6 ClusterIP with
  // "network unreachable" before any rule is consulted (calico#2758, field report §6.1). ipvs
  // puts every ClusterIP on kube-ipvs0, so a local route exists and it works without one.
  if (hasV6 && (m === KubeProxyMode.IPTABLES || m === KubeProxyMode.NFTABLES)) {
    for (const node of plan.nodes) {
      if (node.ipv6DefaultGateway) continue;
      out.push(
        finding.warning(
          'ipv6-default-route-missing',
          `nodes[${node.index}].ipv6DefaultGateway`,
          `node ${quote(node.name)} declares no IPv6 default gateway; with kube-proxy mode ${quote(mode)} the host cannot reach IPv6 ClusterIPs without an IPv6 default route (calico#2758)`,
          `add an IPv6 default route on the node (a dummy gateway works too) and declare it as ipv6DefaultGateway so renderNodeScript writes it${v.before(KUBE_PROXY_IPVS_DEPRECATED_SINCE) ? ', or use kube-proxy mode "ipvs"' : ''}`,
          'projectcalico/calico#2758',
        ),
      );
    }
  }

  const npa = options.nodePortAddresses;
  const npaPath = base === '' ? 'nodePortAddresses' : `${base}.nodePortAddresses`;
  let routeTableScan = npa === undefined || npa.length === 0;
  if (npa !== undefined && npa.length > 0) {
    const cidrs: Cidr[] = [];
    let primary = false;
    npa.forEach((entry, i) => {
      if (entry === 'primary') {
        primary = true;
        if (v.before(NODE_PORT_ADDRESSES_PRIMARY_SINCE)) {
          out.push(
            finding.error(
              'node-port-addresses-primary-unavailable',
              `${npaPath}[${i}]`,
              `"primary" is not accepted by kube-proxy ${v}: it arrives in ${NODE_PORT_ADDRESSES_PRIMARY_SINCE}`,
              `list the node networks instead: ${quote(plan.nodeNetworks.map(String).join(', ') || '<node CIDRs of both families>')}`,
              'pkg/proxy/apis/config/validation/validation.go',
            ),
          );
        }
        return;
      }
      const c = typeof entry === 'string' ? Cidr.tryParse(entry, { allowHostBits: true }) : undefined;
      if (!c) {
        out.push(finding.error('node-port-addresses-invalid', `${npaPath}[${i}]`, `${quote(entry)} is neither a CIDR nor "primary"`, 'write a CIDR such as "2003:ac18::/64"', 'pkg/proxy/apis/config/validation/validation.go'));
        return;
      }
      if (c.prefix === 0) routeTableScan = true;
      cidrs.push(c);
    });
    if (primary && npa.length > 1) {
      out.push(finding.error('node-port-addresses-primary-mixed', npaPath, `${quote(npa.join(','))} mixes "primary" with CIDRs; "primary" must be the only value`, 'write ["primary"] alone, or only CIDRs', 'pkg/proxy/apis/config/validation/validation.go'));
    }
    if (!primary && plan.isDualStack) {
      for (const family of plan.families) {
        if (cidrs.some((c) => familyOf(c) === family)) continue;
        const suggestion = plan.nodeNetworksOf(family).map(String);
        out.push(
          finding.warning(
            'node-port-addresses-one-family',
            npaPath,
            `${quote(npa.join(','))} has no ${family} network, so NodePorts do not listen on ${family} on a dual-stack cluster (field report §7.1)`,
            suggestion.length ? `add ${quote(suggestion.join(', '))}` : `add the nodes' ${family} network${v.atLeast(NODE_PORT_ADDRESSES_PRIMARY_SINCE) ? ', or write ["primary"]' : ''}`,
            'cmd/kube-proxy/app/server.go',
          ),
        );
      }
    }
    if (!primary && cidrs.length > 0) {
      for (const node of plan.nodes) {
        for (const ia of [node.ipv4, node.ipv6]) {
          if (!ia || !cidrs.some((c) => familyOf(c) === familyOf(ia.address))) continue;
          if (cidrs.some((c) => c.contains(ia.address))) continue;
          out.push(
            finding.warning(
              'node-port-addresses-miss-node',
              npaPath,
              `no network in ${quote(npa.join(','))} contains node ${quote(node.name)}'s address ${quote(ia.address.toString())}; NodePorts will not listen there`,
              `add ${quote(ia.network?.toString() ?? `${ia.address}/${ia.address.family === 4 ? 32 : 128}`)}`,
              'pkg/proxy/util/nodeport_addresses.go',
            ),
          );
        }
      }
    }
  }

  if (m === KubeProxyMode.IPVS && hasV6) {
    for (const node of plan.nodes) {
      const k = parseKernelVersion(node.kernelVersion);
      if (!k || !kernelBefore(k, IPVS_IPV6_NODEPORT_MIN_KERNEL.major, IPVS_IPV6_NODEPORT_MIN_KERNEL.minor)) continue;
      const path = `nodes[${node.index}].kernelVersion`;
      const msg = `${quote(node.kernelVersion)} is older than 4.11: its IPv6 local routes lack "proto kernel", so kube-proxy ipvs finds no IPv6 node address and opens no IPv6 NodePort`;
      out.push(
        routeTableScan
          ? finding.warning('ipvs-ipv6-nodeport-old-kernel', path, `${msg} (nodePortAddresses is unset or a zero CIDR)`, 'upgrade the kernel to 4.11 or later, or set nodePortAddresses to the node CIDRs (the default here)', 'kubernetes/kubernetes#93858')
          : finding.info('ipvs-ipv6-nodeport-old-kernel', path, `${msg} when nodePortAddresses is unset; the explicit CIDRs here avoid it`, 'keep nodePortAddresses explicit, or upgrade the kernel to 4.11 or later', 'kubernetes/kubernetes#93858'),
      );
    }
  }
  return out;
}
