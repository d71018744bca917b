/**
 * RBAC as triples: one (apiGroup, resource, verb, resourceName) per permission a rule grants.
 *
 * API:
 * - `expandRules(rules)` — the triples of a rule list (`resourceName` `''` = every object;
 *   non-resource URLs become resource `url:<path>` with apiGroup `''`). Deduplicated, sorted.
 * - `covers(grant, need)` — whether one granted triple allows a needed one (`*` matches anything;
 *   a grant without resourceNames covers every name).
 * - `compareRules(object, upstreamRules, ourRules)` — `Difference`s: every upstream triple ours
 *   does not cover (path `rules[<group>/<resource>/<verb>]`, `[…@name]` when name-scoped) and
 *   every triple of ours upstream does not grant (the same path; more than upstream is a difference
 *   too — third-party RBAC is upstream's, waivers aside).
 */
import { Difference } from './difference';

export interface RbacRule {
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}

export interface RbacTriple {
  readonly apiGroup: string;
  readonly resource: string;
  readonly verb: string;
  /** `''`: every object of the resource. */
  readonly resourceName: string;
}

export function tripleId(t: RbacTriple): string {
  return `${t.apiGroup || 'core'}/${t.resource}/${t.verb}${t.resourceName ? `@${t.resourceName}` : ''}`;
}

export function expandRules(rules: readonly RbacRule[]): RbacTriple[] {
  const out = new Map<string, RbacTriple>();
  const add = (t: RbacTriple) => out.set(tripleId(t), t);
  for (const r of rules) {
    for (const verb of r.verbs) {
      for (const url of r.nonResourceURLs ?? []) add({ apiGroup: '', resource: `url:${url}`, verb, resourceName: '' });
      for (const apiGroup of r.apiGroups ?? []) {
        for (const resource of r.resources ?? []) {
          const names = r.resourceNames && r.resourceNames.length > 0 ? r.resourceNames : [''];
          for (const resourceName of names) add({ apiGroup, resource, verb, resourceName });
        }
      }
    }
  }
  // Code-unit order, not locale order: the same on every machine.
  return [...out.values()].sort((a, b) => (tripleId(a) < tripleId(b) ? -1 : tripleId(a) > tripleId(b) ? 1 : 0));
}

const match = (grant: string, need: string) => grant === '*' || grant === need;

export function covers(grant: RbacTriple, need: RbacTriple): boolean {
  return (
    match(grant.apiGroup, need.apiGroup) &&
    match(grant.resource, need.resource) &&
    match(grant.verb, need.verb) &&
    (grant.resourceName === '' || grant.resourceName === need.resourceName)
  );
}

export function compareRules(object: string, upstreamRules: readonly RbacRule[], ourRules: readonly RbacRule[]): Difference[] {
  const up = expandRules(upstreamRules);
  const ours = expandRules(ourRules);
  const out: Difference[] = [];
  for (const t of up) {
    if (!ours.some((g) => covers(g, t))) out.push({ object, path: `rules[${tripleId(t)}]`, upstream: tripleId(t), message: 'upstream grants it, ours does not' });
  }
  for (const t of ours) {
    if (!up.some((g) => covers(g, t))) out.push({ object, path: `rules[${tripleId(t)}]`, ours: tripleId(t), message: 'ours grants more than upstream' });
  }
  return out;
}
