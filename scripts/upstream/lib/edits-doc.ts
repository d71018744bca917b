/**
 * Keeps docs/upstream-edits.md and the waiver lists in step.
 *
 * The doc holds one Markdown table; each row is `| component | object | field | upstream | ours | reason |`
 * with `object` and `field` written exactly as the waiver's `object` and `path` (backticks allowed).
 *
 * API:
 * - `EDITS_DOC` — the path of the doc.
 * - `readEditRows(file?)` — the rows of the table.
 * - `editsDocMismatches(component, waivers, rows)` — waivers without a row and rows (of that
 *   component) without a waiver, as messages; the check fails on any.
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { REPO_ROOT } from './artifact';
import { Waiver } from './difference';

export const EDITS_DOC = join(REPO_ROOT, 'docs', 'upstream-edits.md');

export interface EditRow {
  readonly component: string;
  readonly object: string;
  readonly field: string;
  readonly line: number;
}

const cell = (s: string) => s.trim().replace(/^`|`$/g, '').replace(/\\\|/g, '|');

export function readEditRows(file = EDITS_DOC): EditRow[] {
  if (!existsSync(file)) return [];
  const rows: EditRow[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.startsWith('|')) return;
      // Split on pipes not escaped as \|.
      const cells = line.split(/(?<!\\)\|/).slice(1, -1).map(cell);
      if (cells.length < 6 || cells[0] === 'component' || /^-+$/.test(cells[0].replace(/:/g, ''))) return;
      rows.push({ component: cells[0], object: cells[1], field: cells[2], line: i + 1 });
    });
  return rows;
}

export function editsDocMismatches(component: string, waivers: readonly Waiver[], rows: readonly EditRow[]): string[] {
  const mine = rows.filter((r) => r.component === component);
  const out: string[] = [];
  for (const w of waivers) {
    if (!mine.some((r) => r.object === w.object && r.field === w.path)) out.push(`waiver ${w.object} ${w.path} has no row in docs/upstream-edits.md`);
  }
  for (const r of mine) {
    if (!waivers.some((w) => w.object === r.object && w.path === r.field)) out.push(`docs/upstream-edits.md:${r.line} (${r.object} ${r.field}) has no waiver in the ${component} component`);
  }
  return out;
}
