import { ClusterNetwork, ClusterNetworkSpec, KubernetesVersion, validate } from '../../lib/plan';
import { AS_OF, DEFAULT_VERSION, MAX_SUPPORTED, MIN_SUPPORTED, RELEASES } from '../../lib/plan/timeline';
import { runCli } from '../cli/support/fake-io';
import { lintFiles } from '../../lib/cli/lint';
import { PLAN_VALIDATORS } from '../../lib/cli/validators';

const BASE: ClusterNetworkSpec = {
  podCidrs: ['10.244.0.0/16', 'fd4b:8872:9025::/56'],
  serviceCidrs: ['10.96.0.0/16', 'fd4b:8872:9025:100::/112'],
};
const planOf = (kubernetesVersion?: string) => ClusterNetwork.plan({ ...BASE, kubernetesVersion });
const codesOf = (fs: readonly { code: string; severity: string }[], severity?: string) => fs.filter((f) => !severity || f.severity === severity).map((f) => f.code);

describe('the version window', () => {
  test('is 1.16–1.38 with 1.36 by default', () => {
    expect([MIN_SUPPORTED, MAX_SUPPORTED, DEFAULT_VERSION]).toEqual(['1.16', '1.38', '1.36']);
    expect(ClusterNetwork.DEFAULT_KUBERNETES_VERSION).toBe('1.36');
    expect(ClusterNetwork.plan(BASE).version.toString()).toBe('1.36');
    expect(KubernetesVersion.MAX_SUPPORTED).toBe(MAX_SUPPORTED);
  });

  test('the timeline has one line per supported minor, oldest first', () => {
    expect(RELEASES.map((r) => r.minor)).toEqual(Array.from({ length: 23 }, (_, i) => `1.${16 + i}`));
  });

  test.each(['1.15', '1.39', '1.99'])('fails when the plan targets %s: the error names both bounds and why', (v) => {
    const f = planOf(v).findings.find((x) => x.code === 'version-unsupported');
    expect(f?.severity).toBe('error');
    expect(f?.message).toContain('1.16–1.38');
    expect(f?.message).toMatch(/dual-stack arrived as alpha in 1\.16/);
    expect(f?.message).toMatch(/1\.38 the newest because/);
  });

  test.each(['1.16', '1.38'])('accepts the bound %s', (v) => {
    expect(codesOf(planOf(v).findings, 'error')).not.toContain('version-unsupported');
  });

  test.each(['1.15', '1.99'])('validate fails when opts.kubernetesVersion is %s (every validator applies the window)', (v) => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } };
    expect(codesOf(validate.service(svc, { kubernetesVersion: v }), 'error')).toContain('version-unsupported');
    expect(codesOf(validate.serviceClusterIPRange('10.96.0.0/16', { kubernetesVersion: v }), 'error')).toContain('version-unsupported');
    expect(codesOf(validate.kubeProxyConfiguration({ mode: 'nftables' }, { kubernetesVersion: v }), 'error')).toContain('version-unsupported');
  });

  test.each(['services.yaml', 'flannel-configmap.yaml'])('validate --version 1.99 %s is an error in the CLI (exit 2, the window named)', (file) => {
    const r = runCli(['validate', '--version', '1.99', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('outside the supported window 1.16–1.38');
    expect(runCli(['validate', '--version', '1.36', file]).stderr).not.toContain('outside the supported window');
  });

  test('fails when a kubeadm file itself targets v1.99.0 (an error finding)', () => {
    const text = 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.99.0\nnetworking:\n  podSubnet: 10.244.0.0/16\n';
    const r = lintFiles([{ file: 'k.yaml', text }], { validators: PLAN_VALIDATORS });
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toContain('version-unsupported');
  });
});

describe('end of life (as of the timeline date, not the clock)', () => {
  test('the timeline is dated 2026-12-01', () => expect(AS_OF).toBe('2026-12-01'));

  test.each([
    ['1.33', '2026-06-28'],
    ['1.34', '2026-10-27'],
    ['1.25', '2023-10-27'],
  ])('warns when the plan targets %s: end of life on %s, and still renders', (v, date) => {
    const p = planOf(v);
    const f = p.findings.find((x) => x.code === 'version-end-of-life');
    expect(f?.severity).toBe('warning');
    expect(f?.message).toContain(date);
    expect(f?.fix).toContain('1.35, 1.36, 1.37');
    expect(p.ok).toBe(true);
  });

  test.each(['1.35', '1.36', '1.37'])('accepts %s without an end-of-life warning', (v) => {
    expect(codesOf(planOf(v).findings)).not.toContain('version-end-of-life');
  });

  test('1.38 is not released as of the timeline date: an info with the planned date', () => {
    const f = planOf('1.38').findings.find((x) => x.code === 'version-unreleased');
    expect(f?.severity).toBe('info');
    expect(f?.message).toContain('2026-12-16');
    expect(codesOf(planOf('1.37').findings)).not.toContain('version-unreleased');
  });
});

describe('a minor without patch', () => {
  test('says kubeadm gets v1.36.0 and how to pin a patch', () => {
    const f = planOf('1.36').findings.find((x) => x.code === 'version-patch-unset');
    expect(f?.severity).toBe('info');
    expect(f?.message).toContain('kubernetesVersion: v1.36.0');
    expect(f?.fix).toContain('"1.36.2"');
    expect(planOf('1.36').version.toKubeadmString()).toBe('v1.36.0');
  });

  test.each(['1.36.2', 'v1.36.2'])('accepts a pinned patch %s without the info', (v) => {
    expect(codesOf(planOf(v).findings)).not.toContain('version-patch-unset');
    expect(planOf(v).version.toKubeadmString()).toBe('v1.36.2');
  });

  test('the default (no version written) gets no patch info', () => {
    expect(codesOf(ClusterNetwork.plan(BASE).findings)).not.toContain('version-patch-unset');
  });
});
