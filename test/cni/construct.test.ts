import { ApiObject, Testing } from 'cdk8s';
import { CalicoCni, CalicoLinuxDataplane, CalicoMode, Cni, CniChart, FlannelBackend, FlannelCni } from '../../lib/cni';
import { KubeProxyMode } from '../../lib/plan/rules/kube-proxy';
import { ClusterNetwork } from '../../lib/plan';
import { fieldReportPlan } from './helpers';

describe('CNI constructs', () => {
  test('CalicoCni (operator) exposes the Installation as Resource, stable ids', () => {
    const chart = Testing.chart();
    const calico = new CalicoCni(chart, 'Calico', { network: fieldReportPlan(), cni: Cni.calico() });
    expect(ApiObject.of(calico).kind).toBe('Installation');
    expect(calico.installation).toBe(ApiObject.of(calico));
    expect(calico.operatorDeployment!.name).toBe('tigera-operator');
    expect(calico.crds.length).toBe(32);
    const out = Testing.synth(chart);
    expect(out.length).toBe(calico.objects.length);
    expect(out[out.length - 1].kind).toBe('Installation');
  });

  test('CalicoCni (manifest) exposes the calico-node DaemonSet', () => {
    const chart = Testing.chart();
    const calico = new CalicoCni(chart, 'Calico', { network: fieldReportPlan(), cni: Cni.calico({ mode: CalicoMode.MANIFEST }) });
    expect(calico.daemonSet!.name).toBe('calico-node');
    expect(ApiObject.of(calico)).toBe(calico.daemonSet);
    expect(calico.kubeControllers!.name).toBe('calico-kube-controllers');
    expect(calico.configMap!.name).toBe('calico-config');
    expect(Testing.synth(chart).map((o) => o.kind)).toContain('DaemonSet');
  });

  test('CniChart picks the construct from the choice', () => {
    const app = Testing.app();
    const c = new CniChart(app, 'cni', { network: fieldReportPlan(), cni: Cni.flannel() });
    expect(c.flannel!.daemonSet.name).toBe('kube-flannel-ds');
    expect(c.calico).toBeUndefined();
  });

  test('fails when synth meets an error finding (udp flannel on dual-stack), listing it', () => {
    const chart = Testing.chart();
    new FlannelCni(chart, 'Flannel', { network: fieldReportPlan(), cni: Cni.flannel({ backend: FlannelBackend.UDP }) });
    expect(() => Testing.synth(chart)).toThrow(/flannel-backend-no-ipv6/);
  });

  test('fails when a Calico pool override lies outside the cluster CIDR', () => {
    const chart = Testing.chart();
    new CalicoCni(chart, 'Calico', { network: fieldReportPlan(), cni: Cni.calico({ ipv4Pool: { cidr: '10.0.0.0/16' } }) });
    expect(() => Testing.synth(chart)).toThrow(/calico-pool-outside-cluster-cidr/);
  });

  test('fails when CalicoCni is told kube-proxy runs nftables and the chosen dataplane is iptables', () => {
    const chart = Testing.chart();
    new CalicoCni(chart, 'Calico', { network: fieldReportPlan(), cni: Cni.calico({ linuxDataplane: CalicoLinuxDataplane.IPTABLES }), kubeProxyMode: KubeProxyMode.NFTABLES });
    expect(() => Testing.synth(chart)).toThrow(/calico-dataplane-kube-proxy/);
  });

  test.each([
    [KubeProxyMode.NFTABLES, 'Nftables'],
    [KubeProxyMode.IPTABLES, 'Iptables'],
  ])('Calico\'s dataplane follows kube-proxy %s when not chosen (CalicoCni, CniChart)', (mode, dataplane) => {
    const chart = Testing.chart();
    new CalicoCni(chart, 'Calico', { network: fieldReportPlan(), cni: Cni.calico(), kubeProxyMode: mode });
    expect(Testing.synth(chart).find((o) => o.kind === 'Installation')?.spec.calicoNetwork.linuxDataplane).toBe(dataplane);
    const c = new CniChart(Testing.app(), 'Cni', { network: fieldReportPlan(), cni: Cni.calico(), kubeProxyMode: mode });
    expect(Testing.synth(c).find((o) => o.kind === 'Installation')?.spec.calicoNetwork.linuxDataplane).toBe(dataplane);
  });

  test('the choice reports what its construct reports (Calico + nftables kube-proxy: no dataplane error)', () => {
    const cni = Cni.calico();
    expect(cni.findings(fieldReportPlan(), { kubeProxyMode: KubeProxyMode.NFTABLES }).map((f) => f.code)).not.toContain('calico-dataplane-kube-proxy');
    expect(Cni.calico({ linuxDataplane: CalicoLinuxDataplane.IPTABLES }).findings(fieldReportPlan(), { kubeProxyMode: KubeProxyMode.NFTABLES }).map((f) => f.code)).toContain('calico-dataplane-kube-proxy');
  });

  test('fails when the construct gets the other CNI', () => {
    expect(() => new FlannelCni(Testing.chart(), 'F', { network: fieldReportPlan(), cni: Cni.calico() })).toThrow(/use Cni.flannel/);
  });

  test('warnings do not fail synth (the field report fc00::/48)', () => {
    const chart = Testing.chart();
    new FlannelCni(chart, 'Flannel', { network: ClusterNetwork.plan({ podCidrs: ['10.244.0.0/16', 'fc00::/48'], serviceCidrs: ['10.96.0.0/12', 'fd00::/108'] }), cni: Cni.flannel() });
    expect(Testing.synth(chart).length).toBe(6);
  });

  test('golden: CniChart default (Calico operator) for the field report', () => {
    const app = Testing.app();
    const c = new CniChart(app, 'cni', { network: fieldReportPlan(), cni: Cni.calico() });
    const kinds = Testing.synth(c).map((o) => `${o.kind}/${o.metadata.name}`);
    expect(kinds).toMatchSnapshot();
  });
});
