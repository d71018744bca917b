/**
 * Small helpers to build our objects from upstream's derived ones (lib/upstream/calico): the
 * derived objects are frozen and shared, so an edit starts from a copy of the one object edited.
 */
import type { KubeObject } from '../../k8s/objects';

type Json = Record<string, unknown>;

/** A mutable deep copy of a (frozen) upstream object, for the few objects we edit. */
export function editable<T>(o: T): T {
  return structuredClone(o) as T;
}

/** A shallow copy with `labels` added to metadata.labels (upstream's labels kept; ours win on a clash). */
export function withLabels(o: KubeObject, labels: Record<string, string>): KubeObject {
  const current = (o.metadata.labels ?? {}) as Record<string, string>;
  return { ...o, metadata: { ...o.metadata, labels: { ...current, ...labels } } };
}

/**
 * Upstream's env list with ours applied: a variable upstream sets takes our value in place
 * (upstream's order kept), one it does not set is appended in our order.
 */
export function mergeEnv(upstream: readonly Json[], ours: readonly Json[]): Json[] {
  const out = upstream.map((e) => ({ ...e }));
  for (const e of ours) {
    const i = out.findIndex((x) => x.name === e.name);
    if (i >= 0) out[i] = { ...e };
    else out.push({ ...e });
  }
  return out;
}

/** The pod spec of a workload's template. */
export function podSpecOf(o: KubeObject): Json {
  return ((o.spec as Json).template as Json).spec as Json;
}

/** A container of a pod spec by name (init containers too); throws when missing (derived data changed: re-check the renderer). */
export function containerOf(pod: Json, name: string): Json {
  const all = [...((pod.initContainers ?? []) as Json[]), ...((pod.containers ?? []) as Json[])];
  const c = all.find((x) => x.name === name);
  if (!c) throw new Error(`upstream pod spec has no container ${name}: the renderer must follow the new release`);
  return c;
}
