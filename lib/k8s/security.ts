/**
 * Pod Security pieces every area writes: the namespace labels of Pod Security admission, the
 * Restricted security contexts, and the annotation that says why a pod needs more than Restricted.
 * Restricted (https://kubernetes.io/docs/concepts/security/pod-security-standards/): runAsNonRoot,
 * allowPrivilegeEscalation false, capabilities drop ALL (only NET_BIND_SERVICE may be added),
 * seccompProfile RuntimeDefault or Localhost.
 */
import { SECCOMP_FIELD_SINCE } from '../plan/timeline/facts';

/** Annotation on every pod template that needs more than Pod Security Restricted, saying why. */
export const PRIVILEGE_REASON_ANNOTATION = 'k8s-dualstack.io/privilege-reason';

/** Pod Security Standards levels, as the admission labels take them. */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/** Pod Security admission modes (the label `pod-security.kubernetes.io/<mode>`). */
export type PodSecurityMode = 'enforce' | 'audit' | 'warn';

const ALL_MODES: readonly PodSecurityMode[] = ['enforce', 'audit', 'warn'];

/**
 * Namespace labels of Pod Security admission at one level, for the given modes.
 * @param modes default enforce, audit and warn alike
 */
export function podSecurityLabels(level: PodSecurityLevel, modes: readonly PodSecurityMode[] = ALL_MODES): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of modes) out[`pod-security.kubernetes.io/${m}`] = level;
  return out;
}

/** `seccompProfile: RuntimeDefault`, the profile Restricted requires (pod or container level). */
function runtimeDefaultSeccomp(): Record<string, unknown> {
  return { type: 'RuntimeDefault' };
}

/** Options of the Restricted security contexts. */
export interface RestrictedSecurityContextOptions {
  /**
   * `runAsUser`.
   * @default - unset: the image's user (which must not be root)
   */
  readonly runAsUser?: number;
  /**
   * `runAsGroup`.
   * @default - unset
   */
  readonly runAsGroup?: number;
  /**
   * Write `seccompProfile: RuntimeDefault` (the field is GA from 1.19; older versions take the alpha
   * annotation, and a pod-level profile already covers every container).
   * @default true
   */
  readonly seccompProfile?: boolean;
}

/** Options of the container-level Restricted security context. */
export interface RestrictedContainerSecurityContextOptions extends RestrictedSecurityContextOptions {
  /**
   * `readOnlyRootFilesystem` (not part of Restricted, but set wherever the image allows it).
   * @default - unset
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * Keep NET_BIND_SERVICE, the one capability Restricted allows to be added (to bind ports < 1024
   * as non-root, e.g. ingress-nginx on :80/:443 as uid 101).
   * @default false
   */
  readonly netBindService?: boolean;
}

/** The container security context of Pod Security Restricted. */
export function restrictedContainerSecurityContext(options: RestrictedContainerSecurityContextOptions = {}): Record<string, unknown> {
  return {
    allowPrivilegeEscalation: false,
    capabilities: options.netBindService ? { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } : { drop: ['ALL'] },
    ...(options.readOnlyRootFilesystem !== undefined ? { readOnlyRootFilesystem: options.readOnlyRootFilesystem } : {}),
    ...(options.runAsGroup !== undefined ? { runAsGroup: options.runAsGroup } : {}),
    runAsNonRoot: true,
    ...(options.runAsUser !== undefined ? { runAsUser: options.runAsUser } : {}),
    ...(options.seccompProfile ?? true ? { seccompProfile: runtimeDefaultSeccomp() } : {}),
  };
}

/** The pod-level part of Pod Security Restricted. */
export function restrictedPodSecurityContext(options: RestrictedSecurityContextOptions = {}): Record<string, unknown> {
  return {
    runAsNonRoot: true,
    ...(options.runAsUser !== undefined ? { runAsUser: options.runAsUser } : {}),
    ...(options.runAsGroup !== undefined ? { runAsGroup: options.runAsGroup } : {}),
    ...(options.seccompProfile ?? true ? { seccompProfile: runtimeDefaultSeccomp() } : {}),
  };
}

/** The pod annotation that carried the seccomp profile before the field existed. */
export const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';

/** `securityContext.seccompProfile` is a field from 1.19 (seccomp GA); before, only the alpha annotation works. */
export { SECCOMP_FIELD_SINCE };

/** How a target version takes the RuntimeDefault seccomp profile. */
export interface SeccompForVersion {
  /** Write `seccompProfile` in the security contexts. */
  readonly field: boolean;
  /** Pod-template annotations to add (the alpha annotation before 1.19, else none). */
  readonly annotations: Record<string, string>;
}

/**
 * RuntimeDefault seccomp for a Kubernetes version: the field from 1.19, the alpha annotation
 * before (an API server of 1.18 drops an unknown `seccompProfile`, leaving the pod unconfined).
 */
export function seccompFor(version: { atLeast(v: string): boolean }): SeccompForVersion {
  return version.atLeast(SECCOMP_FIELD_SINCE) ? { field: true, annotations: {} } : { field: false, annotations: { [SECCOMP_POD_ANNOTATION]: 'runtime/default' } };
}
