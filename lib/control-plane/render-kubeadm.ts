import { stringify } from 'yaml';
import { renderKubeProxyConfiguration, KubeProxyOptions } from '../kube-proxy/render';
import { formatHostPort } from '../net/host-port';
import type { ClusterNetwork, PlannedNode } from '../plan/network';
import { IpFamily } from '../plan/spec';
import { extraArgs, kubeadmApiVersion, KubeadmApiVersion } from './api-version';
import { componentFeatureGates, dualStackGateNeeded } from './feature-gates';
import { apiServerFlags, controllerManagerFlags, kubeletFlags } from './flags';

/** A kubeadm configuration document: `apiVersion` + `kind`, never `metadata`. */
export interface KubeadmDocument {
  readonly apiVersion: string;
  readonly kind: string;
  readonly [field: string]: unknown;
}

/** Options of the kubeadm configuration that are not in the plan. */
export interface KubeadmOptions {
  /**
   * `host:port` every node reaches the API server on (a load balancer for several control-plane
   * nodes). Written as ClusterConfiguration `controlPlaneEndpoint` and as the join discovery endpoint.
   * @default - the control-plane node's primary-family address, port 6443
   */
  readonly controlPlaneEndpoint?: string;
  /**
   * API server port.
   * @default 6443
   */
  readonly apiServerPort?: number;
  /**
   * Bootstrap token (`abcdef.0123456789abcdef`) for `kubeadm init` to create and workers to join
   * with. Never generated here: a secret belongs to the user.
   * @default - JoinConfiguration carries `KubeadmDefaults.TOKEN_PLACEHOLDER`, which kubeadm rejects until replaced
   */
  readonly bootstrapToken?: string;
  /**
   * `sha256:<hex>` hashes of the cluster CA public key (`kubeadm token create --print-join-command` prints it).
   * @default - `[KubeadmDefaults.CA_CERT_HASH_PLACEHOLDER]`, which kubeadm rejects until replaced
   */
  readonly caCertHashes?: readonly string[];
  /**
   * kube-proxy options for the KubeProxyConfiguration document.
   * @default - KubeProxyOptions defaults (iptables, both node networks)
   */
  readonly kubeProxy?: KubeProxyOptions;
  /**
   * Install no kube-proxy (a CNI replaces it, e.g. Cilium with kube-proxy replacement): the
   * InitConfiguration skips kubeadm's `addon/kube-proxy` phase (`skipPhases`, from v1beta3 /
   * kubeadm 1.22: kubeadm-config.v1beta3 "Add InitConfiguration.SkipPhases") and no
   * KubeProxyConfiguration document is written.
   * @default false
   */
  readonly skipKubeProxy?: boolean;
}

/** The kubeadm init phase that installs the kube-proxy DaemonSet and ConfigMap. */
export const KUBE_PROXY_PHASE = 'addon/kube-proxy';

/** Defaults and placeholders of the kubeadm renderer. */
export class KubeadmDefaults {
  public static readonly API_SERVER_PORT = 6443;
  /**
   * Written where the user must supply the bootstrap token. Not a valid token on purpose: kubeadm
   * refuses it ("the bootstrap token … was not of the form"), so a forgotten placeholder fails loudly.
   */
  public static readonly TOKEN_PLACEHOLDER = 'REPLACE-ME.bootstrap-token';
  /** Written where the user must supply the CA public-key hash; kubeadm refuses it until replaced. */
  public static readonly CA_CERT_HASH_PLACEHOLDER = 'sha256:REPLACE-ME-with-the-CA-public-key-hash';
}

function primaryAddress(plan: ClusterNetwork, node: PlannedNode | undefined) {
  if (!node || !plan.primaryFamily) return undefined;
  return (plan.primaryFamily === IpFamily.IPV4 ? node.ipv4 : node.ipv6)?.address;
}

/** The API server endpoint workers join: the option, else the control-plane node's primary address. */
export function apiServerEndpoint(plan: ClusterNetwork, options: KubeadmOptions = {}): string | undefined {
  if (options.controlPlaneEndpoint) return options.controlPlaneEndpoint;
  const a = primaryAddress(plan, plan.controlPlaneNode);
  return a ? formatHostPort(a, options.apiServerPort ?? KubeadmDefaults.API_SERVER_PORT) : undefined;
}

