import { gateEnabled, gateStage, KubernetesVersion } from '../plan/version';

/** kube-proxy `mode`, as written in KubeProxyConfiguration. */
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
  /** The upstream place the fact comes from. */
  readonly source: string;
}

/**
 * Mode timeline. iptables and ipvs predate dual-stack (ipvs GA in 1.11); nftables is KEP-3866:
 * alpha 1.29 (gate NFTablesProxyMode, off), beta 1.31 (on by default), GA 1.33
 * (keps/sig-network/3866-nftables-proxy/kep.yaml).
 */
export const KUBE_PROXY_MODES: Readonly<Record<KubeProxyMode, KubeProxyModeHistory>> = {
  [KubeProxyMode.IPTABLES]: { since: '1.2', source: 'pkg/proxy/iptables' },
  [KubeProxyMode.IPVS]: { since: '1.11', source: 'pkg/proxy/ipvs' },
  [KubeProxyMode.NFTABLES]: { since: '1.29', gate: 'NFTablesProxyMode', source: 'keps/sig-network/3866-nftables-proxy/kep.yaml' },
};

/** Whether the version has the mode at all. */
export function modeExists(mode: KubeProxyMode, version: KubernetesVersion): boolean {
  return version.atLeast(KUBE_PROXY_MODES[mode].since);
}

/**
 * The gate the mode needs switched on explicitly for this version (alpha: off by default), or
 * undefined when the mode works with the gates as they are. User overrides count: a gate the user
 * already turned on is not "needed" again.
 */
export function modeGateNeeded(mode: KubeProxyMode, version: KubernetesVersion, overrides: Readonly<Record<string, boolean>> = {}): string | undefined {
  const gate = KUBE_PROXY_MODES[mode].gate;
  if (!gate || !modeExists(mode, version)) return undefined;
  if (gateStage(gate, version) === 'ga') return undefined;
  // Default-on (beta) or already on through the user's gates: nothing to add.
  if (gateEnabled(gate, version, {})) return undefined;
  if (Object.prototype.hasOwnProperty.call(overrides, gate)) return undefined;
  return gate;
}

/** Linux kernel `major.minor` from `uname -r` text (`5.15.0-91-generic`, `3.10.0-1160.el7.x86_64`). */
export function parseKernelVersion(text: string | undefined): { major: number; minor: number } | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^\s*(\d+)\.(\d+)/.exec(text);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

/** `a < b` on kernel major.minor. */
export function kernelBefore(k: { major: number; minor: number }, major: number, minor: number): boolean {
  return k.major < major || (k.major === major && k.minor < minor);
}
