/**
 * The object policy: the secure defaults of the project (DESIGN, "Secure defaults") as checks on
 * plain Kubernetes objects. Each rule names the third-party checks it mirrors; the check names
 * are those of kube-linter's docs/generated/checks.md, Polaris' checks/*.yaml, kube-score's
 * README_CHECKS.md and the Pod Security admission check IDs
 * (k8s.io/pod-security-admission/policy/check_*.go).
 */
import { imageTagProblem } from '../k8s/images';
import { PRIVILEGE_REASON_ANNOTATION, SECCOMP_FIELD_SINCE, SECCOMP_POD_ANNOTATION } from '../k8s/security';
import { gateEnabled, KubernetesVersion } from '../plan/version';
import { containersOf, key, PodTemplate, podTemplateOf } from './pods';
import { MirroredCheck, PolicyTool, Privilege, PrivilegedWorkload } from './types';
import { FEATURE_GATES } from '../plan/timeline/gates';

/** What a rule reports before the object is attached. */
export interface PolicyRuleHit {
  readonly path: string;
  readonly message: string;
  readonly fix: string;
}

/** What every rule sees besides the object. */
export interface PolicyRuleContext {
  /** Undefined: the newest version (every field exists). */
  readonly version?: KubernetesVersion;
  readonly privilegedWorkloads: readonly PrivilegedWorkload[];
  /** `pod-security.kubernetes.io/enforce` of every Namespace among the objects. */
  readonly enforceLevels: ReadonlyMap<string, string>;
}

export interface PolicyRuleDefinition {
  readonly id: string;
  readonly description: string;
  readonly mirrors: readonly MirroredCheck[];
  readonly check: (o: any, ctx: PolicyRuleContext) => PolicyRuleHit[];
}

const m = (tool: PolicyTool, check: string): MirroredCheck => ({ tool, check });
const { KUBE_LINTER, KUBE_SCORE, POLARIS, POD_SECURITY, KUBERNETES_DOCS } = PolicyTool;
const q = (v: unknown): string => JSON.stringify(v);
const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);

/** Capabilities Restricted lets a container add (Pod Security Standards, "Capabilities (v1.22+)"). */
const RESTRICTED_ADDABLE = new Set(['NET_BIND_SERVICE']);
/** Volume types Restricted allows (pod-security-admission check_restrictedVolumes.go). */
const RESTRICTED_VOLUMES = new Set(['configMap', 'downwardAPI', 'emptyDir', 'projected', 'secret', 'csi', 'persistentVolumeClaim', 'ephemeral', 'image']);
const SECCOMP_OK = new Set(['RuntimeDefault', 'Localhost']);
/** Before 1.19 the seccomp profile was an annotation (pod-security-admission check_seccompProfile_restricted.go, < 1.19). */
const SECCOMP_ANNOTATION = SECCOMP_POD_ANNOTATION;
const SECCOMP_ANNOTATION_OK = /^(runtime\/default|docker\/default|localhost\/.+)$/;

function allowanceOf(o: any, ctx: PolicyRuleContext): PrivilegedWorkload | undefined {
  return ctx.privilegedWorkloads.find((w) => w.kind === o.kind && w.name === o.metadata?.name && w.namespace === (o.metadata?.namespace ?? 'default'));
}

/** Every privilege beyond Restricted a pod uses, with the field that asks for it. */
export function privilegesUsed(pod: PodTemplate): Array<{ privilege: Privilege | string; path: string }> {
  const out: Array<{ privilege: Privilege | string; path: string }> = [];
  for (const f of [Privilege.HOST_NETWORK, Privilege.HOST_PID, Privilege.HOST_IPC]) if (pod.spec[f] === true) out.push({ privilege: f, path: `${pod.specPath}.${f}` });
  arr(pod.spec.volumes).forEach((v: any, i: number) => {
    if (v?.hostPath) out.push({ privilege: Privilege.HOST_PATH, path: `${pod.specPath}.volumes[${i}].hostPath` });
  });
  for (const { container: c, path } of containersOf(pod)) {
    if (c.securityContext?.privileged === true) out.push({ privilege: Privilege.PRIVILEGED, path: `${path}.securityContext.privileged` });
    arr(c.securityContext?.capabilities?.add).forEach((cap: string, i: number) => {
      if (!RESTRICTED_ADDABLE.has(cap)) out.push({ privilege: cap, path: `${path}.securityContext.capabilities.add[${i}]` });
    });
    arr(c.ports).forEach((p: any, i: number) => {
      if (p?.hostPort) out.push({ privilege: Privilege.HOST_PORTS, path: `${path}.ports[${i}].hostPort` });
    });
  }
  return out;
}

