/**
 * Differences between a rendered object and upstream's, and the waivers that explain them.
 *
 * API:
 * - `Difference` — one finding of a check: the object (`Kind/namespace/name`), the field path
 *   (`spec.template.spec.containers[calico-node].env[FELIX_IPV6SUPPORT].value`), both values, a message.
 * - `Waiver` — one deliberate edit (docs/upstream-edits.md has the same row): `object` and `path`
 *   match a difference exactly or with `*` (any run of characters inside one path segment, i.e.
 *   not `.`) and `**` (anything).
 * - `applyWaivers(differences, waivers)` — splits into unexplained and waived, and lists the unused waivers.
 * - `formatValue(v)` — a value cut to a sane length for messages.
 */

export interface Difference {
  /** `Kind/namespace/name` of the object (see `objectKey`). */
  readonly object: string;
  /** Field path inside the object; `''` for the whole object. */
  readonly path: string;
  /** Upstream's value (undefined: upstream has none). */
  readonly upstream?: unknown;
  /** Ours (undefined: we render none). */
  readonly ours?: unknown;
  readonly message: string;
}

export interface Waiver {
  /** The object, as in `Difference.object` (globs allowed). */
  readonly object: string;
  /** The field path, as in `Difference.path` (globs allowed). */
  readonly path: string;
  /** Upstream's value, as the docs table shows it. */
  readonly upstream: string;
  /** Ours, as the docs table shows it. */
  readonly ours: string;
  /** Why: the dual-stack setting, the hardening, or the proof that the piece is unused. */
  readonly reason: string;
}

export interface WaiverResult {
  readonly unexplained: Difference[];
  readonly waived: { readonly difference: Difference; readonly waiver: Waiver }[];
  readonly unused: Waiver[];
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^.]*';
    else re += c.replace(/[\\^$+?.()|[\]{}]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export function waiverMatches(w: Waiver, d: Difference): boolean {
  return globToRegExp(w.object).test(d.object) && globToRegExp(w.path).test(d.path);
}

export function applyWaivers(differences: readonly Difference[], waivers: readonly Waiver[]): WaiverResult {
  const unexplained: Difference[] = [];
  const waived: { difference: Difference; waiver: Waiver }[] = [];
  const used = new Set<Waiver>();
  for (const d of differences) {
    const w = waivers.find((x) => waiverMatches(x, d));
    if (w) {
      used.add(w);
      waived.push({ difference: d, waiver: w });
    } else unexplained.push(d);
  }
  return { unexplained, waived, unused: waivers.filter((w) => !used.has(w)) };
}

export function formatValue(v: unknown, max = 120): string {
  if (v === undefined) return '(none)';
  const s = JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
