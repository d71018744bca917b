/**
 * Properties of what we render, over every ready stack on the current lines (1.35–1.38) and a
 * seeded set of generated plans: no IP or CIDR value that StrictIPCIDRValidation (KEP-4858) would
 * refuse, and kube-proxy's mode always written (from 1.37 kube-proxy warns when it is not).
 */
import { DualStackCluster, DualStackClusterProps } from '../../lib';
import { renderKubeProxyConfiguration } from '../../lib/kube-proxy/render';
import { renderKubeadmConfig } from '../../lib/control-plane/render-kubeadm';
import { ClusterNetwork, ClusterNetworkSpec } from '../../lib/plan';
import { strictCidrProblem, strictIpProblem } from '../../lib/plan/rules/strict-ip';
import { STACK_PROPS, stackApp } from '../../stacks/registry';

const VERSIONS = ['1.35', '1.36', '1.37', '1.38'];

/** Every object a stack writes: its charts and its kubeadm files (which are not charts). */
function synth(props: DualStackClusterProps, version: string): any[] {
  const network = { ...(props.network as ClusterNetworkSpec), kubernetesVersion: version };
  const app = stackApp('/nonexistent-outdir', { ...props, network });
  const cluster = app.node.findAll().find((x): x is DualStackCluster => x instanceof DualStackCluster);
  return [...app.charts.flatMap((c) => c.toJson()), ...(cluster?.controlPlane.files ?? []).flatMap((f) => JSON.parse(JSON.stringify(f.documents)))];
}

/** Every string in an object tree, with its path; comma-separated lists split. */
function strings(v: unknown, path = '', out: [string, string][] = []): [string, string][] {
  if (typeof v === 'string') v.split(',').forEach((s) => out.push([path, s.trim()]));
  else if (Array.isArray(v)) v.forEach((x, i) => strings(x, `${path}[${i}]`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) strings(x, path ? `${path}.${k}` : k, out);
  return out;
}

function strictProblems(objects: readonly unknown[]): string[] {
  return objects.flatMap((o, i) =>
    strings(o)
      .filter(([, s]) => (s.includes('/') ? strictCidrProblem(s) : strictIpProblem(s)) !== undefined)
      .map(([p, s]) => `#${i} ${p}: ${s}`),
  );
}

/** A deterministic generator (mulberry32) so the generated plans are the same on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generatedPlans(n: number): ClusterNetwork[] {
  const r = rng(20261201);
  const hex = () => Math.floor(r() * 0xffff).toString(16);
  const plans: ClusterNetwork[] = [];
  for (let i = 0; i < n; i++) {
    const ula = `fd${Math.floor(r() * 255).toString(16).padStart(2, '0')}:${hex()}:${hex()}`;
    const v4 = 10 + Math.floor(r() * 100);
    const nodes = Array.from({ length: 1 + Math.floor(r() * 3) }, (_, k) => ({
      name: `n${k}`,
      ipv4: `192.168.${v4}.${10 + k}/24`,
      ipv6: `${ula}:200::${(0x10 + k).toString(16)}/64`,
      ipv6DefaultGateway: `${ula}:200::1`,
      controlPlane: k === 0,
    }));
    const v6first = r() < 0.3;
    const pods = [`10.${v4}.0.0/16`, `${ula}::/56`];
    const svcs = [`10.${v4 + 100}.0.0/16`, `${ula}:100::/112`];
    plans.push(
      ClusterNetwork.plan({
        kubernetesVersion: VERSIONS[Math.floor(r() * VERSIONS.length)],
        podCidrs: v6first ? [...pods].reverse() : pods,
        serviceCidrs: v6first ? [...svcs].reverse() : svcs,
        nodes,
      }),
    );
  }
  return plans;
}

describe('what we render', () => {
  const cases = Object.keys(STACK_PROPS).flatMap((stack) => VERSIONS.map((v) => [stack, v] as const));

  test.each(cases)('%s on %s: no IP or CIDR value StrictIPCIDRValidation refuses, kube-proxy mode set', (stack, version) => {
    const objects = synth(STACK_PROPS[stack](), version);
    expect(strictProblems(objects)).toEqual([]);
    const proxies = objects.filter((o) => o?.kind === 'KubeProxyConfiguration');
    // A CNI that replaces kube-proxy (Cilium) writes no KubeProxyConfiguration at all.
    expect(proxies.length > 0).toBe(!STACK_PROPS[stack]().cni?.replacesKubeProxy);
    for (const p of proxies) expect(['iptables', 'ipvs', 'nftables']).toContain(p.mode);
  });

  test('generated plans render kubeadm and kube-proxy documents with strict values and a mode', () => {
    const plans = generatedPlans(40).filter((p) => p.ok);
    expect(plans.length).toBeGreaterThan(30);
    for (const p of plans) {
      const docs = [...renderKubeadmConfig(p), renderKubeProxyConfiguration(p)];
      expect([p.version.toString(), strictProblems(docs)]).toEqual([p.version.toString(), []]);
      expect(renderKubeProxyConfiguration(p).mode).toBeTruthy();
    }
  });

  test('fails when a value breaks the strict rules (the check can fail)', () => {
    expect(strictProblems([{ spec: { clusterIP: '010.96.0.10', cidrs: ['192.168.0.5/24'], x: '::ffff:1.2.3.4' } }])).toHaveLength(3);
  });
});
