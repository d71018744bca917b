/**
 * Kong (DB-less) with the Kong Ingress Controller as a sidecar, built from KIC v3.5.13's kustomize base
 * (config/base + config/rbac, rendered with `kubectl kustomize` and derived into
 * lib/upstream/kong/kic-v3.5.13). The proxy and the controller share a pod; the controller pushes
 * declarative config to the proxy's admin API on the pod loopback, so the admin API is never exposed.
 * On top of upstream: listeners on every family of the plan (field report §7.2), the Kong Manager GUI
 * listener off, restricted security contexts, a dual-stack Service — each a row of
 * docs/upstream-edits.md, and `npm run check:upstream -- kong` fails on any other difference.
 */
import { formatHostPort } from '../net/host-port';
import type { ClusterNetwork } from '../plan/network';
import { IpFamily } from '../plan/spec';
import { KubeObject } from '../k8s/objects';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../k8s/security';
import { DEFAULT_NODE_PORTS, loopbackAddress, NodePorts, requests, ServiceExposure, wildcardAddress } from './common';
import { KONG_CRDS, renderKongCrd } from './kong-crds';
import { ServiceFamilyOptions } from './service-families';
import { dualStackFromUpstream, inNamespace, Mutable, upstreamObject, withManagedBy } from './upstream-objects';
import kic from '../upstream/kong/kic-v3.5.13/kic.json';
import { KONG_GATEWAY_IMAGE_REPO, KONG_GATEWAY_VERSION, KONG_INGRESS_CONTROLLER_IMAGE_REPO, KONG_INGRESS_CONTROLLER_VERSION } from './versions';

/** Kong options (everything but the plan). */
export interface KongIngressOptions extends ServiceFamilyOptions {
  /** @default "kong" */
  readonly namespace?: string;
  /** @default ServiceExposure.NODE_PORT */
  readonly exposure?: ServiceExposure;
  /**
   * Fixed nodePorts (NodePort exposure only). Field report §7.2 reused ingress-nginx's 30080/30443;
   * with both controllers in one cluster, give one of them other ports (the plan rule reports the clash).
   * @default { http: 30080, https: 30443 }
   */
  readonly nodePorts?: NodePorts;
  /** @default "kong" */
  readonly ingressClassName?: string;
  /** @default 1 */
  readonly replicas?: number;
  /**
   * Kong Ingress Controller release (the image tag); before 2.11.0 it is refused on plans with IPv6
   * (#4391). The objects stay those of the kustomize base the install is derived from (v3.5.13).
   * @default KONG_INGRESS_CONTROLLER_VERSION ("3.5.13")
   */
  readonly controllerVersion?: string;
  /** @default KONG_GATEWAY_VERSION ("3.9.3", image `kong`) */
  readonly gatewayVersion?: string;
  /**
   * Render the configuration.konghq.com CRDs. Turn off when another install (the Kong Helm chart,
   * `kubectl apply -k …/config/crd`) owns them.
   * @default true
   */
  readonly crds?: boolean;
}

export const KONG_DEFAULTS = {
  namespace: 'kong',
  /** KIC's default `--ingress-class`; the base's IngressClass is named so. */
  ingressClassName: 'kong',
  replicas: 1,
  controllerClass: 'ingress-controllers.konghq.com/kong',
  serviceAccount: 'kong-serviceaccount',
  proxyPort: 8000,
  proxyTlsPort: 8443,
  statusPort: 8100,
  adminPort: 8444,
  /** uid/gid of the `kong` user in both images. */
  uid: 1000,
} as const;

const UPSTREAM_NS = 'kong';
const ORIGIN = `lib/upstream/kong/${kic.source.tag}/kic.json`;
const DEPLOYMENT = 'ingress-kong';
/** Upstream's listen options (kustomize base, KONG_PROXY_LISTEN / KONG_ADMIN_LISTEN): kept on every entry. */
const LISTEN_FLAGS = 'reuseport backlog=16384';

