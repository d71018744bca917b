/**
 * RBAC as triples (apiGroup, resource, verb[, resourceName]): ours must cover upstream's, and every
 * triple we grant beyond upstream's is reported too (least privilege), unless a listed edit explains it.
 */
import type { Difference } from './thirdparty-types';

export interface Rule {
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}

/** `group/resource:verb` or `group/resource:verb@name` ('' is the core group, shown as `core`). */
export function triples(rules: readonly Rule[]): Set<string> {
  const out = new Set<string>();
  for (const r of rules) {
    for (const url of r.nonResourceURLs ?? []) for (const v of r.verbs) out.add(`url:${url}:${v}`);
    for (const g of r.apiGroups ?? [])
      for (const res of r.resources ?? [])
        for (const v of r.verbs) {
          const base = `${g === '' ? 'core' : g}/${res}:${v}`;
          if (r.resourceNames && r.resourceNames.length > 0) for (const n of r.resourceNames) out.add(`${base}@${n}`);
          else out.add(base);
        }
  }
  return out;
}

/** Whether `granted` allows `needed` (wildcards in ours count; a name-less grant covers a named one). */
function covers(granted: Set<string>, needed: string): boolean {
  if (granted.has(needed)) return true;
  const m = /^([^/]+)\/([^:]+):([^@]+)(?:@(.+))?$/.exec(needed);
  if (!m) return false;
  const [, g, res, v, name] = m;
  const forms = [g, '*'].flatMap((gg) => [res, '*'].flatMap((rr) => [v, '*'].map((vv) => `${gg}/${rr}:${vv}`)));
  return forms.some((f) => granted.has(f) || (name !== undefined && granted.has(`${f}@${name}`)));
}

/** Differences of one role: `rbac[<triple>]` missing (upstream has it) or extra (only ours). */
export function compareRules(object: string, upstream: readonly Rule[], ours: readonly Rule[] | undefined): Difference[] {
  if (!ours) return [{ object, field: '(object)', upstream: 'present', ours: 'missing' }];
  const up = triples(upstream);
  const our = triples(ours);
  const diffs: Difference[] = [];
  for (const t of [...up].sort()) if (!covers(our, t)) diffs.push({ object, field: `rbac[${t}]`, upstream: 'granted', ours: 'missing' });
  for (const t of [...our].sort()) if (!covers(up, t)) diffs.push({ object, field: `rbac[${t}]`, upstream: 'not granted', ours: 'granted' });
  return diffs;
}
