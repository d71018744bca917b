import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Chart, Testing } from 'cdk8s';
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { HostNetworkPrep } from '../../lib/host/host-network-prep';
import { HOST_IMAGES } from '../../lib/host/images';
import { modulesFor } from '../../lib/host/modules';
import { NodeDistro, renderNodeScript } from '../../lib/host/node-script';
import { hostPrepScript, renderHostNetworkPrep } from '../../lib/host/render';
import { hostFindings } from '../../lib/host/rules';
import { KubeProxyMode } from '../../lib/kube-proxy/mode';
import { IpvsScheduler } from '../../lib/kube-proxy/render';
import { ClusterNetwork } from '../../lib/plan/network';
import { fieldReportSpec, NODE53, VERSION_LINES } from '../control-plane/fixture';

const plan = (extra = {}) => ClusterNetwork.plan(fieldReportSpec(extra));
const bashN = (script: string) => spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });

describe('HostNetworkPrep objects', () => {
  test.each(VERSION_LINES)('%s: Namespace and DaemonSet validate against the Kubernetes schema', (v) => {
    const [ns, ds] = renderHostNetworkPrep(plan({ kubernetesVersion: v }));
    new Namespace(ns as never).validate();
    new DaemonSet(ds as never).validate();
  });
  test('namespace enforces privileged Pod Security; template carries the privilege reason', () => {
    const [ns, ds] = renderHostNetworkPrep(plan()) as any[];
    expect(ns.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
    expect(ds.spec.template.metadata.annotations['k8s-dualstack.io/privilege-reason']).toMatch(/privileged init container/);
    expect(ds.spec.template.spec.hostNetwork).toBe(true);
  });
  test('init container privileged; idle container restricted, pinned, with requests', () => {
    const [, ds] = renderHostNetworkPrep(plan()) as any[];
    const spec = ds.spec.template.spec;
    expect(spec.initContainers[0].securityContext).toEqual({ privileged: true });
    expect(spec.initContainers[0].volumeMounts).toEqual([{ name: 'lib-modules', mountPath: '/lib/modules', readOnly: true }]);
    expect(spec.volumes).toEqual([{ name: 'lib-modules', hostPath: { path: '/lib/modules', type: 'Directory' } }]);
    expect(spec.containers[0]).toEqual({
      name: 'idle',
      image: HOST_IMAGES.pause,
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsGroup: 65535, runAsNonRoot: true, runAsUser: 65535 },
      resources: { requests: { cpu: '1m', memory: '8Mi' }, limits: { cpu: '10m', memory: '16Mi' } },
    });
    for (const c of [...spec.initContainers, ...spec.containers]) {
      // A version tag, and the digest where one can be known (pause; busybox tags are re-published).
      expect(c.image).toMatch(/:[0-9][^:@]*(@sha256:[0-9a-f]{64})?$/);
      expect(c.image).not.toMatch(/:latest\b/);
      expect(Object.keys(c.resources.requests).sort()).toEqual(['cpu', 'memory']);
      expect(Object.keys(c.resources.limits).sort()).toEqual(['cpu', 'memory']);
    }
    expect(HOST_IMAGES.pause).toMatch(/@sha256:[0-9a-f]{64}$/);
  });
  test('a module busybox modprobe cannot load is reported, not fatal; a sysctl that cannot be written is fatal', () => {
    const dir = mkdtempSync(join(tmpdir(), 'host-prep-'));
    try {
      mkdirSync(join(dir, 'bin'));
      // modprobe fails the way busybox does on a .ko.zst module; /sys/module has no such module.
      writeFileSync(join(dir, 'bin', 'modprobe'), '#!/bin/sh\necho "modprobe: invalid module format" >&2\nexit 1\n', { mode: 0o755 });
      const proc = join(dir, 'proc');
      const script = hostPrepScript({ proxyMode: KubeProxyMode.IPVS }).split("'/proc/sys/").join(`'${proc}/`);
      for (const f of ['net/ipv4', 'net/ipv6/conf/all', 'net/ipv6/conf/default', 'net/ipv6/conf/lo']) mkdirSync(join(proc, f), { recursive: true });
      const r = spawnSync('sh', ['-c', script], { env: { PATH: `${join(dir, 'bin')}:/usr/bin:/bin` }, encoding: 'utf8' });
      expect(r.status).toBe(0);
      expect(r.stderr).toContain('warning: kernel module ip_vs not loaded from here');
      expect(r.stdout).toContain('host network prepared');
      expect(readFileSync(join(proc, 'net/ipv6/conf/all/forwarding'), 'utf8')).toBe('1\n');
      rmSync(join(proc, 'net/ipv6'), { recursive: true });
      expect(spawnSync('sh', ['-c', script], { env: { PATH: `${join(dir, 'bin')}:/usr/bin:/bin` } }).status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  test('the privilege note says what the pod does: the dual-stack sysctls and the modules, best effort', () => {
    const [, ds] = renderHostNetworkPrep(plan(), { proxyMode: KubeProxyMode.IPVS }) as any[];
    const note: string = ds.spec.template.metadata.annotations['k8s-dualstack.io/privilege-reason'];
    expect(note).toContain('net.ipv4.ip_forward, net.ipv6.conf.all.disable_ipv6');
    expect(note).toContain('net.ipv6.conf.all.forwarding');
    expect(note).toContain('tries to load ip_vs, ip_vs_rr');
    expect(note).toContain('best effort');
  });
  test('init script sets the field report sysctls through /proc/sys', () => {
    const s = hostPrepScript();
    for (const line of [
      "echo 1 > '/proc/sys/net/ipv4/ip_forward'",
      "echo 0 > '/proc/sys/net/ipv6/conf/all/disable_ipv6'",
      "echo 0 > '/proc/sys/net/ipv6/conf/default/disable_ipv6'",
      "echo 0 > '/proc/sys/net/ipv6/conf/lo/disable_ipv6'",
      "echo 1 > '/proc/sys/net/ipv6/conf/all/forwarding'",
    ]) {
      expect(s).toContain(line);
    }
    expect(s).not.toContain('accept_ra');
    expect(bashN(s).status).toBe(0);
  });
  test('accept_ra=2 on the named interface, after forwarding (VLAN name kept)', () => {
    const s = hostPrepScript({ acceptRaInterface: 'eth0.100' });
    expect(s).toContain("echo 2 > '/proc/sys/net/ipv6/conf/eth0.100/accept_ra'");
    expect(s.indexOf('accept_ra')).toBeGreaterThan(s.indexOf('all/forwarding'));
  });
  test.each([
    [KubeProxyMode.IPTABLES, undefined, ['ip6_tables', 'ip6table_nat', 'ip6table_filter']],
    [KubeProxyMode.IPVS, undefined, ['ip_vs', 'ip_vs_rr', 'ip_vs_wrr', 'ip_vs_sh', 'nf_conntrack', 'ip6_tables', 'ip6table_nat', 'ip6table_filter']],
    [KubeProxyMode.IPVS, IpvsScheduler.LEAST_CONNECTION, ['ip_vs', 'ip_vs_rr', 'ip_vs_wrr', 'ip_vs_sh', 'ip_vs_lc', 'nf_conntrack', 'ip6_tables', 'ip6table_nat', 'ip6table_filter']],
    [KubeProxyMode.NFTABLES, undefined, ['nf_tables']],
  ])('modules for %s (%s)', (mode, scheduler, mods) => {
    expect(modulesFor(mode, scheduler)).toEqual(mods);
    expect(hostPrepScript({ proxyMode: mode, ipvsScheduler: scheduler })).toContain(`for m in ${mods.join(' ')}; do`);
  });
});

describe('renderNodeScript', () => {
  test('RHEL: sysctl.d, modprobe.d, ifcfg IPV6INIT/IPV6ADDR/IPV6_DEFAULTGW (field report §3)', () => {
    const s = renderNodeScript(plan(), 'node53', NodeDistro.RHEL);
    expect(s.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(s).toContain('\nset -eu\n');
    expect(s).toContain("IFACE='enp129s0f0'");
    expect(s).toContain("put_file '/etc/modprobe.d/k8s-dualstack-ipv6.conf' 644 <<'K8S_DUALSTACK_EOF'\noptions ipv6 disable=0\nK8S_DUALSTACK_EOF");
    expect(s).toContain('net.ipv6.conf.all.forwarding = 1');
    expect(s).toContain('net.ipv6.conf.lo.disable_ipv6 = 0');
    expect(s).toContain('set_kv /etc/sysconfig/network NETWORKING_IPV6 yes');
    expect(s).toContain('set_kv "$IFCFG" IPV6INIT yes');
    expect(s).toContain('set_kv "$IFCFG" IPV6ADDR 2003:ac18::30a:2/64');
    expect(s).toContain('set_kv "$IFCFG" IPV6_DEFAULTGW 2003:ac18::30a:254');
    expect(s).toContain('ip -6 route replace default via 2003:ac18::30a:254 dev "$IFACE"');
    expect(s).not.toContain('netplan');
    const r = bashN(s);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
  test('Debian: sysctl.d and netplan with the address and IPv6 gateway', () => {
    const s = renderNodeScript(plan(), 'node53', NodeDistro.DEBIAN, { proxyMode: KubeProxyMode.IPVS, acceptRa: true });
    expect(s).toContain('/etc/sysctl.d/90-k8s-dualstack.conf');
    expect(s).toContain('    "${IFACE}":\n      addresses:\n        - "2003:ac18::30a:2/64"\n      routes:\n        - to: "::/0"\n          via: "2003:ac18::30a:254"');
    // The running state is set with ip/sysctl; netplan only checks and renders the file for boot.
    expect(s).toContain('netplan generate');
    expect(s).not.toContain('netplan apply');
    expect(s).toContain('ip_vs_rr');
    expect(s).toContain('accept_ra = 2');
    expect(s).not.toContain('ifcfg');
    expect(bashN(s).status).toBe(0);
  });
  test('no interface in the plan: detected from the default route; no gateway: a warning comment', () => {
    const p = plan({ nodes: [{ name: 'n1', ipv4: '192.168.101.60/24', ipv6: '2003:ac18::30a:9/64' }] });
    const s = renderNodeScript(p, p.nodes[0], NodeDistro.RHEL);
    expect(s).toContain("ip -o -4 route show default 2>/dev/null | awk '{print $5; exit}'");
    expect(s).toContain('# WARNING: no IPv6 default gateway declared for n1');
    expect(s).not.toContain('IPV6_DEFAULTGW');
    expect(bashN(s).status).toBe(0);
  });
  test('bash -n catches a broken script (the check can fail)', () => {
    expect(bashN('if then fi\n').status).not.toBe(0);
  });
  test('fails for a node the plan does not declare', () => {
    expect(() => renderNodeScript(plan(), 'nope', NodeDistro.DEBIAN)).toThrow(/not declared/);
  });
  test('idempotent text: the same plan gives the same script', () => {
    expect(renderNodeScript(plan(), 'node53', NodeDistro.RHEL)).toBe(renderNodeScript(plan(), 'node53', NodeDistro.RHEL));
  });
});

describe('hostFindings', () => {
  test('fails when an interface name is not one', () => {
    expect(hostFindings(plan({ nodes: [{ ...NODE53, interface: 'eth0; rm -rf /' }] }), { acceptRaInterface: 'a-very-long-interface-name' }).map((f) => `${f.severity} ${f.code} ${f.path}`)).toEqual([
      'error interface-name hostNetworkPrep.acceptRaInterface',
      'error interface-name nodes[0].interface',
    ]);
  });
  test('accepts usual names', () => {
    expect(hostFindings(plan(), { acceptRaInterface: 'eth0.100' })).toEqual([]);
  });
});

describe('HostNetworkPrep construct', () => {
  test('default snapshot', () => {
    const chart = Testing.chart();
    const h = new HostNetworkPrep(chart, 'host', { network: plan() });
    const out = Testing.synth(chart);
    expect(out.map((o) => o.kind)).toEqual(['Namespace', 'DaemonSet']);
    new Namespace(out[0]).validate();
    new DaemonSet(out[1]).validate();
    expect(h.daemonSet.kind).toBe('DaemonSet');
    expect(out).toMatchSnapshot();
  });
  test('fails synth with a bad interface name', () => {
    const app = Testing.app();
    new HostNetworkPrep(new Chart(app, 'c'), 'h', { network: plan(), acceptRaInterface: 'bad name' });
    expect(() => app.synth()).toThrow(/interface-name/);
  });
});

describe('set_kv (RHEL ifcfg editing) is idempotent', () => {
  test('running the edits twice leaves one line per key', () => {
    const s = renderNodeScript(plan(), 'node53', NodeDistro.RHEL);
    const fn = s.slice(s.indexOf('set_kv() {'), s.indexOf('}\n', s.indexOf('set_kv() {')) + 2);
    const dir = require('fs').mkdtempSync(require('path').join(require('os').tmpdir(), 'setkv-'));
    const file = `${dir}/ifcfg-eth0`;
    require('fs').writeFileSync(file, 'DEVICE=eth0\nIPV6INIT=no\n');
    const body = `set -eu\nchanged() { :; }\n${fn}for i in 1 2; do set_kv ${file} IPV6INIT yes; set_kv ${file} IPV6ADDR 2003:ac18::30a:2/64; done\n`;
    const r = spawnSync('bash', ['-c', body], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(require('fs').readFileSync(file, 'utf8')).toBe('DEVICE=eth0\nIPV6INIT=yes\nIPV6ADDR=2003:ac18::30a:2/64\n');
  });
});

describe('host preparation follows the plan\'s families and version', () => {
  const ipv4Only = ClusterNetwork.plan({ kubernetesVersion: '1.33', podCidrs: ['10.244.0.0/16'], serviceCidrs: ['10.96.0.0/16'], nodes: [{ name: 'n1', ipv4: '192.168.40.11/24' }] });

  test('an IPv4-only cluster gets IPv4 forwarding only: no IPv6 sysctls, no ip6tables modules', () => {
    const [, ds] = renderHostNetworkPrep(ipv4Only, { proxyMode: KubeProxyMode.IPTABLES, acceptRaInterface: 'eth0' }) as any[];
    const script: string = ds.spec.template.spec.initContainers[0].command[2];
    expect(script).toContain("echo 1 > '/proc/sys/net/ipv4/ip_forward'");
    expect(script).not.toContain('ipv6');
    expect(script).not.toContain('ip6');
    expect(ds.spec.template.spec.volumes).toBeUndefined();
    // The note says what this pod really does: IPv4 forwarding, no module, nothing about IPv6.
    const note: string = ds.spec.template.metadata.annotations['k8s-dualstack.io/privilege-reason'];
    expect(note).toContain("writes the node's net.ipv4.ip_forward through /proc/sys");
    expect(note).toContain('loads no kernel module');
    expect(note).not.toMatch(/ipv6|IPv6|disable_ipv6/);
  });

  test('an IPv4-only cluster in ipvs mode loads the ipvs modules without ip6tables', () => {
    expect(modulesFor(KubeProxyMode.IPVS, undefined, false)).toEqual(['ip_vs', 'ip_vs_rr', 'ip_vs_wrr', 'ip_vs_sh', 'nf_conntrack']);
    const script = renderNodeScript(ipv4Only, 'n1', NodeDistro.DEBIAN, { proxyMode: KubeProxyMode.IPVS });
    expect(script).not.toContain('net.ipv6');
    expect(bashN(script).status).toBe(0);
  });

  test('before 1.19 the seccomp profile is the pod annotation, not the field (1.18 drops the field)', () => {
    const [, ds] = renderHostNetworkPrep(plan({ kubernetesVersion: '1.18', featureGates: { IPv6DualStack: true } })) as any[];
    expect(ds.spec.template.metadata.annotations['seccomp.security.alpha.kubernetes.io/pod']).toBe('runtime/default');
    expect(ds.spec.template.spec.securityContext).toBeUndefined();
  });
});
