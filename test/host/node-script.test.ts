// Text-level properties of the node script that hold on any machine; the behaviour on a real
// kernel is checked by the host lab (test/host-lab/node-script.host.ts, `npm run test:host`).
import { spawnSync } from 'child_process';
import { NodeDistro, renderNodeScript } from '../../lib/host/node-script';
import { KubeProxyMode } from '../../lib/kube-proxy/mode';
import { ClusterNetwork } from '../../lib/plan/network';
import { fieldReportSpec } from '../control-plane/fixture';

const plan = ClusterNetwork.plan(fieldReportSpec());
const ipv4Only = ClusterNetwork.plan({ kubernetesVersion: '1.33', podCidrs: ['10.244.0.0/16'], serviceCidrs: ['10.96.0.0/16'], nodes: [{ name: 'n1', ipv4: '192.168.40.11/24', interface: 'eth0' }] });

describe.each([NodeDistro.DEBIAN, NodeDistro.RHEL])('node script (%s)', (distro) => {
  const s = renderNodeScript(plan, 'node53', distro, { acceptRa: true });

  test('every check comes before the first change (a failing node changes nothing)', () => {
    const exit = s.indexOf("  exit 1\nfi\n");
    const firstChange = ['put_file \'', 'set_sysctl net', 'ip -6 addr add', 'ip -6 route replace', 'set_kv /'].map((x) => s.indexOf(x)).filter((i) => i >= 0);
    expect(exit).toBeGreaterThan(0);
    expect(Math.min(...firstChange)).toBeGreaterThan(exit);
    expect(s.lastIndexOf('problem "')).toBeLessThan(exit);
  });

  test('sets what kubeadm preflight reads (ip_forward, default.forwarding) and both bridge keys', () => {
    for (const k of ['net.ipv4.ip_forward 1', 'net.ipv6.conf.all.forwarding 1', 'net.ipv6.conf.default.forwarding 1', 'net.bridge.bridge-nf-call-iptables 1', 'net.bridge.bridge-nf-call-ip6tables 1']) {
      expect(s).toContain(`set_sysctl ${k}\n`);
    }
    expect(s).toContain('set_sysctl "net.ipv6.conf.${IFACE_KEY}.accept_ra" 2');
    expect(s).toContain('\nbr_netfilter\n');
  });

  test('never restarts the network', () => {
    expect(s).not.toMatch(/netplan apply|nmcli connection (up|reload)|systemctl restart|ifdown|ifup/);
  });

  test('passes bash -n', () => {
    const r = spawnSync('bash', ['-n'], { input: s, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

test('an IPv4-only cluster: no IPv6 file, key, address or route', () => {
  const s = renderNodeScript(ipv4Only, 'n1', NodeDistro.DEBIAN, { proxyMode: KubeProxyMode.IPVS, acceptRa: true });
  expect(s).not.toMatch(/ipv6|ip6|netplan|accept_ra/);
  expect(s).toContain('set_sysctl net.bridge.bridge-nf-call-iptables 1');
});
