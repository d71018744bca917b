/**
 * The Cilium chart values built from the plan (pure, no cdk8s). What each key does is read from the
 * 1.19.6 chart's templates; the file names are cited beside each key.
 */
import { Cidr } from '../../net/cidr';
import { splitHostPort } from '../../net/host-port';
import type { ClusterNetwork } from '../../plan/network';
import { IpFamily } from '../../plan/spec';
import { PRIVILEGE_REASON_ANNOTATION } from '../../k8s/security';
import { isObject, propOk } from './prop-types';
import {
  CiliumClusterPoolProps,
  CiliumIpamMode,
  CiliumProps,
  CiliumRoutingMode,
  CiliumTunnelProtocol,
  DEFAULT_CILIUM_VERSION,
} from './options';

/** What the values need besides the plan: the API endpoint kubeadm writes. */
export interface CiliumContext {
  /**
   * kubeadm's `controlPlaneEndpoint` (`host:port`), the address every node reaches the API on.
   * @default - the control-plane node's primary-family address, port 6443
   */
  readonly controlPlaneEndpoint?: string;
}

/** The API server port kubeadm's kube-apiserver listens on unless told otherwise. */
export const CILIUM_DEFAULT_API_PORT = 6443;

/** One family's cluster-pool with every default applied. */
export interface ResolvedCiliumPool {
  readonly family: IpFamily;
  /** The ranges as written (overrides are kept verbatim so the rules can quote them). */
  readonly cidrs: readonly string[];
  readonly maskSize: number;
}

/** Cilium props resolved against the plan. */
export interface ResolvedCilium {
  readonly version: string;
  readonly ipam: CiliumIpamMode;
  /** Cluster-pool mode: one entry per family of the plan, primary first. */
  readonly pools: readonly ResolvedCiliumPool[];
  readonly routingMode: CiliumRoutingMode;
  readonly tunnelProtocol: CiliumTunnelProtocol;
  /** Native routing: per family, the CIDR that is not masqueraded (undefined when none is known). */
  readonly nativeRoutingCidrV4: string | undefined;
  readonly nativeRoutingCidrV6: string | undefined;
  readonly autoDirectNodeRoutes: boolean;
  readonly masqueradeV4: boolean;
  readonly masqueradeV6: boolean;
  readonly bpfMasquerade: boolean | undefined;
  readonly kubeProxyReplacement: boolean;
  /** With kube-proxy replacement: the API host and port (host undefined when the plan knows no address). */
  readonly k8sServiceHost: string | undefined;
  readonly k8sServicePort: number;
  /** The user's further chart values (`CiliumProps.values`). */
  readonly extraValues: Readonly<Record<string, unknown>>;
}

function familyOf<T>(props: { ipv4?: T; ipv6?: T } | undefined, family: IpFamily): T | undefined {
  return family === IpFamily.IPV4 ? props?.ipv4 : props?.ipv6;
}

function poolProps(props: CiliumProps, family: IpFamily): CiliumClusterPoolProps {
  return familyOf(props.clusterPool, family) ?? {};
}

/**
 * Whether every node of the plan shares one L2 segment per family: each node has an address of
 * every family of the plan with its interface prefix, and per family those networks are one and the
 * same. Unknown (no nodes, or a node without a prefix) is false, so direct routes are never assumed.
 */
export function nodesShareL2(plan: ClusterNetwork): boolean {
  if (plan.nodes.length === 0) return false;
  for (const family of plan.families) {
    let network: Cidr | undefined;
    for (const node of plan.nodes) {
      const n = (family === IpFamily.IPV4 ? node.ipv4 : node.ipv6)?.network;
      if (!n) return false;
      if (network && !network.equals(n)) return false;
      network = n;
    }
  }
  return true;
}

