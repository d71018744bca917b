import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Testing, YamlOutputType } from 'cdk8s';
import { parse } from 'yaml';
import { Cni, CniChart, DualStackApp, DualStackCluster } from '../../../lib';
import { CILIUM_SPEC, ciliumPlan } from './fixtures';

function synthDir(build: (app: App) => void): { files: Record<string, string>; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cilium-construct-'));
  const write = process.stderr.write;
  let stderr = '';
  const quiet = process.env.K8S_DUALSTACK_QUIET;
  delete process.env.K8S_DUALSTACK_QUIET;
  (process.stderr as any).write = (s: string) => ((stderr += s), true);
  try {
    // A DualStackApp: its synth() also writes the files that are not charts (kubeadm files, Cilium's values and install script).
    const app = new DualStackApp({ outdir: dir, yamlOutputType: YamlOutputType.FILE_PER_CHART });
    build(app);
    app.synth();
    const files: Record<string, string> = {};
    for (const f of (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).sort()) if (statSync(join(dir, f)).isFile()) files[f.split(/[\\/]/).join('/')] = readFileSync(join(dir, f), 'utf8');
    return { files, stderr };
  } finally {
    (process.stderr as any).write = write;
    process.env.K8S_DUALSTACK_QUIET = quiet;
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('Cilium in DualStackCluster', () => {
  const { files, stderr } = synthDir((app) => new DualStackCluster(app, 'c', { network: CILIUM_SPEC, cni: Cni.cilium({ kubeProxyReplacement: true }) }));

  test('kube-proxy replacement: no kube-proxy chart, kubeadm skips addon/kube-proxy, no KubeProxyConfiguration', () => {
    expect(Object.keys(files).some((f) => f.includes('kube-proxy'))).toBe(false);
    const kubeadm = files['0001-kubeadm/init.kubeadm.conf'];
    expect(kubeadm).toContain('skipPhases:\n  - addon/kube-proxy');
    expect(kubeadm).not.toContain('KubeProxyConfiguration');
  });

  test('without a chart: the values file and the exact helm install command are written, and synth says so once', () => {
    const values = parse(files['0005-cni.cilium.helm-values']);
    expect(values).toMatchObject({ ipam: { mode: 'kubernetes' }, kubeProxyReplacement: true, k8sServiceHost: '192.168.30.11', k8sServicePort: 6443 });
    expect(files['0005-cni.cilium-install.sh']).toContain(
      'helm install cilium cilium --repo https://helm.cilium.io --version 1.19.6 --namespace kube-system -f 0005-cni.cilium.helm-values',
    );
    expect(files['0005-cni.k8s.yaml']).toBe('');
    expect(stderr.match(/info: 0005-cni\.cilium\.helm-values: no Cilium chart given/g)).toHaveLength(1);
  });

  test('the smoke test checks NodePorts (served by Cilium without kube-proxy)', () => {
    expect(files['0009-smoke-test.k8s.yaml']).toMatch(/name: CHECK_NODE_PORT\s+value: "true"/);
  });

  test('without kube-proxy replacement kube-proxy stays', () => {
    const r = synthDir((app) => new DualStackCluster(app, 'c', { network: CILIUM_SPEC, cni: Cni.cilium() }));
    expect(Object.keys(r.files)).toContain('0004-kube-proxy.k8s.yaml');
    expect(r.files['0001-kubeadm/init.kubeadm.conf']).not.toContain('skipPhases');
  });

  test('fails synth (writing nothing) when a rule fails', () => {
    const app = Testing.app();
    new DualStackCluster(app, 'c', { network: CILIUM_SPEC, cni: Cni.cilium({ kubeProxyReplacement: true, k8sServiceHost: '10.96.0.1' }) });
    expect(() => app.synth()).toThrow(/cilium-kpr-api-host-service-ip/);
  });
});

describe('chartSource', () => {
  const { chartSource } = require('../../../lib/cni/cilium/construct');
  test.each([
    ['cilium', { repo: 'https://helm.cilium.io', version: '1.19.6' }],
    ['cilium/cilium', { version: '1.19.6' }],
    ['oci://registry.example/charts/cilium', { version: '1.19.6' }],
    [__dirname, {}],
  ])('%s → %j', (chart, want) => {
    expect(chartSource(chart, '1.19.6')).toEqual(want);
  });
});

describe('CniChart with Cilium', () => {
  test('holds the Cilium construct and reports its findings', () => {
    const app = Testing.app();
    const chart = new CniChart(app, 'cni', { network: ciliumPlan(), cni: Cni.cilium({ kubeProxyReplacement: true }) });
    expect(chart.cilium?.values).toMatchObject({ kubeProxyReplacement: true });
    expect(chart.cilium?.objects).toEqual([]);
  });
});

describe('kubeadm without kube-proxy (skipKubeProxy)', () => {
  const { renderInitConfiguration, renderKubeadmInitDocuments } = require('../../../lib/control-plane/render-kubeadm');
  test.each([
    ['1.21', 'kubeadm.k8s.io/v1beta2', undefined],
    ['1.22', 'kubeadm.k8s.io/v1beta3', ['addon/kube-proxy']],
    ['1.33', 'kubeadm.k8s.io/v1beta4', ['addon/kube-proxy']],
  ])('Kubernetes %s (%s): skipPhases %j (the field exists from v1beta3)', (version, api, skip) => {
    const plan = ciliumPlan({ kubernetesVersion: version });
    const init = renderInitConfiguration(plan, { skipKubeProxy: true });
    expect(init.apiVersion).toBe(api);
    expect(init.skipPhases).toEqual(skip);
    expect(renderKubeadmInitDocuments(plan, { skipKubeProxy: true }).map((d: any) => d.kind)).not.toContain('KubeProxyConfiguration');
    expect(renderKubeadmInitDocuments(plan, {}).map((d: any) => d.kind)).toContain('KubeProxyConfiguration');
  });
});
