import { createHash } from 'crypto';
import { clusterRole, clusterRoleBinding, KubeObject, namespaceObject, PolicyRule, serviceAccount } from '../k8s/objects';
import { podSecurityLabels, restrictedContainerSecurityContext, restrictedPodSecurityContext, seccompFor } from '../k8s/security';
import { Address } from '../net/address';
import { formatHostPort } from '../net/host-port';
import type { ClusterNetwork } from '../plan/network';
import { IpFamily } from '../plan/spec';
import { hasPluralFamilyApi } from '../ingress/service-families';
import { SMOKE_TEST_SCRIPT, SMOKE_TEST_SCRIPT_KEY } from './check-script';
import { SMOKE_TEST_CHECKER_UID, SMOKE_TEST_IMAGES, SMOKE_TEST_WEB_PORT, SMOKE_TEST_WEB_UID } from './images';
import { SMOKE_TEST_DEFAULTS, SmokeTestOptions } from './options';
import { SmokeTestTarget } from './target';
import { ENDPOINT_SLICE_V1_SINCE, ENDPOINT_SLICE_V1BETA1_SINCE } from '../plan/timeline';

/**
 * A plain Kubernetes object as the renderer returns it (the shared `KubeObject`; the name stays for
 * the verify area's public API).
 */
export type SmokeTestKubeObject = KubeObject;

/** The smoke test's objects, by role. */
export interface SmokeTestObjects {
  /** Absent when `createNamespace` is false. */
  readonly namespace?: SmokeTestKubeObject;
  readonly serviceAccount: SmokeTestKubeObject;
  /** Cluster-scoped reads only: `nodes` (list). */
  readonly clusterRole: SmokeTestKubeObject;
  readonly clusterRoleBinding: SmokeTestKubeObject;
  /**
   * Namespaced reads, each in the namespace it is read in: the target's Services (by name), its
   * pods and EndpointSlices (list) in the target namespace, the checker's own pod (get) in the
   * Job's namespace — one Role when both are the same namespace.
   */
  readonly roles: readonly SmokeTestKubeObject[];
  /** One RoleBinding per Role, to the smoke test's ServiceAccount. */
  readonly roleBindings: readonly SmokeTestKubeObject[];
  /** The test workload's nginx.conf (absent when probing an existing Service). */
  readonly webConfigMap?: SmokeTestKubeObject;
  /** The test workload (absent when probing an existing Service). */
  readonly deployment?: SmokeTestKubeObject;
  /** The test Service(s): one dual-stack Service, or one per family before Kubernetes 1.20. */
  readonly services: readonly SmokeTestKubeObject[];
  readonly scriptConfigMap: SmokeTestKubeObject;
  readonly job: SmokeTestKubeObject;
}

/** Where the script ConfigMap is mounted in the checker container. */
export const SMOKE_TEST_SCRIPT_MOUNT_PATH = '/opt/dualstack-smoke';

/** Annotation on the Job's pod template: the SHA-256 of the check script it runs. */
export const SMOKE_TEST_SCRIPT_HASH_ANNOTATION = 'k8s-dualstack.io/script-sha256';

/** Resolved options: every default applied. */
export interface ResolvedSmokeTest {
  readonly name: string;
  readonly namespace: string;
  readonly createNamespace: boolean;
  readonly target: SmokeTestTarget;
  readonly checkNodePort: boolean;
  readonly image: string;
  readonly ttlSecondsAfterFinished: number;
  readonly backoffLimit: number;
  readonly waitSeconds: number;
  readonly httpTimeoutSeconds: number;
}

export function resolveSmokeTest(options: SmokeTestOptions = {}): ResolvedSmokeTest {
  return {
    name: options.name ?? SMOKE_TEST_DEFAULTS.NAME,
    namespace: options.namespace ?? SMOKE_TEST_DEFAULTS.NAMESPACE,
    createNamespace: options.createNamespace ?? true,
    target: options.target ?? SmokeTestTarget.testWorkload(),
    checkNodePort: options.checkNodePort ?? false,
    image: options.image ?? SMOKE_TEST_IMAGES.CHECKER,
    ttlSecondsAfterFinished: options.ttlSecondsAfterFinished ?? SMOKE_TEST_DEFAULTS.TTL_SECONDS_AFTER_FINISHED,
    backoffLimit: options.backoffLimit ?? SMOKE_TEST_DEFAULTS.BACKOFF_LIMIT,
    waitSeconds: options.waitSeconds ?? SMOKE_TEST_DEFAULTS.WAIT_SECONDS,
    httpTimeoutSeconds: options.httpTimeoutSeconds ?? SMOKE_TEST_DEFAULTS.HTTP_TIMEOUT_SECONDS,
  };
}

