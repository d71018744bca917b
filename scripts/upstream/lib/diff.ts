/**
 * Field-by-field comparison of two JSON values, reporting paths a person can read.
 *
 * API:
 * - `diffValues(upstream, ours, path?)` — every leaf where the two differ, as `{ path, upstream, ours }`.
 *   Arrays of objects that all carry a unique `name` (containers, env, volumes, ports …) are
 *   compared by name (`containers[calico-node]`), arrays of objects with a unique `mountPath`
 *   (volumeMounts) by mount path, other arrays position by position; arrays of scalars (command,
 *   args, verbs) as one value, order included. An empty array equals an absent one (the API
 *   server treats them alike). Under `metadata.labels` and `metadata.annotations` ours may add
 *   keys (our managed-by and privilege notes); a key upstream has must be there with its value.
 * - `compareObject(object, upstream, ours, skip?)` — `diffValues` of two objects as `Difference`s,
 *   skipping top-level fields named in `skip` (e.g. `rules`, which `rbac.ts` compares as triples).
 *   This is the container comparison too: image, command, args, env, envFrom, ports, volumes,
 *   volumeMounts, probes, lifecycle, resources and securityContext are all fields of the pod spec.
 */
import { Difference } from './difference';

export interface ValueDiff {
  readonly path: string;
  readonly upstream: unknown;
  readonly ours: unknown;
}

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> => !!v && typeof v === 'object' && !Array.isArray(v);
const isEmptyArray = (v: Json) => Array.isArray(v) && v.length === 0;

function uniqueKey(items: Json[], key: string): boolean {
  if (!items.every((i) => isObject(i) && typeof i[key] === 'string')) return false;
  const keys = items.map((i) => (i as Record<string, Json>)[key]);
  return new Set(keys).size === keys.length;
}

function keyOf(a: Json[], b: Json[]): string | undefined {
  const all = [...a, ...b];
  if (all.length === 0 || !all.every(isObject)) return undefined;
  for (const k of ['name', 'mountPath']) if (uniqueKey(a, k) && uniqueKey(b, k)) return k;
  return undefined;
}

function join(path: string, seg: string): string {
  return path ? `${path}.${seg}` : seg;
}

function equalJson(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const ADDITIVE = /(^|\.)metadata\.(labels|annotations)$/;

export function diffValues(upstream: Json, ours: Json, path = ''): ValueDiff[] {
  if (upstream === undefined && isObject(ours) && ADDITIVE.test(path)) return [];
  if (isEmptyArray(upstream) && ours === undefined) return [];
  if (isEmptyArray(ours) && upstream === undefined) return [];
  if (isObject(upstream) && isObject(ours)) {
    const out: ValueDiff[] = [];
    const additive = ADDITIVE.test(path);
    const keys = [...new Set([...Object.keys(upstream), ...Object.keys(ours)])].sort();
    for (const k of keys) {
      if (additive && !(k in upstream)) continue;
      out.push(...diffValues(upstream[k], ours[k], join(path, k)));
    }
    return out;
  }
  if (Array.isArray(upstream) && Array.isArray(ours)) {
    const key = keyOf(upstream, ours);
    if (key) {
      const out: ValueDiff[] = [];
      const u = new Map(upstream.map((i) => [(i as Record<string, Json>)[key] as string, i]));
      const o = new Map(ours.map((i) => [(i as Record<string, Json>)[key] as string, i]));
      const names = [...new Set([...u.keys(), ...o.keys()])];
      for (const n of names) out.push(...diffValues(u.get(n), o.get(n), `${path}[${n}]`));
      return out;
    }
    if ([...upstream, ...ours].every(isObject) && upstream.length === ours.length) {
      return upstream.flatMap((u, i) => diffValues(u, ours[i], `${path}[${i}]`));
    }
  }
  return equalJson(upstream, ours) ? [] : [{ path, upstream, ours }];
}

export function compareObject(object: string, upstream: Record<string, Json>, ours: Record<string, Json>, skip: readonly string[] = []): Difference[] {
  const strip = (o: Record<string, Json>) => Object.fromEntries(Object.entries(o).filter(([k]) => !skip.includes(k)));
  return diffValues(strip(upstream), strip(ours)).map((d) => ({
    object,
    path: d.path,
    upstream: d.upstream,
    ours: d.ours,
    message: d.ours === undefined ? 'upstream has it, ours does not' : d.upstream === undefined ? 'ours adds it' : 'values differ',
  }));
}
