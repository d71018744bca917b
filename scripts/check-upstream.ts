/**
 * Parity check of every rendered third-party object against the upstream artifact at its pinned tag:
 *   node scripts/run-ts.js scripts/check-upstream.ts [<component>…] [--verbose]
 *   (npm run check:upstream [-- <component>])
 * Prints per component: objects compared, differences, waivers used (and unused), then every
 * unexplained difference. Exits 1 on any unexplained difference or on a waiver that
 * docs/upstream-edits.md does not list (or a row without a waiver); 2 on a usage error.
 * Reads the artifacts from $K8S_DUALSTACK_UPSTREAM or ../shared/upstream (a maintainer tool: a
 * clone of the project does not have them, so this is never part of `npm test`).
 */
import { existsSync } from 'fs';
import { upstreamRoot } from './upstream/lib/artifact';
import { discoverComponents, UpstreamComponent } from './upstream/lib/component';
import { applyWaivers, Difference, formatValue, Waiver } from './upstream/lib/difference';

/** A difference a component has already judged against its own edit list. */
interface PrewaivedDifference {
  readonly object: string;
  readonly field: string;
  readonly upstream: unknown;
  readonly ours: unknown;
  readonly waived?: string;
}

const asDifference = (d: PrewaivedDifference): Difference => ({ object: d.object, path: d.field, message: d.waived ? 'explained by a listed edit' : 'differs from upstream', upstream: d.upstream, ours: d.ours }) as Difference;
import { editsDocMismatches, readEditRows } from './upstream/lib/edits-doc';

const MAX_SHOWN_PER_OBJECT = 12;

function checkOne(c: UpstreamComponent, root: string, verbose: boolean): boolean {
  const result = c.check(root);
  const raw: readonly (Difference | PrewaivedDifference)[] = Array.isArray(result) ? result : result.differences;
  const comparedRaw = Array.isArray(result) ? (result as { compared?: unknown }).compared : result.compared;
  const compared = Array.isArray(comparedRaw) ? comparedRaw.length : typeof comparedRaw === 'number' ? comparedRaw : undefined;
  // Components may apply their own edit lists (and check docs/upstream-edits.md themselves):
  // their differences come with `field` and, when an edit explains them, `waived` (its reason).
  const pre = raw.filter((d): d is PrewaivedDifference => 'field' in d);
  const differences = raw.filter((d): d is Difference => !('field' in d));
  const waivers = c.waivers ?? [];
  const applied = applyWaivers(differences, waivers);
  const waived = [...applied.waived, ...pre.filter((d) => d.waived).map((d) => ({ difference: asDifference(d), waiver: { object: d.object, path: d.field, upstream: '', ours: '', reason: d.waived! } satisfies Waiver }))];
  const unexplained = [...applied.unexplained, ...pre.filter((d) => !d.waived).map(asDifference)];
  const unused = applied.unused;
  const doc = c.waivers ? editsDocMismatches(c.name, waivers, readEditRows()) : [];
  const usedWaivers = waivers.length - unused.length;
  process.stdout.write(
    `${c.name}: ${compared ?? '?'} objects compared, ${raw.length} differences, ${waived.length} explained by ${c.waivers ? `${usedWaivers} of ${waivers.length} waivers` : 'the edits the component lists'}, ${unexplained.length} unexplained\n`,
  );
  if (verbose) for (const { difference: d, waiver: w } of waived) process.stdout.write(`  waived  ${d.object} ${d.path}: ${w.reason.split('.')[0]}\n`);
  for (const w of unused) process.stdout.write(`  unused waiver (applies to other plans, or stale): ${w.object} ${w.path}\n`);
  const perObject = new Map<string, number>();
  for (const d of unexplained) {
    const n = (perObject.get(d.object) ?? 0) + 1;
    perObject.set(d.object, n);
    if (n <= MAX_SHOWN_PER_OBJECT || verbose) {
      process.stdout.write(`  DIFF ${d.object} ${d.path || '(object)'}: ${d.message}; upstream ${formatValue(d.upstream)}, ours ${formatValue(d.ours)}\n`);
    }
  }
  for (const [object, n] of perObject) if (n > MAX_SHOWN_PER_OBJECT && !verbose) process.stdout.write(`  … ${object}: ${n - MAX_SHOWN_PER_OBJECT} more (--verbose)\n`);
  for (const m of doc) process.stdout.write(`  DOC ${m}\n`);
  return unexplained.length === 0 && doc.length === 0;
}

function main(argv: string[]): number {
  const verbose = argv.includes('--verbose');
  const names = argv.filter((a) => !a.startsWith('--'));
  const root = upstreamRoot();
  if (!existsSync(root)) {
    process.stderr.write(`no upstream artifacts at ${root} (set K8S_DUALSTACK_UPSTREAM)\n`);
    return 2;
  }
  const all = discoverComponents();
  const unknown = names.filter((n) => !all.some((c) => c.name === n));
  if (unknown.length > 0) {
    process.stderr.write(`unknown component(s) ${unknown.join(', ')}; known: ${all.map((c) => c.name).join(', ')}\n`);
    return 2;
  }
  const chosen = names.length > 0 ? all.filter((c) => names.includes(c.name)) : all;
  let ok = true;
  for (const c of chosen) ok = checkOne(c, root, verbose) && ok;
  process.stdout.write(ok ? 'check:upstream: no unexplained difference\n' : 'check:upstream: FAILED (unexplained differences above)\n');
  return ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