/** The Kong listener strings of a plan (brackets via formatHostPort). */
export interface KongListeners {
  /** `KONG_PROXY_LISTEN`: HTTP and HTTPS on every family of the plan (upstream: IPv4 only). */
  readonly proxy: string;
  /**
   * `KONG_STATUS_LISTEN`: only where the probes need it. The kubelet probes the pod's primary address
   * (status.podIP), so the primary family's wildcard; upstream has `0.0.0.0:8100`.
   */
  readonly status: string;
  /** `KONG_ADMIN_LISTEN`: the primary family's loopback only, as upstream; the sidecar controller is the one client. */
  readonly admin: string;
  /** The URL the controller uses for the admin API (the primary family's loopback). */
  readonly adminUrl: string;
}

export function kongListeners(plan: ClusterNetwork): KongListeners {
  const primary = plan.primaryFamily ?? IpFamily.IPV4;
  const families = plan.families.length > 0 ? plan.families : [IpFamily.IPV4];
  const proxy = [
    ...families.map((f) => `${formatHostPort(wildcardAddress(f), KONG_DEFAULTS.proxyPort)} ${LISTEN_FLAGS}`),
    ...families.map((f) => `${formatHostPort(wildcardAddress(f), KONG_DEFAULTS.proxyTlsPort)} http2 ssl ${LISTEN_FLAGS}`),
  ];
  return {
    proxy: proxy.join(', '),
    status: formatHostPort(wildcardAddress(primary), KONG_DEFAULTS.statusPort),
    admin: `${formatHostPort(loopbackAddress(primary), KONG_DEFAULTS.adminPort)} http2 ssl ${LISTEN_FLAGS}`,
    adminUrl: `https://${formatHostPort(loopbackAddress(primary), KONG_DEFAULTS.adminPort)}`,
  };
}

export interface KongIngressObjects {
  readonly namespace: KubeObject;
  readonly crds: readonly KubeObject[];
  readonly serviceAccount: KubeObject;
  readonly role: KubeObject;
  readonly roleBinding: KubeObject;
  /** Upstream's three: kong-ingress, kong-ingress-crds, kong-ingress-gateway. */
  readonly clusterRoles: readonly KubeObject[];
  readonly clusterRoleBindings: readonly KubeObject[];
  readonly service: KubeObject;
  readonly deployment: KubeObject;
  readonly ingressClass: KubeObject;
}

/** Sets (or adds, at the end) one env entry. */
function setEnv(c: Mutable, name: string, value: string): void {
  const e = (c.env as Mutable[]).find((x) => x.name === name);
  if (e) e.value = value;
  else c.env.push({ name, value });
}

