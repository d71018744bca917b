import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { CalicoCni, FlannelCni } from './cni/construct';
import { calicoDataplaneFor, Cni } from './cni/cni';
import { CiliumCni } from './cni/cilium/construct';
import { attachFindings } from './construct-findings';
import { ControlPlaneConfig } from './control-plane/control-plane-config';
import { KubeadmOptions } from './control-plane/render-kubeadm';
import { HostNetworkPrep } from './host/host-network-prep';
import { HostNetworkPrepOptions } from './host/render';
import { IngressController, IngressKind } from './ingress-controller';
import { CommonNginx } from './ingress/demo-app';
import { DualStackGateway } from './ingress/gateway';
import { IngressNginx } from './ingress/ingress-nginx';
import { KongIngress } from './ingress/kong';
import { CommonNginxOptions } from './ingress/render-demo-app';
import { DualStackGatewayOptions } from './ingress/render-gateway';
import { IngressNginxOptions } from './ingress/render-ingress-nginx';
import { KongIngressOptions } from './ingress/render-kong';
import { KubeProxy } from './kube-proxy/kube-proxy';
import { KUBE_PROXY_DEFAULT_MODE, KubeProxyOptions } from './kube-proxy/render';
import { ClusterNetwork } from './plan/network';
import { ClusterNetworkSpec } from './plan/spec';
import { DualStackSmokeTest } from './verify/smoke-test';
import { SmokeTestOptions } from './verify/options';

/** Props of `DualStackCluster`: the network, described once, and the choices. */
export interface DualStackClusterProps {
  /** The cluster network: a spec (planned here) or a plan built with `ClusterNetwork.plan`. */
  readonly network: ClusterNetworkSpec | ClusterNetwork;
  /**
   * The CNI.
   * @default Cni.calico() - Calico in operator mode
   */
  readonly cni?: Cni;
  /**
   * kube-proxy: mode, nodePortAddresses, ipvs options.
   * @default - iptables mode, nodePortAddresses covering every family of the plan
   */
  readonly kubeProxy?: KubeProxyOptions;
  /**
   * kubeadm options (control-plane endpoint, bootstrap token, CA hashes).
   * @default - placeholders kubeadm refuses until replaced
   */
  readonly kubeadm?: Omit<KubeadmOptions, 'kubeProxy'>;
  /**
   * Host preparation (sysctls, kernel modules) as a DaemonSet; `false` leaves the hosts alone.
   * @default {} - on, modules for the kube-proxy mode
   */
  readonly hostPrep?: Omit<HostNetworkPrepOptions, 'proxyMode' | 'ipvsScheduler'> | false;
  /**
   * Ingress implementations, in the order they are installed.
   * @default [] - none
   */
  readonly ingress?: readonly IngressController[];
  /**
   * The field report's `common-nginx` application, routed through the first ingress; `false` for none.
   * @default false
   */
  readonly app?: CommonNginxOptions | boolean;
  /**
   * The dual-stack smoke-test Job; `false` for none.
   * @default {} - on, probing its own test workload
   */
  readonly smokeTest?: SmokeTestOptions | false;
}

/**
 * A whole dual-stack cluster from one network description: the kubeadm configuration, host
 * preparation, the CNI, kube-proxy, ingress, an application and the smoke test, each in a chart of
 * its own, added to the `App` that holds this construct (one file per chart, numbered in apply
 * order: `0000-kubeadm.k8s.yaml`, `0001-host-prep.k8s.yaml`, …). One `DualStackCluster` per App.
 *
 * Every finding of the plan and of each part reaches `cdk8s synth`: errors fail it, all listed
 * at once, before any file is written; warnings are printed.
 */
export class DualStackCluster extends Construct {
  /** The validated plan every part was rendered from. */
  public readonly network: ClusterNetwork;
  /** The kubeadm configuration chart (a kubeadm `--config` file, not for kubectl). */
  public readonly kubeadmChart: Chart;
  public readonly controlPlane: ControlPlaneConfig;
  public readonly hostPrepChart?: Chart;
  public readonly hostPrep?: HostNetworkPrep;
  public readonly cniChart: Chart;
  public readonly calico?: CalicoCni;
  public readonly flannel?: FlannelCni;
  public readonly cilium?: CiliumCni;
  /**
   * The kube-system/kube-proxy ConfigMap for clusters that already run (kubeadm writes it on new
   * ones). Absent when the CNI replaces kube-proxy (Cilium with `kubeProxyReplacement`).
   */
  public readonly kubeProxyChart?: Chart;
  public readonly kubeProxy?: KubeProxy;
  public readonly ingressChart?: Chart;
  public readonly ingressNginx?: IngressNginx;
  public readonly kong?: KongIngress;
  public readonly gateway?: DualStackGateway;
  public readonly appChart?: Chart;
  public readonly app?: CommonNginx;
  public readonly smokeTestChart?: Chart;
  public readonly smokeTest?: DualStackSmokeTest;

