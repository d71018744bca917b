import { formatInterfaceAddress } from '../net/interface-address';
import { Cidr } from '../net/cidr';
import { KubeProxyMode } from '../kube-proxy/mode';
import type { IpvsScheduler } from '../kube-proxy/render';
import type { ClusterNetwork, PlannedNode } from '../plan/network';
import { IpFamily } from '../plan/spec';
import { assertScriptableInterface } from './interface-guard';
import { hostSysctls, modulesFor, shellQuote } from './modules';

/** Node operating-system families the script knows. */
export enum NodeDistro {
  /** RHEL, CentOS, Rocky, Alma: /etc/sysconfig network scripts (field report §3). */
  RHEL = 'rhel',
  /** Debian, Ubuntu: netplan. */
  DEBIAN = 'debian',
}

/** Options of `renderNodeScript`. */
export interface NodeScriptOptions {
  /**
   * kube-proxy mode: decides the kernel modules.
   * @default KubeProxyMode.IPTABLES
   */
  readonly proxyMode?: KubeProxyMode;
  /**
   * ipvs scheduler whose module to load (ipvs mode).
   * @default - round robin
   */
  readonly ipvsScheduler?: IpvsScheduler;
  /**
   * Set accept_ra=2 on the node interface (it learns routes from router advertisements).
   * @default false
   */
  readonly acceptRa?: boolean;
}

/** Files the script writes. */
export const NODE_SCRIPT_FILES = {
  sysctl: '/etc/sysctl.d/90-k8s-dualstack.conf',
  modprobe: '/etc/modprobe.d/k8s-dualstack-ipv6.conf',
  modulesLoad: '/etc/modules-load.d/k8s-dualstack.conf',
  netplan: '/etc/netplan/60-k8s-dualstack.yaml',
  sysconfigNetwork: '/etc/sysconfig/network',
  sysconfigScripts: '/etc/sysconfig/network-scripts',
} as const;

/**
 * br_netfilter passes bridged traffic through the IP netfilter hooks (iptables and nftables alike),
 * so kube-proxy's rules see pod-to-Service traffic on Linux-bridge CNIs (flannel's cni0, the bridge
 * plugin). kubeadm preflight required /proc/sys/net/bridge/bridge-nf-call-iptables = 1 (IPv4) and
 * bridge-nf-call-ip6tables = 1 (IPv6, kubernetes#53014) until 1.30 removed both checks
 * (kubernetes#123464: "network plugins are responsible"); the script loads the module and sets both
 * on every version, which is what the plugins that need them expect and harmless for the others.
 */
const BRIDGE_MODULE = 'br_netfilter';

/**
 * The kernel configuration symbol that builds each module (the `obj-$(CONFIG_…) += <module>.o`
 * lines of net/ipv6/netfilter/Makefile, net/netfilter/Makefile, net/netfilter/ipvs/Makefile and
 * net/bridge/Makefile). Used only to recognise a module compiled into a kernel that ships no
 * /lib/modules/<release>/modules.builtin (a built-in module without parameters has no /sys/module
 * entry and cannot be modprobed there).
 */
function kernelConfigSymbol(module: string): string | undefined {
  const fixed: Record<string, string> = {
    ip6_tables: 'CONFIG_IP6_NF_IPTABLES',
    ip6table_nat: 'CONFIG_IP6_NF_NAT',
    ip6table_filter: 'CONFIG_IP6_NF_FILTER',
    nf_tables: 'CONFIG_NF_TABLES',
    nf_conntrack: 'CONFIG_NF_CONNTRACK',
    ip_vs: 'CONFIG_IP_VS',
    br_netfilter: 'CONFIG_BRIDGE_NETFILTER',
  };
  if (fixed[module]) return fixed[module];
  // ip_vs_rr, ip_vs_wrr, ip_vs_lc, …: CONFIG_IP_VS_RR, CONFIG_IP_VS_WRR, CONFIG_IP_VS_LC, …
  if (/^ip_vs_[a-z]+$/.test(module)) return `CONFIG_${module.toUpperCase()}`;
  return undefined;
}

/** IPv6 link-local unicast (RFC 4291 §2.5.6): always on-link, a route through it needs the device. */
const IPV6_LINK_LOCAL = Cidr.parse('fe80::/10');

/**
 * The shell helpers every script starts with. `problem` collects what is wrong during the checks;
 * the `changed` counter lets a second run prove it changed nothing (its last line says so).
 */
