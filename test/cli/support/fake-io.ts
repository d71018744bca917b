import * as fs from 'fs';
import * as path from 'path';
import type { CliIo } from '../../../lib/cli/io';
import { run } from '../../../lib/cli/run';

export const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'cli');

/** The result of one in-process run. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Files the command wrote, by absolute path. */
  readonly written: ReadonlyMap<string, string>;
}

/** Run the CLI in-process from the fixtures directory, with captured output and no colour. */
export function runCli(argv: readonly string[], over: Partial<CliIo> = {}): CliRun {
  const out: string[] = [];
  const err: string[] = [];
  const written = new Map<string, string>();
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    isTTY: false,
    env: {},
    cwd: FIXTURES,
    readFile: (p) => fs.readFileSync(p, 'utf8'),
    writeFile: (p, t) => written.set(p, t),
    ...over,
  };
  const code = run(argv, io);
  return { code, stdout: out.join(''), stderr: err.join(''), written };
}

/** The line of a text table that starts with `label` (after trimming), split on runs of 2+ spaces. */
export function tableRow(text: string, label: string): string[] | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${label}  `) || l === label);
  return line?.split(/ {2,}/).map((c) => c.trim());
}