// --- version facts the objects depend on (checked with search; see the report) ---

/**
 * `spec.ipFamilies` / `ipFamilyPolicy` / `clusterIPs` exist from 1.20 (the dual-stack API
 * redesign); 1.16–1.19 had the alpha `spec.ipFamily` (one family per Service), so a dual-stack
 * check there needs one Service per family, as the field report did (`ipFamily: IPv6`).
 */
export function usesAlphaServiceApi(plan: ClusterNetwork): boolean {
  return !hasPluralFamilyApi(plan);
}

/**
 * `spec.ttlSecondsAfterFinished` of a Job: TTLAfterFinished alpha 1.12 (off by default: the API
 * server refuses the field with "Forbidden: disabled by feature-gate"), beta and on 1.21, GA 1.23
 * (KEP-592).
 */
export function supportsJobTtl(plan: ClusterNetwork): boolean {
  return plan.gate('TTLAfterFinished');
}

/**
 * EndpointSlice API for the version: discovery.k8s.io/v1 from 1.21, v1beta1 from 1.17 (served
 * until 1.25), none before (alpha in 1.16, off by default): the check then skips EndpointSlices.
 */
export function endpointSliceApi(plan: ClusterNetwork): string {
  if (plan.version.atLeast(ENDPOINT_SLICE_V1_SINCE)) return 'discovery.k8s.io/v1';
  if (plan.version.atLeast(ENDPOINT_SLICE_V1BETA1_SINCE)) return 'discovery.k8s.io/v1beta1';
  return '';
}


function labels(name: string, component: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/part-of': 'k8s-dualstack',
  };
}

/** Pod-level Restricted settings; seccomp as a field (1.19+) or as the alpha annotation. */
function podSecurity(plan: ClusterNetwork, uid: number): { securityContext: Record<string, unknown>; annotations: Record<string, string> } {
  const seccomp = seccompFor(plan.version);
  const securityContext = restrictedPodSecurityContext({ runAsUser: uid, runAsGroup: uid, seccompProfile: seccomp.field });
  return { securityContext, annotations: seccomp.annotations };
}

function containerSecurity(plan: ClusterNetwork, uid: number): Record<string, unknown> {
  return restrictedContainerSecurityContext({ readOnlyRootFilesystem: true, runAsUser: uid, seccompProfile: seccompFor(plan.version).field });
}

/** `::`, built from its value rather than parsed from text. */
const IPV6_UNSPECIFIED = Address.fromBigInt(0n, 6);

function familySuffix(family: IpFamily): string {
  return family === IpFamily.IPV4 ? 'ipv4' : 'ipv6';
}

/** The test workload's Service names, in the plan's family order. */
export function testServiceNames(plan: ClusterNetwork, r: ResolvedSmokeTest): string[] {
  const base = `${r.name}-web`;
  if (usesAlphaServiceApi(plan) && plan.isDualStack) return plan.families.map((f) => `${base}-${familySuffix(f)}`);
  return [base];
}

/**
 * nginx.conf of the test workload: one listener per family of the plan. An IPv4-only listener
 * behind a dual-stack Service is the classic half-working setup (the IPv6 ClusterIP resets); an
 * IPv6 listener on a node booted with ipv6.disable=1 would keep nginx from starting at all.
 */
