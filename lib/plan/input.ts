/**
 * Untrusted input made plain before any rule reads it. `ClusterNetwork.plan` and the validators
 * promise findings for any input, so what they are given — an object whose getters throw, a Proxy
 * whose traps throw, a cyclic or absurdly deep structure — is first copied into plain data
 * (arrays, plain objects, primitives), every read guarded. A read that throws, a cycle or a depth
 * beyond `MAX_INPUT_DEPTH` becomes an error finding at its field path; the rules then see only
 * plain values and cannot be surprised.
 */
import { Address } from '../net/address';
import { Cidr } from '../net/cidr';
import { quote } from '../net/errors';
import { Finding, finding } from './findings';

/** Deeper than any Kubernetes document or spec (a CRD schema with a pod template nests near a hundred levels). */
export const MAX_INPUT_DEPTH = 200;

function describeError(e: unknown): string {
  try {
    return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  } catch {
    return 'an exception';
  }
}

/** Sentinel of a read that failed (its finding is already recorded). */
export const UNREADABLE: unique symbol = Symbol('unreadable');

/** `obj[key]`, or UNREADABLE with an `input-unreadable` error when the read throws. */
export function readField(obj: unknown, key: string | number, path: string, f: Finding[]): unknown {
  try {
    return (obj as Record<string | number, unknown>)[key];
  } catch (e) {
    f.push(unreadable(path, e));
    return UNREADABLE;
  }
}

function unreadable(path: string, e: unknown): Finding {
  return finding.error('input-unreadable', path, `reading the value threw ${quote(describeError(e))}; the field is treated as absent`, 'pass plain data (arrays, objects, strings, numbers, booleans), e.g. the result of JSON.parse or a YAML load');
}

/** Values kept as they are: the library's own parsed types, which options may carry. */
function keptAsIs(v: object): boolean {
  return v instanceof Cidr || v instanceof Address;
}

/**
 * A plain copy of any value: primitives as they are, arrays and objects copied entry by entry
 * (own enumerable string keys), every read guarded. Cycles and excessive depth are cut with an
 * error; a value that cannot be read at all comes back as undefined (with its finding).
 */
export function plainCopy(value: unknown, path: string, f: Finding[]): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const ancestors = new Set<object>();
  const copy = (v: unknown, p: string, depth: number): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    try {
      if (keptAsIs(v)) return v;
    } catch {
      // instanceof on a Proxy with a throwing getPrototypeOf
    }
    if (ancestors.has(v)) {
      f.push(finding.error('input-cyclic', p, 'refers back to a value that contains it (a cycle); cluster input is a tree', 'pass plain data without cycles'));
      return undefined;
    }
    if (depth >= MAX_INPUT_DEPTH) {
      f.push(finding.error('input-too-deep', p, `nests deeper than ${MAX_INPUT_DEPTH} levels`, 'pass the documented structure'));
      return undefined;
    }
    ancestors.add(v);
    try {
      if (Array.isArray(v)) {
        const n = v.length;
        const out: unknown[] = new Array(n);
        for (let i = 0; i < n; i++) {
          const item = readField(v, i, `${p}[${i}]`, f);
          out[i] = item === UNREADABLE ? undefined : copy(item, `${p}[${i}]`, depth + 1);
        }
        return out;
      }
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) {
        const kp = k === '' ? `${p}[""]` : p === '' ? k : `${p}.${k}`;
        const item = readField(v, k, kp, f);
        if (item === UNREADABLE) continue;
        // An own "__proto__" key (JSON.parse makes one) stays a key: assigning it would set the prototype.
        if (k === '__proto__') Object.defineProperty(out, k, { value: copy(item, kp, depth + 1), enumerable: true, writable: true, configurable: true });
        else out[k] = copy(item, kp, depth + 1);
      }
      return out;
    } catch (e) {
      f.push(unreadable(p === '' ? '(input)' : p, e));
      return undefined;
    } finally {
      ancestors.delete(v);
    }
  };
  return copy(value, path, 0);
}

/**
 * Read the named fields of an object by property access (so getters on a prototype still work),
 * each guarded and copied plain. A non-object reads as no fields.
 */
export function readFields(obj: unknown, fields: readonly string[], base: string, f: Finding[], copyField: (name: string, value: unknown, path: string) => unknown = (_n, v, p) => plainCopy(v, p, f)): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if ((typeof obj !== 'object' && typeof obj !== 'function') || obj === null) return out;
  for (const name of fields) {
    const path = base === '' ? name : `${base}.${name}`;
    const v = readField(obj, name, path, f);
    if (v === UNREADABLE || v === undefined) continue;
    out[name] = copyField(name, v, path);
  }
  return out;
}
