/**
 * A small argv parser: the CLI takes few flags, and a framework would cost start-up time and a
 * dependency. `--name value`, `--name=value`, boolean `--flag`, `-h`, and `--` ending the flags.
 */

/** Thrown for bad usage: the CLI prints it with the command's usage line and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** How one flag takes its value. */
export type OptionKind = 'string' | 'boolean' | 'integer' | 'list';

/** One flag a command accepts. */
export interface OptionSpec {
  readonly name: string;
  readonly kind: OptionKind;
  /** Placeholder for the help text (`FILE`, `N`). */
  readonly value?: string;
  readonly description: string;
  /** The closed set of accepted values, when there is one. */
  readonly choices?: readonly string[];
  readonly short?: string;
}

export type OptionValue = string | boolean | number | readonly string[];

/** Parsed argv: flags by name, and the positional arguments in order. */
export interface ParsedArgs {
  readonly options: Readonly<Record<string, OptionValue | undefined>>;
  readonly positionals: readonly string[];
}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const options: Record<string, OptionValue | undefined> = {};
  const positionals: string[] = [];
  const byName = new Map(specs.map((s) => [s.name, s] as const));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s] as const));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    let spec: OptionSpec | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
      spec = byName.get(name);
    } else {
      spec = arg.length === 2 ? byShort.get(arg.slice(1)) : undefined;
    }
    if (!spec) throw new UsageError(`unknown option ${JSON.stringify(arg)}`);
    if (spec.kind === 'boolean') {
      if (inline !== undefined) throw new UsageError(`option --${spec.name} takes no value (got ${JSON.stringify(inline)})`);
      options[spec.name] = true;
      continue;
    }
    let text = inline;
    if (text === undefined) {
      if (i + 1 >= argv.length || (argv[i + 1].startsWith('--') && argv[i + 1].length > 2)) {
        throw new UsageError(`option --${spec.name} needs a value${spec.value ? ` (${spec.value})` : ''}`);
      }
      text = argv[++i];
    }
    options[spec.name] = convert(spec, text);
  }
  return { options, positionals };
}

function convert(spec: OptionSpec, text: string): OptionValue {
  switch (spec.kind) {
    case 'integer': {
      if (!/^(0|[1-9][0-9]*)$/.test(text)) throw new UsageError(`option --${spec.name} takes a whole number, not ${JSON.stringify(text)}`);
      return Number(text);
    }
    case 'list': {
      const items = text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
      if (items.length === 0) throw new UsageError(`option --${spec.name} takes a comma-separated list, got ${JSON.stringify(text)}`);
      return items;
    }
    default:
      if (spec.choices && !spec.choices.includes(text)) {
        throw new UsageError(`option --${spec.name} takes one of ${spec.choices.join(', ')}, not ${JSON.stringify(text)}`);
      }
      return text;
  }
}

/** The options block of a help text, aligned. */
export function formatOptions(specs: readonly OptionSpec[]): string {
  const heads = specs.map((s) => `${s.short ? `-${s.short}, ` : '    '}--${s.name}${s.kind === 'boolean' ? '' : ` ${s.value ?? 'VALUE'}`}`);
  const width = Math.max(...heads.map((h) => h.length));
  return specs.map((s, i) => `  ${heads[i].padEnd(width)}  ${s.description}${s.choices ? ` (${s.choices.join('|')})` : ''}`).join('\n');
}