export function renderNginxConf(plan: ClusterNetwork): string {
  // IPv4 as a bare port (nginx's default address); IPv6 needs its wildcard, bracketed by formatHostPort.
  const listen = plan.families.map((f) => (f === IpFamily.IPV4 ? `    listen ${SMOKE_TEST_WEB_PORT};` : `    listen ${formatHostPort(IPV6_UNSPECIFIED, SMOKE_TEST_WEB_PORT)};`));
  return [
    '# k8s-dualstack smoke test web server (read-only root filesystem: every writable path is /tmp).',
    'worker_processes 1;',
    'pid /tmp/nginx.pid;',
    'error_log /dev/stderr warn;',
    'events {',
    '  worker_connections 256;',
    '}',
    'http {',
    '  client_body_temp_path /tmp/client_temp;',
    '  proxy_temp_path /tmp/proxy_temp;',
    '  fastcgi_temp_path /tmp/fastcgi_temp;',
    '  uwsgi_temp_path /tmp/uwsgi_temp;',
    '  scgi_temp_path /tmp/scgi_temp;',
    '  access_log /dev/stdout;',
    '  server {',
    ...listen,
    '    location / {',
    '      default_type text/plain;',
    '      return 200 "dualstack-smoke $server_addr\\n";',
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');
}

/** Addresses of the plan's nodes for the NodePort check: node order, the plan's family order. */
export function planNodeAddresses(plan: ClusterNetwork): string[] {
  const out: string[] = [];
  for (const n of plan.nodes) {
    for (const f of plan.families) {
      const a = f === IpFamily.IPV4 ? n.ipv4 : n.ipv6;
      if (a) out.push(a.address.withoutZone().toString());
    }
  }
  return out;
}

/** The Job's environment: everything the script reads, in a fixed order. */
export function smokeTestEnv(plan: ClusterNetwork, r: ResolvedSmokeTest): Array<Record<string, unknown>> {
  const t = r.target;
  const services = t.deploysWorkload ? testServiceNames(plan, r) : [t.name ?? ''];
  const env: Array<Record<string, unknown>> = [
    { name: 'EXPECT_FAMILIES', value: plan.families.join(',') },
    { name: 'TARGET_NAMESPACE', value: t.deploysWorkload ? r.namespace : t.namespace ?? '' },
    { name: 'TARGET_SERVICES', value: services.join(',') },
    { name: 'TARGET_PORT', value: String(t.port) },
    { name: 'CLUSTER_DOMAIN', value: plan.dnsDomain },
    { name: 'ENDPOINTSLICE_API', value: endpointSliceApi(plan) },
    { name: 'CHECK_NODE_PORT', value: String(r.checkNodePort) },
    { name: 'NODE_ADDRESSES', value: r.checkNodePort ? planNodeAddresses(plan).join(',') : '' },
    { name: 'WAIT_SECONDS', value: String(r.waitSeconds) },
    { name: 'HTTP_TIMEOUT_SECONDS', value: String(r.httpTimeoutSeconds) },
    { name: 'API_SERVER', value: 'https://kubernetes.default.svc' },
    { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
  ];
  return env;
}

export function scriptSha256(): string {
  return createHash('sha256').update(SMOKE_TEST_SCRIPT).digest('hex');
}

/**
 * Render the smoke test: plan + options → plain objects, by role. Pure; reads the plan, never
 * validates again (the construct reports `smokeTestFindings`).
 */
export function renderSmokeTestObjects(plan: ClusterNetwork, options: SmokeTestOptions = {}): SmokeTestObjects {
  const r = resolveSmokeTest(options);
  const ns = r.namespace;
  const checkerLabels = labels(r.name, 'checker');

  const namespace: SmokeTestKubeObject | undefined = r.createNamespace
    ? // Everything here runs under Pod Security Restricted.
      namespaceObject(ns, { ...podSecurityLabels('restricted'), 'app.kubernetes.io/part-of': 'k8s-dualstack' })
    : undefined;

  const sa = serviceAccount(r.name, ns, checkerLabels);

  // Exactly what the check script requests (check-script.ts readSnapshot), each where it is read:
  // GET /api/v1/nodes is the only cluster-scoped read, so the ClusterRole lists nodes and nothing else.
  const reader = clusterRole(`${r.name}-reader`, [{ apiGroups: [''], resources: ['nodes'], verbs: ['list'] }], checkerLabels);
  const readerBinding = clusterRoleBinding(`${r.name}-reader`, `${r.name}-reader`, r.name, ns, checkerLabels);
  const { roles, roleBindings } = smokeTestRoles(plan, r, checkerLabels);

  let webConfigMap: SmokeTestKubeObject | undefined;
  let deployment: SmokeTestKubeObject | undefined;
  const services: SmokeTestKubeObject[] = [];
  const t = r.target;
  if (t.deploysWorkload) {
    const webName = `${r.name}-web`;
    const webLabels = labels(r.name, 'web');
    const selector = { 'app.kubernetes.io/name': r.name, 'app.kubernetes.io/component': 'web' };
    webConfigMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: webName, namespace: ns, labels: webLabels },
      data: { 'nginx.conf': renderNginxConf(plan) },
    };
    const sec = podSecurity(plan, SMOKE_TEST_WEB_UID);
    deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: webName, namespace: ns, labels: webLabels },
      spec: {
        replicas: t.replicas,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels: webLabels, ...(Object.keys(sec.annotations).length ? { annotations: sec.annotations } : {}) },
          spec: {
            automountServiceAccountToken: false,
            securityContext: sec.securityContext,
            containers: [
              {
                name: 'web',
                image: t.image,
                // Bypass the image entrypoint: its scripts edit files under /etc/nginx, which is read-only here.
                command: ['nginx'],
                args: ['-g', 'daemon off;'],
                ports: [{ name: 'http', containerPort: SMOKE_TEST_WEB_PORT, protocol: 'TCP' }],
                readinessProbe: { httpGet: { path: '/', port: 'http' }, periodSeconds: 5 },
                resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
                securityContext: containerSecurity(plan, SMOKE_TEST_WEB_UID),
                volumeMounts: [
                  { name: 'config', mountPath: '/etc/nginx/nginx.conf', subPath: 'nginx.conf', readOnly: true },
                  { name: 'tmp', mountPath: '/tmp' },
                ],
              },
            ],
            volumes: [
              { name: 'config', configMap: { name: webName } },
              { name: 'tmp', emptyDir: { sizeLimit: '16Mi' } },
            ],
          },
        },
      },
    };
    const type = r.checkNodePort ? 'NodePort' : 'ClusterIP';
    const port = { name: 'http', port: t.port, targetPort: 'http', protocol: 'TCP', ...(r.checkNodePort && t.nodePort !== undefined ? { nodePort: t.nodePort } : {}) };
    if (usesAlphaServiceApi(plan)) {
      if (plan.isDualStack) {
        // 1.16–1.19: a Service has one family (alpha `spec.ipFamily`); one Service per family.
        for (const f of plan.families) {
          services.push({
            apiVersion: 'v1',
            kind: 'Service',
            metadata: { name: `${webName}-${familySuffix(f)}`, namespace: ns, labels: webLabels },
            spec: { type, ipFamily: f, selector, ports: [port] },
          });
        }
      } else {
        services.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: webName, namespace: ns, labels: webLabels }, spec: { type, selector, ports: [port] } });
      }
    } else {
      services.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: webName, namespace: ns, labels: webLabels },
        spec: {
          type,
          // PreferDualStack, not RequireDualStack: on a cluster that is not dual-stack yet the
          // Service is still created and the Job says which family is missing, instead of the
          // apply failing before any check ran.
          ipFamilyPolicy: plan.isDualStack ? 'PreferDualStack' : 'SingleStack',
          ipFamilies: [...plan.families],
          selector,
          ports: [port],
        },
      });
    }
  }

  const scriptConfigMap: SmokeTestKubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `${r.name}-script`, namespace: ns, labels: checkerLabels },
    data: { [SMOKE_TEST_SCRIPT_KEY]: SMOKE_TEST_SCRIPT },
  };

  const sec = podSecurity(plan, SMOKE_TEST_CHECKER_UID);
  const job: SmokeTestKubeObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: r.name, namespace: ns, labels: checkerLabels },
    spec: {
      backoffLimit: r.backoffLimit,
      // The wait for the target, the probes and a margin; a hung probe cannot keep the Job forever.
      activeDeadlineSeconds: r.waitSeconds + 300,
      ...(supportsJobTtl(plan) ? { ttlSecondsAfterFinished: r.ttlSecondsAfterFinished } : {}),
      template: {
        metadata: { labels: checkerLabels, annotations: { [SMOKE_TEST_SCRIPT_HASH_ANNOTATION]: scriptSha256(), ...sec.annotations } },
        spec: {
          serviceAccountName: r.name,
          restartPolicy: 'Never',
          securityContext: sec.securityContext,
          containers: [
            {
              name: 'check',
              image: r.image,
              command: ['node', `${SMOKE_TEST_SCRIPT_MOUNT_PATH}/${SMOKE_TEST_SCRIPT_KEY}`],
              env: smokeTestEnv(plan, r),
              resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } },
              securityContext: containerSecurity(plan, SMOKE_TEST_CHECKER_UID),
              volumeMounts: [{ name: 'script', mountPath: SMOKE_TEST_SCRIPT_MOUNT_PATH, readOnly: true }],
            },
          ],
          volumes: [{ name: 'script', configMap: { name: `${r.name}-script`, defaultMode: 0o444 } }],
        },
      },
    },
  };

  return { namespace, serviceAccount: sa, clusterRole: reader, clusterRoleBinding: readerBinding, roles, roleBindings, webConfigMap, deployment, services, scriptConfigMap, job };
}

