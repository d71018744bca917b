/**
 * `validate` as a child process over files in the shapes people publish and run (test/fixtures/
 * validate/, each named for what it models): the verdict (exit code) and the finding codes must be
 * what the real component does for the target version.
 */
import { JsonFinding, validateJson as validate } from './support/validate-cli';

const codes = (fs: readonly JsonFinding[], severity?: JsonFinding['severity']) => fs.filter((f) => !severity || f.severity === severity).map((f) => f.code).sort();

describe("kubeadm's own feature gate", () => {
  test('accepts a 1.18 dual-stack ClusterConfiguration with featureGates: { IPv6DualStack: true }', () => {
    const r = validate('kubeadm-1.18-kubeadm-gate.yaml');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(codes(r.findings, 'error')).toEqual([]);
  });

  test('fails when 1.18 dual-stack subnets have no gate, and the fix names kubeadm\'s own featureGates', () => {
    const r = validate('kubeadm-1.18-no-gate.yaml');
    expect(r.code).toBe(1);
    expect(codes(r.findings, 'error')).toEqual(['dual-stack-gate-off', 'dual-stack-gate-off']);
    expect(r.findings[0].fix).toMatch(/^set featureGates: \{ IPv6DualStack: true \} at the top of the ClusterConfiguration/);
  });

  test("fails when only the components' extraArgs carry the gate: kubeadm's validation reads its own featureGates", () => {
    const r = validate('kubeadm-1.18-component-gates.yaml');
    expect(r.code).toBe(1);
    expect(codes(r.findings, 'error')).toEqual(['dual-stack-gate-off', 'dual-stack-gate-off']);
    expect(r.findings.every((f) => /kubeadm reads its own gate, not the components' extraArgs/.test(f.fix ?? ''))).toBe(true);
  });

  test("fails when a component's feature-gates replace the IPv6DualStack=true kubeadm would pass, fixed with the user's own value", () => {
    const r = validate('kubeadm-component-gates-replace-kubeadm-gate.yaml');
    expect(r.code).toBe(1);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([
      expect.objectContaining({ code: 'kubeadm-component-gates-replace', path: 'controllerManager.extraArgs.feature-gates', fix: 'write "EndpointSliceProxying=true,IPv6DualStack=true"' }),
    ]);
  });
});

describe("kubeadm's node-mask rules follow its history", () => {
  test('accepts a 1.18 IPv6 /80 pod subnet: kubeadm 1.18 computes a /96 node mask itself', () => {
    const r = validate('kubeadm-1.18-ipv6-pod-slash80.yaml');
    expect(r.code).toBe(0);
    expect(codes(r.findings)).toEqual([]);
  });

  test('fails on the same /80 on 1.20 (the /64 default and the check of kubernetes#95723), at the real field', () => {
    const r = validate('kubeadm-1.20-ipv6-pod-slash80.yaml');
    expect(r.code).toBe(1);
    expect(r.findings).toEqual([expect.objectContaining({ severity: 'error', code: 'node-mask-shorter-than-cluster', path: 'controllerManager.extraArgs.node-cidr-mask-size-ipv6' })]);
  });
});

describe('overlaps that break a cluster', () => {
  test('fails when the pod and Service ranges are the same IPv4 /16', () => {
    const r = validate('kubeadm-identical-pod-service.yaml');
    expect(r.code).toBe(1);
    expect(r.findings).toContainEqual(expect.objectContaining({ severity: 'error', code: 'pod-range-inside-service-range', path: 'networking.podSubnet[0]' }));
  });
});

describe("Calico rules follow the operator's defaulting", () => {
  test('accepts an operator Installation with an IPv6 pool and no nodeAddressAutodetectionV6', () => {
    const r = validate('installation-ipv6-pool-no-autodetection.yaml');
    expect(r.code).toBe(0);
    expect(codes(r.findings)).toEqual([]);
  });

  test('fails when the same Installation runs the eBPF dataplane', () => {
    const r = validate('installation-bpf-ipv6-no-autodetection.yaml');
    expect(r.code).toBe(1);
    expect(r.findings).toEqual([expect.objectContaining({ severity: 'error', code: 'calico-bpf-v6-autodetection', path: 'spec.calicoNetwork.nodeAddressAutodetectionV6' })]);
  });
});

describe('findings describe the target version', () => {
  test('accepts a 1.18 Service with the alpha spec.ipFamily: only an info about the gate, no "dropped since 1.20" warning', () => {
    const r = validate('--version', '1.18', 'service-1.18-ip-family.yaml');
    expect(r.code).toBe(0);
    expect(codes(r.findings)).toEqual(['service-ip-family-alpha-gate']);
  });

  test('warns on the same Service on 1.20 and later (the field is dropped)', () => {
    const r = validate('--version', '1.20', 'service-1.18-ip-family.yaml');
    expect(r.code).toBe(0);
    expect(codes(r.findings, 'warning')).toEqual(['service-ip-family-singular']);
  });

  test("accepts a kube-proxy document with an empty clusterCIDR inside a kubeadm file: kubeadm fills it from podSubnet", () => {
    const r = validate('kubeadm-with-kube-proxy-empty-cluster-cidr.yaml');
    expect(r.code).toBe(0);
    expect(codes(r.findings)).toEqual([]);
  });
});

describe('fixes use the user\'s own values; one fact is one warning', () => {
  test('fails when clusterCIDR is a YAML list, and the fix joins the two CIDRs the user wrote', () => {
    const r = validate('kube-proxy-cluster-cidr-list.yaml');
    expect(r.code).toBe(1);
    expect(r.findings).toEqual([expect.objectContaining({ code: 'cluster-cidr-type', fix: 'write "10.244.0.0/16,fd3c:9a1e:44d0::/56" (one comma-separated string)' })]);
  });

  test('warns once about a hand-picked ULA global ID used in every range of a file, naming each place', () => {
    const r = validate('kubeadm-hand-picked-ula-everywhere.yaml');
    const ula = r.findings.filter((f) => f.code === 'range-ula-global-id');
    expect(ula).toHaveLength(1);
    expect(ula[0].message).toContain('it is used in 2 ranges of this file: #0 networking.serviceSubnet[1], #0 networking.podSubnet[1]');
    // One replacement global ID for the site, each range keeping its subnet bits.
    const suggested = [...(ula[0].fix ?? '').matchAll(/"(fd[0-9a-f]{2}:[0-9a-f]{1,4}:[0-9a-f]{1,4}):([0-9a-f]+)::/g)].map((m) => [m[1], m[2]]);
    expect(suggested).toHaveLength(2);
    expect(suggested[0][0]).toBe(suggested[1][0]);
    expect(suggested.map((s) => s[1]).sort()).toEqual(['1', '2']);
  });
});

describe('a gate is unknown only where it does not exist', () => {
  test.each([
    ['kube-proxy-gate-support-ipvs.yaml', '1.17', 0, []],
    ['kube-proxy-gate-support-ipvs.yaml', '1.20', 1, ['feature-gate-removed']],
    ['kube-proxy-gate-endpointslice-proxying.yaml', '1.21', 0, []],
    ['kube-proxy-gate-endpointslice-proxying.yaml', '1.25', 1, ['feature-gate-removed']],
  ])('%s on %s: exit %d, errors %j', (file, version, exit, errors) => {
    const r = validate('--version', version, file);
    expect(r.code).toBe(exit);
    expect(codes(r.findings, 'error')).toEqual(errors);
    expect(codes(r.findings).filter((c) => c === 'feature-gate-unknown' || c === 'feature-gate-untracked')).toEqual([]);
  });
});
