import { stringify } from '../k8s/yaml';
import { renderKubeProxyConfiguration, KubeProxyOptions } from '../kube-proxy/render';
import { formatHostPort } from '../net/host-port';
import type { ClusterNetwork, PlannedNode } from '../plan/network';
import { IpFamily } from '../plan/spec';
import { extraArgs, kubeadmApiVersion, KubeadmApiVersion } from './api-version';
import { componentFeatureGates, dualStackGateNeeded } from './feature-gates';
import { apiServerFlags, controllerManagerFlags, kubeletFlags } from './flags';
import { kubeadmControlPlaneTaintKeys } from '../plan/timeline/facts';

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
   * Certificate key (64 hex digits: an AES-256 key) with which further control-plane nodes download
   * the shared certificates that `kubeadm init --upload-certs` stored in the cluster. Never
   * generated here: `kubeadm init --upload-certs` prints one (or `kubeadm certs certificate-key`).
   * @default - control-plane JoinConfigurations carry `KubeadmDefaults.CERTIFICATE_KEY_PLACEHOLDER`, which kubeadm rejects until replaced
   */
  readonly certificateKey?: string;
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
  /**
   * Written where a control-plane join needs the certificate key. Not hex on purpose: kubeadm
   * hex-decodes the key before it downloads the certificates (cmd/kubeadm/app/phases/copycerts), so
   * a forgotten placeholder fails before anything changes on the node.
   */
  public static readonly CERTIFICATE_KEY_PLACEHOLDER = 'REPLACE-ME-with-the-certificate-key-kubeadm-init-upload-certs-prints';
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

