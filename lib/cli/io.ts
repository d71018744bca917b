import * as path from 'path';
import type { RandomSource } from '../net/ula';
import { InputError } from './documents';

/** Largest input file read by default (10 MiB); `--max-input-bytes` changes it. */
export const DEFAULT_MAX_INPUT_BYTES = 10 * 1024 * 1024;

/** What an output path is for. */
export type OutputKind = 'file' | 'directory';

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
  /**
   * Read a file as UTF-8; throws an `Error` with `code` `ENOENT`… when it cannot, or a
   * `FileRefused` when it is not a regular file of at most `maxBytes`.
   */
  readonly readFile: (path: string, maxBytes?: number) => string;
  /**
   * Read standard input (`-`) as UTF-8, at most `maxBytes`.
   * @default - "-" is read as a file named "-"
   */
  readonly readStdin?: (maxBytes: number) => string;
  /**
   * Why an output path cannot be written (a special file, /proc, a missing or unwritable
   * directory), or undefined when it can.
   * @default - no check (tests with a fake file system)
   */
  readonly checkOutput?: (path: string, kind: OutputKind) => string | undefined;
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
    readFile: (p, maxBytes = DEFAULT_MAX_INPUT_BYTES) => readRegularFile(fs, p, maxBytes),
    readStdin: (maxBytes) => readStdin(fs, maxBytes),
    checkOutput: (p, kind) => outputProblem(fs, p, kind),
    writeFile: (p, t) => fs.writeFileSync(p, t, 'utf8'),
  };
}

/** A file the CLI will not read: `reason` completes "cannot read FILE: …". */
export class FileRefused extends Error {
  constructor(public readonly reason: string) {
    super(reason);
    this.name = 'FileRefused';
  }
}

type Fs = typeof import('fs');

/** Kernel-generated trees: sizes are unknown until read (/proc files stat as 0 bytes), reads can block or never end. */
const SPECIAL_TREE = /^\/(proc|sys|dev)(\/|$)/;

function fileType(st: import('fs').Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a directory';
  return 'not a regular file';
}

function tooLarge(size: number | string, maxBytes: number): FileRefused {
  return new FileRefused(`larger than the limit of ${maxBytes} bytes (${size} bytes); raise --max-input-bytes if the file is meant`);
}

/**
 * Read a regular file of at most `maxBytes`. The type and size are checked with stat before
 * opening (a FIFO is never opened: opening one without a writer blocks), then again with fstat on
 * the descriptor (opened non-blocking), and the read stops after `maxBytes + 1` bytes whatever the
 * size said.
 */
function readRegularFile(fs: Fs, p: string, maxBytes: number): string {
  const real = fs.realpathSync(p);
  if (SPECIAL_TREE.test(real) || SPECIAL_TREE.test(p)) {
    const st = fs.statSync(real);
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (!st.isFile()) throw new FileRefused(`not a regular file (${fileType(st)}); give a YAML or JSON file`);
    throw new FileRefused(`${real.startsWith('/sys') ? '/sys' : real.startsWith('/dev') ? '/dev' : '/proc'} paths are not read (their size is unknown until read); copy the content to a file`);
  }
  const st = fs.statSync(real);
  if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  if (!st.isFile()) throw new FileRefused(`not a regular file (${fileType(st)}); give a YAML or JSON file`);
  if (st.size > maxBytes) throw tooLarge(st.size, maxBytes);
  const fd = fs.openSync(real, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | (fs.constants.O_NOCTTY ?? 0));
  try {
    const fst = fs.fstatSync(fd);
    if (!fst.isFile()) throw new FileRefused(`not a regular file (${fileType(fst)}); give a YAML or JSON file`);
    return readLimited(fs, fd, maxBytes, () => tooLarge(`more than ${maxBytes}`, maxBytes));
  } finally {
    fs.closeSync(fd);
  }
}

function readLimited(fs: Fs, fd: number, maxBytes: number, over: () => Error): string {
  const chunks: Buffer[] = [];
  let total = 0;
  const buf = Buffer.allocUnsafe(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'EAGAIN') {
        // A non-blocking pipe with no data yet: wait a little (the writer is still writing).
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > maxBytes) throw over();
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return Buffer.concat(chunks).toString('utf8');
}

