import { ApiObject, App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ApplyFile, ApplyNode, ApplyWait, renderApplyScript } from './apply-script';
import { ChartSplit, ClusterStep, CollectedChart, ObjectPlacement, PartChart, placementOf, stepName } from './cluster-charts';
import { ClusterFile, IClusterFiles, IClusterOutput } from './cluster-files';
import { CalicoCni, FlannelCni } from './cni/construct';
import type { ICniConstruct } from './cni/choice';
import { CiliumCni } from './cni/cilium/construct';
import { attachFindings, ownFindings } from './construct-findings';
import { ClusterChoices, clusterFindings, cniContextOf, resolveChoices } from './cluster-findings';
import type { Finding } from './plan/findings';
import { ControlPlaneConfig } from './control-plane/control-plane-config';
import { KubeadmFileRole } from './control-plane/render-kubeadm';
import { HostNetworkPrep } from './host/host-network-prep';
import { NodeDistro, renderNodeScript } from './host/node-script';
import { CommonNginx } from './ingress/demo-app';
import { DualStackGateway } from './ingress/gateway';
import { IngressNginx } from './ingress/ingress-nginx';
import { KongIngress } from './ingress/kong';
import { CommonNginxOptions } from './ingress/render-demo-app';
import { KubeProxy } from './kube-proxy/kube-proxy';
import { ClusterNetwork } from './plan/network';
import { ClusterNetworkSpec } from './plan/spec';
import { KUBE_PROXY_CONFIGMAP } from './kube-proxy/render';
import { DualStackSmokeTest } from './verify/smoke-test';

/** Props of `DualStackCluster`: the network, described once, and the choices. */
export interface DualStackClusterProps extends ClusterChoices {
  /** The cluster network: a spec (planned here) or a plan built with `ClusterNetwork.plan`. */
  readonly network: ClusterNetworkSpec | ClusterNetwork;
}

/**
 * A whole dual-stack cluster from one network description: the node scripts, the kubeadm files,
 * host preparation, the CNI, kube-proxy, ingress, an application and the smoke test, as an output
 * tree in apply order (`ClusterStep`):
 *
 * ```
 * 0000-node/<node>.{debian,rhel}.sh   run as root on every node before kubeadm (not charts)
 * 0001-kubeadm/*.kubeadm.conf         kubeadm init / join files (not charts; kubectl never reads them)
 * 0002-crds.k8s.yaml                  every CustomResourceDefinition of every part
 * 0003-host-prep.k8s.yaml … 0009-smoke-test.k8s.yaml   one chart per part; 0006-custom-resources
 *                                     holds the custom resources of those CRDs (the operator's Installation …)
 * apply.sh                            the steps, in order, stopping on the first error
 * ```
 *
 * The charts are children of this construct (`<id>/0005-cni` …), so several clusters can share one
 * App. `DualStackApp.synth()` writes each cluster's tree into its `outputDir` (the App's outdir when
 * the App holds one cluster, else a folder named for the cluster's path); with a plain `App`, call
 * `writeClusterFiles(app)` after `App.synth()`. `ApiObject.of(cluster.calico!)`, `Chart.of(…)` and
 * the typed parts work as before.
 *
 * Every finding of the plan and of each part reaches `cdk8s synth`: errors fail it, all listed
 * at once, before any file is written; warnings are printed.
 */
export class DualStackCluster extends Construct implements IClusterFiles, IClusterOutput {
  /** The validated plan every part was rendered from. */
  public readonly network: ClusterNetwork;
  /**
   * The chart that holds the kubeadm init documents. It belongs to an App of its own, not to this
   * construct's App, so `App.synth()` never writes it as a kubectl file; the kubeadm files are
   * `controlPlane.files`, written into `0001-kubeadm/` by `writeClusterFiles`.
   */
  public readonly kubeadmChart: Chart;
  public readonly controlPlane: ControlPlaneConfig;
  /** Every CustomResourceDefinition of the parts (absent when none ships a CRD). */
  public readonly crdChart?: Chart;
  public readonly hostPrepChart?: Chart;
  public readonly hostPrep?: HostNetworkPrep;
  public readonly cniChart: Chart;
  /** The CNI's construct, whichever CNI was chosen (`calico`, `flannel`, `cilium` are typed views of it). */
  public readonly cni: ICniConstruct;
  public readonly calico?: CalicoCni;
  public readonly flannel?: FlannelCni;
  public readonly cilium?: CiliumCni;
  /**
   * The kube-system/kube-proxy ConfigMap for clusters that already run (kubeadm writes it on new
   * ones). Absent when the CNI replaces kube-proxy (Cilium with `kubeProxyReplacement`).
   */
  public readonly kubeProxyChart?: Chart;
  public readonly kubeProxy?: KubeProxy;
  /** The custom resources of the CRDs in `crdChart` (absent when there are none). */
  public readonly customResourcesChart?: Chart;
  public readonly ingressChart?: Chart;
  public readonly ingressNginx?: IngressNginx;
  public readonly kong?: KongIngress;
  public readonly gateway?: DualStackGateway;
  public readonly appChart?: Chart;
  public readonly app?: CommonNginx;
  public readonly smokeTestChart?: Chart;
  public readonly smokeTest?: DualStackSmokeTest;

