// Issue 18 §1: the node script on a real kernel. Each case gets a node network namespace whose
// interface (one end of a veth) carries the node's declared IPv4 address, a gateway namespace on
// the other end holding the declared IPv6 gateway, and an overlay over /etc (upper layer in the
// lab directory, kept between the two runs) plus a tmpfs over /run, both in a private mount
// namespace: the script writes its files there, never into this machine's /etc.
// Assertions read the kernel (/proc/sys, `ip`), not the script text.
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { NodeDistro, renderNodeScript } from '../../lib/host/node-script';
import { KubeProxyMode } from '../../lib/kube-proxy/mode';
import { ClusterNetwork } from '../../lib/plan/network';
import { Cleanup, describeLab, labDir, labName, must, run } from './lab';

// Documentation ranges only (RFC 5737, RFC 3849): nothing here can leave the namespaces anyway.
const NODE_V4 = '192.0.2.53';
const NODE_V6 = '2001:db8:53::2';
const GATEWAY_V6 = '2001:db8:53::fe';
const IFACE = 'ens3';

function planFor(nodeInterface: string): ClusterNetwork {
  return ClusterNetwork.of({
    kubernetesVersion: '1.33',
    podCidrs: ['172.16.0.0/16', 'fc00::/48'],
    serviceCidrs: ['10.96.0.0/12', 'fd00::/108'],
    nodes: [{ name: 'lab53', ipv4: `${NODE_V4}/24`, ipv6: `${NODE_V6}/64`, ipv6DefaultGateway: GATEWAY_V6, controlPlane: true, interface: nodeInterface }],
  });
}

/** The kernel and file state the script is judged by, read inside the node namespace. */
const STATE_PROBE = [
  `for k in ${[
    'net/ipv4/ip_forward',
    'net/ipv6/conf/all/forwarding',
    'net/ipv6/conf/default/forwarding',
    'net/ipv6/conf/all/disable_ipv6',
    'net/ipv6/conf/default/disable_ipv6',
    'net/ipv6/conf/lo/disable_ipv6',
    `net/ipv6/conf/${IFACE}/accept_ra`,
    'net/bridge/bridge-nf-call-iptables',
    'net/bridge/bridge-nf-call-ip6tables',
  ].join(' ')}; do`,
  '  printf "sysctl %s=%s\\n" "$k" "$(cat /proc/sys/$k 2>/dev/null || echo missing)"',
  'done',
  `ip -6 -o addr show dev ${IFACE} scope global | awk '{print "addr", $4}'`,
  "ip -6 route show default | sed 's/^/route6 /'",
  "ip -4 route show default | sed 's/^/route4 /'",
].join('\n');

interface Lab {
  /** Run bash inside the node: its network namespace, a private mount namespace with /etc and /run layered. */
  node(script: string): ReturnType<typeof run>;
  /** The kernel state and the written files (path and sha256), one line each. */
  state(): string;
  files(): string;
  /** The upper layer of the /etc overlay: what the script wrote. */
  readonly upper: string;
}

