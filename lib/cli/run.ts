import { parseArgs, UsageError } from './args';
import { Command, commandHelp, ExitCode, HELP_OPTION } from './command';
import { InputError } from './documents';
import { CliIo, styleFor } from './io';

/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * The subcommands, in help order, each loaded only when it runs: `plan` never loads the linter and
 * its validators, `validate` never loads the plan report (`k8s-dualstack plan` starts fast).
 */
const COMMAND_MODULES: Readonly<Record<string, () => Command>> = {
  plan: () => (require('./commands/plan') as typeof import('./commands/plan')).planCommand,
  validate: () => (require('./commands/validate') as typeof import('./commands/validate')).validateCommand,
  ula: () => (require('./commands/ula') as typeof import('./commands/ula')).ulaCommand,
  synth: () => (require('./commands/synth') as typeof import('./commands/synth')).synthCommand,
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** Every subcommand, in help order (loads them all: for the help text and listings). */
export function allCommands(): readonly Command[] {
  return Object.values(COMMAND_MODULES).map((load) => load());
}

function findCommand(name: string): Command | undefined {
  return Object.prototype.hasOwnProperty.call(COMMAND_MODULES, name) ? COMMAND_MODULES[name]() : undefined;
}

export function mainHelp(): string {
  const COMMANDS = allCommands();
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: k8s-dualstack <command> [options]',
    '',
    'IPv4/IPv6 dual-stack Kubernetes networking: see the plan, lint what exists.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.brief}`),
    '',
    'Run "k8s-dualstack <command> --help" for the options of a command.',
    'Exit status: 0 clean, 1 error findings, 2 bad usage or unreadable input.',
    'Colour only on a terminal; NO_COLOR turns it off.',
    '',
  ].join('\n');
}

/**
 * Run the CLI with `argv` (without `node` and the script) and return the exit code. Never calls
 * `process.exit`; all output goes through `io`.
 */
export function run(argv: readonly string[], io: CliIo): ExitCode {
  const style = styleFor(io);
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    if (name === 'help' && rest[0]) return run([rest[0], '--help'], io);
    io.stdout(mainHelp());
    return name === undefined ? ExitCode.USAGE : ExitCode.OK;
  }
  const cmd = findCommand(name);
  if (!cmd) {
    io.stderr(`${style.red('error:')} unknown command ${JSON.stringify(name)}\n\n${mainHelp()}`);
    return ExitCode.USAGE;
  }
  try {
    const args = parseArgs(rest, [...cmd.options, HELP_OPTION]);
    if (args.options.help) {
      io.stdout(commandHelp(cmd));
      return ExitCode.OK;
    }
    return cmd.run({ io, style, args });
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${style.red('error:')} ${e.message}\nUsage: k8s-dualstack ${cmd.usage}  (see k8s-dualstack ${cmd.name} --help)\n`);
      return ExitCode.USAGE;
    }
    if (e instanceof InputError) {
      io.stderr(`${style.red('error:')} ${e.message}\n`);
      return ExitCode.USAGE;
    }
    // A bug of ours, not bad input (input problems are InputError / UsageError above): one line,
    // the stack only on request, so a crash never floods the terminal.
    const message = e instanceof Error ? e.message : String(e);
    const line = message.length > 300 ? `${message.slice(0, 300)}…` : message;
    const debug = io.env.K8S_DUALSTACK_DEBUG !== undefined && io.env.K8S_DUALSTACK_DEBUG !== '';
    io.stderr(`${style.red('internal error:')} ${debug && e instanceof Error && e.stack ? e.stack : `${line} (please report it; K8S_DUALSTACK_DEBUG=1 prints the stack)`}\n`);
    return ExitCode.USAGE;
  }
}
