/** Shared pieces of the CNI renderers (plain objects, no cdk8s). */

/** Annotation on every pod template that needs more than Pod Security Restricted, saying why. */
export const PRIVILEGE_REASON_ANNOTATION = 'k8s-dualstack.io/privilege-reason';

/** A plain Kubernetes object as the renderers return it. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [k: string]: unknown };
  readonly [k: string]: unknown;
}

/** The container security context of Pod Security Restricted. */
export function restrictedContainerSecurityContext(runAsUser?: number): Record<string, unknown> {
  return {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    runAsNonRoot: true,
    ...(runAsUser !== undefined ? { runAsUser } : {}),
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Namespace labels: Pod Security admission level (enforce, audit and warn alike). */
export function podSecurityLabels(level: 'privileged' | 'baseline' | 'restricted'): Record<string, string> {
  return {
    'pod-security.kubernetes.io/enforce': level,
    'pod-security.kubernetes.io/audit': level,
    'pod-security.kubernetes.io/warn': level,
  };
}

export function namespaceObject(name: string, labels: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

export function serviceAccount(name: string, namespace: string, labels?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace, ...(labels ? { labels } : {}) } };
}

/** One RBAC rule. Never a wildcard: every group, resource and verb is written out. */
export interface PolicyRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
}

export function clusterRole(name: string, rules: readonly PolicyRule[], labels?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, ...(labels ? { labels } : {}) },
    rules: rules.map((r) => ({ ...r, apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs] })),
  };
}

export function clusterRoleBinding(name: string, role: string, serviceAccountName: string, namespace: string, labels?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name, ...(labels ? { labels } : {}) },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: [{ kind: 'ServiceAccount', name: serviceAccountName, namespace }],
  };
}

/** A hostPath volume. */
export function hostPathVolume(name: string, path: string, type?: string): Record<string, unknown> {
  return { name, hostPath: { path, ...(type ? { type } : {}) } };
}

/** Env entry helpers. */
export function env(name: string, value: string): Record<string, unknown> {
  return { name, value };
}

export function envField(name: string, fieldPath: string): Record<string, unknown> {
  return { name, valueFrom: { fieldRef: { fieldPath } } };
}

export function envConfigMap(name: string, configMap: string, key: string): Record<string, unknown> {
  return { name, valueFrom: { configMapKeyRef: { name: configMap, key } } };
}