/** The API host and port the agent uses with kube-proxy replacement (see `CiliumProps.k8sServiceHost`). */
export function ciliumApiServer(plan: ClusterNetwork, props: CiliumProps, context: CiliumContext = {}): { host: string | undefined; port: number } {
  let host: string | undefined;
  let port: number | undefined;
  if (typeof context.controlPlaneEndpoint === 'string' && context.controlPlaneEndpoint.length > 0) {
    try {
      const hp = splitHostPort(context.controlPlaneEndpoint);
      host = hp.host;
      const p = Number(hp.port);
      if (Number.isInteger(p) && p > 0 && p <= 65535) port = p;
    } catch {
      // kubeadm also takes an endpoint without a port (it then uses the API server's bind port).
      host = context.controlPlaneEndpoint;
    }
  }
  if (host === undefined) {
    const node = plan.controlPlaneNode;
    const a = node && plan.primaryFamily ? (plan.primaryFamily === IpFamily.IPV4 ? node.ipv4 : node.ipv6)?.address : undefined;
    host = a?.toString();
  }
  return { host: props.k8sServiceHost ?? host, port: props.k8sServicePort ?? port ?? CILIUM_DEFAULT_API_PORT };
}

/** The props with every prop of a wrong type dropped (its default applies; `ciliumPropTypeFindings` reports it). */
function typedProps(props: unknown): CiliumProps {
  if (!isObject(props)) return {};
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(props)) if (propOk(props, key)) out[key] = props[key];
  return out as CiliumProps;
}

/**
 * Apply the defaults. Never throws: bad values of the right type (a CIDR that does not parse) are
 * kept as written and reported by `ciliumFindings`; a prop of the wrong type falls back to its default.
 */
export function resolveCilium(plan: ClusterNetwork, given: CiliumProps = {}, context: CiliumContext = {}): ResolvedCilium {
  const props = typedProps(given);
  if (!isObject(context)) context = {};
  const ipam = props.ipam ?? CiliumIpamMode.KUBERNETES;
  const pools: ResolvedCiliumPool[] = [];
  for (const family of plan.families) {
    const podCidr = plan.podCidr(family);
    const o = poolProps(props, family);
    const cidrs = o.cidrs ?? (podCidr ? [podCidr.toString()] : []);
    pools.push({ family, cidrs, maskSize: o.maskSize ?? plan.nodeMask(family) });
  }
  const routingMode = props.routingMode ?? CiliumRoutingMode.TUNNEL;
  const native = routingMode === CiliumRoutingMode.NATIVE;
  const nativeCidr = (family: IpFamily): string | undefined =>
    plan.hasFamily(family) ? (familyOf(props.nativeRoutingCidrs, family) ?? plan.podCidr(family)?.toString()) : undefined;
  const api = ciliumApiServer(plan, props, context);
  return {
    version: props.version ?? DEFAULT_CILIUM_VERSION,
    ipam,
    pools,
    routingMode,
    tunnelProtocol: props.tunnelProtocol ?? CiliumTunnelProtocol.VXLAN,
    nativeRoutingCidrV4: native ? nativeCidr(IpFamily.IPV4) : undefined,
    nativeRoutingCidrV6: native ? nativeCidr(IpFamily.IPV6) : undefined,
    autoDirectNodeRoutes: native && (props.autoDirectNodeRoutes ?? nodesShareL2(plan)),
    masqueradeV4: props.masquerade?.ipv4 ?? true,
    masqueradeV6: props.masquerade?.ipv6 ?? true,
    bpfMasquerade: props.bpfMasquerade,
    kubeProxyReplacement: props.kubeProxyReplacement ?? false,
    k8sServiceHost: api.host,
    k8sServicePort: api.port,
    extraValues: isPlainObject(props.values) ? props.values : {},
  };
}

const isPlainObject = isObject;

/** A value the user gave that differs from the one the plan decides, by dotted path. */
export interface CiliumValueConflict {
  readonly path: string;
  readonly ours: unknown;
  readonly theirs: unknown;
}