/** Pods that are allow-listed and use a privilege are held to their allowance, not to Restricted. */
function isPrivilegedWorkload(o: any, pod: PodTemplate, ctx: PolicyRuleContext): boolean {
  return allowanceOf(o, ctx) !== undefined && privilegesUsed(pod).length > 0;
}

function podRule(fn: (o: any, pod: PodTemplate, ctx: PolicyRuleContext) => PolicyRuleHit[]): (o: any, ctx: PolicyRuleContext) => PolicyRuleHit[] {
  return (o, ctx) => {
    const pod = podTemplateOf(o);
    return pod ? fn(o, pod, ctx) : [];
  };
}

function restrictedRule(fn: (o: any, pod: PodTemplate, ctx: PolicyRuleContext) => PolicyRuleHit[]): (o: any, ctx: PolicyRuleContext) => PolicyRuleHit[] {
  return podRule((o, pod, ctx) => (isPrivilegedWorkload(o, pod, ctx) ? [] : fn(o, pod, ctx)));
}

export const POLICY_RULES: readonly PolicyRuleDefinition[] = [
  {
    id: 'rbac-no-wildcards',
    description: 'RBAC rules list their apiGroups, resources and verbs: no `*`.',
    mirrors: [m(KUBE_LINTER, 'wildcard-in-rules')],
    check: (o) => {
      if (o.kind !== 'ClusterRole' && o.kind !== 'Role') return [];
      const hits: PolicyRuleHit[] = [];
      arr(o.rules).forEach((r: any, i: number) => {
        for (const f of ['apiGroups', 'resources', 'verbs']) {
          arr(r?.[f]).forEach((v: unknown, j: number) => {
            if (typeof v === 'string' && v.includes('*')) {
              hits.push({ path: `.rules[${i}].${f}[${j}]`, message: `${q(v)}: a wildcard in RBAC ${f} grants everything that exists now and every ${f === 'verbs' ? 'verb' : 'resource'} added later (CIS 5.1.3)`, fix: `list the ${f} the component needs` });
            }
          });
        }
      });
      return hits;
    },
  },
  {
    id: 'rbac-no-cluster-admin',
    description: 'No binding to the cluster-admin ClusterRole.',
    mirrors: [m(KUBE_LINTER, 'cluster-admin-role-binding'), m(POLARIS, 'clusterrolebindingClusterAdmin'), m(POLARIS, 'rolebindingClusterAdminClusterRole')],
    check: (o) =>
      (o.kind === 'ClusterRoleBinding' || o.kind === 'RoleBinding') && o.roleRef?.kind === 'ClusterRole' && o.roleRef?.name === 'cluster-admin'
        ? [{ path: '.roleRef.name', message: `"cluster-admin": binding the superuser role gives its subjects every permission in the ${o.kind === 'RoleBinding' ? 'namespace' : 'cluster'} (CIS 5.1.1)`, fix: 'bind a role listing only the permissions the subjects need' }]
        : [],
  },
  {
    id: 'image-pinned',
    description: 'Every container image carries a version tag or a digest, never `latest`.',
    mirrors: [m(KUBE_LINTER, 'latest-tag'), m(KUBE_SCORE, 'container-image-tag'), m(POLARIS, 'tagNotSpecified')],
    check: podRule((_o, pod) =>
      containersOf(pod).flatMap(({ container: c, path }) => {
        const p = imageTagProblem(c.image);
        return p ? [{ path: `${path}.image`, message: `${q(c.image)} ${p}: the node runs whatever the registry serves that day`, fix: 'pin a version tag (and preferably a digest)' }] : [];
      }),
    ),
  },
  {
    id: 'resource-requests',
    description: 'Every container, init containers included, requests CPU and memory.',
    mirrors: [m(KUBE_LINTER, 'unset-cpu-requirements'), m(KUBE_LINTER, 'unset-memory-requirements'), m(KUBE_SCORE, 'container-resources'), m(POLARIS, 'cpuRequestsMissing'), m(POLARIS, 'memoryRequestsMissing')],
    check: podRule((_o, pod) =>
      containersOf(pod)
        .filter(({ path }) => !path.includes('.ephemeralContainers['))
        .flatMap(({ container: c, path }) =>
          ['cpu', 'memory']
            .filter((r) => c.resources?.requests?.[r] === undefined)
            .map((r) => ({ path: `${path}.resources.requests.${r}`, message: `container ${q(c.name)} has no ${r} request: the scheduler places it as if it needed none`, fix: `set resources.requests.${r}` })),
        ),
    ),
  },
  {
    id: 'privilege-allow-list',
    description: 'privileged, host namespaces, hostPath, hostPorts and added capabilities (NET_ADMIN, SYS_ADMIN …) only for allow-listed workloads (CNI, host preparation, kube-proxy), and only the privileges listed for them.',
    mirrors: [
      m(KUBE_LINTER, 'privileged-container'), m(KUBE_LINTER, 'host-network'), m(KUBE_LINTER, 'host-pid'), m(KUBE_LINTER, 'host-ipc'), m(KUBE_LINTER, 'sensitive-host-mounts'),
      m(KUBE_SCORE, 'container-security-context-privileged'),
      m(POLARIS, 'runAsPrivileged'), m(POLARIS, 'hostNetworkSet'), m(POLARIS, 'hostPIDSet'), m(POLARIS, 'hostIPCSet'), m(POLARIS, 'hostPortSet'), m(POLARIS, 'dangerousCapabilities'), m(POLARIS, 'insecureCapabilities'),
      m(POD_SECURITY, 'privileged'), m(POD_SECURITY, 'hostNamespaces'), m(POD_SECURITY, 'hostPathVolumes'), m(POD_SECURITY, 'hostPorts'), m(POD_SECURITY, 'capabilities_baseline'),
    ],
    check: podRule((o, pod, ctx) => {
      const allowance = allowanceOf(o, ctx);
      return privilegesUsed(pod)
        .filter((u) => !allowance?.privileges.includes(u.privilege as Privilege))
        .map((u) => ({
          path: u.path,
          message: allowance
            ? `${q(u.privilege)}: ${o.kind} ${o.metadata?.namespace}/${o.metadata?.name} is allow-listed for ${allowance.privileges.join(', ')} only`
            : `${q(u.privilege)}: only allow-listed workloads (CNI, host preparation, kube-proxy) may run beyond Pod Security Restricted`,
          fix: allowance ? `drop ${u.privilege}, or add it to the workload's allowance with the reason` : `remove ${u.privilege}; if the workload truly programs the node, add it to privilegedWorkloads and annotate its pod template with ${PRIVILEGE_REASON_ANNOTATION}`,
        }));
    }),
  },
  {
    id: 'privilege-reason',
    description: `A workload using privileges carries the reason annotation ${PRIVILEGE_REASON_ANNOTATION} on its pod template, and does not run in a namespace whose Pod Security admission would refuse it.`,
    mirrors: [m(POD_SECURITY, 'privileged'), m(KUBERNETES_DOCS, 'pod-security-admission#pod-security-admission-labels-for-namespaces')],
    check: podRule((o, pod, ctx) => {
      if (privilegesUsed(pod).length === 0) return [];
      const hits: PolicyRuleHit[] = [];
      const reason = pod.metadata?.annotations?.[PRIVILEGE_REASON_ANNOTATION];
      if (typeof reason !== 'string' || reason.trim().length === 0) {
        hits.push({ path: `${pod.metadataPath}.annotations${key(PRIVILEGE_REASON_ANNOTATION)}`, message: `${q(reason ?? null)}: a pod template that runs beyond Restricted must say why`, fix: `annotate the pod template with ${PRIVILEGE_REASON_ANNOTATION}: "<what on the node it needs and why>"` });
      }
      const level = ctx.enforceLevels.get(o.metadata?.namespace ?? 'default');
      if (level === 'restricted' || level === 'baseline') {
        hits.push({ path: '.metadata.namespace', message: `${q(o.metadata?.namespace)} enforces Pod Security ${q(level)}, which refuses this privileged pod`, fix: 'run it in a namespace labelled pod-security.kubernetes.io/enforce: privileged' });
      }
      return hits;
    }),
  },
  {
    id: 'restricted-run-as-non-root',
    description: 'runAsNonRoot true (pod or every container) and never runAsUser 0.',
    mirrors: [m(KUBE_LINTER, 'run-as-non-root'), m(KUBE_SCORE, 'container-security-context-user-group-id'), m(POLARIS, 'runAsRootAllowed'), m(POD_SECURITY, 'runAsNonRoot'), m(POD_SECURITY, 'runAsUser')],
    check: restrictedRule((_o, pod) => {
      const podNonRoot = pod.spec.securityContext?.runAsNonRoot === true;
      const hits: PolicyRuleHit[] = [];
      if (pod.spec.securityContext?.runAsUser === 0) hits.push({ path: `${pod.specPath}.securityContext.runAsUser`, message: '0: the pod runs as root', fix: 'run as a non-zero UID' });
      for (const { container: c, path } of containersOf(pod)) {
        const sc = c.securityContext ?? {};
        if (sc.runAsNonRoot === false || (!podNonRoot && sc.runAsNonRoot !== true)) {
          hits.push({ path: `${path}.securityContext.runAsNonRoot`, message: `${q(sc.runAsNonRoot ?? null)} on container ${q(c.name)}: Restricted requires runAsNonRoot true (pod or container)`, fix: 'set securityContext.runAsNonRoot: true' });
        }
        if (sc.runAsUser === 0) hits.push({ path: `${path}.securityContext.runAsUser`, message: `0 on container ${q(c.name)}: runs as root`, fix: 'run as a non-zero UID' });
      }
      return hits;
    }),
  },
  {
    id: 'restricted-no-privilege-escalation',
    description: 'allowPrivilegeEscalation false on every container.',
    mirrors: [m(KUBE_LINTER, 'privilege-escalation-container'), m(POLARIS, 'privilegeEscalationAllowed'), m(POD_SECURITY, 'allowPrivilegeEscalation')],
    check: restrictedRule((_o, pod) =>
      containersOf(pod)
        .filter(({ container: c }) => c.securityContext?.allowPrivilegeEscalation !== false)
        .map(({ container: c, path }) => ({ path: `${path}.securityContext.allowPrivilegeEscalation`, message: `${q(c.securityContext?.allowPrivilegeEscalation ?? null)} on container ${q(c.name)}: Restricted requires false (unset means true)`, fix: 'set securityContext.allowPrivilegeEscalation: false' })),
    ),
  },
  {
    id: 'restricted-capabilities',
    description: 'Every container drops ALL capabilities (adding back only NET_BIND_SERVICE, checked by privilege-allow-list).',
    mirrors: [m(KUBE_LINTER, 'drop-net-raw-capability'), m(POLARIS, 'insecureCapabilities'), m(POD_SECURITY, 'capabilities_restricted')],
    check: restrictedRule((_o, pod) =>
      containersOf(pod)
        .filter(({ container: c }) => !arr(c.securityContext?.capabilities?.drop).includes('ALL'))
        .map(({ container: c, path }) => ({ path: `${path}.securityContext.capabilities.drop`, message: `${q(c.securityContext?.capabilities?.drop ?? null)} on container ${q(c.name)}: Restricted requires dropping ALL`, fix: 'set securityContext.capabilities.drop: ["ALL"]' })),
    ),
  },
  {
    id: 'restricted-seccomp',
    description: `seccompProfile RuntimeDefault or Localhost on the pod or on every container (before ${SECCOMP_FIELD_SINCE}: the seccomp annotation).`,
    mirrors: [m(POD_SECURITY, 'seccompProfile_restricted')],
    check: restrictedRule((_o, pod, ctx) => {
      if (ctx.version?.before(SECCOMP_FIELD_SINCE)) {
        // The field does not exist before 1.19: an API server of that era drops it silently.
        const a = pod.metadata?.annotations?.[SECCOMP_ANNOTATION];
        return typeof a === 'string' && SECCOMP_ANNOTATION_OK.test(a)
          ? []
          : [{ path: `${pod.metadataPath}.annotations${key(SECCOMP_ANNOTATION)}`, message: `${q(a ?? null)}: before Kubernetes ${SECCOMP_FIELD_SINCE} the seccomp profile is this annotation (a seccompProfile field is dropped by the API server)`, fix: `annotate the pod template with ${SECCOMP_ANNOTATION}: runtime/default` }];
      }
      const podType = pod.spec.securityContext?.seccompProfile?.type;
      const hits: PolicyRuleHit[] = [];
      if (podType !== undefined && !SECCOMP_OK.has(podType)) hits.push({ path: `${pod.specPath}.securityContext.seccompProfile.type`, message: `${q(podType)}: Restricted allows RuntimeDefault or Localhost`, fix: 'use RuntimeDefault' });
      for (const { container: c, path } of containersOf(pod)) {
        const t = c.securityContext?.seccompProfile?.type;
        if (t !== undefined ? !SECCOMP_OK.has(t) : !SECCOMP_OK.has(podType)) {
          hits.push({ path: `${path}.securityContext.seccompProfile.type`, message: `${q(t ?? null)} on container ${q(c.name)} (pod: ${q(podType ?? null)}): Restricted requires RuntimeDefault or Localhost`, fix: 'set securityContext.seccompProfile.type: RuntimeDefault on the pod' });
        }
      }
      return hits;
    }),
  },
  {
    id: 'restricted-volume-types',
    description: 'Only the volume types Restricted allows (hostPath is checked by privilege-allow-list).',
    mirrors: [m(POD_SECURITY, 'restrictedVolumes')],
    check: restrictedRule((_o, pod) =>
      arr(pod.spec.volumes).flatMap((v: any, i: number) => {
        const type = Object.keys(v ?? {}).find((k) => k !== 'name');
        return type && type !== 'hostPath' && !RESTRICTED_VOLUMES.has(type)
          ? [{ path: `${pod.specPath}.volumes[${i}].${type}`, message: `${q(type)} volume ${q(v.name)}: Restricted allows ${[...RESTRICTED_VOLUMES].join(', ')}`, fix: 'use one of the allowed volume types' }]
          : [];
      }),
    ),
  },
  {
    id: 'namespace-pod-security-label',
    description: 'Every Namespace carries pod-security.kubernetes.io/enforce with a Pod Security level.',
    mirrors: [m(KUBERNETES_DOCS, 'pod-security-admission#pod-security-admission-labels-for-namespaces')],
    check: (o) => {
      if (o.kind !== 'Namespace') return [];
      const v = o.metadata?.labels?.['pod-security.kubernetes.io/enforce'];
      return ['privileged', 'baseline', 'restricted'].includes(v)
        ? []
        : [{ path: '.metadata.labels["pod-security.kubernetes.io/enforce"]', message: `${q(v ?? null)}: a namespace without an enforce level takes the cluster default (usually privileged)`, fix: 'label it pod-security.kubernetes.io/enforce: restricted (or privileged for a CNI / host namespace)' }];
    },
  },
  {
    id: 'job-ttl',
    description: `Jobs set ttlSecondsAfterFinished (from ${FEATURE_GATES.TTLAfterFinished.defaultOn}, when the field became beta and on by default).`,
    mirrors: [m(KUBERNETES_DOCS, 'concepts/workloads/controllers/ttlafterfinished')],
    check: (o, ctx) =>
      o.kind === 'Job' && o.spec?.ttlSecondsAfterFinished === undefined && (ctx.version === undefined || gateEnabled('TTLAfterFinished', ctx.version))
        ? [{ path: '.spec.ttlSecondsAfterFinished', message: `unset on Job ${q(o.metadata?.name)}: the finished Job and its pods stay forever`, fix: 'set spec.ttlSecondsAfterFinished (e.g. 3600)' }]
        : [],
  },
];
