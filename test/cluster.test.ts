import { App, Testing } from 'cdk8s';
import { CalicoLinuxDataplane, Cni, DualStackCluster, IngressController, KubeProxyMode } from '../lib';
import { FIELD_REPORT_SPEC } from './fixtures/field-report';

function cluster(props: Partial<ConstructorParameters<typeof DualStackCluster>[2]> = {}) {
  const app = Testing.app();
  const c = new DualStackCluster(app, 'cluster', { network: FIELD_REPORT_SPEC, ...props });
  return { app, c };
}

describe('DualStackCluster', () => {
  test('composes one chart per part, in apply order, and exposes the parts', () => {
    const { app, c } = cluster({ ingress: [IngressController.gateway()], app: true });
    expect(app.charts.map((ch) => ch.node.id)).toEqual(['0000-kubeadm', '0001-host-prep', '0002-kube-proxy', '0003-cni', '0004-ingress', '0005-app', '0006-smoke-test']);
    expect(c.calico).toBeDefined();
    expect(c.flannel).toBeUndefined();
    expect(c.gateway).toBeDefined();
    expect(c.app?.name).toBe('common-nginx');
    expect(c.smokeTest).toBeDefined();
    expect(c.network.families).toEqual(['IPv4', 'IPv6']);
  });

  test('parts can be left out', () => {
    const { app, c } = cluster({ hostPrep: false, smokeTest: false, cni: Cni.flannel() });
    expect(app.charts.map((ch) => ch.node.id)).toEqual(['0000-kubeadm', '0001-kube-proxy', '0002-cni']);
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
    const installation = Testing.synth(c.cniChart).find((o) => o.kind === 'Installation');
    expect(installation.spec.calicoNetwork.linuxDataplane).toBe('Nftables');
  });

  test('fails when the Calico dataplane is chosen against the kube-proxy mode', () => {
    const { app } = cluster({ kubeProxy: { mode: KubeProxyMode.NFTABLES }, cni: Cni.calico({ linuxDataplane: CalicoLinuxDataplane.IPTABLES }) });
    expect(() => app.synthYaml()).toThrow(/calico-dataplane-kube-proxy/);
  });
});
