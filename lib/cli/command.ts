import * as path from 'path';
import { formatOptions, OptionSpec, ParsedArgs, UsageError } from './args';
import { CliIo, Style } from './io';

/** Exit codes: 0 clean, 1 findings of severity error, 2 bad usage or unreadable input. */
export enum ExitCode {
  OK = 0,
  FINDINGS = 1,
  USAGE = 2,
}

/** What a command runs with. */
export interface CommandContext {
  readonly io: CliIo;
  readonly style: Style;
  readonly args: ParsedArgs;
}

/** One subcommand. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** One line for the command list of `k8s-dualstack --help`. */
  readonly brief: string;
  /** `plan --config FILE [options]` */
  readonly usage: string;
  readonly options: readonly OptionSpec[];
  /** Paragraphs after the options in `--help`. */
  readonly details?: string;
  readonly run: (ctx: CommandContext) => ExitCode;
}

export const HELP_OPTION: OptionSpec = { name: 'help', short: 'h', kind: 'boolean', description: 'show this help' };

export function commandHelp(cmd: Command): string {
  return `Usage: k8s-dualstack ${cmd.usage}\n\n${cmd.summary}\n\nOptions:\n${formatOptions([...cmd.options, HELP_OPTION])}\n${cmd.details ? `\n${cmd.details}\n` : ''}`;
}

/** Resolve a path argument against the io's working directory. */
export function resolvePath(io: CliIo, p: string): string {
  return path.resolve(io.cwd, p);
}

/** Read a file named on the command line; a missing file is bad usage (exit 2). */
export function readInput(io: CliIo, file: string): string {
  try {
    return io.readFile(resolvePath(io, file));
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UsageError(`cannot read ${JSON.stringify(file)}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}`);
  }
}
