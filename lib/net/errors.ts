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

/**
 * Longest quoted value in a message (in characters of the value); the full value stays in
 * `NetParseError.input`. A longer value is cut and its length said: `"abc…"…(50000000 characters)`.
 */
export const QUOTE_MAX = 80;

/** How much of a non-string value `describe` renders before it stops walking it. */
const DESCRIBE_BUDGET = 4 * QUOTE_MAX;

/**
 * Text for any value, without ever throwing, and in bounded time: `String(Object.create(null))`,
 * a throwing `toString` or getter, a Proxy whose traps throw, a cyclic object, a Symbol or a list
 * of a million entries must not turn a parse error into a TypeError (or a RangeError). Objects are
 * written as JSON until `DESCRIBE_BUDGET` characters, then "…".
 */
export function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  return describeBounded(value, DESCRIBE_BUDGET);
}

function describeBounded(value: unknown, budget: number): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return value;
    case 'undefined':
      return 'undefined';
    case 'number':
    case 'boolean':
      return String(value);
    case 'bigint':
      return value.toString();
    case 'symbol':
      try {
        return value.toString();
      } catch {
        return 'Symbol()';
      }
    case 'function': {
      let name = '';
      try {
        name = String((value as { name?: unknown }).name ?? '');
      } catch {
        // a Proxy of a function
      }
      return `[function ${name || 'anonymous'}]`;
    }
    default:
      try {
        if (ArrayBuffer.isView(value)) {
          const v = value as unknown as ArrayLike<number>;
          return `${value.constructor.name}(${v.length}) [${Array.from({ length: Math.min(16, v.length) }, (_, i) => v[i]).join(',')}${v.length > 16 ? ',…' : ''}]`;
        }
      } catch {
        return '[object]';
      }
      return jsonBounded(value as object, budget);
  }
}

/**
 * JSON-like text of an object, built by hand so that it stops after `budget` characters (a huge
 * list costs no more than a small one), survives cycles and throwing property reads, and never
 * calls user code beyond property reads (`toJSON` is not called).
 */
function jsonBounded(root: object, budget: number): string {
  let out = '';
  const seen = new Set<object>();
  const full = () => out.length >= budget;
  const write = (v: unknown, depth: number): void => {
    if (full()) return;
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') {
      out += 'null';
      return;
    }
    if (typeof v === 'bigint') {
      out += v.toString();
      return;
    }
    if (typeof v !== 'object' || v === null) {
      out += typeof v === 'number' && !Number.isFinite(v) ? 'null' : JSON.stringify(v);
      return;
    }
    if (seen.has(v) || depth > 20) {
      out += seen.has(v) ? '"[cyclic]"' : '"…"';
      return;
    }
    seen.add(v);
    try {
      if (Array.isArray(v)) {
        out += '[';
        const n = v.length;
        for (let i = 0; i < n && !full(); i++) {
          if (i > 0) out += ',';
          write(v[i], depth + 1);
        }
        out += ']';
      } else {
        out += '{';
        let first = true;
        for (const k of Object.keys(v)) {
          if (full()) break;
          if (!first) out += ',';
          first = false;
          out += `${JSON.stringify(k.length > QUOTE_MAX ? `${k.slice(0, QUOTE_MAX)}…` : k)}:`;
          write((v as Record<string, unknown>)[k], depth + 1);
        }
        out += '}';
      }
    } catch {
      out += '"[unreadable]"';
    } finally {
      seen.delete(v);
    }
  };
  try {
    write(root, 0);
  } catch {
    return '[object]';
  }
  return out;
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
 * Quote a value for a message the same way everywhere — the one quoting helper of every finding
 * and parse error: strings JSON-quoted (so spaces, control characters and an empty string stay
 * visible), other values described without ever throwing; anything longer than `QUOTE_MAX` is cut
 * and its length said, so a 50 MB value makes a message of a few hundred bytes.
 */
export function quote(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= QUOTE_MAX) return JSON.stringify(value);
    return `${JSON.stringify(value.slice(0, QUOTE_MAX))}…(${value.length} characters)`;
  }
  const d = describe(value);
  return d.length > QUOTE_MAX ? `${d.slice(0, QUOTE_MAX)}…` : d;
}

/** `quote` (kept for the lib/net call sites that import it under this name). */
export const quoteShort = quote;

/** The error for a non-string where text was expected: names the type and quotes the value. */
export function notAString(value: unknown, what: string): NetParseError {
  return new NetParseError(describe(value), 'not-a-string', `${quoteShort(value)} is not a valid ${what}: expected a string, got ${typeName(value)}`);
}
