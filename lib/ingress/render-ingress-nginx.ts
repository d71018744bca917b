/**
 * ingress-nginx, built from upstream's static manifests of controller-v1.15.1 (the last release),
 * derived into lib/upstream/ingress-nginx: baremetal-deploy.yaml for a NodePort Service,
 * cloud-deploy.yaml for a LoadBalancer. On top of them only the plan's settings (Service families,
 * fixed nodePorts, `disable-ipv6` on IPv4-only plans), the options, and the hardening listed in
 * docs/upstream-edits.md; `npm run check:upstream -- ingress-nginx` fails on any other difference.
 *
 * Ingress status: with a NodePort Service upstream passes no `--publish-service` (the baremetal
 * manifest), so the controller reports the addresses of the nodes its ready pods run on
 * (internal/ingress/status/status.go, runningAddresses). Since controller-v1.14.0 that is every
 * address of the chosen type per node, both families on a dual-stack node ("Status: Add support for
 * multiple Node IP addresses", kubernetes/ingress-nginx#14049): ExternalIPs, or the InternalIPs when
 * a node has no ExternalIP (bare metal). With `--publish-service` a NodePort Service would report its
 * one ClusterIP instead. The nodes must list both families (kubelet `--node-ip` with both addresses).
 */
import type { ClusterNetwork } from '../plan/network';
import { IpFamily } from '../plan/spec';
import { KubeObject } from '../k8s/objects';
import { restrictedPodSecurityContext } from '../k8s/security';
import { DEFAULT_NODE_PORTS, NodePorts, ServiceExposure } from './common';
import { ServiceFamilyOptions } from './service-families';
import { dualStackFromUpstream, inNamespace, Mutable, upstreamObject, withManagedBy } from './upstream-objects';
import baremetal from '../upstream/ingress-nginx/controller-v1.15.1/baremetal-deploy.json';
import cloud from '../upstream/ingress-nginx/controller-v1.15.1/cloud-deploy.json';
import { INGRESS_NGINX_CERTGEN_IMAGE, INGRESS_NGINX_IMAGE } from './versions';

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
  /** Upstream sets no replicas: the Deployment default, 1. */
  replicas: 1,
  /** Jobs keep their pods this long after finishing, for `kubectl logs`, then go (upstream: 0). */
  jobTtlSeconds: 600,
} as const;

const UPSTREAM_NS = 'ingress-nginx';
const NAME = 'ingress-nginx';
const CONTROLLER = 'ingress-nginx-controller';
const ADMISSION = 'ingress-nginx-admission';
const WEBHOOK_ARG = /^--validating-webhook/;

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

