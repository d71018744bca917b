import { KubeProxyMode } from '../kube-proxy/mode';
import type { IpvsScheduler } from '../kube-proxy/render';

/**
 * Kernel modules the kube-proxy mode needs on a node. ipvs still uses ip(6)tables for
 * masquerading, and loads one module per scheduler (ip_vs_rr for the default round robin).
 * kube-proxy ipvs checks for ip_vs, ip_vs_rr, ip_vs_wrr, ip_vs_sh and nf_conntrack
 * (pkg/proxy/ipvs/util/ipvs.go); nftables needs nf_tables (pkg/proxy/nftables). The ip6tables
 * modules only where the cluster has IPv6: a host booted with ipv6.disable=1 has none to load.
 */
export function modulesFor(mode: KubeProxyMode, scheduler?: IpvsScheduler, ipv6 = true): string[] {
  const ip6tables = ipv6 ? ['ip6_tables', 'ip6table_nat', 'ip6table_filter'] : [];
  switch (mode) {
    case KubeProxyMode.IPVS: {
      const mods = ['ip_vs', 'ip_vs_rr', 'ip_vs_wrr', 'ip_vs_sh'];
      if (scheduler && !mods.includes(`ip_vs_${scheduler}`)) mods.push(`ip_vs_${scheduler}`);
      return [...mods, 'nf_conntrack', ...ip6tables];
    }
    case KubeProxyMode.NFTABLES:
      return ['nf_tables'];
    case KubeProxyMode.IPTABLES:
    default:
      return ip6tables;
  }
}

/** The sysctls every dual-stack node needs (field report §3; kubeadm dual-stack docs). */
export const HOST_SYSCTLS: readonly (readonly [string, string])[] = [
  ['net.ipv4.ip_forward', '1'],
  ['net.ipv6.conf.all.disable_ipv6', '0'],
  ['net.ipv6.conf.default.disable_ipv6', '0'],
  ['net.ipv6.conf.lo.disable_ipv6', '0'],
  ['net.ipv6.conf.all.forwarding', '1'],
];

/**
 * The sysctls of a node of the plan: IPv4 forwarding always; the IPv6 ones only when the cluster
 * has IPv6 (on an IPv4-only cluster they would switch IPv6 on, and fail where the kernel was
 * booted without it: /proc/sys/net/ipv6 does not exist then).
 */
export function hostSysctls(ipv6: boolean): readonly (readonly [string, string])[] {
  return ipv6 ? HOST_SYSCTLS : HOST_SYSCTLS.filter(([key]) => !key.startsWith('net.ipv6.'));
}

/**
 * With forwarding on, Linux ignores router advertisements unless accept_ra is 2, so a node that
 * gets its IPv6 default route from RAs loses it the moment forwarding is enabled.
 */
export function acceptRaSysctl(iface: string): readonly [string, string] {
  // sysctl keys write a "." inside an interface name (VLAN eth0.100) as "/".
  return [`net.ipv6.conf.${iface.replace(/\./g, '/')}.accept_ra`, '2'];
}

/** `/proc/sys/...` path of a sysctl key (the "/" of a VLAN name becomes "." again). */
export function procPath(key: string): string {
  return `/proc/sys/${key.split('.').map((p) => p.replace(/\//g, '.')).join('/')}`;
}

/** Linux interface names: 1–15 bytes, no "/", whitespace or ":" (net/core/dev.c dev_valid_name). */
export function validInterfaceName(name: string): boolean {
  return /^[A-Za-z0-9_.@-]{1,15}$/.test(name) && name !== '.' && name !== '..';
}

/** Single-quote a value for sh/bash: nothing inside is expanded. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
