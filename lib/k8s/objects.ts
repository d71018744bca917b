/**
 * Plain Kubernetes objects as every renderer returns them (no cdk8s: constructs wrap these in
 * `ApiObject`s). One definition for all areas, so an object rendered by one area is the same type
 * in another.
 */

/** A plain Kubernetes object as the renderers return it: JSON with apiVersion / kind / metadata. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [k: string]: unknown };
  readonly [k: string]: unknown;
}

/** One RBAC rule. Never a wildcard: every group, resource and verb is written out. */
export interface PolicyRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  /**
   * Narrows the rule to these objects (least privilege where the names are known).
   * @default - every object of the resources
   */
  readonly resourceNames?: readonly string[];
}

/** A Namespace with exactly the labels given (Pod Security labels included by the caller). */
export function namespaceObject(name: string, labels: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

export function serviceAccount(name: string, namespace: string, labels?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace, ...(labels ? { labels } : {}) } };
}

export function clusterRole(name: string, rules: readonly PolicyRule[], labels?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, ...(labels ? { labels } : {}) },
    rules: rules.map((r) => ({ ...r, apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs] })),
  };
}

/** Binds a ClusterRole to one ServiceAccount. */
export function clusterRoleBinding(name: string, role: string, serviceAccountName: string, namespace: string, labels?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name, ...(labels ? { labels } : {}) },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: [{ kind: 'ServiceAccount', name: serviceAccountName, namespace }],
  };
}
