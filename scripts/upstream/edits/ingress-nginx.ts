/**
 * Every deliberate difference of our ingress-nginx install from controller-v1.15.1's static manifests
 * (both baremetal-deploy.yaml and cloud-deploy.yaml; the check compares with the admission webhook on,
 * so its objects are covered). docs/upstream-edits.md has the same rows.
 */
import type { Waiver } from '../lib/thirdparty-types';

const NS = 'Namespace/ingress-nginx';
const SVC = 'Service/ingress-nginx/ingress-nginx-controller';
const ADM_SVC = 'Service/ingress-nginx/ingress-nginx-controller-admission';
const DEP = 'Deployment/ingress-nginx/ingress-nginx-controller';
const JOB_CREATE = 'Job/ingress-nginx/ingress-nginx-admission-create';
const JOB_PATCH = 'Job/ingress-nginx/ingress-nginx-admission-patch';
const PSA = 'hardening: restricted Pod Security admits the controller and the Jobs (non-root, no capability but NET_BIND_SERVICE) and nothing looser';
const FAMILIES = 'dual-stack: the Service gets the plan\'s families (PreferDualStack, primary first) instead of IPv4 SingleStack';

const WEBHOOK_OFF =
  'admission webhook off by default (option admissionWebhook): upstream installs it with Helm hooks (cert Job before, patch Job after), an order plain manifests, cdk8s and Pulumi lack; until the patch Job injects the caBundle the failurePolicy Fail webhook refuses every Ingress write';
const ADMISSION_OBJECTS = [
  'ServiceAccount/ingress-nginx/ingress-nginx-admission',
  'ClusterRole/ingress-nginx-admission',
  'ClusterRoleBinding/ingress-nginx-admission',
  'Role/ingress-nginx/ingress-nginx-admission',
  'RoleBinding/ingress-nginx/ingress-nginx-admission',
  ADM_SVC,
  JOB_CREATE,
  JOB_PATCH,
  'ValidatingWebhookConfiguration/ingress-nginx-admission',
];

export const INGRESS_NGINX_EDITS: readonly Waiver[] = [
  ...ADMISSION_OBJECTS.map((object) => ({ object, field: '(object)', upstream: 'present', ours: 'rendered only with admissionWebhook: true', reason: WEBHOOK_OFF })),
  { object: DEP, field: 'containers[controller].args', upstream: '--validating-webhook=:8443, --validating-webhook-certificate, --validating-webhook-key', ours: 'without them unless admissionWebhook: true', reason: WEBHOOK_OFF },
  { object: DEP, field: 'containers[controller].ports[webhook]', upstream: '8443', ours: 'only with admissionWebhook: true', reason: WEBHOOK_OFF },
  { object: DEP, field: 'containers[controller].volumeMounts[/usr/local/certificates/]', upstream: 'webhook-cert', ours: 'only with admissionWebhook: true', reason: WEBHOOK_OFF },
  { object: DEP, field: 'pod.volumes[webhook-cert]', upstream: 'Secret ingress-nginx-admission', ours: 'only with admissionWebhook: true', reason: WEBHOOK_OFF },
  ...['enforce', 'audit', 'warn'].map((m) => ({ object: NS, field: `metadata.labels.pod-security.kubernetes.io/${m}`, upstream: '(none)', ours: 'restricted', reason: PSA })),
  { object: SVC, field: 'spec.ipFamilies', upstream: 'IPv4', ours: "the plan's families", reason: FAMILIES },
  { object: SVC, field: 'spec.ipFamilyPolicy', upstream: 'SingleStack', ours: 'PreferDualStack on a dual-stack plan', reason: FAMILIES },
  { object: SVC, field: 'spec.ports[http]', upstream: 'nodePort allocated', ours: 'nodePort 30080 (option nodePorts)', reason: 'fixed nodePorts the README and firewall rules can name (field report §7.1); NodePort only' },
  { object: SVC, field: 'spec.ports[https]', upstream: 'nodePort allocated', ours: 'nodePort 30443 (option nodePorts)', reason: 'fixed nodePorts the README and firewall rules can name (field report §7.1); NodePort only' },
  { object: ADM_SVC, field: 'spec.ipFamilies', upstream: '(apiserver default: primary family)', ours: "the plan's families", reason: FAMILIES },
  { object: ADM_SVC, field: 'spec.ipFamilyPolicy', upstream: '(apiserver default: SingleStack)', ours: 'PreferDualStack on a dual-stack plan', reason: FAMILIES },
  { object: DEP, field: 'pod.securityContext', upstream: '(none; set per container)', ours: 'runAsNonRoot, uid 101 / gid 82, seccomp RuntimeDefault', reason: PSA },
  ...[JOB_CREATE, JOB_PATCH].flatMap((job) => [
    { object: job, field: 'spec.ttlSecondsAfterFinished', upstream: '0', ours: '600', reason: 'keep the finished pods ten minutes for `kubectl logs` (upstream deletes them at once)' },
    { object: job, field: 'pod.securityContext', upstream: '(none; set per container)', ours: 'runAsNonRoot, uid/gid 65532, seccomp RuntimeDefault', reason: PSA },
    { object: job, field: `containers[${job.endsWith('create') ? 'create' : 'patch'}].resources`, upstream: '(none)', ours: 'requests cpu 10m, memory 20Mi', reason: 'every container has requests (project rule)' },
  ]),
  {
    object: 'ClusterRole/ingress-nginx-admission',
    field: 'rbac[admissionregistration.k8s.io/validatingwebhookconfigurations:get]',
    upstream: 'get on every ValidatingWebhookConfiguration',
    ours: 'get on ingress-nginx-admission only (resourceNames)',
    reason: 'least privilege: the patch Job reads only its own webhook configuration',
  },
  {
    object: 'ClusterRole/ingress-nginx-admission',
    field: 'rbac[admissionregistration.k8s.io/validatingwebhookconfigurations:update]',
    upstream: 'update on every ValidatingWebhookConfiguration',
    ours: 'update on ingress-nginx-admission only (resourceNames)',
    reason: 'least privilege: the patch Job writes the caBundle of its own webhook configuration only',
  },
  {
    object: 'Role/ingress-nginx/ingress-nginx-admission',
    field: 'rbac[core/secrets:get]',
    upstream: 'get on every Secret of the namespace',
    ours: 'get on ingress-nginx-admission only (create stays unnamed: the Secret does not exist yet)',
    reason: 'least privilege: the Jobs read only the certificate Secret they write',
  },
];
