/**
 * ingress-nginx, rendered from the plan. Objects, RBAC, arguments and security context follow the
 * upstream chart 4.15.1 (controller v1.15.1, the last release): charts/ingress-nginx/templates/
 * {clusterrole,controller-role,controller-deployment,controller-service,controller-ingressclass}.yaml
 * and admission-webhooks/**. Differences are commented where they are.
 */
import type { ClusterNetwork } from '../plan/network';
import { IpFamily } from '../plan/spec';
import { KubeObject } from '../k8s/objects';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../k8s/security';
import {
  DEFAULT_NODE_PORTS,
  MANAGED_BY,
  NodePorts,
  renderNamespace,
  requests,
  ServiceExposure,
} from './common';
import { renderDualStackService, ServiceFamilyOptions } from './service-families';
import { INGRESS_NGINX_CERTGEN_IMAGE, INGRESS_NGINX_IMAGE, INGRESS_NGINX_VERSION } from './versions';

/** ingress-nginx options (everything but the plan). */
export interface IngressNginxOptions extends ServiceFamilyOptions {
  /**
   * Namespace of the controller.
   * @default "ingress-nginx"
   */
  readonly namespace?: string;
  /**
   * How the controller Service is exposed.
   * @default ServiceExposure.NODE_PORT
   */
  readonly exposure?: ServiceExposure;
  /**
   * Fixed nodePorts (NodePort exposure only).
   * @default { http: 30080, https: 30443 } (field report §7.1)
   */
  readonly nodePorts?: NodePorts;
  /**
   * The IngressClass name (`--ingress-class`).
   * @default "nginx"
   */
  readonly ingressClassName?: string;
  /**
   * Controller replicas.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Render the validating admission webhook. Off by default: upstream installs it with Helm hooks
   * (a cert-gen Job before install, a patch Job after), an ordering plain manifests, cdk8s and
   * Pulumi do not have; until the patch Job has injected the caBundle, the `failurePolicy: Fail`
   * webhook refuses every Ingress write. Turn it on where that window is acceptable.
   * @default false
   */
  readonly admissionWebhook?: boolean;
  /**
   * The controller image.
   * @default INGRESS_NGINX_IMAGE (v1.15.1, pinned by digest)
   */
  readonly image?: string;
}

export const INGRESS_NGINX_DEFAULTS = {
  namespace: 'ingress-nginx',
  ingressClassName: 'nginx',
  controllerClass: 'k8s.io/ingress-nginx',
  replicas: 1,
  /** Jobs keep their pods this long after finishing, for `kubectl logs`, then go. */
  jobTtlSeconds: 600,
} as const;

const NAME = 'ingress-nginx';
const CONTROLLER = 'ingress-nginx-controller';
const ADMISSION = 'ingress-nginx-admission';
const ELECTION_ID = 'ingress-nginx-leader';

function labels(component: string): Record<string, string> {
  return { 'app.kubernetes.io/name': NAME, 'app.kubernetes.io/instance': NAME, 'app.kubernetes.io/component': component, 'app.kubernetes.io/version': INGRESS_NGINX_VERSION.replace(/^v/, ''), ...MANAGED_BY };
}

function selector(): Record<string, string> {
  return { 'app.kubernetes.io/name': NAME, 'app.kubernetes.io/instance': NAME, 'app.kubernetes.io/component': 'controller' };
}

const rule = (apiGroups: string[], resources: string[], verbs: string[], resourceNames?: string[]) =>
  resourceNames ? { apiGroups, resources, resourceNames, verbs } : { apiGroups, resources, verbs };

/** The parts of an ingress-nginx install, keyed so the construct can expose them. */
export interface IngressNginxObjects {
  readonly namespace: KubeObject;
  readonly serviceAccount: KubeObject;
  readonly clusterRole: KubeObject;
  readonly clusterRoleBinding: KubeObject;
  readonly role: KubeObject;
  readonly roleBinding: KubeObject;
  readonly configMap: KubeObject;
  readonly service: KubeObject;
  readonly deployment: KubeObject;
  readonly ingressClass: KubeObject;
  /** Only with `admissionWebhook: true`, in apply order. */
  readonly admission: readonly KubeObject[];
}

