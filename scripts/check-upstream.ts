/**
 * `npm run check:upstream [-- <component>…]`: compares every rendered third-party object with the
 * upstream artifact at its pinned tag; prints a summary per component and every difference; exits 1
 * on any difference no listed edit explains. A maintainer tool: it reads shared/upstream, so it is not
 * part of `npm test`.
 */
import { upstreamRoot } from './upstream/lib/thirdparty-data';
import { loadComponents } from './upstream/lib/thirdparty-registry';
import type { Difference } from './upstream/lib/thirdparty-types';

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const verbose = process.argv.includes('--verbose');
const all = loadComponents();
const unknown = wanted.filter((w) => !all.some((c) => c.name === w));
if (unknown.length > 0) {
  process.stderr.write(`unknown component(s): ${unknown.join(', ')}; known: ${all.map((c) => c.name).join(', ')}\n`);
  process.exit(2);
}
const show = (v: unknown) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? '(absent)' : s.length > 160 ? `${s.slice(0, 157)}...` : s;
};
const line = (d: Difference) => `    ${d.object}  ${d.field}\n      upstream: ${show(d.upstream)}\n      ours:     ${show(d.ours)}${d.waived ? `\n      edit:     ${d.waived}` : ''}`;

let unexplained = 0;
for (const c of all.filter((x) => wanted.length === 0 || wanted.includes(x.name))) {
  const res = c.check(upstreamRoot());
  const open = res.filter((d) => !d.waived);
  const waived = res.filter((d) => d.waived);
  unexplained += open.length;
  process.stdout.write(`${c.name}: ${res.compared?.length ?? 0} objects compared, ${open.length} unexplained difference(s), ${waived.length} explained by listed edits\n`);
  for (const d of open) process.stdout.write(`${line(d)}\n`);
  if (verbose) for (const d of waived) process.stdout.write(`${line(d)}\n`);
}
process.exit(unexplained > 0 ? 1 : 0);