export function renderKongIngress(plan: ClusterNetwork, options: KongIngressOptions = {}): KongIngressObjects {
  const ns = options.namespace ?? KONG_DEFAULTS.namespace;
  const className = options.ingressClassName ?? KONG_DEFAULTS.ingressClassName;
  const exposure = options.exposure ?? ServiceExposure.NODE_PORT;
  const nodePorts = options.nodePorts ?? DEFAULT_NODE_PORTS;
  const up = (kind: string, name: string) => withManagedBy(inNamespace(upstreamObject(kic.objects, kind, name, ORIGIN), UPSTREAM_NS, ns));
  const l = kongListeners(plan);

  const namespace = up('Namespace', UPSTREAM_NS);
  namespace.metadata.name = ns;
  // Restricted Pod Security (upstream labels none): both containers run as uid 1000 with nothing added.
  namespace.metadata.labels = { ...namespace.metadata.labels, 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted' };

  const service = dualStackFromUpstream(plan, up('Service', 'kong-proxy'), {
    namespace: ns,
    type: exposure,
    ipFamilyPolicy: options.ipFamilyPolicy,
    ipFamily: options.ipFamily,
    nodePorts: exposure === ServiceExposure.NODE_PORT ? { proxy: nodePorts.http, 'proxy-ssl': nodePorts.https } : undefined,
  });

  const deployment = up('Deployment', DEPLOYMENT);
  if (options.replicas !== undefined) deployment.spec.replicas = options.replicas;
  const pod = deployment.spec.template.spec;
  // Upstream: automountServiceAccountToken false on the pod and a projected token (token, ca.crt,
  // namespace) mounted into the controller container only, at the path client-go's in-cluster config
  // reads (/var/run/secrets/kubernetes.io/serviceaccount); the proxy gets no API credentials.
  pod.securityContext = restrictedPodSecurityContext({ runAsUser: KONG_DEFAULTS.uid, runAsGroup: KONG_DEFAULTS.uid });
  // With a read-only root filesystem Kong needs its prefix and /tmp writable.
  pod.volumes = [...pod.volumes, { name: 'kong-prefix-dir', emptyDir: { sizeLimit: '256Mi' } }, { name: 'kong-tmp', emptyDir: { sizeLimit: '1Gi' } }];
  const proxy = (pod.containers as Mutable[]).find((c) => c.name === 'proxy') as Mutable;
  const controller = (pod.containers as Mutable[]).find((c) => c.name === 'ingress-controller') as Mutable;

  proxy.image = `${KONG_GATEWAY_IMAGE_REPO}:${options.gatewayVersion ?? KONG_GATEWAY_VERSION}`;
  setEnv(proxy, 'KONG_PROXY_LISTEN', l.proxy);
  setEnv(proxy, 'KONG_ADMIN_LISTEN', l.admin);
  setEnv(proxy, 'KONG_STATUS_LISTEN', l.status);
  // Kong Manager (bundled in OSS Kong since 3.4) listens on 0.0.0.0:8002 and :8445 by default
  // (kong.conf admin_gui_listen); nothing here uses it, so it is off.
  setEnv(proxy, 'KONG_ADMIN_GUI_LISTEN', 'off');
  setEnv(proxy, 'KONG_PREFIX', '/kong_prefix/');
  proxy.resources = requests('100m', '128Mi');
  proxy.securityContext = restrictedContainerSecurityContext({ readOnlyRootFilesystem: true });
  proxy.volumeMounts = [
    { name: 'kong-prefix-dir', mountPath: '/kong_prefix/' },
    { name: 'kong-tmp', mountPath: '/tmp' },
  ];

  controller.image = `${KONG_INGRESS_CONTROLLER_IMAGE_REPO}:${options.controllerVersion ?? KONG_INGRESS_CONTROLLER_VERSION}`;
  setEnv(controller, 'CONTROLLER_KONG_ADMIN_URL', l.adminUrl);
  setEnv(controller, 'CONTROLLER_PUBLISH_SERVICE', `${ns}/kong-proxy`);
  if (className !== KONG_DEFAULTS.ingressClassName) setEnv(controller, 'CONTROLLER_INGRESS_CLASS', className);
  controller.resources = requests('50m', '64Mi');
  controller.securityContext = restrictedContainerSecurityContext({ readOnlyRootFilesystem: true });

  const ingressClass = up('IngressClass', 'kong');
  ingressClass.metadata.name = className;

  const roles = ['kong-ingress', 'kong-ingress-crds', 'kong-ingress-gateway'];
  return {
    namespace: namespace as KubeObject,
    crds: options.crds === false ? [] : KONG_CRDS.map(renderKongCrd),
    serviceAccount: up('ServiceAccount', KONG_DEFAULTS.serviceAccount) as KubeObject,
    role: up('Role', 'kong-leader-election') as KubeObject,
    roleBinding: up('RoleBinding', 'kong-leader-election') as KubeObject,
    clusterRoles: roles.map((r) => up('ClusterRole', r) as KubeObject),
    clusterRoleBindings: roles.map((r) => up('ClusterRoleBinding', r) as KubeObject),
    service,
    deployment: deployment as KubeObject,
    ingressClass: ingressClass as KubeObject,
  };
}

/** All objects in apply order (CRDs, then RBAC, then the workload). */
export function kongObjectList(o: KongIngressObjects): KubeObject[] {
  return [o.namespace, ...o.crds, o.serviceAccount, o.role, o.roleBinding, ...o.clusterRoles, ...o.clusterRoleBindings, o.service, o.deployment, o.ingressClass];
}
