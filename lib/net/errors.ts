/**
 * The one error type of the address core. Bad input never surfaces as a generic TypeError:
 * every failure names the rule that was broken and quotes the value.
 */
export class NetParseError extends Error {
  /** The text that was refused, exactly as given. */
  public readonly input: string;
  /** A short, stable identifier of the broken rule (e.g. `ipv6-double-colon-twice`). */
  public readonly rule: string;

  constructor(input: string, rule: string, message: string) {
    super(message);
    this.name = 'NetParseError';
    this.input = input;
    this.rule = rule;
  }
}

/** Quote a value for an error message the same way everywhere. */
export function quote(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
