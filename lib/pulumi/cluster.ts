import * as pulumi from '@pulumi/pulumi';
import { App } from 'cdk8s';
import type { KubeProxyOptions } from '../kube-proxy/render';
import type { ClusterNetwork } from '../plan/network';
import type { ClusterNetworkSpec } from '../plan/spec';
import { Manifests } from './component';
import { checkedPlan, ConfigSource, planFromConfig } from './config';
import { KubeProxyPatch } from './kube-proxy-patch';
import { KUBE_PROXY_CONFIGMAP_KEY } from './objects';
import { ClusterFile, clusterFilesOf } from '../cluster-files';

/**
 * Builds the cdk8s charts of a cluster into `app` from the validated plan, e.g.
 * `(app, network) => new DualStackCluster(new Chart(app, 'cluster'), 'cluster', { network })`.
 * It must not synthesize; `Manifests` does.
 */
export type ClusterBuilder = (app: App, network: ClusterNetwork) => void;

/** Props of `deployCluster`. Give exactly one of `spec`, `network` and `config`. */
export interface DeployClusterArgs {
  /**
   * The cluster network as written.
   * @default - `network` or `config`
   */
  readonly spec?: ClusterNetworkSpec;
  /**
   * A plan built already (it must have no error).
   * @default - planned from `spec` or `config`
   */
  readonly network?: ClusterNetwork;
  /**
   * Stack configuration to read the spec from (`specFromConfig`), e.g. `new pulumi.Config()`.
   * @default - `spec` or `network`
   */
  readonly config?: ConfigSource;
  /** Adds the charts of the cluster to the app. */
  readonly build: ClusterBuilder;
  /**
   * Also patch an existing cluster's kube-proxy (ConfigMap `kube-system/kube-proxy` and a roll of
   * its DaemonSet) with the plan's KubeProxyConfiguration; `true` for the renderer's defaults.
   * @default false
   */
  readonly kubeProxyPatch?: boolean | KubeProxyOptions;
  /**
   * See `ManifestsArgs.rollOnConfigChange`.
   * @default true
   */
  readonly rollOnConfigChange?: boolean;
  /**
   * See `ManifestsArgs.kubeadm`: objects kubeadm creates (the kube-proxy ConfigMap …) are patched,
   * never created.
   * @default true
   */
  readonly kubeadm?: boolean;
}

/** What `deployCluster` created. */
export interface DeployedCluster {
  readonly network: ClusterNetwork;
  readonly manifests: Manifests;
  readonly kubeProxyPatch?: KubeProxyPatch;
  /**
   * The files of the output tree that are not Kubernetes objects (the `DualStackCluster`'s node
   * scripts, kubeadm files and apply.sh; `clusterFiles()` of every such construct the app holds),
   * for the program to export: kubeadm and the nodes read them, the API server never does.
   */
  readonly files: readonly ClusterFile[];
}

/**
 * The whole path for a Pulumi program: validate the spec (a plan error stops the program with a
 * `pulumi.RunError` listing every finding, before any resource exists), build the charts from the
 * plan, register one resource per object (`Manifests`) and, optionally, the kube-proxy patch.
 *
 * `opts` apply to every component (e.g. `{ provider }`). Resource names: `<name>/<Kind.group>/…`
 * for objects, `<name>-kube-proxy/…` for the patch.
 * @throws pulumi.RunError on plan errors or failing chart validation
 */
export function deployCluster(name: string, args: DeployClusterArgs, opts?: pulumi.ComponentResourceOptions): DeployedCluster {
  const given = [args.spec, args.network, args.config].filter((x) => x !== undefined).length;
  if (given !== 1) throw new pulumi.RunError('deployCluster: give exactly one of `spec`, `network` and `config`');
  let network: ClusterNetwork;
  if (args.network) {
    network = args.network;
    if (!network.ok) network = checkedPlan(network.spec); // throws with the findings
  } else if (args.spec) {
    network = checkedPlan(args.spec);
  } else {
    network = planFromConfig(args.config);
  }
  const app = new App();
  args.build(app, network);
  // With the kube-proxy patch, KubeProxyPatch alone manages kube-system/kube-proxy: the manifests
  // leave it out, so the object is patched once and never also created (kubeadm created it).
  const manifests = new Manifests(
    name,
    { source: app, rollOnConfigChange: args.rollOnConfigChange, kubeadm: args.kubeadm, omit: args.kubeProxyPatch ? [KUBE_PROXY_CONFIGMAP_KEY] : [] },
    opts,
  );
  const kubeProxyPatch = args.kubeProxyPatch
    ? new KubeProxyPatch(`${name}-kube-proxy`, { network, kubeProxy: args.kubeProxyPatch === true ? {} : args.kubeProxyPatch }, opts)
    : undefined;
  return { network, manifests, kubeProxyPatch, files: clusterFilesOf(app) };
}
