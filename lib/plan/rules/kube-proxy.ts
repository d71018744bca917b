/**
 * kube-proxy `KubeProxyConfiguration` (kubeproxy.config.k8s.io/v1alpha1) as users write it.
 *
 * Mirrors pkg/proxy/apis/config/validation/validation.go (after the v1alpha1 defaults of
 * pkg/proxy/apis/config/v1alpha1/defaults.go are applied: bindAddress "0.0.0.0", healthz
 * "0.0.0.0:10256", metrics "127.0.0.1:10249", a bare IP gets the default port appended):
 * - mode: Linux "", iptables, ipvs, nftables (only with NFTablesProxyMode: alpha 1.29, on by
 *   default 1.31, GA 1.33), userspace until its removal in 1.26; Windows "", kernelspace
 *   (userspace until 1.26);
 * - clusterCIDR: one CIDR, or (with IPv6DualStack on) two of different families;
 * - detectLocalMode: ClusterCIDR, NodeCIDR, BridgeInterface, InterfaceNamePrefix (the last two need
 *   their interface setting);
 * - nodePortAddresses: CIDRs, or exactly ["primary"] (from 1.31, NODE_PORT_ADDRESSES_PRIMARY_SINCE);
 * - bindAddress an IP; healthzBindAddress / metricsBindAddress IP:port with a port 1–65535;
 * - featureGates: component-base rules (see gates.ts).
 */
import { NetParseError, quote } from '../../net/errors';
import { splitHostPort } from '../../net/host-port';
import { Finding, finding } from '../findings';
import { cidrListItems, contextOf, exampleList, indexedPaths, isRecord, listAsCommaString, parseCidrList, parseCidrSloppy, parseIpSloppy, ruleContext, VersionOptions, yamlTypeName } from './common';
import { FEATURE_GATES, featureGateStatus, gateNeedsExplicitOn, KubernetesVersion } from '../version';
import { featureGateFindings } from './gates';
import { DUAL_STACK_IPTABLES_SINCE, KUBE_PROXY_IPTABLES_SINCE, KUBE_PROXY_IPVS_DEPRECATED_SINCE, KUBE_PROXY_IPVS_SINCE, KUBE_PROXY_NFTABLES_SINCE, NODE_PORT_ADDRESSES_PRIMARY_SINCE, USERSPACE_PROXY_REMOVED_IN } from '../timeline';

export const KUBE_PROXY_SOURCE = 'pkg/proxy/apis/config/validation/validation.go';

/**
 * The kube-proxy modes this package renders (Linux, current), as written in KubeProxyConfiguration.
 * `KubeProxyModeName` below also holds the Windows and removed values the validator must recognise.
 */
export enum KubeProxyMode {
  IPTABLES = 'iptables',
  IPVS = 'ipvs',
  NFTABLES = 'nftables',
}

/** When a mode arrived and what it needs. */
export interface KubeProxyModeHistory {
  /** First Kubernetes version with the mode. */
  readonly since: string;
  /** Feature gate that guards the mode while it is not GA. */
  readonly gate?: string;
  /** Deprecated from this version (kube-proxy logs a deprecation warning). */
  readonly deprecated?: string;
  /** A deprecation gate: where it exists and is off, the mode is refused (KubeProxyIPVS from 1.37). */
  readonly disableGate?: string;
  /** The upstream place the fact comes from. */
  readonly source: string;
}

const NFTABLES_GATE = 'NFTablesProxyMode';

/**
 * Mode timeline, the one place the mode rules read. iptables and ipvs predate dual-stack (ipvs GA
 * in 1.11); nftables is KEP-3866 and arrives with its gate (alpha 1.29, off; beta 1.31, on by
 * default; GA 1.33 — the gate's stages are in FEATURE_GATES, keps/sig-network/3866-nftables-proxy/kep.yaml).
 */
