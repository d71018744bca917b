import { NetParseError } from '../../lib/net';

/**
 * Run `fn`, expect a NetParseError (never a TypeError/RangeError) and return it, so a test can
 * assert its rule id and message text.
 */
export function netError(fn: () => unknown): NetParseError {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  if (thrown === undefined) throw new Error('expected a NetParseError, but nothing was thrown');
  if (!(thrown instanceof NetParseError)) {
    throw new Error(`expected a NetParseError, got ${thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown)}`);
  }
  return thrown;
}

/** Values that are not strings, each of which must be refused with rule `not-a-string`. */
export const NON_STRINGS: Array<[string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['a number', 42],
  ['NaN', NaN],
  ['a boolean', true],
  ['a bigint', 10n],
  ['a symbol', Symbol('x')],
  ['an object', { address: '10.0.0.1' }],
  ['an object without prototype', Object.create(null)],
  ['an object whose toString throws', { toString: () => { throw new Error('boom'); }, toJSON: () => { throw new Error('boom'); } }],
  ['an array', ['10.0.0.1']],
  ['a String object', new String('10.0.0.1')],
  ['a function', () => '10.0.0.1'],
];