/** Upstream grants the admission Jobs get/update on every webhook configuration and get on every Secret; ours only on their own. */
function narrowAdmissionRules(o: Mutable): Mutable {
  if (o.kind === 'ClusterRole') {
    o.rules = [{ apiGroups: ['admissionregistration.k8s.io'], resources: ['validatingwebhookconfigurations'], resourceNames: [ADMISSION], verbs: ['get', 'update'] }];
  } else {
    // create cannot be narrowed by name: the Secret does not exist yet.
    o.rules = [
      { apiGroups: [''], resources: ['secrets'], resourceNames: [ADMISSION], verbs: ['get'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
    ];
  }
  return o;
}

export function renderIngressNginx(plan: ClusterNetwork, options: IngressNginxOptions = {}): IngressNginxObjects {
  const ns = options.namespace ?? INGRESS_NGINX_DEFAULTS.namespace;
  const className = options.ingressClassName ?? INGRESS_NGINX_DEFAULTS.ingressClassName;
  const exposure = options.exposure ?? ServiceExposure.NODE_PORT;
  const nodePorts = options.nodePorts ?? DEFAULT_NODE_PORTS;
  const webhook = options.admissionWebhook === true;
  // The manifest of the exposure: NodePort → baremetal (no --publish-service), LoadBalancer → cloud.
  const data = exposure === ServiceExposure.LOAD_BALANCER ? cloud : baremetal;
  const origin = `lib/upstream/ingress-nginx/${data.source.tag}/${exposure === ServiceExposure.LOAD_BALANCER ? 'cloud' : 'baremetal'}-deploy.json`;
  const up = (kind: string, name: string) => withManagedBy(inNamespace(upstreamObject(data.objects, kind, name, origin), UPSTREAM_NS, ns));

  const namespace = up('Namespace', UPSTREAM_NS);
  namespace.metadata.name = ns;
  // Restricted Pod Security (upstream labels none): the controller and the Jobs run as non-root, all capabilities dropped.
  namespace.metadata.labels = { ...namespace.metadata.labels, 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted' };

  // Upstream leaves data empty; on a plan without IPv6 say so, so nginx does not listen on [::].
  const configMap = up('ConfigMap', CONTROLLER);
  if (plan.hasFamily(IpFamily.IPV6)) delete configMap.data;
  else configMap.data = { 'disable-ipv6': 'true' };

  const service = dualStackFromUpstream(plan, up('Service', CONTROLLER), {
    namespace: ns,
    type: exposure,
    ipFamilyPolicy: options.ipFamilyPolicy,
    ipFamily: options.ipFamily,
    nodePorts: exposure === ServiceExposure.NODE_PORT ? { http: nodePorts.http, https: nodePorts.https } : undefined,
  });

  const deployment = up('Deployment', CONTROLLER);
  if (options.replicas !== undefined) deployment.spec.replicas = options.replicas;
  const pod = deployment.spec.template.spec;
  // Pod-level restricted context (upstream sets it per container only), so the namespace's enforce label admits the pod.
  pod.securityContext = restrictedPodSecurityContext({ runAsUser: 101, runAsGroup: 82 });
  const c = pod.containers[0];
  c.image = options.image ?? INGRESS_NGINX_IMAGE;
  c.args = (c.args as string[]).map((a) => (a.startsWith('--ingress-class=') ? `--ingress-class=${className}` : a));
  if (!webhook) {
    c.args = (c.args as string[]).filter((a) => !WEBHOOK_ARG.test(a));
    c.ports = (c.ports as Mutable[]).filter((p) => p.name !== 'webhook');
    delete c.volumeMounts;
    delete pod.volumes;
  }

  const ingressClass = up('IngressClass', 'nginx');
  ingressClass.metadata.name = className;

  return {
    namespace: namespace as KubeObject,
    serviceAccount: up('ServiceAccount', NAME) as KubeObject,
    clusterRole: up('ClusterRole', NAME) as KubeObject,
    clusterRoleBinding: up('ClusterRoleBinding', NAME) as KubeObject,
    role: up('Role', NAME) as KubeObject,
    roleBinding: up('RoleBinding', NAME) as KubeObject,
    configMap: configMap as KubeObject,
    service,
    deployment: deployment as KubeObject,
    ingressClass: ingressClass as KubeObject,
    admission: webhook ? renderAdmission(plan, ns, options, up) : [],
  };
}

function renderAdmission(plan: ClusterNetwork, ns: string, options: IngressNginxOptions, up: (kind: string, name: string) => Mutable): KubeObject[] {
  const svc = dualStackFromUpstream(plan, up('Service', `${CONTROLLER}-admission`), { namespace: ns, type: 'ClusterIP', ipFamilyPolicy: options.ipFamilyPolicy, ipFamily: options.ipFamily });
  const job = (name: string) => {
    const j = up('Job', name);
    // Upstream 0 deletes the pods at once; keep them a while for `kubectl logs`.
    j.spec.ttlSecondsAfterFinished = INGRESS_NGINX_DEFAULTS.jobTtlSeconds;
    const pod = j.spec.template.spec;
    pod.securityContext = restrictedPodSecurityContext({ runAsUser: 65532, runAsGroup: 65532 });
    for (const c of pod.containers) {
      c.image = INGRESS_NGINX_CERTGEN_IMAGE;
      c.resources = { requests: { cpu: '10m', memory: '20Mi' } };
    }
    return j;
  };
  const webhookConfig = up('ValidatingWebhookConfiguration', ADMISSION);
  for (const w of webhookConfig.webhooks) if (w.clientConfig?.service) w.clientConfig.service.namespace = ns;
  return [
    up('ServiceAccount', ADMISSION),
    narrowAdmissionRules(up('ClusterRole', ADMISSION)),
    up('ClusterRoleBinding', ADMISSION),
    narrowAdmissionRules(up('Role', ADMISSION)),
    up('RoleBinding', ADMISSION),
    svc,
    job(`${ADMISSION}-create`),
    // Retries (restartPolicy OnFailure, upstream) until the create Job has written the Secret: the
    // ordering Helm hooks give the chart.
    job(`${ADMISSION}-patch`),
    webhookConfig,
  ] as KubeObject[];
}

/** All objects in apply order (namespace and RBAC before the workload). */
export function ingressNginxObjectList(o: IngressNginxObjects): KubeObject[] {
  return [o.namespace, o.serviceAccount, o.clusterRole, o.clusterRoleBinding, o.role, o.roleBinding, o.configMap, o.service, o.deployment, o.ingressClass, ...o.admission];
}