export const KUBE_PROXY_MODES: Readonly<Record<KubeProxyMode, KubeProxyModeHistory>> = {
  [KubeProxyMode.IPTABLES]: { since: KUBE_PROXY_IPTABLES_SINCE, source: 'pkg/proxy/iptables' },
  [KubeProxyMode.IPVS]: { since: KUBE_PROXY_IPVS_SINCE, deprecated: KUBE_PROXY_IPVS_DEPRECATED_SINCE, disableGate: 'KubeProxyIPVS', source: 'pkg/proxy/ipvs; KEP-5495' },
  [KubeProxyMode.NFTABLES]: { since: KUBE_PROXY_NFTABLES_SINCE, gate: NFTABLES_GATE, source: 'keps/sig-network/3866-nftables-proxy/kep.yaml' },
};

/** Whether the version has the mode at all. */
export function modeExists(mode: KubeProxyMode, version: KubernetesVersion): boolean {
  return version.atLeast(KUBE_PROXY_MODES[mode].since);
}

/**
 * The gate the mode needs switched on explicitly for this version (alpha: off by default), or
 * undefined when the mode works with the gates as they are. User overrides count: a gate the user
 * already turned on (or off) is not "needed" again.
 */
export function modeGateNeeded(mode: KubeProxyMode, version: KubernetesVersion, overrides: Readonly<Record<string, boolean>> = {}): string | undefined {
  const gate = KUBE_PROXY_MODES[mode].gate;
  if (!gate || !modeExists(mode, version) || !gateNeedsExplicitOn(gate, version)) return undefined;
  if (Object.prototype.hasOwnProperty.call(overrides, gate)) return undefined;
  return gate;
}

/**
 * First version whose kube-proxy accepts `nodePortAddresses: ["primary"]` as the renderer and the
 * environment rule read it (CHANGELOG-1.31, kubernetes#123105).
 */
export { NODE_PORT_ADDRESSES_PRIMARY_SINCE };

/**
 * First version whose kube-proxy iptables proxier is dual-stack (CHANGELOG-1.18, kubernetes#82462
 * "kube-proxy: Added dual-stack IPv4/IPv6 support to the iptables proxier"). In 1.16–1.17 only ipvs
 * proxied both families: the 1.16/1.17 dual-stack docs list "Kube-proxy running in mode IPVS" as a
 * prerequisite.
 */
export { DUAL_STACK_IPTABLES_SINCE };

/**
 * The other modes a fix may suggest for the version, as text (`mode "iptables" or "nftables"`):
 * modes that exist there, never the deprecated ipvs from 1.35 (KEP-5495), never `except`.
 */
export function otherModes(version: KubernetesVersion, except?: KubeProxyMode): string {
  const modes = Object.values(KubeProxyMode).filter((m) => m !== except && modeExists(m, version) && !modeDeprecated(m, version));
  return `mode ${modes.map((m) => `"${m}"`).join(' or ')}`;
}

/** Whether the mode is deprecated in the version (ipvs from 1.35). */
export function modeDeprecated(mode: KubeProxyMode, version: KubernetesVersion): boolean {
  const d = (KUBE_PROXY_MODES[mode] as KubeProxyModeHistory).deprecated;
  return d !== undefined && version.atLeast(d);
}

/** The ipvs deprecation warning (KEP-5495), for the plan's mode and for a KubeProxyConfiguration. */
export function ipvsDeprecatedFinding(version: KubernetesVersion, path: string): Finding {
  const gate = FEATURE_GATES.KubeProxyIPVS;
  return finding.warning(
    'kube-proxy-ipvs-deprecated',
    path,
    `"ipvs" is deprecated from kube-proxy ${KUBE_PROXY_IPVS_DEPRECATED_SINCE} (KEP-5495): ${version} logs a deprecation warning; the KubeProxyIPVS gate (${gate.deprecated}) turns it off by default in ${gate.defaultOff} and the mode goes away in ${gate.removed}`,
    `use mode "nftables" (kernel 5.13 or later), or "iptables" with an IPv6 default route on every node`,
    'keps/sig-network/5495-deprecate-ipvs-mode-in-kube-proxy',
  );
}