/** Worker nodes: every declared node except the control-plane ones. */
export function workerNodes(plan: ClusterNetwork): PlannedNode[] {
  const cp = plan.controlPlaneNode;
  return plan.nodes.filter((n) => n !== cp && !n.controlPlane);
}

/**
 * Whether the plan's only nodes are control-plane nodes (and at least one node is declared).
 * kubeadm taints the control plane NoSchedule by default, so such a cluster could schedule none of
 * its workloads: the InitConfiguration then asks for no taints. A plan that declares no nodes says
 * nothing about workers and keeps kubeadm's default.
 */
export function controlPlaneUntainted(plan: ClusterNetwork): boolean {
  return plan.nodes.length > 0 && workerNodes(plan).length === 0;
}

/**
 * The taints kubeadm puts on a control-plane node of the version when `nodeRegistration.taints` is
 * unset: `node-role.kubernetes.io/master:NoSchedule` until 1.23; from 1.24 also
 * `node-role.kubernetes.io/control-plane:NoSchedule` (kubernetes#107533); from 1.25 the latter
 * only (kubernetes#110095, cmd/kubeadm/app/util/config/initconfiguration.go).
 */
export function kubeadmDefaultControlPlaneTaints(plan: ClusterNetwork): string[] {
  const taints: string[] = [];
  if (plan.version.atLeast('1.24')) taints.push('node-role.kubernetes.io/control-plane:NoSchedule');
  if (plan.version.before('1.25')) taints.push('node-role.kubernetes.io/master:NoSchedule');
  return taints;
}

function nodeRegistration(api: KubeadmApiVersion, plan: ClusterNetwork, node: PlannedNode | undefined): Record<string, unknown> | undefined {
  if (!node) return undefined;
  // The gate goes in KubeletConfiguration.featureGates; only node-ip needs the command line
  // (KubeletConfiguration has no field for it).
  const flags = kubeletFlags(plan, node).filter((f) => f.name !== 'feature-gates');
  const reg: Record<string, unknown> = { name: node.name };
  if (flags.length) reg.kubeletExtraArgs = extraArgs(api, flags);
  return reg;
}

export function renderInitConfiguration(plan: ClusterNetwork, options: KubeadmOptions = {}): KubeadmDocument {
  const api = kubeadmApiVersion(plan.version);
  const cp = plan.controlPlaneNode;
  const doc: Record<string, unknown> = { apiVersion: api, kind: 'InitConfiguration' };
  if (options.bootstrapToken) doc.bootstrapTokens = [{ token: options.bootstrapToken }];
  const advertise = primaryAddress(plan, cp);
  if (advertise) doc.localAPIEndpoint = { advertiseAddress: advertise.toString(), bindPort: options.apiServerPort ?? KubeadmDefaults.API_SERVER_PORT };
  const reg = nodeRegistration(api, plan, cp);
  // kubeadm's documented way to leave the control plane untainted (NodeRegistrationOptions.taints
  // of v1beta2/v1beta3/v1beta4: unset means the default control-plane taint, an empty list means
  // none). Only when no worker is declared; controlPlaneFindings reports it.
  if (reg && controlPlaneUntainted(plan)) reg.taints = [];
  if (reg) doc.nodeRegistration = reg;
  // v1beta2 has no skipPhases: there only `kubeadm init --skip-phases=addon/kube-proxy` does it.
  if (options.skipKubeProxy && api !== KubeadmApiVersion.V1BETA2) doc.skipPhases = [KUBE_PROXY_PHASE];
  return doc as KubeadmDocument;
}

