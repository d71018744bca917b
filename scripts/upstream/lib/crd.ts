/**
 * CustomResourceDefinitions: the set and each definition.
 *
 * API:
 * - `compareCrds(upstream, ours)` — `Difference`s: a CRD upstream ships that we do not, one we ship
 *   that upstream does not, and for each CRD both ship every field of `spec` that differs
 *   (group, names, scope, and per version served/storage/subresources/printer columns and the
 *   whole `openAPIV3Schema`, descriptions included), plus metadata annotations upstream sets.
 * - `crdNames(objects)` — the names of the CRDs among some objects, sorted.
 */
import { objectKey, UpstreamObject } from './artifact';
import { Difference } from './difference';
import { compareObject } from './diff';

const isCrd = (o: UpstreamObject) => o.kind === 'CustomResourceDefinition';

export function crdNames(objects: readonly UpstreamObject[]): string[] {
  return objects.filter(isCrd).map((o) => o.metadata.name).sort();
}

export function compareCrds(upstream: readonly UpstreamObject[], ours: readonly UpstreamObject[]): Difference[] {
  const u = new Map(upstream.filter(isCrd).map((o) => [o.metadata.name, o]));
  const o = new Map(ours.filter(isCrd).map((x) => [x.metadata.name, x]));
  const out: Difference[] = [];
  for (const [name, crd] of u) {
    const mine = o.get(name);
    if (!mine) out.push({ object: objectKey(crd), path: '', upstream: name, message: 'upstream ships this CRD, ours does not' });
    else out.push(...compareObject(objectKey(crd), crd, mine));
  }
  for (const [name, crd] of o) if (!u.has(name)) out.push({ object: objectKey(crd), path: '', ours: name, message: 'ours ships a CRD upstream does not' });
  return out;
}
