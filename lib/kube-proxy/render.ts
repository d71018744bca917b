import { stringify } from '../k8s/yaml';
import { componentFeatureGates } from '../control-plane/feature-gates';
import type { ClusterNetwork } from '../plan/network';
import { KubeProxyMode, modeGateNeeded } from './mode';
import { NodePortAddresses } from './node-port-addresses';

/** ipvs schedulers kube-proxy accepts (`ipvs.scheduler`); the manifest value. */
export enum IpvsScheduler {
  ROUND_ROBIN = 'rr',
  WEIGHTED_ROUND_ROBIN = 'wrr',
  LEAST_CONNECTION = 'lc',
  WEIGHTED_LEAST_CONNECTION = 'wlc',
  LOCALITY_BASED_LEAST_CONNECTION = 'lblc',
  LOCALITY_BASED_LEAST_CONNECTION_REPLICATION = 'lblcr',
  SOURCE_HASHING = 'sh',
  DESTINATION_HASHING = 'dh',
  SHORTEST_EXPECTED_DELAY = 'sed',
  NEVER_QUEUE = 'nq',
  MAGLEV_HASHING = 'mh',
}

/** kube-proxy options that are not in the plan. */
export interface KubeProxyOptions {
  /**
   * The proxy mode.
   * @default KubeProxyMode.IPTABLES — kube-proxy's own default on Linux
   */
  readonly mode?: KubeProxyMode;
  /**
   * Where NodePorts listen.
   * @default NodePortAddresses.auto() — both node networks, else `primary` (≥ 1.31), else unset
   */
  readonly nodePortAddresses?: NodePortAddresses;
  /**
   * ipvs scheduler (ipvs mode only).
   * @default - unset: kube-proxy uses round robin
   */
  readonly ipvsScheduler?: IpvsScheduler;
  /**
   * ipvs `strictARP` (ipvs mode only): stop answering ARP for kube-ipvs0 addresses on other
   * interfaces, which MetalLB in L2 mode requires.
   * @default false
   */
  readonly ipvsStrictArp?: boolean;
}

/** `kubeproxy.config.k8s.io/v1alpha1` KubeProxyConfiguration as a plain object. */
export interface KubeProxyConfigurationDocument {
  readonly apiVersion: 'kubeproxy.config.k8s.io/v1alpha1';
  readonly kind: 'KubeProxyConfiguration';
  readonly [field: string]: unknown;
}

export const KUBE_PROXY_DEFAULT_MODE = KubeProxyMode.IPTABLES;

/** Where kubeadm mounts the kube-proxy kubeconfig in its DaemonSet (kubeadm's `config.conf` points at it). */
export const KUBE_PROXY_KUBECONFIG = '/var/lib/kube-proxy/kubeconfig.conf';

/** Options with their defaults applied, as the renderers and the rule read them. */
export interface ResolvedKubeProxyOptions {
  readonly mode: KubeProxyMode;
  readonly nodePortAddresses?: string[];
  readonly featureGates: Record<string, boolean>;
}

export function resolveKubeProxyOptions(plan: ClusterNetwork, options: KubeProxyOptions = {}): ResolvedKubeProxyOptions {
  const mode = options.mode ?? KUBE_PROXY_DEFAULT_MODE;
  const gate = modeGateNeeded(mode, plan.version, plan.featureGates);
  return {
    mode,
    nodePortAddresses: (options.nodePortAddresses ?? NodePortAddresses.auto()).resolve(plan),
    featureGates: componentFeatureGates(plan, gate ? [gate] : []),
  };
}

export interface RenderKubeProxyConfigurationOptions extends KubeProxyOptions {
  /**
   * Write `clientConnection.kubeconfig` as kubeadm's own `config.conf` does: needed when the
   * document replaces `config.conf` in an existing cluster's ConfigMap (kube-proxy must reach the
   * API server before any Service works, so it cannot use the in-cluster ClusterIP).
   * @default false
   */
  readonly kubeconfig?: string;
}

