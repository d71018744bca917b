import * as path from 'path';
import { UsageError } from '../args';
import { Command, CommandContext, ExitCode, resolvePath } from '../command';
import { checkOutputPath } from '../io';

/**
 * The contract with the ready stacks: the compiled `stacks/registry` module exports
 * `STACKS: Record<string, (outdir: string) => void>`; each function synthesizes its stack into
 * `outdir` (creating it) and throws (e.g. `PlanError`) when the stack has errors.
 */
export type StackRegistry = Readonly<Record<string, (outdir: string) => void>>;

/**
 * Where the ready stacks' registry is, relative to this file: dist-lib/lib/cli/commands →
 * dist-lib/stacks/registry. The package ships it (package.json `files`), so `k8s-dualstack synth`
 * works from an installed package; in a clone, `npm run build` (or the fast build) writes it.
 */
export const REGISTRY_MODULE = path.join(__dirname, '..', '..', '..', 'stacks', 'registry');

export const synthCommand: Command = {
  name: 'synth',
  brief: 'synthesize the ready stacks (loads cdk8s)',
  summary: 'Synthesize the ready stacks (cdk8s) to OUTDIR/<stack>/. Without a stack name, all of them. With --app, your own stacks instead.',
  usage: 'synth [STACK...] [--out DIR] [--list] [--app FILE]',
  options: [
    { name: 'out', short: 'o', kind: 'string', value: 'DIR', description: 'output directory (default: dist)' },
    { name: 'app', kind: 'string', value: 'FILE', description: 'a compiled module exporting STACKS: Record<string, (outdir: string) => void> (default: the ready stacks)' },
    { name: 'list', kind: 'boolean', description: 'list the stacks and exit' },
  ],
  details: 'This is the only command that loads cdk8s. Exit status: 0 written, 1 a stack has errors, 2 bad usage or no stacks built.',
  run: runSynth,
};

function loadRegistry({ io, args }: CommandContext): StackRegistry {
  const app = args.options.app as string | undefined;
  const file = app === undefined ? REGISTRY_MODULE : resolvePath(io, app);
  let mod: unknown;
  try {
    // Loaded only here: plan, validate and ula never pay for cdk8s.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = (io.load ?? require)(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'MODULE_NOT_FOUND' && String((e as Error).message).includes(app === undefined ? 'registry' : file)) {
      throw new UsageError(
        app === undefined
          ? `no ready stacks: ${REGISTRY_MODULE}(.js) is missing — build the package first (npm run build, in a clone of the repository; an installed package ships them)`
          : `cannot load --app ${JSON.stringify(app)}: no such module (give the compiled .js file)`,
      );
    }
    throw e;
  }
  const stacks = (mod as { STACKS?: unknown } | undefined)?.STACKS;
  if (typeof stacks !== 'object' || stacks === null || !Object.values(stacks).every((f) => typeof f === 'function')) {
    throw new UsageError(`${app === undefined ? REGISTRY_MODULE : JSON.stringify(app)} does not export STACKS: Record<string, (outdir: string) => void>`);
  }
  return stacks as StackRegistry;
}

function runSynth(ctx: CommandContext): ExitCode {
  const { io, style, args } = ctx;
  if (!args.options.list) checkOutputPath(io, '--out', (args.options.out as string | undefined) ?? 'dist', 'directory');
  const stacks = loadRegistry(ctx);
  const names = Object.keys(stacks).sort();
  if (args.options.list) {
    io.stdout(names.join('\n') + (names.length ? '\n' : ''));
    return ExitCode.OK;
  }
  const unknown = args.positionals.filter((n) => !names.includes(n));
  if (unknown.length > 0) throw new UsageError(`unknown stack ${JSON.stringify(unknown[0])}; the stacks are: ${names.join(', ')}`);
  const chosen = args.positionals.length > 0 ? [...new Set(args.positionals)] : names;
  const out = resolvePath(io, (args.options.out as string | undefined) ?? 'dist');
  let failed = 0;
  for (const name of chosen) {
    const dir = path.join(out, name);
    try {
      stacks[name](dir);
      io.stdout(`${style.green('synthesized')} ${name} → ${path.relative(io.cwd, dir) || '.'}\n`);
    } catch (e) {
      failed++;
      io.stderr(`${style.red('failed')} ${name}: ${(e as Error).message}\n`);
    }
  }
  return failed > 0 ? ExitCode.FINDINGS : ExitCode.OK;
}
