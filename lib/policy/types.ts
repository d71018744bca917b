/**
 * Types of the object policy: what a violation says, which third-party check each rule mirrors,
 * and the options (target version, privileged allow-list, named exemptions).
 */

/** The linters and standards a rule mirrors. */
export enum PolicyTool {
  KUBE_LINTER = 'kube-linter',
  KUBE_SCORE = 'kube-score',
  POLARIS = 'polaris',
  /** Pod Security Standards, by the check ID of the Pod Security admission controller. */
  POD_SECURITY = 'pod-security-standards',
  /** A Kubernetes documentation page, where no linter has the check. */
  KUBERNETES_DOCS = 'kubernetes-docs',
}

/** One third-party check a rule mirrors (`{ tool: 'kube-linter', check: 'wildcard-in-rules' }`). */
export interface MirroredCheck {
  readonly tool: PolicyTool;
  readonly check: string;
}

/** The object a violation is about. */
export interface PolicyResource {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** One broken rule on one field of one object. */
export interface PolicyViolation {
  /** The rule id (`rbac-no-wildcards`). */
  readonly rule: string;
  readonly resource: PolicyResource;
  /** JSON path of the offending field inside the object (`.spec.template.spec.containers[0].image`). */
  readonly path: string;
  /** Names the field, quotes the value, states the rule. */
  readonly message: string;
  /** What to do. */
  readonly fix: string;
  readonly mirrors: readonly MirroredCheck[];
}

/** What a workload may use beyond Pod Security Restricted. */
export enum Privilege {
  PRIVILEGED = 'privileged',
  HOST_NETWORK = 'hostNetwork',
  HOST_PID = 'hostPID',
  HOST_IPC = 'hostIPC',
  HOST_PATH = 'hostPath',
  HOST_PORTS = 'hostPorts',
  NET_ADMIN = 'NET_ADMIN',
  NET_RAW = 'NET_RAW',
  SYS_ADMIN = 'SYS_ADMIN',
  SYS_MODULE = 'SYS_MODULE',
  // Further Linux capabilities, as the Cilium agent's containers add them (cilium 1.19.6 chart
  // values.yaml securityContext.capabilities.ciliumAgent / mountCgroup / applySysctlOverwrite).
  SYS_RESOURCE = 'SYS_RESOURCE',
  SYS_CHROOT = 'SYS_CHROOT',
  SYS_PTRACE = 'SYS_PTRACE',
  IPC_LOCK = 'IPC_LOCK',
  CHOWN = 'CHOWN',
  KILL = 'KILL',
  DAC_OVERRIDE = 'DAC_OVERRIDE',
  FOWNER = 'FOWNER',
  SETGID = 'SETGID',
  SETUID = 'SETUID',
  SYSLOG = 'SYSLOG',
}

/** A workload allowed to run beyond Restricted (a CNI, host preparation, kube-proxy), and what it may use. */
export interface PrivilegedWorkload {
  readonly namespace: string;
  readonly kind: string;
  readonly name: string;
  readonly privileges: readonly Privilege[];
  /** Why the workload needs them (documentation; the pod template carries its own reason annotation). */
  readonly why: string;
}

/** A named, reasoned exception to one rule for one object. */
export interface PolicyExemption {
  readonly rule: string;
  readonly kind: string;
  readonly name: string;
  /** @default - any namespace */
  readonly namespace?: string;
  /** Why the object may break the rule; an exemption without a reason is not applied. */
  readonly reason: string;
}

/** Options of `checkPolicy`. */
export interface PolicyOptions {
  /**
   * The Kubernetes version the objects target: rules on fields a version lacks follow it
   * (ttlSecondsAfterFinished before 1.21, the seccompProfile field before 1.19).
   * @default - the newest version: every field exists
   */
  readonly kubernetesVersion?: string;
  /**
   * Workloads allowed to use privileges beyond Restricted.
   * @default DEFAULT_PRIVILEGED_WORKLOADS
   */
  readonly privilegedWorkloads?: readonly PrivilegedWorkload[];
  /**
   * Named exceptions, each with its reason (added to `DEFAULT_POLICY_EXEMPTIONS`, which always apply).
   * @default []
   */
  readonly exemptions?: readonly PolicyExemption[];
}
