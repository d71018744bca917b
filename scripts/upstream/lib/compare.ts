/**
 * Comparing a whole rendered install with upstream's objects.
 *
 * API:
 * - `compareInstall(upstream, ours)` — matches objects by kind, namespace and name and returns
 *   `{ compared, differences }`: an upstream object we do not render, one we render that upstream
 *   does not, and per pair: CRDs with `compareCrds`, ClusterRoles/Roles with `compareRules` (as
 *   triples) plus the rest of the object, everything else (Deployments, DaemonSets, bindings,
 *   ConfigMaps, ServiceAccounts …) field by field with `compareObject`.
 */
import { objectKey, UpstreamObject } from './artifact';
import { compareCrds } from './crd';
import { Difference } from './difference';
import { compareObject } from './diff';
import { compareRules, RbacRule } from './rbac';

export interface InstallComparison {
  /** Objects compared (pairs found on both sides, plus each one-sided object). */
  readonly compared: number;
  readonly differences: Difference[];
}

const RBAC_KINDS = ['ClusterRole', 'Role'];

export function compareInstall(upstream: readonly UpstreamObject[], ours: readonly UpstreamObject[]): InstallComparison {
  const differences: Difference[] = [];
  const crd = (o: UpstreamObject) => o.kind === 'CustomResourceDefinition';
  differences.push(...compareCrds(upstream.filter(crd), ours.filter(crd)));
  const u = new Map(upstream.filter((o) => !crd(o)).map((o) => [objectKey(o), o]));
  const o = new Map(ours.filter((x) => !crd(x)).map((x) => [objectKey(x), x]));
  for (const [key, up] of u) {
    const mine = o.get(key);
    if (!mine) {
      differences.push({ object: key, path: '', upstream: key, message: 'upstream has this object, ours does not' });
      continue;
    }
    if (RBAC_KINDS.includes(up.kind)) {
      differences.push(...compareRules(key, (up.rules ?? []) as RbacRule[], (mine.rules ?? []) as RbacRule[]));
      differences.push(...compareObject(key, up, mine, ['rules']));
    } else differences.push(...compareObject(key, up, mine));
  }
  for (const key of o.keys()) if (!u.has(key)) differences.push({ object: key, path: '', ours: key, message: 'ours renders an object upstream does not' });
  const names = new Set([...upstream.map(objectKey), ...ours.map(objectKey)]);
  return { compared: names.size, differences };
}
