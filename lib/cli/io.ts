import type { RandomSource } from '../net/ula';

/**
 * Everything the CLI touches outside its arguments, so tests run it in-process with captured
 * output, a fixed random source and a fake file system.
 */
export interface CliIo {
  /** Write to standard output (text is written as given; add the newline). */
  readonly stdout: (text: string) => void;
  /** Write to standard error. */
  readonly stderr: (text: string) => void;
  /** Whether standard output is a terminal: colour only then. */
  readonly isTTY: boolean;
  /** Environment (`NO_COLOR`, `FORCE_COLOR`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths start from. */
  readonly cwd: string;
  /** Read a file as UTF-8; throws an `Error` with `code` `ENOENT`… when it cannot. */
  readonly readFile: (path: string) => string;
  /** Write a file as UTF-8. */
  readonly writeFile: (path: string, text: string) => void;
  /**
   * Random bytes for `ula`.
   * @default - crypto.randomBytes
   */
  readonly random?: RandomSource;
  /**
   * Load a compiled module by path (`synth` loads `stacks/registry`); injectable for tests.
   * @default - require
   */
  readonly load?: (modulePath: string) => unknown;
}

/** The process's own io: real stdout/stderr, environment and file system. */
export function processIo(): CliIo {
  // Loaded here, not at the top, so tests that pass their own io never touch the disk.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('fs') as typeof import('fs');
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTTY: process.stdout.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    readFile: (p) => fs.readFileSync(p, 'utf8'),
    writeFile: (p, t) => fs.writeFileSync(p, t, 'utf8'),
  };
}

/** ANSI styles; each is the identity when colour is off. */
export interface Style {
  readonly enabled: boolean;
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly cyan: (s: string) => string;
  readonly green: (s: string) => string;
}

/**
 * Colour only on a terminal, and never when `NO_COLOR` is set to anything non-empty
 * (https://no-color.org); `FORCE_COLOR` (non-empty, not "0") turns it on for pipes.
 */
export function styleFor(io: Pick<CliIo, 'isTTY' | 'env'>): Style {
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  const force = io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '' && io.env.FORCE_COLOR !== '0';
  const enabled = !noColor && (io.isTTY || force);
  const wrap = (open: number, close: number) => (s: string) => (enabled ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return {
    enabled,
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
    green: wrap(32, 39),
  };
}

/** Visible width of a string (ANSI escapes excluded). */
export function visibleLength(s: string): number {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;]*m/g, '').length;
}
