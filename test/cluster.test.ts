import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { CalicoLinuxDataplane, CalicoMode, Cni, CniChart, DualStackApp, DualStackCluster, IngressController, KubeProxyMode } from '../lib';
import { crdGroupOf, ObjectPlacement, placementOf } from '../lib/render';
import { FIELD_REPORT_SPEC } from './fixtures/field-report';

function cluster(props: Partial<ConstructorParameters<typeof DualStackCluster>[2]> = {}) {
  const app = Testing.app();
  const c = new DualStackCluster(app, 'cluster', { network: FIELD_REPORT_SPEC, ...props });
  return { app, c };
}

describe('DualStackCluster', () => {
  test('composes one chart per part, in apply order, and exposes the parts', () => {
    const { app, c } = cluster({ ingress: [IngressController.gateway()], app: true });
    // Fixed step numbers (ClusterStep); the kubeadm documents are files, not a chart of this App.
    expect(app.charts.map((ch) => ch.node.id).sort()).toEqual(['0002-crds', '0003-host-prep', '0004-kube-proxy', '0005-cni', '0006-custom-resources', '0007-ingress', '0008-app', '0009-smoke-test']);
    expect(App.of(c.kubeadmChart)).not.toBe(app);
    expect(c.calico).toBeDefined();
    expect(c.flannel).toBeUndefined();
    expect(c.gateway).toBeDefined();
    expect(c.app?.name).toBe('common-nginx');
    expect(c.smokeTest).toBeDefined();
    expect(c.network.families).toEqual(['IPv4', 'IPv6']);
  });

  test('parts can be left out', () => {
    const { app, c } = cluster({ hostPrep: false, smokeTest: false, cni: Cni.flannel() });
    expect(app.charts.map((ch) => ch.node.id)).toEqual(['0004-kube-proxy', '0005-cni']);
    expect(c.crdChart).toBeUndefined();
    expect(c.customResourcesChart).toBeUndefined();
    expect(c.flannel).toBeDefined();
    expect(c.hostPrep).toBeUndefined();
  });

  test('the kube-proxy mode reaches kubeadm, the existing-cluster ConfigMap and host preparation', () => {
    const { c } = cluster({ kubeProxy: { mode: KubeProxyMode.IPVS } });
    const kp = c.controlPlane.documents.find((d) => d.kind === 'KubeProxyConfiguration') as { mode?: string };
    expect(kp.mode).toBe('ipvs');
    expect(c.kubeProxy!.configuration.mode).toBe('ipvs');
    const ds = Testing.synth(c.hostPrepChart!).find((o) => o.kind === 'DaemonSet');
    expect(JSON.stringify(ds)).toContain('ip_vs');
  });

  test('fails when the plan has errors, listing every error at once and writing nothing', () => {
    const app = new App({ outdir: '/nonexistent/never-written' });
    new DualStackCluster(app, 'cluster', {
      network: { podCidrs: ['10.244.0.1/33', 'fd00::/48'], serviceCidrs: ['fd00::/96'] },
    });
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('podCidrs[0]');
    expect(message).toContain('serviceCidrs[0]');
  });

  test('fails when a part is wrong for the plan: RequireDualStack on a single-stack cluster', () => {
    const app = Testing.app();
    new DualStackCluster(app, 'cluster', {
      network: { podCidrs: ['10.244.0.0/16'], serviceCidrs: ['10.96.0.0/16'] },
      ingress: [IngressController.kong({ ipFamilyPolicy: 'RequireDualStack' as never })],
    });
    expect(() => app.synthYaml()).toThrow(/RequireDualStack/);
  });

  test('prints warnings once per finding, even when several parts compute it', () => {
    const { app } = cluster({ kubeProxy: { mode: KubeProxyMode.IPTABLES } });
    const quiet = process.env.K8S_DUALSTACK_QUIET;
    delete process.env.K8S_DUALSTACK_QUIET;
    const lines: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      app.synthYaml();
    } finally {
      spy.mockRestore();
      process.env.K8S_DUALSTACK_QUIET = quiet;
    }
    const warnings = lines.filter((l) => l.includes(' warning ['));
    expect(warnings.length).toBeGreaterThan(0);
    expect(new Set(warnings.map((l) => l.replace(/^\[[^\]]*\] /, ''))).size).toBe(warnings.length);
    expect(warnings.some((l) => l.includes('[range-ula-fc00] podCidrs[1]'))).toBe(true);
  });

  test('Calico\'s dataplane follows the kube-proxy mode: nftables with nftables', () => {
    const { c } = cluster({ kubeProxy: { mode: KubeProxyMode.NFTABLES } });
    const installation = Testing.synth(c.customResourcesChart!).find((o) => o.kind === 'Installation');
    expect(installation.spec.calicoNetwork.linuxDataplane).toBe('Nftables');
  });

  test.each([
    ['Calico, nftables kube-proxy', () => Cni.calico(), KubeProxyMode.NFTABLES],
    ['Calico manifest, nftables kube-proxy', () => Cni.calico({ mode: CalicoMode.MANIFEST }), KubeProxyMode.NFTABLES],
    ['Calico, iptables kube-proxy', () => Cni.calico(), KubeProxyMode.IPTABLES],
    ['flannel, nftables kube-proxy', () => Cni.flannel(), KubeProxyMode.NFTABLES],
  ])('CniChart and DualStackCluster agree: %s', (_name, cni, mode) => {
    const { app, c } = cluster({ cni: cni(), kubeProxy: { mode } });
    const chart = new CniChart(Testing.app(), 'cni', { network: c.network, cni: cni(), kubeProxyMode: mode });
    // Both synthesize (no calico-dataplane-kube-proxy from either) and hold the same CNI objects.
    expect(() => app.synthYaml()).not.toThrow();
    expect(() => Testing.synth(chart)).not.toThrow();
    expect(chart.cni.objects.map((o) => o.toJson())).toEqual(c.cni.objects.map((o) => o.toJson()));
    expect(chart.cni.node.id).toBe(c.cni.node.id);
  });

  test('fails when the Calico dataplane is chosen against the kube-proxy mode', () => {
    const { app } = cluster({ kubeProxy: { mode: KubeProxyMode.NFTABLES }, cni: Cni.calico({ linuxDataplane: CalicoLinuxDataplane.IPTABLES }) });
    expect(() => app.synthYaml()).toThrow(/calico-dataplane-kube-proxy/);
  });
});

