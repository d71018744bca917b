/**
 * Every deliberate difference of our Kong install from KIC v3.5.13's kustomize base (config/base with
 * config/rbac and the kubernetes-configuration v1.5.2 CRDs); docs/upstream-edits.md has the same rows.
 * Plan-dependent values that equal upstream on the reference plan (IPv4-primary): KONG_ADMIN_LISTEN and
 * CONTROLLER_KONG_ADMIN_URL use the primary family's loopback (`[::1]` on an IPv6-primary plan),
 * KONG_STATUS_LISTEN the primary family's wildcard (`[::]:8100` there).
 */
import type { Waiver } from '../lib/thirdparty-types';

const NS = 'Namespace/kong';
const SVC = 'Service/kong/kong-proxy';
const DEP = 'Deployment/kong/ingress-kong';
const PSA = 'hardening: restricted Pod Security admits the Kong pod (uid 1000, nothing added) and nothing looser';
const FAMILIES = "dual-stack: the Service gets the plan's families (PreferDualStack, primary first)";
const RO_ROOT = 'hardening: read-only root filesystem; Kong writes its prefix (nginx config, sockets) and temp files there instead';

export const KONG_EDITS: readonly Waiver[] = [
  ...['enforce', 'audit', 'warn'].map((m) => ({ object: NS, field: `metadata.labels.pod-security.kubernetes.io/${m}`, upstream: '(none)', ours: 'restricted', reason: PSA })),
  { object: SVC, field: 'spec.ipFamilies', upstream: '(apiserver default: primary family)', ours: "the plan's families", reason: FAMILIES },
  { object: SVC, field: 'spec.ipFamilyPolicy', upstream: '(apiserver default: SingleStack)', ours: 'PreferDualStack on a dual-stack plan', reason: FAMILIES },
  { object: SVC, field: 'spec.type', upstream: 'LoadBalancer', ours: 'NodePort (option exposure)', reason: 'bare-metal default of the package (field report §7.2); ServiceExposure.LOAD_BALANCER gives upstream\'s type' },
  { object: SVC, field: 'spec.ports[proxy]', upstream: 'no nodePort', ours: 'nodePort 30080 (option nodePorts)', reason: 'fixed nodePorts the README and firewall rules can name; NodePort only' },
  { object: SVC, field: 'spec.ports[proxy-ssl]', upstream: 'no nodePort', ours: 'nodePort 30443 (option nodePorts)', reason: 'fixed nodePorts the README and firewall rules can name; NodePort only' },
  {
    object: 'Service/kong/kong-validation-webhook',
    field: '(object)',
    upstream: 'ClusterIP Service to the controller port 8080',
    ours: 'not rendered',
    reason: "unused: KIC's --admission-webhook-listen defaults to \"off\" (internal/manager/config.go) and the base installs no ValidatingWebhookConfiguration, so nothing listens behind it and nothing calls it",
  },
  { object: DEP, field: 'pod.securityContext', upstream: '(none)', ours: 'runAsNonRoot, uid/gid 1000, seccomp RuntimeDefault', reason: PSA },
  { object: DEP, field: 'pod.volumes[kong-prefix-dir]', upstream: '(none)', ours: 'emptyDir, sizeLimit 256Mi', reason: RO_ROOT },
  { object: DEP, field: 'pod.volumes[kong-tmp]', upstream: '(none)', ours: 'emptyDir, sizeLimit 1Gi', reason: RO_ROOT },
  { object: DEP, field: 'containers[proxy].volumeMounts[/kong_prefix/]', upstream: '(none)', ours: 'kong-prefix-dir', reason: RO_ROOT },
  { object: DEP, field: 'containers[proxy].volumeMounts[/tmp]', upstream: '(none)', ours: 'kong-tmp', reason: RO_ROOT },
  { object: DEP, field: 'containers[proxy].env[KONG_PREFIX]', upstream: '(image default /usr/local/kong)', ours: '/kong_prefix/', reason: RO_ROOT },
  {
    object: DEP,
    field: 'containers[proxy].env[KONG_PROXY_LISTEN]',
    upstream: '0.0.0.0:8000 …, 0.0.0.0:8443 http2 ssl … (IPv4 only)',
    ours: 'each port on every family of the plan, upstream\'s options kept: 0.0.0.0:8000 …, [::]:8000 …, 0.0.0.0:8443 http2 ssl …, [::]:8443 http2 ssl …',
    reason: 'dual-stack: without [::] listeners Kong refuses IPv6 clients (field report §7.2); built with formatHostPort',
  },
  {
    object: DEP,
    field: 'containers[proxy].env[KONG_ADMIN_GUI_LISTEN]',
    upstream: '(kong.conf default 0.0.0.0:8002, 0.0.0.0:8445 ssl)',
    ours: 'off',
    reason: 'least exposure: Kong Manager (bundled since Kong 3.4) is not used; its listener stays closed',
  },
  { object: DEP, field: 'containers[proxy].resources', upstream: '(none)', ours: 'requests cpu 100m, memory 128Mi', reason: 'every container has requests (project rule)' },
  { object: DEP, field: 'containers[proxy].securityContext', upstream: '(none)', ours: 'restricted: no privilege escalation, drop ALL, non-root, read-only root, seccomp RuntimeDefault', reason: PSA },
  { object: DEP, field: 'containers[ingress-controller].resources', upstream: '(none)', ours: 'requests cpu 50m, memory 64Mi', reason: 'every container has requests (project rule)' },
  { object: DEP, field: 'containers[ingress-controller].securityContext', upstream: '(none)', ours: 'restricted: no privilege escalation, drop ALL, non-root, read-only root, seccomp RuntimeDefault', reason: PSA },
];
