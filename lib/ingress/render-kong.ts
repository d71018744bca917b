/**
 * Kong (DB-less) with the Kong Ingress Controller as a sidecar: the proxy and the controller share a pod,
 * the controller pushes declarative config to the proxy's admin API on the pod's loopback, so the
 * admin API is never exposed (upstream's all-in-one-dbless.yaml exposed it on 0.0.0.0:8444).
 * Objects and RBAC follow Kong/kubernetes-ingress-controller deploy/single/all-in-one-dbless.yaml and
 * config/rbac; the listeners are what field report §7.2 had to add by hand.
 */
import { formatHostPort } from '../net/host-port';
import type { ClusterNetwork } from '../plan/network';
import { IpFamily } from '../plan/spec';
import { KubeObject } from '../k8s/objects';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../k8s/security';
import {
  DEFAULT_NODE_PORTS,
  listenList,
  loopbackAddress,
  MANAGED_BY,
  NodePorts,
  renderNamespace,
  requests,
  ServiceExposure,
} from './common';
import { KONG_CRD_GROUP, KONG_CRDS, renderKongCrd } from './kong-crds';
import { renderDualStackService, ServiceFamilyOptions } from './service-families';
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
   * Kong Ingress Controller release; before 2.11.0 it is refused on plans with IPv6 (#4391).
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
  ingressClassName: 'kong',
  replicas: 1,
  controllerClass: 'ingress-controllers.konghq.com/kong',
  serviceAccount: 'kong-serviceaccount',
  electionId: 'kong-ingress-controller-leader',
  proxyPort: 8000,
  proxyTlsPort: 8443,
  statusPort: 8100,
  adminPort: 8444,
  /** uid/gid of the `kong` user in both images. */
  uid: 1000,
} as const;

const APP = 'ingress-kong';

/** The Kong listener strings of a plan: one entry per family for every port (brackets via formatHostPort). */
export interface KongListeners {
  /** `KONG_PROXY_LISTEN`: HTTP and HTTPS on every family. */
  readonly proxy: string;
  /** `KONG_STATUS_LISTEN`: the kubelet probes the pod's primary address, so the primary family must be there. */
  readonly status: string;
  /** `KONG_ADMIN_LISTEN`: loopback only, the sidecar controller is the one client. */
  readonly admin: string;
  /** The URL the controller uses for the admin API (the primary family's loopback). */
  readonly adminUrl: string;
}

export function kongListeners(plan: ClusterNetwork): KongListeners {
  const primary = plan.primaryFamily ?? IpFamily.IPV4;
  return {
    proxy: listenList(plan, [{ port: KONG_DEFAULTS.proxyPort }, { port: KONG_DEFAULTS.proxyTlsPort, flags: 'ssl http2' }]),
    status: listenList(plan, [{ port: KONG_DEFAULTS.statusPort }]),
    admin: listenList(plan, [{ port: KONG_DEFAULTS.adminPort, flags: 'http2 ssl' }], 'loopback'),
    adminUrl: `https://${formatHostPort(loopbackAddress(primary), KONG_DEFAULTS.adminPort)}`,
  };
}

export interface KongIngressObjects {
  readonly namespace: KubeObject;
  readonly crds: readonly KubeObject[];
  readonly serviceAccount: KubeObject;
  readonly role: KubeObject;
  readonly roleBinding: KubeObject;
  readonly clusterRole: KubeObject;
  readonly clusterRoleBinding: KubeObject;
  readonly service: KubeObject;
  readonly deployment: KubeObject;
  readonly ingressClass: KubeObject;
}

const rule = (apiGroups: string[], resources: string[], verbs: string[], resourceNames?: string[]) =>
  resourceNames ? { apiGroups, resources, resourceNames, verbs } : { apiGroups, resources, verbs };

