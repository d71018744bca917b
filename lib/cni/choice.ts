/**
 * The CNI choice as an interface (the pattern of aws-cdk's `IpAddresses` / `IIpAddresses`): each CNI
 * is a private implementation in its own folder, `Cni.calico()/flannel()/cilium()` (lib/cni/factory.ts)
 * is the one place that names them, and every consumer (`CniChart`, `DualStackCluster`, the Pulumi
 * program) asks the choice instead of switching on its kind. The choices load their constructs
 * (and so cdk8s) only in `bind`: the findings of a choice are pure, for `clusterFindings` and the CLI.
 */
import type { ApiObject } from 'cdk8s';
import type { Construct, IConstruct } from 'constructs';
import type { ApplyFile } from '../apply-script';
import type { Finding } from '../plan/findings';
import type { ClusterNetwork } from '../plan/network';
import type { KubeProxyMode } from '../plan/rules/kube-proxy';

/** What a CNI knows about the rest of the cluster it is installed in. */
export interface CniContext {
  /**
   * The cluster's kube-proxy mode (Calico's dataplane follows it unless chosen).
   * @default - unknown: nothing follows it and the pairing is not checked
   */
  readonly kubeProxyMode?: KubeProxyMode;
  /**
   * Whether kube-proxy runs in the cluster.
   * @default - unknown
   */
  readonly kubeProxyInstalled?: boolean;
  /**
   * kube-proxy options were given although the CNI replaces kube-proxy (they are ignored).
   * @default false
   */
  readonly kubeProxyOptionsIgnored?: boolean;
  /**
   * The kube-apiserver endpoint (`host:port`) the nodes use.
   * @default - the plan's control-plane node
   */
  readonly controlPlaneEndpoint?: string;
}

/** The construct a CNI choice adds: its objects, and how `apply.sh` installs it when that is not `kubectl apply` of its chart. */
export interface ICniConstruct extends IConstruct {
  /** Every object the CNI rendered at synth. */
  readonly objects: readonly ApiObject[];
  /**
   * The apply step that replaces `kubectl apply` of the CNI chart (Cilium's `helm install` script
   * when no chart was rendered at synth).
   * @returns undefined when the chart's file is applied as usual
   */
  applyStep?(): ApplyFile | undefined;
}

/** A CNI choice: `Cni.calico({...})`, `Cni.flannel({...})`, `Cni.cilium({...})`. */
export interface ICni {
  /** Which CNI (`CniKind` values for the built-in ones), for reading and messages only. */
  readonly kind: string;
  /** The options as given (for reading and for writing the choice back to a config file). */
  readonly options: object;
  /** Whether the CNI replaces kube-proxy: the cluster then installs no kube-proxy. */
  readonly replacesKubeProxy: boolean;
  /** Every finding of this CNI for a plan in a context (pure; never throws). */
  findings(plan: ClusterNetwork, context: CniContext): Finding[];
  /** Adds the CNI's construct under `scope` (its id is the CNI's, so every caller builds the same tree). */
  bind(scope: Construct, plan: ClusterNetwork, context: CniContext): ICniConstruct;
}