  constructor(scope: Construct, id: string, props: DualStackClusterProps) {
    super(scope, id);
    const network = props.network instanceof ClusterNetwork ? props.network : ClusterNetwork.plan(props.network);
    this.network = network;
    // The plan's findings are reported once, here; the parts report only their own.
    attachFindings(this, () => network.findings);

    const app = App.of(this);
    // Charts are created in apply order and numbered in their ids, so each file name says where it
    // goes (0000-kubeadm.k8s.yaml, 0001-host-prep.k8s.yaml, …). No cdk8s chart dependencies: cdk8s
    // would link every object of a chart to every object of the charts before it and walk that
    // graph once per chart, which made synth several times slower for no change in the output.
    let index = 0;
    const chart = (name: string): Chart => new Chart(app, `${String(index++).padStart(4, '0')}-${name}`);
    const kubeProxy: KubeProxyOptions = props.kubeProxy ?? {};
    const cni = props.cni ?? Cni.calico();
    // A CNI that replaces kube-proxy: kubeadm skips its addon/kube-proxy phase and no kube-proxy
    // ConfigMap is written.
    const withKubeProxy = !cni.replacesKubeProxy;

    this.kubeadmChart = chart('kubeadm');
    this.controlPlane = new ControlPlaneConfig(this.kubeadmChart, 'ControlPlane', {
      ...props.kubeadm,
      network,
      kubeProxy,
      skipKubeProxy: !withKubeProxy,
      includePlanFindings: false,
    });

    if (props.hostPrep !== false) {
      this.hostPrepChart = chart('host-prep');
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
      this.kubeProxyChart = chart('kube-proxy');
      this.kubeProxy = new KubeProxy(this.kubeProxyChart, 'KubeProxy', { ...kubeProxy, network, includePlanFindings: false });
    }

    this.cniChart = chart('cni');
    const kubeProxyMode = kubeProxy.mode ?? KUBE_PROXY_DEFAULT_MODE;
    if (cni.calicoOptions) {
      // Calico's dataplane follows kube-proxy's mode unless the user chose one: kube-proxy nftables
      // needs Calico's nftables dataplane and the reverse (the calico-dataplane-kube-proxy rule).
      const calico = cni.calicoOptions.linuxDataplane === undefined ? Cni.calico({ ...cni.calicoOptions, linuxDataplane: calicoDataplaneFor(kubeProxyMode) }) : cni;
      this.calico = new CalicoCni(this.cniChart, 'Calico', { network, cni: calico, kubeProxyMode });
    } else if (cni.ciliumOptions) {
      this.cilium = new CiliumCni(this.cniChart, 'Cilium', {
        network,
        cni,
        context: {
          controlPlaneEndpoint: props.kubeadm?.controlPlaneEndpoint,
          kubeProxyInstalled: withKubeProxy,
          kubeProxyOptionsIgnored: !withKubeProxy && props.kubeProxy !== undefined,
        },
      });
    } else {
      this.flannel = new FlannelCni(this.cniChart, 'Flannel', { network, cni });
    }

    const ingress = props.ingress ?? [];
    let ingressClassName: string | undefined;
    let gatewayRef: { name: string; namespace: string } | undefined;
    if (ingress.length > 0) {
      this.ingressChart = chart('ingress');
      for (const choice of ingress) {
        switch (choice.kind) {
          case IngressKind.NGINX: {
            const c = new IngressNginx(this.ingressChart, 'IngressNginx', { ...(choice.options as IngressNginxOptions), network });
            (this as { ingressNginx?: IngressNginx }).ingressNginx = c;
            ingressClassName ??= c.ingressClassName;
            break;
          }
          case IngressKind.KONG: {
            const c = new KongIngress(this.ingressChart, 'Kong', { ...(choice.options as KongIngressOptions), network });
            (this as { kong?: KongIngress }).kong = c;
            ingressClassName ??= c.ingressClassName;
            break;
          }
          case IngressKind.GATEWAY: {
            const c = new DualStackGateway(this.ingressChart, 'Gateway', { ...(choice.options as DualStackGatewayOptions), network });
            (this as { gateway?: DualStackGateway }).gateway = c;
            gatewayRef ??= { name: c.gatewayName, namespace: c.gatewayNamespace };
            break;
          }
        }
      }
    }

    if (props.app) {
      this.appChart = chart('app');
      const appOptions: CommonNginxOptions = props.app === true ? {} : props.app;
      this.app = new CommonNginx(this.appChart, 'CommonNginx', {
        // Route through the first ingress installed: an Ingress of its class, else an HTTPRoute.
        ...(ingressClassName ? { ingressClassName } : gatewayRef ? { ingressClassName: false, gateway: gatewayRef } : { ingressClassName: false }),
        ...appOptions,
        network,
      });
    }

    if (props.smokeTest !== false) {
      this.smokeTestChart = chart('smoke-test');
      // Without kube-proxy the CNI serves NodePorts: check them unless the user said otherwise.
      this.smokeTest = new DualStackSmokeTest(this.smokeTestChart, 'SmokeTest', { ...(withKubeProxy ? {} : { checkNodePort: true }), ...props.smokeTest, network });
    }
  }
}
