import type { Finding } from '../plan/findings';
import { Style, visibleLength } from './io';

/**
 * A count for people: grouped digits up to 10^9, and a power of two as `2^n` beyond (IPv6
 * numbers are powers of two, and 18,446,744,073,709,551,616 says less than 2^64).
 */
export function formatCount(n: bigint): string {
  if (n >= 1_000_000_000n && (n & (n - 1n)) === 0n) return `2^${n.toString(2).length - 1}`;
  if (n >= 1_000_000_000_000n) {
    const bits = n.toString(2).length - 1;
    return `~2^${bits}`;
  }
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Columns padded to their widest cell; the first row is the header. */
export function textTable(rows: readonly (readonly string[])[], style: Style): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleLength(c))));
  return rows
    .map((r, ri) => {
      const line = r
        .map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i] - visibleLength(c))))
        .join('  ')
        .trimEnd();
      return ri === 0 ? style.bold(line) : line;
    })
    .join('\n');
}

/** A GitHub-flavoured markdown table; `|` in cells is escaped. */
export function markdownTable(rows: readonly (readonly string[])[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const [head, ...body] = rows;
  return [`| ${head.map(esc).join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

const ORDER = ['error', 'warning', 'info'] as const;
const TITLE: Record<(typeof ORDER)[number], string> = { error: 'Errors', warning: 'Warnings', info: 'Info' };

/** Findings grouped by severity (errors first), each with its fix; `where` prefixes the location. */
export function formatFindingsText(findings: readonly Finding[], style: Style, where: (f: Finding) => string = () => ''): string {
  if (findings.length === 0) return style.green('No findings.');
  const paint = { error: style.red, warning: style.yellow, info: style.cyan };
  const out: string[] = [];
  for (const sev of ORDER) {
    const group = findings.filter((f) => f.severity === sev);
    if (group.length === 0) continue;
    out.push(style.bold(paint[sev](`${TITLE[sev]} (${group.length})`)));
    for (const f of group) {
      out.push(`  ${paint[sev](sev)} [${f.code}] ${where(f)}${f.message}`);
      if (f.fix) out.push(`    fix: ${f.fix}`);
      if (f.source) out.push(style.dim(`    rule: ${f.source}`));
    }
  }
  return out.join('\n');
}

/** Findings as markdown sections. */
export function formatFindingsMarkdown(findings: readonly Finding[], where: (f: Finding) => string = () => ''): string {
  if (findings.length === 0) return 'No findings.';
  const out: string[] = [];
  for (const sev of ORDER) {
    const group = findings.filter((f) => f.severity === sev);
    if (group.length === 0) continue;
    out.push(`### ${TITLE[sev]} (${group.length})`, '');
    for (const f of group) {
      out.push(`- **${sev}** \`${f.code}\` ${where(f)}${f.message}${f.fix ? `  \n  fix: ${f.fix}` : ''}`);
    }
    out.push('');
  }
  return out.join('\n').trimEnd();
}

/** `1 error, 2 warnings` */
export function summarize(findings: readonly Finding[]): string {
  const n = (sev: string) => findings.filter((f) => f.severity === sev).length;
  const part = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  return [part(n('error'), 'error'), part(n('warning'), 'warning'), `${n('info')} info`].join(', ');
}
