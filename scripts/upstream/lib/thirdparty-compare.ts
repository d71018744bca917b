/**
 * Field-by-field comparison of rendered objects with the artifact's, and the waiver bookkeeping:
 * each difference is matched to a listed edit (object + field), unused edits are differences too, and
 * every edit must stand as a row in docs/upstream-edits.md (so docs and check agree).
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { REPO_ROOT } from './thirdparty-data';
import type { CheckResult, Difference, Waiver } from './thirdparty-types';
import type { Obj } from './thirdparty-yaml';

/** Deep equality ignoring object key order (array order matters). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a as object).filter((k) => (a as Obj)[k] !== undefined);
    const kb = Object.keys(b as object).filter((k) => (b as Obj)[k] !== undefined);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => deepEqual((a as Obj)[k], (b as Obj)[k]));
  }
  return false;
}

/** Compares the keys of two objects one by one (whole values), under `prefix`. */
export function compareKeys(object: string, prefix: string, up: Obj | undefined, ours: Obj | undefined, skip: readonly string[] = []): Difference[] {
  const out: Difference[] = [];
  const keys = [...new Set([...Object.keys(up ?? {}), ...Object.keys(ours ?? {})])].filter((k) => !skip.includes(k)).sort();
  for (const k of keys) {
    const u = up?.[k];
    const o = ours?.[k];
    if (!deepEqual(u, o)) out.push({ object, field: prefix ? `${prefix}.${k}` : k, upstream: u, ours: o });
  }
  return out;
}

/** Compares two lists of named entries (env, volumes, ports, mounts) entry by entry: `prefix[name]`. */
export function compareNamed(object: string, prefix: string, up: readonly Obj[] | undefined, ours: readonly Obj[] | undefined, key = 'name'): Difference[] {
  const out: Difference[] = [];
  const u = new Map((up ?? []).map((e) => [String(e[key]), e]));
  const o = new Map((ours ?? []).map((e) => [String(e[key]), e]));
  for (const n of [...new Set([...u.keys(), ...o.keys()])].sort()) {
    if (!deepEqual(u.get(n), o.get(n))) out.push({ object, field: `${prefix}[${n}]`, upstream: u.get(n), ours: o.get(n) });
  }
  return out;
}

const NAMED_CONTAINER_LISTS: Record<string, string> = { env: 'name', ports: 'name', volumeMounts: 'mountPath' };

/** One container: env, ports and mounts entry by entry, every other field as a whole. */
export function compareContainer(object: string, prefix: string, up: Obj | undefined, ours: Obj | undefined): Difference[] {
  if (!up || !ours) return [{ object, field: prefix, upstream: up ? 'present' : 'absent', ours: ours ? 'present' : 'absent' }];
  const out = compareKeys(object, prefix, up, ours, Object.keys(NAMED_CONTAINER_LISTS));
  for (const [list, key] of Object.entries(NAMED_CONTAINER_LISTS)) out.push(...compareNamed(object, `${prefix}.${list}`, up[list], ours[list], key));
  return out;
}

/** A pod spec: containers and init containers by name, volumes by name, every other field whole. */
export function comparePodSpec(object: string, up: Obj, ours: Obj): Difference[] {
  const out = compareKeys(object, 'pod', up, ours, ['containers', 'initContainers', 'volumes']);
  out.push(...compareNamed(object, 'pod.volumes', up.volumes, ours.volumes));
  for (const list of ['initContainers', 'containers']) {
    const u: Obj[] = up[list] ?? [];
    const o: Obj[] = ours[list] ?? [];
    const names = [...new Set([...u.map((c) => c.name), ...o.map((c) => c.name)])];
    if (!deepEqual(u.map((c) => c.name), o.map((c) => c.name))) out.push({ object, field: `${list}(order)`, upstream: u.map((c) => c.name), ours: o.map((c) => c.name) });
    for (const n of names) out.push(...compareContainer(object, `${list}[${n}]`, u.find((c) => c.name === n), o.find((c) => c.name === n)));
  }
  return out;
}

/** A workload (Deployment, DaemonSet, Job): its spec without the template, the template's annotations, the pod spec. */
export function compareWorkload(object: string, up: Obj, ours: Obj): Difference[] {
  const out = compareKeys(object, 'spec', up.spec, ours.spec, ['template']);
  out.push(...compareKeys(object, 'template.metadata.annotations', up.spec.template.metadata?.annotations, ours.spec.template.metadata?.annotations));
  out.push(...comparePodSpec(object, up.spec.template.spec, ours.spec.template.spec));
  return out;
}

/** Marks the differences a listed edit explains; adds one difference per edit that explained nothing. */
export function applyWaivers(diffs: readonly Difference[], waivers: readonly Waiver[]): Difference[] {
  const used = new Set<Waiver>();
  const out = diffs.map((d) => {
    // An object named `<artifact>: <key>` (a component with several artifacts) matches an edit listed for `<key>`.
    const w = waivers.find((x) => (x.object === d.object || d.object.endsWith(`: ${x.object}`)) && x.field === d.field);
    if (!w) return d;
    used.add(w);
    return { ...d, waived: w.reason };
  });
  for (const w of waivers) if (!used.has(w)) out.push({ object: w.object, field: w.field, upstream: w.upstream, ours: '(no such difference any more: drop the edit)' });
  return out;
}

const EDITS_DOC = join(REPO_ROOT, 'docs', 'upstream-edits.md');
const strip = (cell: string) => cell.trim().replace(/^`|`$/g, '');

/** The (object, field) pairs of a component's rows in docs/upstream-edits.md. */
export function documentedEdits(component: string): Set<string> {
  const out = new Set<string>();
  if (!existsSync(EDITS_DOC)) return out;
  for (const line of readFileSync(EDITS_DOC, 'utf8').split('\n')) {
    const cells = line.split('|').slice(1, -1);
    if (cells.length >= 6 && strip(cells[0]) === component) out.add(`${strip(cells[1])} ${strip(cells[2])}`);
  }
  return out;
}

/** Every edit documented, every documented row an edit. */
export function checkDocs(component: string, waivers: readonly Waiver[]): Difference[] {
  const doc = documentedEdits(component);
  const listed = new Set(waivers.map((w) => `${w.object} ${w.field}`));
  const out: Difference[] = [];
  for (const k of listed) if (!doc.has(k)) out.push({ object: 'docs/upstream-edits.md', field: k, upstream: '(edit listed in the check)', ours: 'no row in the docs table' });
  for (const k of doc) if (!listed.has(k)) out.push({ object: 'docs/upstream-edits.md', field: k, upstream: 'row in the docs table', ours: '(no such edit in the check)' });
  return out;
}

/** The finished result of one component's check. */
export function result(component: string, diffs: readonly Difference[], waivers: readonly Waiver[], compared: readonly string[]): CheckResult {
  const out: CheckResult = [...applyWaivers(diffs, waivers), ...checkDocs(component, waivers)];
  out.compared = compared;
  return out;
}