/** kube-proxy `mode` values. */
export enum KubeProxyModeName {
  IPTABLES = 'iptables',
  IPVS = 'ipvs',
  NFTABLES = 'nftables',
  KERNELSPACE = 'kernelspace',
  USERSPACE = 'userspace',
}

/** kube-proxy `detectLocalMode` values. */
export enum DetectLocalMode {
  CLUSTER_CIDR = 'ClusterCIDR',
  NODE_CIDR = 'NodeCIDR',
  BRIDGE_INTERFACE = 'BridgeInterface',
  INTERFACE_NAME_PREFIX = 'InterfaceNamePrefix',
}

/** The operating system kube-proxy runs on. */
export enum NodeOs {
  LINUX = 'linux',
  WINDOWS = 'windows',
}

/** Options of `validate.kubeProxyConfiguration`. */
export interface KubeProxyConfigurationOptions extends VersionOptions {
  /**
   * The node OS kube-proxy runs on (the mode list differs).
   * @default "linux"
   */
  readonly os?: NodeOs | 'linux' | 'windows';
}

/** The modes kube-proxy of a version and OS accepts. */
export function validProxyModes(os: NodeOs, gate: (name: string) => boolean, version: KubernetesVersion): string[] {
  const gateExists = (name: string) => featureGateStatus(name, version).exists;
  const modes: string[] = [];
  if (os === NodeOs.WINDOWS) {
    modes.push(KubeProxyModeName.KERNELSPACE);
  } else {
    // A gated mode is accepted only with its gate on (the gate itself does not exist before the mode).
    for (const m of Object.values(KubeProxyMode)) {
      const h: KubeProxyModeHistory = KUBE_PROXY_MODES[m];
      if (h.gate && !gate(h.gate)) continue;
      if (h.disableGate && gateExists(h.disableGate) && !gate(h.disableGate)) continue;
      modes.push(m);
    }
  }
  // The userspace proxier was removed in 1.26 (both OSes).
  if (version.before(USERSPACE_PROXY_REMOVED_IN)) modes.push(KubeProxyModeName.USERSPACE);
  return modes;
}

/** Go's net.SplitHostPort (lib/net `splitHostPort`) plus the IP / port checks of validateHostPort. */
function hostPortFindings(value: string, path: string): Finding[] {
  let host: string;
  let port: string;
  try {
    ({ host, port } = splitHostPort(value));
  } catch (e) {
    if (!(e instanceof NetParseError)) throw e;
    const unbracketed = e.rule === 'host-port-unbracketed-ipv6';
    return [
      finding.error(
        'host-port',
        path,
        `${quote(value)} must be IP:port${unbracketed ? ' (an IPv6 address with a port must be bracketed)' : ' ("[v6]:port" for IPv6)'}`,
        unbracketed ? 'bracket the IPv6 address: "[v6]:port", e.g. "[::]:10256"' : 'write e.g. "0.0.0.0:10256" or "[::]:10256"',
        KUBE_PROXY_SOURCE,
      ),
    ];
  }
  const out: Finding[] = [];
  const ip = parseIpSloppy(host);
  if (!ip.value) out.push(finding.error('host-port-ip', path, `${quote(host)} in ${quote(value)} must be a valid IP`, 'write e.g. "0.0.0.0:10256" or "[::]:10256"', KUBE_PROXY_SOURCE));
  const n = /^[0-9]+$/.test(port) ? Number(port) : NaN;
  if (!(n >= 1 && n <= 65535)) out.push(finding.error('host-port-port', path, `port ${quote(port)} in ${quote(value)} must be a valid port (1–65535)`, 'write e.g. "0.0.0.0:10256"', KUBE_PROXY_SOURCE));
  return out;
}