  private readonly split = new ChartSplit();
  private readonly props: DualStackClusterProps;

  constructor(scope: Construct, id: string, props: DualStackClusterProps) {
    super(scope, id);
    const network = props.network instanceof ClusterNetwork ? props.network : ClusterNetwork.plan(props.network);
    this.network = network;
    this.props = props;
    // Every finding of the cluster, from one pure function, reported here once; the parts stay silent.
    ownFindings(this);
    attachFindings(this, () => this.findings());

    const app = App.of(this);
    // Each part chart is named for its step (0005-cni …), so each file name says where it goes. No
    // cdk8s chart dependencies: cdk8s would link every object of a chart to every object of the
    // charts before it and walk that graph once per chart, which made synth several times slower
    // for no change in the output.
    const chart = (step: ClusterStep, name: string): Chart => new PartChart(this, stepName(step, name), this.split);
    const choices = resolveChoices(props);
    const { kubeProxy, cni, withKubeProxy } = choices;

    // A chart of a scratch App: its documents are files for kubeadm, which kubectl must never see.
    this.kubeadmChart = new Chart(new App({ outdir: app.outdir }), stepName(ClusterStep.KUBEADM, 'kubeadm'));
    this.controlPlane = new ControlPlaneConfig(this.kubeadmChart, 'ControlPlane', { ...choices.kubeadm, network, includePlanFindings: false });

    if (props.hostPrep !== false) {
      this.hostPrepChart = chart(ClusterStep.HOST_PREP, 'host-prep');
      this.hostPrep = new HostNetworkPrep(this.hostPrepChart, 'HostPrep', {
        ...props.hostPrep,
        network,
        // Without kube-proxy: the iptables-mode modules, which Cilium's own iptables rules use.
        proxyMode: withKubeProxy ? kubeProxy.mode : undefined,
        ipvsScheduler: withKubeProxy ? kubeProxy.ipvsScheduler : undefined,
        includePlanFindings: false,
      });
    }

    if (withKubeProxy) {
      this.kubeProxyChart = chart(ClusterStep.KUBE_PROXY, 'kube-proxy');
      this.kubeProxy = new KubeProxy(this.kubeProxyChart, 'KubeProxy', { ...kubeProxy, network, includePlanFindings: false });
    }

    this.cniChart = chart(ClusterStep.CNI, 'cni');
    // The choice builds its construct from the plan and the cluster's context (Calico's dataplane
    // follows kube-proxy's mode there), exactly as `CniChart` does.
    this.cni = cni.bind(this.cniChart, network, cniContextOf(props, choices));
    // Typed views of the built-in CNIs (no dispatch: the choice built the construct).
    if (this.cni instanceof CalicoCni) this.calico = this.cni;
    if (this.cni instanceof FlannelCni) this.flannel = this.cni;
    if (this.cni instanceof CiliumCni) this.cilium = this.cni;

    const ingress = choices.ingress;
    // Route the application through the first ingress installed: an Ingress of its class, else an HTTPRoute.
    let route: { ingressClassName?: string; gateway?: { name: string; namespace: string } } | undefined;
    if (ingress.length > 0) {
      this.ingressChart = chart(ClusterStep.INGRESS, 'ingress');
      for (const choice of ingress) {
        const bound = choice.bind(this.ingressChart, network);
        if (bound.construct instanceof IngressNginx) this.ingressNginx ??= bound.construct;
        if (bound.construct instanceof KongIngress) this.kong ??= bound.construct;
        if (bound.construct instanceof DualStackGateway) this.gateway ??= bound.construct;
        route ??= bound.route.ingressClassName || bound.route.gateway ? bound.route : undefined;
      }
    }

    if (props.app) {
      this.appChart = chart(ClusterStep.APP, 'app');
      const appOptions: CommonNginxOptions = props.app === true ? {} : props.app;
      this.app = new CommonNginx(this.appChart, 'CommonNginx', {
        // Route through the first ingress installed: an Ingress of its class, else an HTTPRoute.
        ...(route?.ingressClassName ? { ingressClassName: route.ingressClassName } : route?.gateway ? { ingressClassName: false, gateway: route.gateway } : { ingressClassName: false }),
        ...appOptions,
        network,
      });
    }

    if (props.smokeTest !== false) {
      this.smokeTestChart = chart(ClusterStep.SMOKE_TEST, 'smoke-test');
      // Without kube-proxy the CNI serves NodePorts: check them unless the user said otherwise.
      this.smokeTest = new DualStackSmokeTest(this.smokeTestChart, 'SmokeTest', { ...(withKubeProxy ? {} : { checkNodePort: true }), ...props.smokeTest, network });
    }

    // Split by kind, whatever the parts rendered: CRDs first (their own file, applied and
    // established before anything of their kinds), custom resources of those CRDs in a file of
    // their own after the CNI (as upstream's custom-resources.yaml follows tigera-operator.yaml).
    if (this.split.has(ObjectPlacement.CRD)) this.crdChart = new CollectedChart(this, stepName(ClusterStep.CRDS, 'crds'), this.split, ObjectPlacement.CRD);
    if (this.split.has(ObjectPlacement.CUSTOM_RESOURCE)) {
      this.customResourcesChart = new CollectedChart(this, stepName(ClusterStep.CUSTOM_RESOURCES, 'custom-resources'), this.split, ObjectPlacement.CUSTOM_RESOURCE);
    }
  }

