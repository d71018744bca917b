/**
 * The one error type of the address core. Bad input never surfaces as a generic TypeError:
 * every failure names the rule that was broken and quotes the value.
 */
export class NetParseError extends Error {
  /** The text that was refused, exactly as given (non-string input is described, never thrown on). */
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

/** Longest quoted value in a message; the full value stays in `NetParseError.input`. */
const QUOTE_MAX = 120;

/**
 * Text for any value, without ever throwing: `String(Object.create(null))`, a throwing
 * `toString`, or a Symbol must not turn a parse error into a TypeError.
 */
export function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null) return 'null';
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'number':
    case 'boolean':
      return String(value);
    case 'bigint':
      return value.toString();
    case 'symbol':
      return value.toString();
    case 'function':
      return `[function ${(value as { name?: string }).name || 'anonymous'}]`;
    default:
      if (ArrayBuffer.isView(value)) {
        const v = value as unknown as ArrayLike<number>;
        return `${value.constructor.name}(${v.length}) [${Array.from(v).slice(0, 16).join(',')}${v.length > 16 ? ',…' : ''}]`;
      }
      try {
        const json = JSON.stringify(value);
        if (json !== undefined) return json;
      } catch {
        // fall through: cyclic or throwing toJSON
      }
      try {
        return Object.prototype.toString.call(value);
      } catch {
        return '[object]';
      }
  }
}

/** "a number", "an object", "null" … for messages about non-string input. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  const t = typeof value;
  return t === 'object' || t === 'undefined' ? `an ${t}` : `a ${t}`;
}

/**
 * Quote a value for a message the same way everywhere: strings JSON-quoted (so spaces, control
 * characters and an empty string stay visible), other values described without ever throwing.
 */
export function quote(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : describe(value);
}

/**
 * `quote`, cut to a readable length: for parse errors, whose input may be any size (a 1 MB
 * string must not become a 1 MB message). `NetParseError.input` keeps the value whole.
 */
export function quoteShort(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= QUOTE_MAX) return JSON.stringify(value);
    return `${JSON.stringify(value.slice(0, QUOTE_MAX))}… (${value.length} characters)`;
  }
  const d = describe(value);
  return d.length > QUOTE_MAX ? `${d.slice(0, QUOTE_MAX)}…` : d;
}

/** The error for a non-string where text was expected: names the type and quotes the value. */
export function notAString(value: unknown, what: string): NetParseError {
  return new NetParseError(describe(value), 'not-a-string', `${quoteShort(value)} is not a valid ${what}: expected a string, got ${typeName(value)}`);
}