function readStdin(fs: Fs, maxBytes: number): string {
  return readLimited(fs, 0, maxBytes, () => new FileRefused(`larger than the limit of ${maxBytes} bytes; raise --max-input-bytes if the input is meant`));
}

function problemOf(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOTDIR') return 'a parent of it is not a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'not writable (permission denied)';
  if (code === 'EROFS') return 'on a read-only file system';
  return e instanceof Error ? e.message : String(e);
}

/** Why `p` cannot be written as a file or a directory, or undefined. Never throws. */
function outputProblem(fs: Fs, p: string, kind: OutputKind): string | undefined {
  try {
    if (SPECIAL_TREE.test(p)) return 'a /proc, /sys or /dev path is not an output';
    let st: import('fs').Stats | undefined;
    try {
      st = fs.statSync(p);
    } catch (e) {
      if ((e as { code?: string }).code !== 'ENOENT') return problemOf(e);
    }
    if (st) {
      if (SPECIAL_TREE.test(fs.realpathSync(p))) return 'a /proc, /sys or /dev path is not an output';
      if (kind === 'file' && st.isDirectory()) return 'is a directory';
      if (kind === 'file' && !st.isFile()) return `not a regular file (${fileType(st)})`;
      if (kind === 'directory' && !st.isDirectory()) return `not a directory (${st.isFile() ? 'a regular file' : fileType(st)})`;
      fs.accessSync(p, fs.constants.W_OK);
      return undefined;
    }
    // It does not exist: a file needs its directory; a directory is created under its nearest existing ancestor.
    let parent = path.dirname(p);
    if (kind === 'directory') {
      while (!fs.existsSync(parent) && path.dirname(parent) !== parent) parent = path.dirname(parent);
    }
    let pst: import('fs').Stats;
    try {
      pst = fs.statSync(parent);
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT') return `the directory ${JSON.stringify(parent)} does not exist`;
      return problemOf(e);
    }
    if (!pst.isDirectory()) return `${JSON.stringify(parent)} is not a directory`;
    if (SPECIAL_TREE.test(fs.realpathSync(parent))) return 'a /proc, /sys or /dev path is not an output';
    fs.accessSync(parent, fs.constants.W_OK);
    return undefined;
  } catch (e) {
    return problemOf(e);
  }
}

/** `--max-input-bytes`, as every command that reads files takes it. */
export const MAX_INPUT_OPTION = { name: 'max-input-bytes', kind: 'integer', value: 'N', description: `read input files of at most N bytes (default ${DEFAULT_MAX_INPUT_BYTES}, 10 MiB)` } as const;

/**
 * Read an input file named on the command line (`-` is standard input): only a regular file of at
 * most `maxBytes`. Anything else is one line, exit 2.
 * @throws InputError
 */
export function readInputFile(io: CliIo, file: string, maxBytes: number = DEFAULT_MAX_INPUT_BYTES): string {
  const shown = file === '-' ? 'standard input' : JSON.stringify(file);
  try {
    if (file === '-' && io.readStdin) return io.readStdin(maxBytes);
    return io.readFile(path.resolve(io.cwd, file), maxBytes);
  } catch (e) {
    if (e instanceof FileRefused) throw new InputError(`cannot read ${shown}: ${e.reason}`);
    const code = (e as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : problemOf(e);
    throw new InputError(`cannot read ${shown}: ${why}`);
  }
}

/**
 * Check an output path before any work (`--svg FILE`, `synth --out DIR`): a special file, a /proc
 * path, a missing or unwritable directory is one line, exit 2.
 * @throws InputError
 */
export function checkOutputPath(io: CliIo, flag: string, p: string, kind: OutputKind): void {
  const why = io.checkOutput?.(path.resolve(io.cwd, p), kind);
  if (why !== undefined) throw new InputError(`cannot write ${flag} ${JSON.stringify(p)}: ${why}`);
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