function role(name: string, namespace: string, rules: readonly PolicyRule[], labels: Record<string, string>): SmokeTestKubeObject {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace, labels }, rules: rules.map((x) => ({ ...x })) };
}

function roleBinding(name: string, namespace: string, serviceAccountName: string, serviceAccountNamespace: string, labels: Record<string, string>): SmokeTestKubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name, namespace, labels },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    subjects: [{ kind: 'ServiceAccount', name: serviceAccountName, namespace: serviceAccountNamespace }],
  };
}

/**
 * The namespaced reads of the check script: in the target namespace, GET each target Service by
 * name (resourceNames narrows it), LIST pods by the Service's selector, LIST EndpointSlices by
 * `kubernetes.io/service-name` (where the version serves them); in the Job's namespace, GET the
 * checker's own pod (its name is generated, so no resourceNames). No watch anywhere: the script
 * polls.
 */
function smokeTestRoles(plan: ClusterNetwork, r: ResolvedSmokeTest, labels: Record<string, string>): { roles: SmokeTestKubeObject[]; roleBindings: SmokeTestKubeObject[] } {
  const t = r.target;
  const targetNamespace = t.deploysWorkload ? r.namespace : t.namespace ?? r.namespace;
  const services = t.deploysWorkload ? testServiceNames(plan, r) : [t.name ?? ''];
  const sliceApi = endpointSliceApi(plan);
  const same = targetNamespace === r.namespace;
  const targetRules: PolicyRule[] = [
    { apiGroups: [''], resources: ['services'], verbs: ['get'], resourceNames: services },
    { apiGroups: [''], resources: ['pods'], verbs: same ? ['get', 'list'] : ['list'] },
    ...(sliceApi ? [{ apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list'] }] : []),
  ];
  const name = `${r.name}-reader`;
  const roles = [role(name, targetNamespace, targetRules, labels)];
  const roleBindings = [roleBinding(name, targetNamespace, r.name, r.namespace, labels)];
  if (!same) {
    roles.push(role(`${r.name}-self`, r.namespace, [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }], labels));
    roleBindings.push(roleBinding(`${r.name}-self`, r.namespace, r.name, r.namespace, labels));
  }
  return { roles, roleBindings };
}

/** Render the smoke test as a list in apply order (namespace first, Job last). */
export function renderSmokeTest(plan: ClusterNetwork, options: SmokeTestOptions = {}): SmokeTestKubeObject[] {
  const o = renderSmokeTestObjects(plan, options);
  return [
    ...(o.namespace ? [o.namespace] : []),
    o.serviceAccount,
    o.clusterRole,
    o.clusterRoleBinding,
    ...o.roles,
    ...o.roleBindings,
    ...(o.webConfigMap ? [o.webConfigMap] : []),
    ...(o.deployment ? [o.deployment] : []),
    ...o.services,
    o.scriptConfigMap,
    o.job,
  ];
}