export function renderIngressNginx(plan: ClusterNetwork, options: IngressNginxOptions = {}): IngressNginxObjects {
  const ns = options.namespace ?? INGRESS_NGINX_DEFAULTS.namespace;
  const className = options.ingressClassName ?? INGRESS_NGINX_DEFAULTS.ingressClassName;
  const exposure = options.exposure ?? ServiceExposure.NODE_PORT;
  const nodePorts = options.nodePorts ?? DEFAULT_NODE_PORTS;
  const webhook = options.admissionWebhook === true;
  const meta = (name: string, component: string, namespaced = true) => (namespaced ? { name, namespace: ns, labels: labels(component) } : { name, labels: labels(component) });

  const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(NAME, 'controller'), automountServiceAccountToken: true };

  // Upstream ClusterRole of chart 4.15.1, verbatim in content: read what Ingresses reference
  // cluster-wide, update Ingress status, emit events. No wildcard anywhere.
  const clusterRole = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: meta(NAME, 'controller', false),
    rules: [
      rule([''], ['configmaps', 'endpoints', 'nodes', 'pods', 'secrets', 'namespaces'], ['list', 'watch']),
      rule(['coordination.k8s.io'], ['leases'], ['list', 'watch']),
      rule([''], ['nodes'], ['get']),
      rule([''], ['services'], ['get', 'list', 'watch']),
      rule(['networking.k8s.io'], ['ingresses'], ['get', 'list', 'watch']),
      rule([''], ['events'], ['create', 'patch']),
      rule(['networking.k8s.io'], ['ingresses/status'], ['update']),
      rule(['networking.k8s.io'], ['ingressclasses'], ['get', 'list', 'watch']),
      rule(['discovery.k8s.io'], ['endpointslices'], ['list', 'watch', 'get']),
    ],
  };
  // Namespaced Role: leader election on the one Lease it owns (resourceNames), create for the first run.
  const role = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: meta(NAME, 'controller'),
    rules: [
      rule([''], ['namespaces'], ['get']),
      rule([''], ['configmaps', 'pods', 'secrets', 'endpoints'], ['get', 'list', 'watch']),
      rule([''], ['services'], ['get', 'list', 'watch']),
      rule(['networking.k8s.io'], ['ingresses'], ['get', 'list', 'watch']),
      rule(['networking.k8s.io'], ['ingresses/status'], ['update']),
      rule(['networking.k8s.io'], ['ingressclasses'], ['get', 'list', 'watch']),
      rule(['coordination.k8s.io'], ['leases'], ['get', 'update'], [ELECTION_ID]),
      rule(['coordination.k8s.io'], ['leases'], ['create']),
      rule([''], ['events'], ['create', 'patch']),
      rule(['discovery.k8s.io'], ['endpointslices'], ['list', 'watch', 'get']),
    ],
  };
  const subjects = [{ kind: 'ServiceAccount', name: NAME, namespace: ns }];
  const clusterRoleBinding = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: meta(NAME, 'controller', false), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: NAME }, subjects };
  const roleBinding = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: meta(NAME, 'controller'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: NAME }, subjects };

  // nginx listens on [::] only where the pod has IPv6; on an IPv4-only plan say so explicitly so the
  // controller does not probe for it (ConfigMap key `disable-ipv6`).
  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta(CONTROLLER, 'controller'),
    data: { 'allow-snippet-annotations': 'false', 'disable-ipv6': plan.hasFamily(IpFamily.IPV6) ? 'false' : 'true' },
  };

  const service = renderDualStackService(plan, {
    name: CONTROLLER,
    namespace: ns,
    type: exposure,
    ipFamilyPolicy: options.ipFamilyPolicy,
    ipFamily: options.ipFamily,
    labels: labels('controller'),
    selector: selector(),
    ports: [
      { name: 'http', port: 80, targetPort: 'http', appProtocol: 'http', nodePort: exposure === ServiceExposure.NODE_PORT ? nodePorts.http : undefined },
      { name: 'https', port: 443, targetPort: 'https', appProtocol: 'https', nodePort: exposure === ServiceExposure.NODE_PORT ? nodePorts.https : undefined },
    ],
  });

  const args = [
    '/nginx-ingress-controller',
    `--publish-service=$(POD_NAMESPACE)/${CONTROLLER}`,
    `--election-id=${ELECTION_ID}`,
    `--controller-class=${INGRESS_NGINX_DEFAULTS.controllerClass}`,
    `--ingress-class=${className}`,
    `--configmap=$(POD_NAMESPACE)/${CONTROLLER}`,
    ...(webhook ? ['--validating-webhook=:8443', '--validating-webhook-certificate=/usr/local/certificates/cert', '--validating-webhook-key=/usr/local/certificates/key'] : []),
  ];
  const probe = (failureThreshold: number) => ({ httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold });
  const container: Record<string, unknown> = {
    name: 'controller',
    image: options.image ?? INGRESS_NGINX_IMAGE,
    imagePullPolicy: 'IfNotPresent',
    args,
    env: [
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'LD_PRELOAD', value: '/usr/local/lib/libmimalloc.so' },
    ],
    lifecycle: { preStop: { exec: { command: ['/wait-shutdown'] } } },
    livenessProbe: probe(5),
    readinessProbe: probe(3),
    ports: [
      { name: 'http', containerPort: 80, protocol: 'TCP' },
      { name: 'https', containerPort: 443, protocol: 'TCP' },
      ...(webhook ? [{ name: 'webhook', containerPort: 8443, protocol: 'TCP' }] : []),
    ],
    resources: requests('100m', '90Mi'),
    // Upstream's restricted context: uid 101 / gid 82 (www-data) and NET_BIND_SERVICE for :80/:443.
    // The root filesystem stays writable: nginx writes its config and temp files under /etc/nginx and /tmp.
    securityContext: restrictedContainerSecurityContext({ netBindService: true, readOnlyRootFilesystem: false, runAsUser: 101, runAsGroup: 82 }),
    ...(webhook ? { volumeMounts: [{ name: 'webhook-cert', mountPath: '/usr/local/certificates/', readOnly: true }] } : {}),
  };
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(CONTROLLER, 'controller'),
    spec: {
      replicas: options.replicas ?? INGRESS_NGINX_DEFAULTS.replicas,
      revisionHistoryLimit: 10,
      selector: { matchLabels: selector() },
      template: {
        metadata: { labels: labels('controller') },
        spec: {
          serviceAccountName: NAME,
          automountServiceAccountToken: true,
          dnsPolicy: 'ClusterFirst',
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          terminationGracePeriodSeconds: 300,
          securityContext: restrictedPodSecurityContext({ runAsUser: 101, runAsGroup: 82 }),
          containers: [container],
          ...(webhook ? { volumes: [{ name: 'webhook-cert', secret: { secretName: ADMISSION } }] } : {}),
        },
      },
    },
  };

  const ingressClass = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name: className, labels: labels('controller') },
    spec: { controller: INGRESS_NGINX_DEFAULTS.controllerClass },
  };

  return {
    namespace: renderNamespace(ns, { 'app.kubernetes.io/name': NAME, 'app.kubernetes.io/instance': NAME }),
    serviceAccount: sa,
    clusterRole,
    clusterRoleBinding,
    role,
    roleBinding,
    configMap,
    service,
    deployment,
    ingressClass,
    admission: webhook ? renderAdmission(plan, ns, options) : [],
  };
}