/** Control-plane nodes that join the first one (`kubeadm join --config` with a `controlPlane` section). */
export function controlPlaneJoinNodes(plan: ClusterNetwork): PlannedNode[] {
  const cp = plan.controlPlaneNode;
  return plan.nodes.filter((n) => n !== cp && n.controlPlane);
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
  return kubeadmControlPlaneTaintKeys(plan.version).map((key) => `${key}:NoSchedule`);
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
  // The key `--upload-certs` encrypts the shared certificates with (InitConfiguration.certificateKey,
  // v1beta2+): given, init and the control-plane joins use the same one; absent, init prints a new one.
  if (options.certificateKey && controlPlaneJoinNodes(plan).length > 0) doc.certificateKey = options.certificateKey;
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

function joinConfiguration(api: KubeadmApiVersion, plan: ClusterNetwork, node: PlannedNode, options: KubeadmOptions, endpoint: string | undefined): KubeadmDocument {
  const bootstrapToken: Record<string, unknown> = {};
  if (endpoint) bootstrapToken.apiServerEndpoint = endpoint;
  bootstrapToken.caCertHashes = [...(options.caCertHashes ?? [KubeadmDefaults.CA_CERT_HASH_PLACEHOLDER])];
  bootstrapToken.token = options.bootstrapToken ?? KubeadmDefaults.TOKEN_PLACEHOLDER;
  bootstrapToken.unsafeSkipCAVerification = false;
  return { apiVersion: api, kind: 'JoinConfiguration', discovery: { bootstrapToken }, nodeRegistration: nodeRegistration(api, plan, node) } as KubeadmDocument;
}

/**
 * One JoinConfiguration per worker. Discovery is by bootstrap token with CA pinning
 * (`unsafeSkipCAVerification: false` written out); token and CA hashes are the user's, or
 * explicit placeholders that kubeadm refuses until replaced.
 */
export function renderJoinConfigurations(plan: ClusterNetwork, options: KubeadmOptions = {}): KubeadmDocument[] {
  const api = kubeadmApiVersion(plan.version);
  const endpoint = apiServerEndpoint(plan, options);
  return workerNodes(plan).map((node) => joinConfiguration(api, plan, node, options, endpoint));
}

/**
 * One JoinConfiguration per further control-plane node: the worker's discovery plus the
 * `controlPlane` section (JoinControlPlane: `localAPIEndpoint` — the API server this node runs,
 * advertised on its primary-family address — and `certificateKey`, both in v1beta2, v1beta3 and
 * v1beta4; cmd/kubeadm/app/apis/kubeadm/v1beta{2,3,4}/types.go). kubeadm joins a control plane
 * only to a cluster with a `controlPlaneEndpoint` (cmd/kubeadm/app/cmd/phases/join/preflight.go);
 * controlPlaneFindings reports its absence. Where the cluster's only nodes are control-plane
 * nodes, they stay untainted like the first.
 */
export function renderControlPlaneJoinConfigurations(plan: ClusterNetwork, options: KubeadmOptions = {}): KubeadmDocument[] {
  const api = kubeadmApiVersion(plan.version);
  const endpoint = apiServerEndpoint(plan, options);
  return controlPlaneJoinNodes(plan).map((node) => {
    const doc = joinConfiguration(api, plan, node, options, endpoint) as Record<string, unknown>;
    const controlPlane: Record<string, unknown> = {};
    const advertise = primaryAddress(plan, node);
    if (advertise) controlPlane.localAPIEndpoint = { advertiseAddress: advertise.toString(), bindPort: options.apiServerPort ?? KubeadmDefaults.API_SERVER_PORT };
    controlPlane.certificateKey = options.certificateKey ?? KubeadmDefaults.CERTIFICATE_KEY_PLACEHOLDER;
    const reg = doc.nodeRegistration as Record<string, unknown>;
    if (controlPlaneUntainted(plan)) reg.taints = [];
    return { apiVersion: doc.apiVersion, kind: doc.kind, controlPlane, discovery: doc.discovery, nodeRegistration: reg } as KubeadmDocument;
  });
}

/** What a kubeadm file is for. */
export enum KubeadmFileRole {
  /** `kubeadm init --config <file>` on the first control-plane node. */
  INIT = 'init',
  /** `kubeadm join --config <file>` on a worker. */
  JOIN = 'join',
  /** `kubeadm join --config <file>` on a further control-plane node (a `controlPlane` section). */
  JOIN_CONTROL_PLANE = 'join-control-plane',
}

/** One file kubeadm reads with `--config`: never two documents of one kind (util/marshal.go). */
export interface KubeadmFile {
  readonly role: KubeadmFileRole;
  /** The node that runs kubeadm with it; undefined for an init file of a plan without nodes. */
  readonly node?: string;
  /**
   * The file name: `init.kubeadm.conf`, `join-<node>.kubeadm.conf`,
   * `join-control-plane-<node>.kubeadm.conf`. Not `.yaml`: `kubectl apply -f <dir>` (also with -R)
   * reads only .json, .yaml and .yml files (k8s.io/cli-runtime/pkg/resource FileExtensions), while
   * `kubeadm --config` reads any path, so these files can sit in the apply tree unread by kubectl.
   */
  readonly name: string;
  readonly documents: readonly KubeadmDocument[];
}

/** File name suffix of the kubeadm files (see `KubeadmFile.name`). */
export const KUBEADM_FILE_SUFFIX = '.kubeadm.conf';

/**
 * The kubeadm configuration of the cluster as the files kubeadm reads: one init file (Init,
 * Cluster, Kubelet and KubeProxy configurations), one join file per worker and one per further
 * control-plane node. kubeadm refuses a file that names a kind twice
 * (`kind "JoinConfiguration" is specified twice in YAML file`, cmd/kubeadm/app/util/marshal.go
 * SplitConfigDocuments), so every join is a file of its own.
 */
export function renderKubeadmFiles(plan: ClusterNetwork, options: KubeadmOptions = {}): KubeadmFile[] {
  const cp = plan.controlPlaneNode;
  const files: KubeadmFile[] = [{ role: KubeadmFileRole.INIT, node: cp?.name, name: `init${KUBEADM_FILE_SUFFIX}`, documents: renderKubeadmInitDocuments(plan, options) }];
  const cps = controlPlaneJoinNodes(plan);
  renderControlPlaneJoinConfigurations(plan, options).forEach((d, i) =>
    files.push({ role: KubeadmFileRole.JOIN_CONTROL_PLANE, node: cps[i].name, name: `join-control-plane-${cps[i].name}${KUBEADM_FILE_SUFFIX}`, documents: [d] }),
  );
  const workers = workerNodes(plan);
  renderJoinConfigurations(plan, options).forEach((d, i) => files.push({ role: KubeadmFileRole.JOIN, node: workers[i].name, name: `join-${workers[i].name}${KUBEADM_FILE_SUFFIX}`, documents: [d] }));
  return files;
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
 * Every kubeadm document of the cluster: the init documents, then the control-plane joins, then
 * the worker joins. A list to inspect, NOT one file: kubeadm refuses a file that repeats a kind,
 * so write `renderKubeadmFiles` instead.
 */
export function renderKubeadmConfig(plan: ClusterNetwork, options: KubeadmOptions = {}): KubeadmDocument[] {
  return renderKubeadmFiles(plan, options).flatMap((f) => f.documents);
}

/**
 * Multi-document YAML (`---` between documents), as `kubeadm --config` reads it, after optional
 * `#` comment lines (the YAML decoder kubeadm uses skips them).
 */
export function kubeadmYaml(documents: readonly KubeadmDocument[], comments: readonly string[] = []): string {
  const head = comments.map((c) => `# ${c}`.trimEnd() + '\n').join('');
  return head + documents.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
}