/**
 * Merge the user's values into ours: objects recursively, and on a leaf the plan's value wins
 * (the conflict is returned for the rules to report). Our keys keep their order; the user's new
 * keys follow in theirs, so the result is deterministic.
 */
export function mergeCiliumValues(ours: Record<string, unknown>, theirs: Readonly<Record<string, unknown>>, prefix = '', conflicts: CiliumValueConflict[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = { ...ours };
  for (const key of Object.keys(theirs)) {
    const path = `${prefix}${key}`;
    const t = theirs[key];
    if (!(key in ours)) out[key] = t;
    else if (isPlainObject(ours[key]) && isPlainObject(t)) out[key] = mergeCiliumValues(ours[key] as Record<string, unknown>, t, `${path}.`, conflicts);
    else if (JSON.stringify(ours[key]) !== JSON.stringify(t)) conflicts.push({ path, ours: ours[key], theirs: t });
  }
  return out;
}

/**
 * Why each Cilium workload runs beyond Pod Security Restricted: written on its pod template (the
 * policy's privilege-reason rule), matching the allow-list entries in lib/policy/allow-list.ts.
 */
export const CILIUM_PRIVILEGE_REASONS = {
  agent: 'CNI dataplane: eBPF programs and maps, bpffs and cgroup2 mounts, routes, CNI binaries on the node',
  envoy: "L7 proxy of the node's traffic, attached to the agent's sockets on the host",
  operator: 'allocates node ranges and manages Cilium resources before a pod network exists (host network)',
} as const;

/**
 * Resource requests of the Cilium pods (the chart sets none: `resources: {}`). Requests only, no
 * limits: an OOM-killed or throttled agent takes the node's dataplane down with it.
 */
export const CILIUM_REQUESTS = {
  agent: { cpu: '100m', memory: '256Mi' },
  init: { cpu: '10m', memory: '16Mi' },
  envoy: { cpu: '50m', memory: '64Mi' },
  operator: { cpu: '50m', memory: '128Mi' },
} as const;

/** The chart values: a plain object, keys in a fixed order (byte-identical YAML for the same input). */
export type CiliumValues = Record<string, unknown>;

/**
 * The chart values for a resolved Cilium. Images are not set: the pinned chart version pins every
 * image by tag and digest (values.yaml `image.tag`/`image.digest`/`useDigest: true`).
 */
export function ciliumValuesOf(plan: ClusterNetwork, c: ResolvedCilium): CiliumValues {
  const v4 = plan.hasFamily(IpFamily.IPV4);
  const v6 = plan.hasFamily(IpFamily.IPV6);
  const values: Record<string, unknown> = {
    // cilium-configmap.yaml: enable-ipv4 / enable-ipv6 follow ipv4.enabled / ipv6.enabled.
    ipv4: { enabled: v4 },
    ipv6: { enabled: v6 },
  };
  const ipam: Record<string, unknown> = { mode: c.ipam };
  if (c.ipam === CiliumIpamMode.CLUSTER_POOL) {
    // cilium-configmap.yaml: cluster-pool-ipv{4,6}-cidr joins the list with " ", and
    // cluster-pool-ipv{4,6}-mask-size is the per-node prefix; both written only for an enabled family.
    const operator: Record<string, unknown> = {};
    for (const p of c.pools) {
      const fam = p.family === IpFamily.IPV4 ? 'IPv4' : 'IPv6';
      operator[`clusterPool${fam}PodCIDRList`] = [...p.cidrs];
      operator[`clusterPool${fam}MaskSize`] = p.maskSize;
    }
    ipam.operator = operator;
  }
  values.ipam = ipam;
  if (c.ipam === CiliumIpamMode.KUBERNETES) {
    // cilium-configmap.yaml: k8s-require-ipv{4,6}-pod-cidr (only when the key exists under `k8s`):
    // the agent waits for the Node's podCIDR of the family instead of starting without one.
    const k8s: Record<string, unknown> = {};
    if (v4) k8s.requireIPv4PodCIDR = true;
    if (v6) k8s.requireIPv6PodCIDR = true;
    values.k8s = k8s;
  }
  // cilium-configmap.yaml: routing-mode defaults to tunnel (outside ENI/GKE), tunnel-protocol to vxlan.
  values.routingMode = c.routingMode;
  if (c.routingMode === CiliumRoutingMode.TUNNEL) values.tunnelProtocol = c.tunnelProtocol;
  else {
    // cilium-configmap.yaml fails the render when native routing masquerades a family without its
    // ipv{4,6}NativeRoutingCIDR; the CIDRs are written as ipv{4,6}-native-routing-cidr.
    if (c.nativeRoutingCidrV4 !== undefined) values.ipv4NativeRoutingCIDR = c.nativeRoutingCidrV4;
    if (c.nativeRoutingCidrV6 !== undefined) values.ipv6NativeRoutingCIDR = c.nativeRoutingCidrV6;
    // cilium-configmap.yaml: auto-direct-node-routes.
    values.autoDirectNodeRoutes = c.autoDirectNodeRoutes;
  }
  // cilium-configmap.yaml: enable-ipv4-masquerade / enable-ipv6-masquerade.
  values.enableIPv4Masquerade = c.masqueradeV4;
  values.enableIPv6Masquerade = c.masqueradeV6;
  // cilium-configmap.yaml: enable-bpf-masquerade, written from bpf.masquerade when set.
  if (c.bpfMasquerade !== undefined) values.bpf = { masquerade: c.bpfMasquerade };
  // cilium-configmap.yaml: kube-proxy-replacement must be "true" or "false" (the template fails otherwise).
  values.kubeProxyReplacement = c.kubeProxyReplacement;
  if (c.kubeProxyReplacement && c.k8sServiceHost !== undefined) {
    // _helpers.tpl "k8sServiceHost" / cilium-agent/daemonset.yaml: KUBERNETES_SERVICE_HOST/PORT env
    // of the agent, its init containers and the operator (cilium-operator/deployment.yaml).
    values.k8sServiceHost = c.k8sServiceHost;
    values.k8sServicePort = c.k8sServicePort;
  }
  // cilium-agent/daemonset.yaml, cilium-envoy/daemonset.yaml, cilium-operator/deployment.yaml:
  // podAnnotations and resources go to the pod templates, initResources to the agent's init containers.
  values.podAnnotations = { [PRIVILEGE_REASON_ANNOTATION]: CILIUM_PRIVILEGE_REASONS.agent };
  values.resources = { requests: { ...CILIUM_REQUESTS.agent } };
  values.initResources = { requests: { ...CILIUM_REQUESTS.init } };
  values.envoy = { podAnnotations: { [PRIVILEGE_REASON_ANNOTATION]: CILIUM_PRIVILEGE_REASONS.envoy }, resources: { requests: { ...CILIUM_REQUESTS.envoy } } };
  values.operator = { podAnnotations: { [PRIVILEGE_REASON_ANNOTATION]: CILIUM_PRIVILEGE_REASONS.operator }, resources: { requests: { ...CILIUM_REQUESTS.operator } } };
  // cilium-secrets-namespace.yaml: the cilium-secrets Namespace holds Secrets only, never pods.
  values.secretsNamespaceLabels = { 'pod-security.kubernetes.io/enforce': 'restricted' };
  return Object.keys(c.extraValues).length > 0 ? mergeCiliumValues(values, c.extraValues) : values;
}

/** The chart values for the plan and the props (`resolveCilium` then `ciliumValuesOf`). */
export function renderCiliumValues(plan: ClusterNetwork, props: CiliumProps = {}, context: CiliumContext = {}): CiliumValues {
  return ciliumValuesOf(plan, resolveCilium(plan, props, context));
}