function renderAdmission(plan: ClusterNetwork, ns: string, options: IngressNginxOptions): KubeObject[] {
  const meta = (name: string, namespaced = true) => (namespaced ? { name, namespace: ns, labels: labels('admission-webhook') } : { name, labels: labels('admission-webhook') });
  const subjects = [{ kind: 'ServiceAccount', name: ADMISSION, namespace: ns }];
  const svc = renderDualStackService(plan, {
    name: `${CONTROLLER}-admission`,
    namespace: ns,
    type: 'ClusterIP',
    ipFamilyPolicy: options.ipFamilyPolicy,
    ipFamily: options.ipFamily,
    labels: labels('controller'),
    selector: selector(),
    ports: [{ name: 'https-webhook', port: 443, targetPort: 'webhook', appProtocol: 'https' }],
  });
  const job = (name: string, args: string[]) => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta(name),
    spec: {
      ttlSecondsAfterFinished: INGRESS_NGINX_DEFAULTS.jobTtlSeconds,
      template: {
        metadata: { labels: labels('admission-webhook') },
        spec: {
          restartPolicy: 'OnFailure',
          serviceAccountName: ADMISSION,
          automountServiceAccountToken: true,
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          securityContext: restrictedPodSecurityContext({ runAsUser: 65532, runAsGroup: 65532 }),
          containers: [
            {
              name: args[0],
              image: INGRESS_NGINX_CERTGEN_IMAGE,
              imagePullPolicy: 'IfNotPresent',
              args,
              env: [{ name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }],
              resources: requests('10m', '20Mi'),
              securityContext: restrictedContainerSecurityContext({ readOnlyRootFilesystem: true, runAsUser: 65532, runAsGroup: 65532 }),
            },
          ],
        },
      },
    },
  });
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(ADMISSION), automountServiceAccountToken: true },
    // Narrower than upstream: get/update only on our own webhook configuration, get only on our Secret
    // (create cannot be narrowed by name: the object does not exist yet).
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta(ADMISSION, false), rules: [rule(['admissionregistration.k8s.io'], ['validatingwebhookconfigurations'], ['get', 'update'], [ADMISSION])] },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: meta(ADMISSION, false), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: ADMISSION }, subjects },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta(ADMISSION), rules: [rule([''], ['secrets'], ['get'], [ADMISSION]), rule([''], ['secrets'], ['create'])] },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: meta(ADMISSION), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: ADMISSION }, subjects },
    svc,
    job(`${ADMISSION}-create`, ['create', `--host=${CONTROLLER}-admission,${CONTROLLER}-admission.$(POD_NAMESPACE).svc`, '--namespace=$(POD_NAMESPACE)', `--secret-name=${ADMISSION}`]),
    // Retries (restartPolicy OnFailure) until the create Job has written the Secret: the ordering Helm
    // hooks give upstream.
    job(`${ADMISSION}-patch`, ['patch', `--webhook-name=${ADMISSION}`, '--namespace=$(POD_NAMESPACE)', '--patch-mutating=false', `--secret-name=${ADMISSION}`, '--patch-failure-policy=Fail']),
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: meta(ADMISSION, false),
      webhooks: [
        {
          name: 'validate.nginx.ingress.kubernetes.io',
          matchPolicy: 'Equivalent',
          rules: [{ apiGroups: ['networking.k8s.io'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['ingresses'] }],
          failurePolicy: 'Fail',
          sideEffects: 'None',
          admissionReviewVersions: ['v1'],
          clientConfig: { service: { name: `${CONTROLLER}-admission`, namespace: ns, port: 443, path: '/networking/v1/ingresses' } },
        },
      ],
    },
  ];
}

/** All objects in apply order (namespace and RBAC before the workload). */
export function ingressNginxObjectList(o: IngressNginxObjects): KubeObject[] {
  return [o.namespace, o.serviceAccount, o.clusterRole, o.clusterRoleBinding, o.role, o.roleBinding, o.configMap, o.service, o.deployment, o.ingressClass, ...o.admission];
}