  /**
   * Every finding of this cluster (`clusterFindings` of its plan and choices): what synth reports
   * for it, errors failing it, and what `k8s-dualstack plan` prints for the same spec and choices.
   */
  public findings(): Finding[] {
    return clusterFindings(this.network, this.props);
  }

  /**
   * The files of the tree that are not charts, in a fixed order: the node scripts (RHEL and Debian,
   * per declared node; none when `hostPrep` is false), the kubeadm files and `apply.sh`.
   */
  public clusterFiles(): ClusterFile[] {
    const files: ClusterFile[] = [];
    const nodeDir = stepName(ClusterStep.NODE, 'node');
    const kubeadmDir = stepName(ClusterStep.KUBEADM, 'kubeadm');
    const scripts = new Map<string, Record<string, string>>();
    if (this.props.hostPrep !== false) {
      const kubeProxy = this.props.kubeProxy ?? {};
      const acceptRa = this.props.hostPrep?.acceptRaInterface !== undefined;
      for (const node of this.network.nodes) {
        const byDistro: Record<string, string> = {};
        for (const distro of [NodeDistro.DEBIAN, NodeDistro.RHEL]) {
          const path = `${nodeDir}/${node.name}.${distro}.sh`;
          files.push({ path, executable: true, content: renderNodeScript(this.network, node, distro, { proxyMode: kubeProxy.mode, ipvsScheduler: kubeProxy.ipvsScheduler, acceptRa }) });
          byDistro[distro] = path;
        }
        scripts.set(node.name, byDistro);
      }
    }
    const uploadCerts = this.controlPlane.files.some((f) => f.role === KubeadmFileRole.JOIN_CONTROL_PLANE);
    const nodes: ApplyNode[] = [];
    for (const f of this.controlPlane.files) {
      const path = `${kubeadmDir}/${f.name}`;
      files.push({ path, executable: false, content: this.controlPlane.fileText(f) });
      if (f.node !== undefined) {
        nodes.push({ name: f.node, scripts: scripts.get(f.node) ?? {}, kubeadmFile: path, kubeadmCommand: f.role === KubeadmFileRole.INIT ? 'init' : 'join', uploadCerts: f.role === KubeadmFileRole.INIT && uploadCerts });
      }
    }
    files.push({
      path: 'apply.sh',
      executable: true,
      content: renderApplyScript({ title: `cluster ${this.node.id} (Kubernetes ${this.network.version})`, nodes, files: this.applyFiles(), kubeProxyFile: this.kubeProxyChart ? this.chartFile(this.kubeProxyChart) : undefined }),
    });
    return files;
  }