function helpers(nodeName: string): string[] {
  return [
    `NODE=${shellQuote(nodeName)}`,
    'PROBLEMS=0',
    'CHANGES=0',
    'problem() { PROBLEMS=$((PROBLEMS + 1)); printf \'node %s: %s\\n\' "$NODE" "$1" >&2; }',
    'changed() { CHANGES=$((CHANGES + 1)); printf \'changed: %s\\n\' "$1"; }',
    '# Write stdin to a file only when its content differs (a second run leaves the file alone).',
    'put_file() {',
    '  local tmp',
    '  tmp="$(mktemp)"',
    '  cat > "$tmp"',
    '  if [ -f "$1" ] && cmp -s "$tmp" "$1"; then rm -f "$tmp"; return 0; fi',
    '  install -D -m "$2" "$tmp" "$1"',
    '  rm -f "$tmp"',
    '  changed "wrote $1"',
    '}',
    '# Set a sysctl now, only when its value differs.',
    'set_sysctl() {',
    '  local now',
    '  now="$(sysctl -n "$1")"',
    '  if [ "$now" = "$2" ]; then return 0; fi',
    '  sysctl -q -w "$1=$2" >/dev/null',
    '  changed "sysctl $1 = $2 (was $now)"',
    '}',
    '# A module is ready when it is loaded or compiled into the kernel.',
    'module_ready() {',
    '  [ -d "/sys/module/$1" ] && return 0',
    '  grep -qs "/$1\\.ko" "/lib/modules/$(uname -r)/modules.builtin" && return 0',
    '  [ -n "$2" ] || return 1',
    '  if [ -r /proc/config.gz ]; then zcat /proc/config.gz 2>/dev/null | grep -qx "$2=y" && return 0; fi',
    '  grep -qxs "$2=y" "/boot/config-$(uname -r)"',
    '}',
  ];
}

/**
 * An idempotent `set -eu` bash script that prepares one node for dual-stack and runs as root on
 * the node. It first checks (root, commands, the interface, IPv6 in the kernel, the declared
 * addresses, the modules, the gateway) and changes nothing unless every check passes: a failing
 * node prints each problem and exits 1. Then it applies the runtime state directly (modprobe,
 * `sysctl -w`, `ip addr add`, `ip -6 route replace`) and writes the files that bring the same
 * state back at boot: sysctl.d, modules-load.d, modprobe.d, and the static IPv6 address and IPv6
 * default route in ifcfg (RHEL/CentOS, field report §3) or netplan (Debian/Ubuntu). It never
 * restarts networking (`netplan apply`, `nmcli`, `systemctl restart network`; netplan's file is tried with
 * `netplan generate --root-dir` on a scratch copy during the checks): the running state
 * is set by hand and the files take over at the next boot. Each step changes something only when
 * it differs, so a second run prints `0 changes`.
 *
 * Facts it satisfies: kubeadm preflight reads /proc/sys/net/ipv4/ip_forward (IPv4) and
 * /proc/sys/net/ipv6/conf/default/forwarding (IPv6) and wants "1" (kubernetes#63872,
 * cmd/kubeadm/app/preflight/checks_linux.go addIPv4Checks/addIPv6Checks); before 1.30 also
 * bridge-nf-call-iptables/ip6tables (see BRIDGE_MODULE).
 */