/**
 * The KubeProxyConfiguration of the plan: `clusterCIDR` = the pod networks, primary first
 * (field report §4.4); `nodePortAddresses` on both families (§7.1); feature gates only where the
 * version needs them.
 */
export function renderKubeProxyConfiguration(plan: ClusterNetwork, options: RenderKubeProxyConfigurationOptions = {}): KubeProxyConfigurationDocument {
  const r = resolveKubeProxyOptions(plan, options);
  const doc: Record<string, unknown> = {
    apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
    kind: 'KubeProxyConfiguration',
  };
  if (options.kubeconfig) doc.clientConnection = { kubeconfig: options.kubeconfig };
  doc.clusterCIDR = plan.podCidrs.map((c) => c.toString()).join(',');
  if (Object.keys(r.featureGates).length > 0) doc.featureGates = r.featureGates;
  if (r.mode === KubeProxyMode.IPVS) {
    const ipvs: Record<string, unknown> = {};
    if (options.ipvsScheduler) ipvs.scheduler = options.ipvsScheduler;
    ipvs.strictARP = options.ipvsStrictArp ?? false;
    doc.ipvs = ipvs;
  }
  doc.mode = r.mode;
  if (r.nodePortAddresses) doc.nodePortAddresses = r.nodePortAddresses;
  return doc as KubeProxyConfigurationDocument;
}

/** Name and namespace of the ConfigMap kubeadm creates for kube-proxy. */
export const KUBE_PROXY_CONFIGMAP = { name: 'kube-proxy', namespace: 'kube-system', key: 'config.conf' } as const;

/** YAML text of a KubeProxyConfiguration, as `config.conf` holds it. */
export function kubeProxyConfigText(doc: KubeProxyConfigurationDocument): string {
  return stringify(doc, { lineWidth: 0 });
}

/**
 * The existing-cluster way (field report §4.4, §6, §7.1: `kubectl -n kube-system edit cm kube-proxy`):
 * the ConfigMap kube-system/kube-proxy with a complete `config.conf`. It carries
 * `clientConnection.kubeconfig` like kubeadm's, and leaves `kubeconfig.conf` alone — apply it with
 * `kubectl apply --server-side --force-conflicts` (kubeadm owns `config.conf`) or use `renderKubeProxyConfigPatch`, then restart the DaemonSet
 * (`kubectl -n kube-system rollout restart daemonset kube-proxy`): kube-proxy reads its config at start only.
 */
export function renderKubeProxyConfigMap(plan: ClusterNetwork, options: KubeProxyOptions = {}): Record<string, unknown> {
  const doc = renderKubeProxyConfiguration(plan, { ...options, kubeconfig: KUBE_PROXY_KUBECONFIG });
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: KUBE_PROXY_CONFIGMAP.name, namespace: KUBE_PROXY_CONFIGMAP.namespace, labels: { app: 'kube-proxy' } },
    data: { [KUBE_PROXY_CONFIGMAP.key]: kubeProxyConfigText(doc) },
  };
}

/**
 * A JSON merge patch that replaces only `data["config.conf"]`, for
 * `kubectl -n kube-system patch configmap kube-proxy --type merge --patch-file <file>`.
 */
export function renderKubeProxyConfigPatch(plan: ClusterNetwork, options: KubeProxyOptions = {}): { data: Record<string, string> } {
  const doc = renderKubeProxyConfiguration(plan, { ...options, kubeconfig: KUBE_PROXY_KUBECONFIG });
  return { data: { [KUBE_PROXY_CONFIGMAP.key]: kubeProxyConfigText(doc) } };
}

/** The commands that apply the patch and restart kube-proxy, as text. */
export function kubeProxyPatchCommands(patchFile = 'kube-proxy-patch.json'): string[] {
  return [
    `kubectl -n ${KUBE_PROXY_CONFIGMAP.namespace} patch configmap ${KUBE_PROXY_CONFIGMAP.name} --type merge --patch-file ${patchFile}`,
    `kubectl -n ${KUBE_PROXY_CONFIGMAP.namespace} rollout restart daemonset kube-proxy`,
  ];
}