  /**
   * The folder of this cluster's tree, relative to the App's outdir: `''` (the outdir itself) when
   * it is the only `DualStackCluster` of its App, else its construct path (`a`, `stacks/b`), which is
   * unique in the App. The charts are children of this construct (`<path>/0005-cni`), so their ids
   * never clash between clusters; each is written as `<outputDir>/<step>.k8s.yaml`.
   */
  public get outputDir(): string {
    const clusters = this.node.root.node.findAll().filter((c) => c instanceof DualStackCluster);
    return clusters.length === 1 ? '' : this.node.path;
  }

  /** A chart's file name in this cluster's folder (`0005-cni.k8s.yaml`). */
  private chartFile(chart: Chart): string {
    return `${chart.node.id}${App.of(this).outputFileExtension}`;
  }

  /** The kubectl files in apply order, each with what the next step must wait for. */
  private applyFiles(): ApplyFile[] {
    const groups = this.split.crdGroups();
    const own = (chart: Chart): ApiObject[] =>
      this.split.objectsOf(chart).filter((o) => !(chart instanceof PartChart) || placementOf(o.apiVersion, o.kind, groups) === ObjectPlacement.PART);
    // After a file: its DaemonSets, Deployments and StatefulSets rolled out, then its Jobs finished
    // (Complete, or Failed at once): the next file may need them (an admission webhook, pod networking).
    const rollouts = (chart: Chart, workloads = true): ApplyWait[] => {
      const objects = own(chart);
      const rolled = objects.filter(() => workloads).flatMap((o): ApplyWait[] => {
        const resource = o.apiVersion === 'apps/v1' ? ({ Deployment: 'deployment', DaemonSet: 'daemonset', StatefulSet: 'statefulset' } as const)[o.kind as 'Deployment'] : undefined;
        return resource ? [{ kind: 'rollout', resource, namespace: o.metadata.namespace ?? 'default', name: o.name }] : [];
      });
      const jobs = objects
        .filter((o) => o.apiVersion === 'batch/v1' && o.kind === 'Job')
        .map((o): ApplyWait => {
          // The Job's own deadline ends it as Failed; a minute more covers the pod's start and the last status update.
          const deadline = (o.toJson() as { spec?: { activeDeadlineSeconds?: number } }).spec?.activeDeadlineSeconds;
          return { kind: 'job', namespace: o.metadata.namespace ?? 'default', name: o.name, ...(deadline ? { timeoutSeconds: deadline + 60 } : {}) };
        });
      return [...rolled, ...jobs];
    };
    const out: ApplyFile[] = [];
    if (this.crdChart) out.push({ path: this.chartFile(this.crdChart), waits: [{ kind: 'established' }] });
    if (this.hostPrepChart) out.push({ path: this.chartFile(this.hostPrepChart), waits: rollouts(this.hostPrepChart) });
    if (this.kubeProxyChart) {
      out.push({
        path: this.chartFile(this.kubeProxyChart),
        skipReason: `kubeadm init already wrote ${KUBE_PROXY_CONFIGMAP.namespace}/${KUBE_PROXY_CONFIGMAP.name} from the same KubeProxyConfiguration; on a cluster that already runs use: apply.sh kube-proxy`,
      });
    }
    // The CNI step: its chart's file, unless the CNI installs itself otherwise (Cilium's helm install script).
    out.push(this.cni.applyStep?.() ?? { path: this.chartFile(this.cniChart), waits: rollouts(this.cniChart) });
    if (this.customResourcesChart) {
      // The operator reports each custom resource it reconciles in a TigeraStatus of the component's name.
      const tigeraStatus: Record<string, string> = { Installation: 'calico', APIServer: 'apiserver' };
      const waits: ApplyWait[] = this.split
        .collect(ObjectPlacement.CUSTOM_RESOURCE)
        .filter((j) => j.apiVersion === 'operator.tigera.io/v1' && tigeraStatus[j.kind] !== undefined)
        .map((j) => ({ kind: 'tigerastatus', name: tigeraStatus[j.kind] }));
      out.push({ path: this.chartFile(this.customResourcesChart), waits });
    }
    if (this.ingressChart) out.push({ path: this.chartFile(this.ingressChart), waits: rollouts(this.ingressChart) });
    if (this.appChart) out.push({ path: this.chartFile(this.appChart), waits: rollouts(this.appChart) });
    // The smoke test's Job waits for its own workload and says what is wrong with it: its Job only.
    if (this.smokeTestChart) out.push({ path: this.chartFile(this.smokeTestChart), waits: rollouts(this.smokeTestChart, false) });
    return out;
  }
}
