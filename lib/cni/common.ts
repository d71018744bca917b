/** CNI-specific pieces of the CNI renderers (plain objects, no cdk8s); generic ones are in lib/k8s. */

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