export function renderNodeScript(plan: ClusterNetwork, node: PlannedNode | string, distro: NodeDistro, options: NodeScriptOptions = {}): string {
  const n = typeof node === 'string' ? plan.nodes.find((x) => x.name === node) : node;
  if (!n) throw new Error(`renderNodeScript: node ${JSON.stringify(node)} is not declared in the plan (declared: ${plan.nodes.map((x) => x.name).join(', ') || 'none'})`);
  assertScriptableInterface(n);
  const mode = options.proxyMode ?? KubeProxyMode.IPTABLES;
  const ipv4 = plan.hasFamily(IpFamily.IPV4);
  const ipv6 = plan.hasFamily(IpFamily.IPV6);
  const kubeProxyModules = modulesFor(mode, options.ipvsScheduler, ipv6);
  const mods = kubeProxyModules.includes(BRIDGE_MODULE) ? kubeProxyModules : [...kubeProxyModules, BRIDGE_MODULE];
  const v4 = ipv4 ? n.ipv4?.address.withoutZone().toString() : undefined;
  const v6 = ipv6 ? n.ipv6 : undefined;
  const v6cidr = v6?.network ? formatInterfaceAddress(v6.address, v6.network.prefix) : undefined;
  const gwAddress = ipv6 ? n.ipv6DefaultGateway : undefined;
  const gw = gwAddress?.withoutZone().toString();
  const ifaceIndex = `nodes[${n.index}].interface`;

  // The sysctls, in the order they are applied: IPv6 on before its forwarding; all.forwarding and
  // then default.forwarding (kubeadm reads default; the kernel copies all → default on write, but
  // the boot file must not depend on that); bridge keys after br_netfilter is loaded.
  const sysctls: Array<readonly [string, string]> = [...hostSysctls(ipv6)];
  if (ipv6) sysctls.push(['net.ipv6.conf.default.forwarding', '1']);
  if (ipv4) sysctls.push(['net.bridge.bridge-nf-call-iptables', '1']);
  if (ipv6) sysctls.push(['net.bridge.bridge-nf-call-ip6tables', '1']);
  const acceptRa = ipv6 && options.acceptRa === true;

  const L: string[] = [];
  L.push('#!/usr/bin/env bash');
  L.push(`# Dual-stack host preparation for node ${n.name} (${distro}), Kubernetes ${plan.version}, kube-proxy ${mode}.`);
  L.push('# Generated by k8s-dualstack from the cluster network plan. Idempotent; run as root.');
  L.push('# It checks everything first and changes nothing unless every check passes.');
  L.push('set -eu');
  L.push('');
  L.push(...helpers(n.name));
  L.push('');
  L.push('# ---------------------------------------------------------------- checks (read only)');
  L.push('[ "$(id -u)" = 0 ] || problem "run this script as root (id -u is $(id -u))"');
  L.push('for c in ip sysctl cmp install; do');
  L.push('  command -v "$c" >/dev/null 2>&1 || problem "command $c not found (packages iproute2, procps, diffutils, coreutils)"');
  L.push('done');
  if (n.interface) {
    L.push(`IFACE=${shellQuote(n.interface)}`);
  } else {
    L.push('# The plan names no interface: use the one that carries the default route.');
    L.push("IFACE=\"$(ip -o -4 route show default 2>/dev/null | awk '{print $5; exit}')\"");
    L.push("[ -n \"$IFACE\" ] || IFACE=\"$(ip -o -6 route show default 2>/dev/null | awk '{print $5; exit}')\"");
  }
  L.push('if [ -z "$IFACE" ]; then');
  L.push(`  problem "cannot find the node interface: no default route names one; set it in the plan (${ifaceIndex})"`);
  L.push('elif ! ip link show dev "$IFACE" >/dev/null 2>&1; then');
  L.push(`  problem "interface $IFACE (${ifaceIndex}) does not exist on this host; it has: $(ls /sys/class/net | tr '\\n' ' ')"`);
  L.push('elif [ -z "$(ip -o link show dev "$IFACE" up)" ]; then');
  L.push('  problem "interface $IFACE is down: bring it up (ip link set dev $IFACE up) and run again"');
  L.push('fi');
  if (ipv6) {
    L.push('if [ ! -d /proc/sys/net/ipv6 ]; then');
    L.push('  problem "the kernel has no IPv6 (/proc/sys/net/ipv6 is missing; booted with ipv6.disable=1?): remove ipv6.disable from the kernel command line and reboot"');
    L.push('fi');
  }
  if (v4) {
    L.push('# kubelet --node-ip must be an address of this host.');
    L.push(`ip -o -4 addr show | grep -qF ' inet ${v4}/' || problem "the declared IPv4 address ${v4} (nodes[${n.index}].ipv4) is not on this host: kubelet --node-ip would fail"`);
  }
  if (gw && gwAddress && v6?.network && !v6.network.contains(gwAddress) && !IPV6_LINK_LOCAL.contains(gwAddress)) {
    // Outside the node's own prefix and not link-local: the kernel refuses the route unless the
    // gateway is already reachable on the interface.
    L.push(`ip -6 route get ${gw} 2>/dev/null | grep -q " dev $IFACE " || problem "the IPv6 gateway ${gw} (nodes[${n.index}].ipv6DefaultGateway) is outside ${v6cidr} and not reachable on $IFACE"`);
  }
  if (distro === NodeDistro.DEBIAN && v6cidr) {
    L.push('# The netplan file for boot, and a dry run of netplan on it together with the host\'s own files.');
    L.push('netplan_file() {');
    // Unquoted delimiter so $IFACE expands; nothing else in the text is special to the shell.
    L.push('  cat <<K8S_DUALSTACK_EOF');
    L.push('network:');
    L.push('  version: 2');
    L.push('  ethernets:');
    L.push('    "${IFACE}":');
    L.push('      addresses:');
    L.push(`        - "${v6cidr}"`);
    if (gw) {
      L.push('      routes:');
      L.push('        - to: "::/0"');
      L.push(`          via: "${gw}"`);
    }
    L.push('K8S_DUALSTACK_EOF');
    L.push('}');
    L.push('if command -v netplan >/dev/null 2>&1; then');
    L.push('  NETPLAN_TRY="$(mktemp -d)"');
    L.push('  for d in lib/netplan etc/netplan run/netplan; do');
    L.push('    mkdir -p "$NETPLAN_TRY/$d"');
    L.push('    if [ -d "/$d" ]; then find "/$d" -maxdepth 1 -name \'*.yaml\' -exec cp -p {} "$NETPLAN_TRY/$d/" \\;; fi');
    L.push('  done');
    L.push(`  netplan_file > "$NETPLAN_TRY${NODE_SCRIPT_FILES.netplan}"`);
    L.push('  if ! NETPLAN_ERR="$(netplan generate --root-dir "$NETPLAN_TRY" 2>&1)"; then');
    L.push(`    problem "netplan rejects ${NODE_SCRIPT_FILES.netplan} together with this host's netplan files: $NETPLAN_ERR"`);
    L.push('  fi');
    L.push('  rm -rf "$NETPLAN_TRY"');
    L.push('fi');
  }
  L.push('MODULES_TO_LOAD=""');
  L.push('while read -r m sym; do');
  L.push('  if module_ready "$m" "$sym"; then continue; fi');
  L.push('  if command -v modprobe >/dev/null 2>&1 && modprobe -n -q -- "$m" 2>/dev/null; then MODULES_TO_LOAD="$MODULES_TO_LOAD $m"; continue; fi');
  L.push('  problem "kernel module $m is not loaded, not built in and cannot be loaded (modprobe $m); install the kernel modules package of $(uname -r)"');
  L.push('done <<\'K8S_DUALSTACK_EOF\'');
  for (const m of mods) L.push(`${m} ${kernelConfigSymbol(m) ?? ''}`.trimEnd());
  L.push('K8S_DUALSTACK_EOF');
  L.push('if [ "$PROBLEMS" -gt 0 ]; then');
  L.push('  printf \'node %s: %s problem(s), nothing changed\\n\' "$NODE" "$PROBLEMS" >&2');
  L.push('  exit 1');
  L.push('fi');
  L.push('');
  L.push('# ---------------------------------------------------------------- apply (now, and files for boot)');
  if (ipv6) {
    L.push('# 1. IPv6 enabled in the ipv6 module (field report §3).');
    L.push(`put_file ${shellQuote(NODE_SCRIPT_FILES.modprobe)} 644 <<'K8S_DUALSTACK_EOF'`);
    L.push('options ipv6 disable=0');
    L.push('K8S_DUALSTACK_EOF');
  }
  L.push(`# 2. Kernel modules (kube-proxy ${mode}, ${BRIDGE_MODULE}), now and at every boot (systemd-modules-load runs before systemd-sysctl, so the bridge keys below apply at boot).`);
  L.push(`put_file ${shellQuote(NODE_SCRIPT_FILES.modulesLoad)} 644 <<'K8S_DUALSTACK_EOF'`);
  L.push(...mods);
  L.push('K8S_DUALSTACK_EOF');
  L.push('for m in $MODULES_TO_LOAD; do modprobe -- "$m"; changed "loaded module $m"; done');
  L.push('');
  L.push('# 3. Forwarding on for both families, IPv6 not disabled, bridged traffic through netfilter.');
  // The key of an interface sysctl writes a "." in the name (VLAN eth0.100) as "/".
  if (acceptRa) {
    L.push('IFACE_KEY="$(printf \'%s\' "$IFACE" | tr . /)"');
    L.push('# With forwarding on, router advertisements are ignored unless accept_ra = 2.');
  }
  L.push(`put_file ${shellQuote(NODE_SCRIPT_FILES.sysctl)} 644 <<${acceptRa ? '' : "'"}K8S_DUALSTACK_EOF${acceptRa ? '' : "'"}`);
  for (const [k, val] of sysctls) L.push(`${k} = ${val}`);
  if (acceptRa) L.push('net.ipv6.conf.${IFACE_KEY}.accept_ra = 2');
  L.push('K8S_DUALSTACK_EOF');
  for (const [k, val] of sysctls) L.push(`set_sysctl ${k} ${val}`);
  if (acceptRa) L.push('set_sysctl "net.ipv6.conf.${IFACE_KEY}.accept_ra" 2');
  L.push('');
  if (!ipv6) {
    L.push('# 4. The cluster has no IPv6: no IPv6 address or route to set.');
  } else if (!v6cidr) {
    L.push(`# 4. No IPv6 address with prefix is declared for ${n.name} in the plan: address and route left as they are.`);
  } else {
    L.push('# 4. Static IPv6 address and IPv6 default route: now, without restarting the network…');
    L.push(`if ! ip -6 -o addr show dev "$IFACE" | grep -qF ' inet6 ${v6cidr} '; then`);
    L.push(`  ip -6 addr add ${v6cidr} dev "$IFACE"`);
    L.push(`  changed "address ${v6cidr} on $IFACE"`);
    L.push('fi');
    if (gw) {
      L.push(`if ! ip -6 route show default | grep -q "^default via ${gw} dev $IFACE "; then`);
      L.push(`  ip -6 route replace default via ${gw} dev "$IFACE"`);
      L.push(`  changed "IPv6 default route via ${gw} dev $IFACE"`);
      L.push('fi');
    }
    if (distro === NodeDistro.RHEL) {
      L.push('# …and for boot in the network scripts (field report §3).');
      L.push('set_kv() {');
      L.push('  if [ -f "$1" ] && grep -qxF "$2=$3" "$1"; then return 0; fi');
      L.push('  touch "$1"');
      L.push('  if grep -q "^$2=" "$1"; then sed -i "s|^$2=.*|$2=$3|" "$1"; else printf \'%s=%s\\n\' "$2" "$3" >> "$1"; fi');
      L.push('  changed "$1: $2=$3"');
      L.push('}');
      L.push(`IFCFG="${NODE_SCRIPT_FILES.sysconfigScripts}/ifcfg-$IFACE"`);
      // Only an interface the network scripts already configure: a new ifcfg file would become a
      // second NetworkManager profile without the interface's IPv4 settings.
      L.push('if [ -f "$IFCFG" ]; then');
      L.push(`  set_kv ${NODE_SCRIPT_FILES.sysconfigNetwork} NETWORKING_IPV6 yes`);
      L.push('  set_kv "$IFCFG" IPV6INIT yes');
      L.push('  set_kv "$IFCFG" IPV6_AUTOCONF no');
      L.push(`  set_kv "$IFCFG" IPV6ADDR ${v6cidr}`);
      if (gw) L.push(`  set_kv "$IFCFG" IPV6_DEFAULTGW ${gw}`);
      L.push('else');
      const nm = `nmcli connection modify <profile of $IFACE> ipv6.method manual ipv6.addresses ${v6cidr}${gw ? ` ipv6.gateway ${gw}` : ''}`;
      L.push(`  echo "WARNING: $IFCFG does not exist (NetworkManager keyfiles?): the IPv6 address${gw ? ' and route are' : ' is'} set now but not kept at boot; persist with: ${nm}" >&2`);
      L.push('fi');
    } else {
      L.push('# …and for boot in netplan: its generator reads the file at every boot (already checked above).');
      L.push(`netplan_file | put_file ${NODE_SCRIPT_FILES.netplan} 600`);
      L.push('if ! command -v netplan >/dev/null 2>&1; then');
      L.push(`  echo "WARNING: netplan is not installed: ${NODE_SCRIPT_FILES.netplan} is not read at boot; put the IPv6 address${gw ? ' and route' : ''} in this host's network configuration" >&2`);
      L.push('fi');
    }
  }
  if (ipv6 && !gw && plan.nodes.length && (mode === KubeProxyMode.IPTABLES || mode === KubeProxyMode.NFTABLES)) {
    L.push(`# WARNING: no IPv6 default gateway declared for ${n.name}; kube-proxy ${mode} cannot reach IPv6 ClusterIPs from the host without one (calico#2758).`);
  }
  L.push('');
  L.push('echo "node $NODE: dual-stack host preparation done, $CHANGES change(s)"');
  return `${L.join('\n')}\n`;
}