export function renderKongIngress(plan: ClusterNetwork, options: KongIngressOptions = {}): KongIngressObjects {
  const ns = options.namespace ?? KONG_DEFAULTS.namespace;
  const className = options.ingressClassName ?? KONG_DEFAULTS.ingressClassName;
  const exposure = options.exposure ?? ServiceExposure.NODE_PORT;
  const nodePorts = options.nodePorts ?? DEFAULT_NODE_PORTS;
  const kicVersion = options.controllerVersion ?? KONG_INGRESS_CONTROLLER_VERSION;
  const gwVersion = options.gatewayVersion ?? KONG_GATEWAY_VERSION;
  const sa = KONG_DEFAULTS.serviceAccount;
  const lbl = (component: string) => ({ 'app.kubernetes.io/name': 'kong', 'app.kubernetes.io/component': component, ...MANAGED_BY });
  const meta = (name: string, component: string, namespaced = true) => (namespaced ? { name, namespace: ns, labels: lbl(component) } : { name, labels: lbl(component) });
  const l = kongListeners(plan);

  const subjects = [{ kind: 'ServiceAccount', name: sa, namespace: ns }];
  // Leader election (controller-runtime, Lease lock): get/update/patch on its own Lease only.
  const role = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: meta('kong-leader-election', 'controller'),
    rules: [
      rule(['coordination.k8s.io'], ['leases'], ['get', 'update', 'patch'], [KONG_DEFAULTS.electionId]),
      rule(['coordination.k8s.io'], ['leases'], ['create']),
      rule([''], ['events'], ['create', 'patch']),
    ],
  };
  const withStatus = KONG_CRDS.filter((c) => c.status).map((c) => `${c.plural}/status`);
  const gw = 'gateway.networking.k8s.io';
  // Upstream's kong-ingress, kong-ingress-crds and kong-ingress-gateway ClusterRoles in one, minus
  // Endpoints (KIC ≥ 2.10 reads EndpointSlices) and minus knative / extensions (not served any more).
  // The Gateway API rules stay: KIC starts its Gateway controllers whenever those CRDs exist (as they
  // do next to Envoy Gateway) and must be able to read them; it only acts on its own GatewayClass.
  const clusterRole = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: meta('kong-ingress', 'controller', false),
    rules: [
      rule([''], ['events'], ['create', 'patch']),
      rule([''], ['nodes'], ['list', 'watch']),
      rule([''], ['pods'], ['get', 'list', 'watch']),
      rule([''], ['secrets'], ['list', 'watch']),
      rule([''], ['services'], ['get', 'list', 'watch']),
      rule([''], ['services/status'], ['get', 'patch', 'update']),
      rule(['discovery.k8s.io'], ['endpointslices'], ['get', 'list', 'watch']),
      rule(['networking.k8s.io'], ['ingressclasses'], ['get', 'list', 'watch']),
      rule(['networking.k8s.io'], ['ingresses'], ['get', 'list', 'watch']),
      rule(['networking.k8s.io'], ['ingresses/status'], ['get', 'patch', 'update']),
      rule([KONG_CRD_GROUP], KONG_CRDS.map((c) => c.plural), ['get', 'list', 'watch']),
      rule([KONG_CRD_GROUP], withStatus, ['get', 'patch', 'update']),
      rule(['apiextensions.k8s.io'], ['customresourcedefinitions'], ['list', 'watch']),
      rule([gw], ['gatewayclasses', 'grpcroutes', 'httproutes', 'referencegrants', 'tcproutes', 'tlsroutes', 'udproutes'], ['get', 'list', 'watch']),
      rule([gw], ['gateways'], ['get', 'list', 'update', 'watch']),
      rule([gw], ['gatewayclasses/status', 'gateways/status', 'httproutes/status', 'tcproutes/status', 'tlsroutes/status', 'udproutes/status'], ['get', 'update']),
      rule([gw], ['grpcroutes/status'], ['get', 'patch', 'update']),
      rule([gw], ['referencegrants/status'], ['get']),
    ],
  };

  const service = renderDualStackService(plan, {
    name: 'kong-proxy',
    namespace: ns,
    type: exposure,
    ipFamilyPolicy: options.ipFamilyPolicy,
    ipFamily: options.ipFamily,
    labels: lbl('proxy'),
    selector: { app: APP },
    ports: [
      { name: 'proxy', port: 80, targetPort: KONG_DEFAULTS.proxyPort, nodePort: exposure === ServiceExposure.NODE_PORT ? nodePorts.http : undefined },
      { name: 'proxy-ssl', port: 443, targetPort: KONG_DEFAULTS.proxyTlsPort, nodePort: exposure === ServiceExposure.NODE_PORT ? nodePorts.https : undefined },
    ],
  });

  const fieldEnv = (name: string, fieldPath: string) => ({ name, valueFrom: { fieldRef: { fieldPath } } });
  const proxy = {
    name: 'proxy',
    image: `${KONG_GATEWAY_IMAGE_REPO}:${gwVersion}`,
    imagePullPolicy: 'IfNotPresent',
    env: [
      { name: 'KONG_DATABASE', value: 'off' },
      { name: 'KONG_PROXY_LISTEN', value: l.proxy },
      { name: 'KONG_PORT_MAPS', value: `80:${KONG_DEFAULTS.proxyPort}, 443:${KONG_DEFAULTS.proxyTlsPort}` },
      { name: 'KONG_STATUS_LISTEN', value: l.status },
      { name: 'KONG_ADMIN_LISTEN', value: l.admin },
      { name: 'KONG_PREFIX', value: '/kong_prefix/' },
      { name: 'KONG_KIC', value: 'on' },
      { name: 'KONG_NGINX_WORKER_PROCESSES', value: '2' },
      { name: 'KONG_PROXY_ACCESS_LOG', value: '/dev/stdout' },
      { name: 'KONG_ADMIN_ACCESS_LOG', value: '/dev/stdout' },
      { name: 'KONG_PROXY_ERROR_LOG', value: '/dev/stderr' },
      { name: 'KONG_ADMIN_ERROR_LOG', value: '/dev/stderr' },
    ],
    ports: [
      { name: 'proxy', containerPort: KONG_DEFAULTS.proxyPort, protocol: 'TCP' },
      { name: 'proxy-tls', containerPort: KONG_DEFAULTS.proxyTlsPort, protocol: 'TCP' },
      { name: 'status', containerPort: KONG_DEFAULTS.statusPort, protocol: 'TCP' },
    ],
    lifecycle: { preStop: { exec: { command: ['kong', 'quit'] } } },
    livenessProbe: { httpGet: { path: '/status', port: 'status', scheme: 'HTTP' }, initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 },
    readinessProbe: { httpGet: { path: '/status/ready', port: 'status', scheme: 'HTTP' }, initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 },
    resources: requests('100m', '128Mi'),
    securityContext: restrictedContainerSecurityContext({ readOnlyRootFilesystem: true }),
    volumeMounts: [
      { name: 'kong-prefix-dir', mountPath: '/kong_prefix/' },
      { name: 'kong-tmp', mountPath: '/tmp' },
    ],
  };
  const controller = {
    name: 'ingress-controller',
    image: `${KONG_INGRESS_CONTROLLER_IMAGE_REPO}:${kicVersion}`,
    imagePullPolicy: 'IfNotPresent',
    env: [
      { name: 'CONTROLLER_KONG_ADMIN_URL', value: l.adminUrl },
      // Kong's admin API serves its self-signed certificate; the connection never leaves the pod.
      { name: 'CONTROLLER_KONG_ADMIN_TLS_SKIP_VERIFY', value: 'true' },
      { name: 'CONTROLLER_PUBLISH_SERVICE', value: `${ns}/kong-proxy` },
      { name: 'CONTROLLER_INGRESS_CLASS', value: className },
      { name: 'CONTROLLER_ELECTION_ID', value: KONG_DEFAULTS.electionId },
      { name: 'CONTROLLER_ADMISSION_WEBHOOK_LISTEN', value: 'off' },
      fieldEnv('POD_NAME', 'metadata.name'),
      fieldEnv('POD_NAMESPACE', 'metadata.namespace'),
    ],
    ports: [{ name: 'cmetrics', containerPort: 10255, protocol: 'TCP' }],
    livenessProbe: { httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' }, initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 },
    readinessProbe: { httpGet: { path: '/readyz', port: 10254, scheme: 'HTTP' }, initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 },
    resources: requests('50m', '64Mi'),
    securityContext: restrictedContainerSecurityContext({ readOnlyRootFilesystem: true }),
  };
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(APP, 'app'),
    spec: {
      replicas: options.replicas ?? KONG_DEFAULTS.replicas,
      selector: { matchLabels: { app: APP } },
      template: {
        metadata: { labels: { app: APP, ...lbl('app') } },
        spec: {
          serviceAccountName: sa,
          automountServiceAccountToken: true,
          securityContext: restrictedPodSecurityContext({ runAsUser: KONG_DEFAULTS.uid, runAsGroup: KONG_DEFAULTS.uid }),
          containers: [proxy, controller],
          volumes: [
            { name: 'kong-prefix-dir', emptyDir: { sizeLimit: '256Mi' } },
            { name: 'kong-tmp', emptyDir: { sizeLimit: '1Gi' } },
          ],
        },
      },
    },
  };
  return {
    namespace: renderNamespace(ns, { 'app.kubernetes.io/name': 'kong' }),
    crds: options.crds === false ? [] : KONG_CRDS.map(renderKongCrd),
    serviceAccount: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(sa, 'controller') },
    role,
    roleBinding: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: meta('kong-leader-election', 'controller'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'kong-leader-election' }, subjects },
    clusterRole,
    clusterRoleBinding: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: meta('kong-ingress', 'controller', false), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kong-ingress' }, subjects },
    service,
    deployment,
    ingressClass: { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: className, labels: lbl('controller') }, spec: { controller: KONG_DEFAULTS.controllerClass } },
  };
}

export function kongObjectList(o: KongIngressObjects): KubeObject[] {
  return [o.namespace, ...o.crds, o.serviceAccount, o.role, o.roleBinding, o.clusterRole, o.clusterRoleBinding, o.service, o.deployment, o.ingressClass];
}