describeLab('node script on a real kernel', { commands: ['mount', 'sha256sum'] }, () => {
  const cleanup = new Cleanup();
  afterAll(() => cleanup.runAll());

  let counter = 0;
  function makeLab(): Lab {
    counter += 1;
    const nodeNs = labName(`n${counter}`);
    const gwNs = labName(`g${counter}`);
    const vethNode = labName(`vn${counter}`);
    const vethGw = labName(`vg${counter}`);
    const dir = labDir(cleanup, `node${counter}`);
    for (const d of ['upper', 'work']) mkdirSync(join(dir, d));
    cleanup.netns(nodeNs);
    cleanup.netns(gwNs);
    must([
      `ip netns add ${nodeNs}`,
      `ip netns add ${gwNs}`,
      `ip link add ${vethNode} type veth peer name ${vethGw}`,
      `ip link set ${vethNode} netns ${nodeNs}`,
      `ip link set ${vethGw} netns ${gwNs}`,
      `ip -n ${nodeNs} link set ${vethNode} name ${IFACE}`,
      `ip -n ${nodeNs} link set lo up`,
      `ip -n ${nodeNs} link set ${IFACE} up`,
      // The node's IPv4 address exists already (kubelet --node-ip); the script adds the IPv6 one.
      `ip -n ${nodeNs} addr add ${NODE_V4}/24 dev ${IFACE}`,
      `ip -n ${nodeNs} route add default via 192.0.2.254 dev ${IFACE}`,
      `ip -n ${gwNs} link set lo up`,
      `ip -n ${gwNs} link set ${vethGw} up`,
      `ip -n ${gwNs} addr add ${GATEWAY_V6}/64 dev ${vethGw} nodad`,
      // A new namespace starts with bridge-nf-call-* = 1; start from 0, as a host whose distribution
      // switches them off (RHEL 7's /usr/lib/sysctl.d/00-system.conf did), so setting them is seen.
      // (Without br_netfilter loaded yet the keys do not exist; the script loads it.)
      `ip netns exec ${nodeNs} sh -c '[ ! -d /proc/sys/net/bridge ] || { echo 0 > /proc/sys/net/bridge/bridge-nf-call-iptables && echo 0 > /proc/sys/net/bridge/bridge-nf-call-ip6tables; }'`,
    ].join(' && '));
    const enter = (script: string) => {
      const file = join(dir, `step-${Math.random().toString(36).slice(2)}.sh`);
      writeFileSync(file, [
        'set -eu',
        `mount -t overlay overlay -o lowerdir=/etc,upperdir=${dir}/upper,workdir=${dir}/work /etc`,
        'mount -t tmpfs tmpfs /run',
        script,
      ].join('\n'));
      return run(`ip netns exec ${nodeNs} unshare --mount --propagation private bash ${file}`);
    };
    return {
      node: enter,
      state: () => {
        const r = enter(STATE_PROBE);
        if (r.status !== 0) throw new Error(r.stderr);
        return r.stdout;
      },
      files: () => must(`cd ${dir}/upper && find . -type f | sort | xargs -r sha256sum`),
      upper: `${dir}/upper`,
    };
  }

  /** Run the script in the node; `after` runs in the same mount namespace (it sees the script's /run). */
  function runScript(lab: Lab, script: string, after = ''): ReturnType<typeof run> {
    return lab.node(`cat > /run/node.sh <<'LAB_EOF'\n${script}LAB_EOF\nset +e\nbash /run/node.sh\nrc=$?\n${after}\nexit $rc`);
  }

  test.each([NodeDistro.DEBIAN, NodeDistro.RHEL])('%s: forwarding, accept_ra=2 and the IPv6 default route in the kernel; a second run changes nothing', (distro) => {
    const lab = makeLab();
    const script = renderNodeScript(planFor(IFACE), 'lab53', distro, { proxyMode: KubeProxyMode.IPTABLES, acceptRa: true });
    if (distro === NodeDistro.RHEL) {
      // A RHEL host whose interface the network scripts configure (IPv4 only so far).
      must(`mkdir -p ${lab.upper}/sysconfig/network-scripts && printf 'DEVICE=${IFACE}\\nBOOTPROTO=none\\nONBOOT=yes\\nIPADDR=${NODE_V4}\\nPREFIX=24\\n' > ${lab.upper}/sysconfig/network-scripts/ifcfg-${IFACE} && printf 'NETWORKING=yes\\n' > ${lab.upper}/sysconfig/network`);
    }
    const before = lab.state();
    expect(before).toContain('sysctl net/ipv6/conf/default/forwarding=0');
    expect(before).toMatch(/^sysctl net\/bridge\/bridge-nf-call-ip6tables=(0|missing)$/m);

    // What boot does with the written file: netplan's generator renders it for systemd-networkd under /run.
    const networkd = `netplan generate && cat /run/systemd/network/10-netplan-${IFACE}.network | sed 's/^/networkd /'`;
    const first = runScript(lab, script, distro === NodeDistro.DEBIAN ? networkd : '');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const after = lab.state();
    // What kubeadm preflight reads (checks_linux.go addIPv4Checks/addIPv6Checks) and what the script promises.
    expect(after).toContain('sysctl net/ipv4/ip_forward=1');
    expect(after).toContain('sysctl net/ipv6/conf/all/forwarding=1');
    expect(after).toContain('sysctl net/ipv6/conf/default/forwarding=1');
    expect(after).toContain('sysctl net/ipv6/conf/all/disable_ipv6=0');
    expect(after).toContain(`sysctl net/ipv6/conf/${IFACE}/accept_ra=2`);
    expect(after).toContain('sysctl net/bridge/bridge-nf-call-iptables=1');
    expect(after).toContain('sysctl net/bridge/bridge-nf-call-ip6tables=1');
    expect(after).toContain(`addr ${NODE_V6}/64`);
    expect(after).toMatch(new RegExp(`^route6 default via ${GATEWAY_V6} dev ${IFACE} `, 'm'));
    // The IPv4 default route is left alone.
    expect(after).toContain(`route4 default via 192.0.2.254 dev ${IFACE}`);
    // The route works: the kernel sends an outside IPv6 destination to the declared gateway.
    expect(lab.node('ip -6 route get 2001:db8:ffff::1').stdout).toContain(`via ${GATEWAY_V6} dev ${IFACE}`);
    // The gateway answers on the link (a neighbour entry), so the route is not only a table row.
    // (Wait up to 3 s for duplicate address detection to finish; a tentative address cannot send.)
    const neigh = [
      `for i in $(seq 30); do [ -z "$(ip -6 addr show dev ${IFACE} tentative)" ] && break; sleep 0.1; done`,
      `timeout 3 bash -c 'exec 3<>/dev/tcp/${GATEWAY_V6}/9' 2>/dev/null || true`,
      `ip -6 neigh show ${GATEWAY_V6} dev ${IFACE}`,
    ].join('\n');
    expect(lab.node(neigh).stdout).toMatch(/lladdr/);
    const files = lab.files();
    expect(files).toContain('./sysctl.d/90-k8s-dualstack.conf');
    expect(files).toContain('./modules-load.d/k8s-dualstack.conf');
    if (distro === NodeDistro.DEBIAN) expect(files).toContain('./netplan/60-k8s-dualstack.yaml');
    else expect(must(`cat ${lab.upper}/sysconfig/network-scripts/ifcfg-${IFACE}`)).toBe(`DEVICE=${IFACE}\nBOOTPROTO=none\nONBOOT=yes\nIPADDR=${NODE_V4}\nPREFIX=24\nIPV6INIT=yes\nIPV6_AUTOCONF=no\nIPV6ADDR=${NODE_V6}/64\nIPV6_DEFAULTGW=${GATEWAY_V6}\n`);
    if (distro === NodeDistro.DEBIAN) {
      expect(first.stdout).toContain(`networkd Address=${NODE_V6}/64`);
      expect(first.stdout).toContain(`networkd Gateway=${GATEWAY_V6}`);
    }

    const second = runScript(lab, script);
    expect(second.status).toBe(0);
    expect(second.stdout).not.toContain('changed:');
    expect(second.stdout).toContain('0 change(s)');
    expect(lab.state()).toBe(after);
    expect(lab.files()).toBe(files);
  });

  test('an IPv4-only cluster: IPv4 forwarding and the bridge key on, IPv6 left exactly as it was', () => {
    const lab = makeLab();
    const ipv4Only = ClusterNetwork.of({
      kubernetesVersion: '1.33',
      podCidrs: ['172.16.0.0/16'],
      serviceCidrs: ['10.96.0.0/12'],
      nodes: [{ name: 'lab53', ipv4: `${NODE_V4}/24`, controlPlane: true, interface: IFACE }],
    });
    const v6 = (state: string) => state.split('\n').filter((l) => /ipv6|ip6tables|addr|route6/.test(l));
    const before = lab.state();
    const r = runScript(lab, renderNodeScript(ipv4Only, 'lab53', NodeDistro.DEBIAN));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const after = lab.state();
    expect(after).toContain('sysctl net/ipv4/ip_forward=1');
    expect(after).toContain('sysctl net/bridge/bridge-nf-call-iptables=1');
    expect(v6(after)).toEqual(v6(before));
    expect(lab.files()).not.toContain('netplan');
  });

  test('fails when the declared interface does not exist: clear message, exit 1, nothing changed', () => {
    const lab = makeLab();
    const script = renderNodeScript(planFor('ens404'), 'lab53', NodeDistro.DEBIAN, { acceptRa: true });
    const before = lab.state();
    const r = runScript(lab, script);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('node lab53: interface ens404 (nodes[0].interface) does not exist on this host; it has:');
    expect(r.stderr).toContain(IFACE);
    expect(r.stderr).toContain('node lab53: 1 problem(s), nothing changed');
    expect(r.stdout).not.toContain('changed:');
    expect(lab.state()).toBe(before);
    expect(lab.files()).toBe('');
  });

  test('fails when netplan rejects the host\'s files together with ours: the message is netplan\'s, nothing changed', () => {
    const lab = makeLab();
    must(`mkdir -p ${lab.upper}/netplan && printf 'network:\\n  version: 2\\n  ethernets: [not, a, mapping\\n' > ${lab.upper}/netplan/50-host.yaml && chmod 600 ${lab.upper}/netplan/50-host.yaml`);
    const files = lab.files();
    const before = lab.state();
    const r = runScript(lab, renderNodeScript(planFor(IFACE), 'lab53', NodeDistro.DEBIAN));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('node lab53: netplan rejects /etc/netplan/60-k8s-dualstack.yaml together with this host\'s netplan files:');
    expect(r.stderr).toContain('50-host.yaml');
    expect(lab.state()).toBe(before);
    expect(lab.files()).toBe(files);
  });

  test('RHEL without an ifcfg file for the interface: runtime state set, a warning with the nmcli command, no new profile', () => {
    const lab = makeLab();
    const r = runScript(lab, renderNodeScript(planFor(IFACE), 'lab53', NodeDistro.RHEL));
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`WARNING: /etc/sysconfig/network-scripts/ifcfg-${IFACE} does not exist`);
    expect(r.stderr).toContain(`ipv6.addresses ${NODE_V6}/64 ipv6.gateway ${GATEWAY_V6}`);
    expect(lab.state()).toMatch(new RegExp(`^route6 default via ${GATEWAY_V6} dev ${IFACE} `, 'm'));
    expect(lab.files()).not.toContain('ifcfg');
  });

  test('fails when the declared IPv4 address is not on the host, before changing anything', () => {
    const lab = makeLab();
    lab.node(`ip addr del ${NODE_V4}/24 dev ${IFACE}`);
    const before = lab.state();
    const r = runScript(lab, renderNodeScript(planFor(IFACE), 'lab53', NodeDistro.RHEL));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`the declared IPv4 address ${NODE_V4} (nodes[0].ipv4) is not on this host`);
    expect(lab.state()).toBe(before);
    expect(lab.files()).toBe('');
  });
});
