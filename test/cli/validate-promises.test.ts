/**
 * `validate` keeps what its help promises (issue 16 §6), as a child process: cross-document checks
 * where the files allow them, bad input as an error, and every document either checked or counted
 * as not checked.
 */
import { runValidate as run, validateJson as validate } from './support/validate-cli';

describe('cross-document checks', () => {
  test('warns when a kubectl-style kube-proxy ConfigMap lists nodePortAddresses of one family on a dual-stack cluster', () => {
    const r = validate('kube-proxy-configmap-ipv4-node-port-addresses.yaml', '--pod-cidrs', '10.244.0.0/16,fd3c:9a1e:5b27::/56', '--node-cidrs', '192.168.101.0/24,2003:ac18::/64');
    expect(r.stderr).toBe('');
    const hit = r.findings.filter((f) => f.code === 'node-port-addresses-one-family');
    expect(hit).toEqual([expect.objectContaining({ severity: 'warning', path: 'data["config.conf"].nodePortAddresses', fix: 'add "2003:ac18::/64"' })]);
    expect(hit[0].message).toMatch(/has no IPv6 network/);
  });

  test('warns when nodePortAddresses is one-family without --node-cidrs: the families come from the pod networks', () => {
    const r = validate('kube-proxy-configmap-ipv4-node-port-addresses.yaml', '--pod-cidrs', '10.244.0.0/16,fd3c:9a1e:5b27::/56');
    expect(r.findings.filter((f) => f.code === 'node-port-addresses-one-family').map((f) => f.fix)).toEqual([expect.stringMatching(/^add the nodes' IPv6 network/)]);
  });

  test('warns when nodePortAddresses is one-family and the Node objects given show a dual-stack cluster', () => {
    const r = validate('kube-proxy-configmap-ipv4-node-port-addresses.yaml', 'nodes-dual-stack.yaml');
    expect(r.findings.filter((f) => f.code === 'node-port-addresses-one-family').map((f) => f.path)).toEqual(['data["config.conf"].nodePortAddresses']);
  });

  test('accepts one-family nodePortAddresses when nothing says the cluster is dual-stack', () => {
    const r = validate('kube-proxy-configmap-ipv4-node-port-addresses.yaml');
    expect(r.findings.map((f) => f.code)).not.toContain('node-port-addresses-one-family');
  });

  test("fails when a bad clusterCIDR entry also makes the rest look unlike the cluster's pod networks (no cascade)", () => {
    const r = validate('kubeadm-with-kube-proxy-bad-cluster-cidr-entry.yaml');
    expect(r.findings.filter((f) => f.document === 1).map((f) => `${f.code}@${f.path}`)).toEqual(['cidr-invalid@clusterCIDR[0]']);
    expect(r.findings.find((f) => f.code === 'cidr-invalid')!.fix).toBe('write a CIDR such as "10.244.0.0/16"');
  });

  test("fails when a bad podSubnet entry makes a correct kube-proxy clusterCIDR look unlike the cluster's pod networks (no cascade)", () => {
    const r = validate('kubeadm-bad-pod-entry-with-kube-proxy.yaml');
    expect(r.findings.map((f) => `${f.document}:${f.code}@${f.path}`)).toEqual(['0:cidr-invalid@networking.podSubnet[0]']);
  });

  test("accepts a 1.18 dual-stack range in apiServer.extraArgs when kubeadm's own IPv6DualStack gate reaches kube-apiserver", () => {
    const r = validate('kubeadm-1.18-kubeadm-gate-apiserver-range.yaml');
    expect(r.stderr).toBe('');
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.code).toBe(0);
  });

  test('fails when the range in apiServer.extraArgs is one kube-apiserver refuses, although serviceSubnet is fine', () => {
    const r = validate('kubeadm-apiserver-extra-args-range.yaml');
    expect(r.code).toBe(1);
    const errors = r.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => `${f.code}@${f.path}`)).toEqual(['service-range-too-large@apiServer.extraArgs.service-cluster-ip-range[1]']);
    expect(errors[0].message).toMatch(/^apiServer\.extraArgs\.service-cluster-ip-range\[1\]: "fd3c:9a1e:5b27:1::\/64" is too large/);
    expect(r.findings.map((f) => f.code)).toContain('kubeadm-service-range-differs');
  });
});

describe('bad inputs are errors', () => {
  test('fails when a file has no documents (exit 1, "no documents")', () => {
    const r = validate('empty-documents.yaml');
    expect(r.code).toBe(1);
    expect(r.findings).toEqual([expect.objectContaining({ severity: 'error', code: 'no-documents' })]);
    const text = run('empty-documents.yaml');
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/empty-documents\.yaml has no documents/);
  });

  test.each([
    ['--pod-cidrs', 'bogus'],
    ['--service-cidrs', '10.96.0.0/12,fd00::zz/112'],
    ['--node-cidrs', '192.168.101.0/33'],
  ])('fails when %s %s is not a CIDR list (bad usage, not exit 0)', (flag, value) => {
    const r = run('other-kinds.yaml', flag, value);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(flag);
    expect(r.stderr).toMatch(/is not a valid CIDR/);
  });
});

describe('documents it does not check', () => {
  test('reports a document of another kind as "not checked" and counts it', () => {
    const r = validate('other-kinds.yaml');
    expect(r.findings.filter((f) => f.code === 'document-not-checked').map((f) => f.document)).toEqual([0]);
    const text = run('other-kinds.yaml');
    expect(text.stdout).toMatch(/document 0: Deployment web\n\s+info: not checked/);
    expect(text.stdout).toMatch(/in 2 documents \(1 not checked\)\./);
  });
});