const kindsOf = (chart: Chart) => Testing.synth(chart).map((o) => `${o.kind}/${o.metadata.name}`);

describe('DualStackCluster: CRDs first, custom resources in a file of their own', () => {
  test.each([
    ['operator', Cni.calico()],
    ['manifest', Cni.calico({ mode: CalicoMode.MANIFEST })],
  ])('Calico %s: every CRD in the CRD chart, none in a part chart', (_mode, cni) => {
    const { app, c } = cluster({ cni, ingress: [IngressController.kong()] });
    const crds = Testing.synth(c.crdChart!);
    expect(crds.length).toBeGreaterThan(0);
    expect(crds.every((o) => o.kind === 'CustomResourceDefinition')).toBe(true);
    for (const ch of app.charts.filter((x) => x !== c.crdChart)) expect(Testing.synth(ch).filter((o) => o.kind === 'CustomResourceDefinition')).toEqual([]);
    // Kong's CRDs (its chart is ingress) land here too: the split is by kind, not by part.
    expect(crds.some((o) => o.spec.group === 'configuration.konghq.com')).toBe(true);
  });

  test('the operator\'s Installation is in the custom-resources chart, applied after the CNI chart; parts keep their objects', () => {
    const { c } = cluster({ cni: Cni.calico() });
    expect(kindsOf(c.customResourcesChart!)).toContain('Installation/default');
    expect(kindsOf(c.cniChart)).not.toContain('Installation/default');
    expect(kindsOf(c.cniChart)).toContain('Deployment/tigera-operator');
    expect(c.cniChart.node.id < c.customResourcesChart!.node.id).toBe(true);
    expect(c.crdChart!.node.id < c.cniChart.node.id).toBe(true);
    // The construct tree is unchanged: the Installation is still the Calico construct's child.
    expect(Chart.of(c.calico!.node.findAll().find((x) => x instanceof ApiObject && x.kind === 'Installation') as ApiObject)).toBe(c.cniChart);
  });

  test('every object is written exactly once, whatever chart it ends up in', () => {
    const { app, c } = cluster({ cni: Cni.calico(), ingress: [IngressController.kong()], app: true });
    const written = app.charts.flatMap((ch) => Testing.synth(ch)).map((o) => `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
    const built = c.node.root.node.findAll().filter((x): x is ApiObject => x instanceof ApiObject && App.of(x) === app).map((o) => `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.name}`);
    expect([...written].sort()).toEqual([...built].sort());
    expect(new Set(written).size).toBe(written.length);
  });

  test('an object of a group no shipped CRD defines stays in its part (Gateway API: the user installs those CRDs)', () => {
    const { c } = cluster({ ingress: [IngressController.gateway()] });
    expect(kindsOf(c.ingressChart!)).toEqual(expect.arrayContaining([expect.stringMatching(/^Gateway\//)]));
  });

  test.each([
    ['apiextensions.k8s.io/v1', 'CustomResourceDefinition', ObjectPlacement.CRD],
    ['operator.tigera.io/v1', 'Installation', ObjectPlacement.CUSTOM_RESOURCE],
    ['gateway.networking.k8s.io/v1', 'Gateway', ObjectPlacement.PART],
    ['v1', 'ConfigMap', ObjectPlacement.PART],
    ['apps/v1', 'Deployment', ObjectPlacement.PART],
  ])('placementOf(%s %s) is %s', (apiVersion, kind, placement) => {
    expect(placementOf(apiVersion, kind, new Set(['operator.tigera.io', 'crd.projectcalico.org']))).toBe(placement);
  });

  test('a CRD\'s group comes from its name (<plural>.<group>)', () => {
    expect(crdGroupOf('installations.operator.tigera.io')).toBe('operator.tigera.io');
  });
});

describe('DualStackCluster files (node scripts, kubeadm files, apply.sh)', () => {
  test('one node script per declared node and distro, then the kubeadm files, then apply.sh', () => {
    const { c } = cluster({});
    const paths = c.clusterFiles().map((f) => f.path);
    expect(paths).toEqual([
      '0000-node/node53.debian.sh',
      '0000-node/node53.rhel.sh',
      '0001-kubeadm/init.kubeadm.conf',
      'apply.sh',
    ]);
    expect(c.clusterFiles().filter((f) => f.executable).map((f) => f.path)).toEqual(['0000-node/node53.debian.sh', '0000-node/node53.rhel.sh', 'apply.sh']);
  });

  test('no node scripts when host preparation is off', () => {
    const { c } = cluster({ hostPrep: false });
    expect(c.clusterFiles().map((f) => f.path)).toEqual(['0001-kubeadm/init.kubeadm.conf', 'apply.sh']);
  });

  test('the node script follows the kube-proxy mode (its modules)', () => {
    const { c } = cluster({ kubeProxy: { mode: KubeProxyMode.IPVS } });
    expect(c.clusterFiles()[0].content).toContain('ip_vs');
  });

  test('apply.sh waits for the Jobs of a part (an admission setup Job) before the next file', () => {
    const { c } = cluster({ ingress: [IngressController.kong()], app: true });
    new ApiObject(c.ingressChart!, 'setup', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'setup', namespace: 'kong' }, spec: { activeDeadlineSeconds: 100 } });
    const script = c.clusterFiles().find((f) => f.path === 'apply.sh')!.content;
    const job = script.indexOf("wait_job 'kong' 'setup' 160");
    expect(job).toBeGreaterThan(script.indexOf("kubectl apply --server-side -f '0007-ingress.k8s.yaml'"));
    expect(job).toBeLessThan(script.indexOf("kubectl apply --server-side -f '0008-app.k8s.yaml'"));
  });

  test('deterministic: the same props give the same bytes', () => {
    expect(cluster({}).c.clusterFiles()).toEqual(cluster({}).c.clusterFiles());
  });

  test('DualStackApp writes charts and files; a cluster with errors writes neither', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsa-'));
    try {
      const app = new DualStackApp({ outdir: dir });
      new DualStackCluster(app, 'cluster', { network: FIELD_REPORT_SPEC });
      app.synth();
      expect(readdirSync(dir).sort()).toEqual(['0000-node', '0001-kubeadm', '0002-crds.k8s.yaml', '0003-host-prep.k8s.yaml', '0004-kube-proxy.k8s.yaml', '0005-cni.k8s.yaml', '0006-custom-resources.k8s.yaml', '0009-smoke-test.k8s.yaml', 'apply.sh']);
      expect(statSync(join(dir, 'apply.sh')).mode & 0o777).toBe(0o755);
      const bad = mkdtempSync(join(tmpdir(), 'dsa-bad-'));
      const badApp = new DualStackApp({ outdir: bad });
      new DualStackCluster(badApp, 'cluster', { network: { podCidrs: ['10.244.0.1/33'], serviceCidrs: ['10.96.0.0/16'] } });
      expect(() => badApp.synth()).toThrow(/podCidrs\[0\]/);
      expect(readdirSync(bad)).toEqual([]);
      rmSync(bad, { recursive: true, force: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('two clusters in one App synthesize, each into its own folder, with the same tree as one alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsa-two-'));
    const one = mkdtempSync(join(tmpdir(), 'dsa-one-'));
    try {
      const app = new DualStackApp({ outdir: dir });
      const a = new DualStackCluster(app, 'a', { network: FIELD_REPORT_SPEC });
      const b = new DualStackCluster(app, 'b', { network: FIELD_REPORT_SPEC, cni: Cni.flannel(), ingress: [IngressController.gateway()] });
      app.synth();
      expect(readdirSync(dir).sort()).toEqual(['a', 'b']);
      expect(readdirSync(join(dir, 'b')).sort()).toEqual(['0000-node', '0001-kubeadm', '0003-host-prep.k8s.yaml', '0004-kube-proxy.k8s.yaml', '0005-cni.k8s.yaml', '0007-ingress.k8s.yaml', '0009-smoke-test.k8s.yaml', 'apply.sh']);
      // The charts are the clusters' children; the parts keep their accessors.
      expect(a.cniChart.node.scope).toBe(a);
      expect(b.cniChart.node.path).toBe('b/0005-cni');
      expect(ApiObject.of(b.flannel!).kind).toBe('DaemonSet');
      expect(ApiObject.of(a.calico!).kind).toBe('Installation');
      // Cluster a's folder holds the bytes a lone cluster writes into the outdir itself.
      const alone = new DualStackApp({ outdir: one });
      new DualStackCluster(alone, 'a', { network: FIELD_REPORT_SPEC });
      alone.synth();
      const files = (root: string): string[] => readdirSync(root, { recursive: true }).map(String).filter((f) => statSync(join(root, f)).isFile()).sort();
      expect(files(join(dir, 'a'))).toEqual(files(one));
      for (const f of files(one)) expect(readFileSync(join(dir, 'a', f), 'utf8')).toBe(readFileSync(join(one, f), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(one, { recursive: true, force: true });
    }
  });
});