/** A bind address with an optional port, after v1alpha1 defaulting (AppendPortIfNeeded). */
function bindAddressWithPort(value: unknown, path: string): Finding[] {
  if (value === undefined || value === '') return [];
  if (typeof value !== 'string') return [finding.error('host-port', path, `${quote(value)} is ${yamlTypeName(value)}, not a string`, 'write e.g. "0.0.0.0:10256"', KUBE_PROXY_SOURCE)];
  // A bare IP gets the default port appended by defaulting; it is valid.
  if (parseIpSloppy(value).value) return [];
  return hostPortFindings(value, path);
}

/** `validate.kubeProxyConfiguration`: what kube-proxy makes of its configuration document. */
export function validateKubeProxyConfiguration(config: unknown, opts?: KubeProxyConfigurationOptions): Finding[] {
  const f: Finding[] = [];
  const base = ruleContext(opts, f);
  const o = isRecord(opts) ? opts : {};
  let os = NodeOs.LINUX;
  if (o.os !== undefined) {
    if (o.os === NodeOs.LINUX || o.os === NodeOs.WINDOWS) os = o.os as NodeOs;
    else f.push(finding.error('os', 'opts.os', `${quote(o.os)} is not "linux" or "windows"`, 'use "linux" or "windows"'));
  }
  if (!isRecord(config)) {
    f.push(finding.error('kube-proxy-config-type', 'KubeProxyConfiguration', `${quote(config)} is not a KubeProxyConfiguration object`, 'write { apiVersion: "kubeproxy.config.k8s.io/v1alpha1", kind: "KubeProxyConfiguration", … }', KUBE_PROXY_SOURCE));
    return f;
  }
  const c = config;
  if (c.apiVersion !== undefined && c.apiVersion !== 'kubeproxy.config.k8s.io/v1alpha1') {
    f.push(finding.error('api-version', 'apiVersion', `${quote(c.apiVersion)} is not "kubeproxy.config.k8s.io/v1alpha1"`, 'write apiVersion: kubeproxy.config.k8s.io/v1alpha1', 'pkg/proxy/apis/config/v1alpha1/register.go'));
  }
  if (c.kind !== undefined && c.kind !== 'KubeProxyConfiguration') {
    f.push(finding.error('kind', 'kind', `${quote(c.kind)} is not "KubeProxyConfiguration"`, 'write kind: KubeProxyConfiguration', 'pkg/proxy/apis/config/v1alpha1/register.go'));
  }

  // kube-proxy applies its own featureGates on top of the command line's.
  f.push(...featureGateFindings(c.featureGates, base, (n) => `featureGates.${n}`, 'featureGates'));
  const own: Record<string, boolean> = {};
  if (isRecord(c.featureGates)) for (const [k, v] of Object.entries(c.featureGates)) if (typeof v === 'boolean') own[k] = v;
  const ctx = contextOf(base.version, { ...base.featureGates, ...own });

  // mode
  if (c.mode !== undefined && c.mode !== '') {
    const modes = validProxyModes(os, (g) => ctx.gate(g), ctx.version);
    if (typeof c.mode !== 'string' || !modes.includes(c.mode)) {
      let why = `must be ${modes.join(', ')} or blank on ${os} for kube-proxy ${ctx.version}`;
      let fix = `use ${quote(modes[0])}`;
      if (c.mode === KubeProxyModeName.USERSPACE) {
        why = `the userspace proxier was removed in Kubernetes ${USERSPACE_PROXY_REMOVED_IN}; ${why}`;
      } else if (c.mode === KubeProxyModeName.NFTABLES && os === NodeOs.LINUX) {
        const nft = FEATURE_GATES[NFTABLES_GATE];
        const exists = modeExists(KubeProxyMode.NFTABLES, ctx.version);
        why = !exists ? `nftables mode arrived in Kubernetes ${nft.alpha} (alpha); ${why}` : `nftables mode needs the ${NFTABLES_GATE} feature gate (alpha in ${ctx.version}); ${why}`;
        fix = !exists ? `use "iptables", or target Kubernetes ≥ ${nft.defaultOn}` : `set featureGates: { ${NFTABLES_GATE}: true }, or use "iptables"`;
      } else if (c.mode === KubeProxyModeName.KERNELSPACE) {
        why = `kernelspace is the Windows proxier; ${why}`;
      }
      f.push(finding.error('kube-proxy-mode', 'mode', `${quote(c.mode)}: ${why}`, fix, KUBE_PROXY_SOURCE));
    }
    if (c.mode === KubeProxyMode.IPVS && os === NodeOs.LINUX && modes.includes(c.mode) && modeDeprecated(KubeProxyMode.IPVS, ctx.version)) f.push(ipvsDeprecatedFinding(ctx.version, 'mode'));
  }

  // clusterCIDR
  if (c.clusterCIDR !== undefined && c.clusterCIDR !== '') {
    if (typeof c.clusterCIDR !== 'string') {
      f.push(finding.error('cluster-cidr-type', 'clusterCIDR', `${quote(c.clusterCIDR)} is ${yamlTypeName(c.clusterCIDR)}, not a string`, `write ${listAsCommaString(c.clusterCIDR) ?? exampleList('pods', 'flag')} (one comma-separated string)`, KUBE_PROXY_SOURCE));
    } else {
      if ((cidrListItems(c.clusterCIDR)?.length ?? 0) > 1 && !ctx.gate('IPv6DualStack')) {
        f.push(
          finding.error(
            'cluster-cidr-dual-stack-gate',
            'clusterCIDR',
            `${quote(c.clusterCIDR)}: only one CIDR is allowed unless IPv6DualStack is on (kube-proxy ${ctx.version})`,
            'set featureGates: { IPv6DualStack: true }, or give one CIDR',
            KUBE_PROXY_SOURCE,
          ),
        );
      } else {
        parseCidrList(c.clusterCIDR, indexedPaths('clusterCIDR'), { source: KUBE_PROXY_SOURCE, example: exampleList('pods', 'flag'), dropSameFamily: false }, f);
      }
    }
  }

  // detectLocalMode
  if (c.detectLocalMode !== undefined && c.detectLocalMode !== '') {
    const modes = Object.values(DetectLocalMode) as string[];
    if (typeof c.detectLocalMode !== 'string' || !modes.includes(c.detectLocalMode)) {
      f.push(finding.error('detect-local-mode', 'detectLocalMode', `${quote(c.detectLocalMode)}: supported values are ${modes.map((m) => quote(m)).join(', ')} or blank`, 'use "ClusterCIDR" (with clusterCIDR set) or "NodeCIDR"', KUBE_PROXY_SOURCE));
    } else {
      const dl = isRecord(c.detectLocal) ? c.detectLocal : {};
      if (c.detectLocalMode === DetectLocalMode.BRIDGE_INTERFACE && !(typeof dl.bridgeInterface === 'string' && dl.bridgeInterface.length > 0)) {
        f.push(finding.error('detect-local-interface', 'detectLocal.bridgeInterface', `${quote(dl.bridgeInterface)}: must not be empty with detectLocalMode BridgeInterface`, 'name the bridge, e.g. "cni0"', KUBE_PROXY_SOURCE));
      }
      if (c.detectLocalMode === DetectLocalMode.INTERFACE_NAME_PREFIX && !(typeof dl.interfaceNamePrefix === 'string' && dl.interfaceNamePrefix.length > 0)) {
        f.push(finding.error('detect-local-interface', 'detectLocal.interfaceNamePrefix', `${quote(dl.interfaceNamePrefix)}: must not be empty with detectLocalMode InterfaceNamePrefix`, 'name the prefix, e.g. "cali"', KUBE_PROXY_SOURCE));
      }
    }
  }

  // nodePortAddresses
  if (c.nodePortAddresses !== undefined && c.nodePortAddresses !== null) {
    if (!Array.isArray(c.nodePortAddresses)) {
      f.push(finding.error('node-port-addresses-type', 'nodePortAddresses', `${quote(c.nodePortAddresses)} is ${yamlTypeName(c.nodePortAddresses)}, not a list`, 'write a list of CIDRs, or ["primary"]', KUBE_PROXY_SOURCE));
    } else {
      const list = c.nodePortAddresses as unknown[];
      for (let i = 0; i < list.length; i++) {
        const item = list[i];
        const p = `nodePortAddresses[${i}]`;
        if (item === 'primary' && !ctx.version.before(NODE_PORT_ADDRESSES_PRIMARY_SINCE)) {
          if (i !== 0 || list.length !== 1) {
            f.push(finding.error('node-port-addresses-primary', p, `"primary": can't use both 'primary' and CIDRs`, 'write exactly ["primary"], or only CIDRs', KUBE_PROXY_SOURCE));
          }
          break;
        }
        if (typeof item !== 'string') {
          f.push(finding.error('node-port-address', p, `${quote(item)} must be a valid CIDR`, 'write e.g. "192.168.101.0/24"', KUBE_PROXY_SOURCE));
          continue;
        }
        const r = parseCidrSloppy(item);
        if (!r.value) {
          f.push(
            finding.error(
              'node-port-address',
              p,
              item === 'primary' ? `"primary" is accepted only from kube-proxy ${NODE_PORT_ADDRESSES_PRIMARY_SINCE} (${ctx.version} wants CIDRs)` : `${r.error}`,
              item === 'primary' ? 'list the node networks as CIDRs' : 'write e.g. "192.168.101.0/24"',
              KUBE_PROXY_SOURCE,
            ),
          );
        } else if (r.value.hostBitsSet || r.normalised !== undefined) {
          f.push(finding.warning('node-port-address-host-bits', p, `${quote(item)} is read as ${quote(r.value.toString())}`, `write ${quote(r.value.toString())}`, KUBE_PROXY_SOURCE));
        }
      }
    }
  }

  // bind addresses
  if (c.bindAddress !== undefined && c.bindAddress !== '') {
    const r = typeof c.bindAddress === 'string' ? parseIpSloppy(c.bindAddress) : { error: `${quote(c.bindAddress)} is ${yamlTypeName(c.bindAddress)}, not a string` };
    if (!r.value) f.push(finding.error('bind-address', 'bindAddress', `${quote(c.bindAddress)}: not a valid textual representation of an IP address`, 'write "0.0.0.0" (all IPv4) or "::" (all addresses)', KUBE_PROXY_SOURCE));
  }
  f.push(...bindAddressWithPort(c.healthzBindAddress, 'healthzBindAddress'));
  f.push(...bindAddressWithPort(c.metricsBindAddress, 'metricsBindAddress'));

  // ipvs.excludeCIDRs
  if (isRecord(c.ipvs) && c.ipvs.excludeCIDRs !== undefined && c.ipvs.excludeCIDRs !== null) {
    const ex = c.ipvs.excludeCIDRs;
    if (!Array.isArray(ex)) f.push(finding.error('ipvs-exclude-cidrs', 'ipvs.excludeCIDRs', `${quote(ex)} is ${yamlTypeName(ex)}, not a list`, 'write a list of CIDRs', KUBE_PROXY_SOURCE));
    else
      ex.forEach((item: unknown, i: number) => {
        if (typeof item !== 'string' || !parseCidrSloppy(item).value) f.push(finding.error('ipvs-exclude-cidr', `ipvs.excludeCIDRs[${i}]`, `${quote(item)} must be a valid CIDR`, 'write e.g. "10.0.0.0/8"', KUBE_PROXY_SOURCE));
      });
  }
  return f;
}