export function renderClusterConfiguration(plan: ClusterNetwork, options: KubeadmOptions = {}): KubeadmDocument {
  const api = kubeadmApiVersion(plan.version);
  const doc: Record<string, unknown> = {
    apiVersion: api,
    kind: 'ClusterConfiguration',
    kubernetesVersion: plan.version.toKubeadmString(),
  };
  if (options.controlPlaneEndpoint) doc.controlPlaneEndpoint = options.controlPlaneEndpoint;
  doc.networking = {
    dnsDomain: plan.dnsDomain,
    podSubnet: plan.podCidrs.map(String).join(','),
    serviceSubnet: plan.serviceCidrs.map(String).join(','),
  };
  doc.apiServer = { extraArgs: extraArgs(api, apiServerFlags(plan)) };
  doc.controllerManager = { extraArgs: extraArgs(api, controllerManagerFlags(plan)) };
  // kubeadm had its own IPv6DualStack gate (alpha 1.16, kubernetes#80145) that makes it accept
  // two subnets and pass the gate on; needed exactly where the components need it.
  if (dualStackGateNeeded(plan)) doc.featureGates = { IPv6DualStack: true };
  return doc as KubeadmDocument;
}

export function renderKubeletConfiguration(plan: ClusterNetwork): KubeadmDocument {
  const doc: Record<string, unknown> = { apiVersion: 'kubelet.config.k8s.io/v1beta1', kind: 'KubeletConfiguration' };
  // kubeadm's own choice: the 10th address of the first (primary) service range.
  const dns = plan.primaryFamily ? plan.dnsServiceIP(plan.primaryFamily) : undefined;
  if (dns) doc.clusterDNS = [dns.toString()];
  doc.clusterDomain = plan.dnsDomain;
  const gates = componentFeatureGates(plan);
  if (Object.keys(gates).length) doc.featureGates = gates;
  doc.maxPods = plan.maxPodsPerNode;
  return doc as KubeadmDocument;
}

/**
 * One JoinConfiguration per worker. Discovery is by bootstrap token with CA pinning
 * (`unsafeSkipCAVerification: false` written out); token and CA hashes are the user's, or
 * explicit placeholders that kubeadm refuses until replaced.
 */
export function renderJoinConfigurations(plan: ClusterNetwork, options: KubeadmOptions = {}): KubeadmDocument[] {
  const api = kubeadmApiVersion(plan.version);
  const endpoint = apiServerEndpoint(plan, options);
  return workerNodes(plan).map((node) => {
    const bootstrapToken: Record<string, unknown> = {};
    if (endpoint) bootstrapToken.apiServerEndpoint = endpoint;
    bootstrapToken.caCertHashes = [...(options.caCertHashes ?? [KubeadmDefaults.CA_CERT_HASH_PLACEHOLDER])];
    bootstrapToken.token = options.bootstrapToken ?? KubeadmDefaults.TOKEN_PLACEHOLDER;
    bootstrapToken.unsafeSkipCAVerification = false;
    return {
      apiVersion: api,
      kind: 'JoinConfiguration',
      discovery: { bootstrapToken },
      nodeRegistration: nodeRegistration(api, plan, node),
    } as KubeadmDocument;
  });
}

/** The documents `kubeadm init --config` reads, in the order kubeadm prints them. */
export function renderKubeadmInitDocuments(plan: ClusterNetwork, options: KubeadmOptions = {}): KubeadmDocument[] {
  return [
    renderInitConfiguration(plan, options),
    renderClusterConfiguration(plan, options),
    renderKubeletConfiguration(plan),
    ...(options.skipKubeProxy ? [] : [renderKubeProxyConfiguration(plan, options.kubeProxy) as KubeadmDocument]),
  ];
}

/**
 * The whole kubeadm configuration of the cluster: the init documents, then one JoinConfiguration
 * per worker. Feed `kubeadm init` the init part and each worker its own JoinConfiguration
 * (`kubeadmYaml(renderKubeadmInitDocuments(...))`, `kubeadmYaml([join])`): `kubeadm join` refuses a
 * file with several JoinConfigurations.
 */
export function renderKubeadmConfig(plan: ClusterNetwork, options: KubeadmOptions = {}): KubeadmDocument[] {
  return [...renderKubeadmInitDocuments(plan, options), ...renderJoinConfigurations(plan, options)];
}

/** Multi-document YAML (`---` between documents), as `kubeadm --config` reads it. */
export function kubeadmYaml(documents: readonly KubeadmDocument[]): string {
  return documents.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
}
