import { createHash } from 'crypto';
import type { Cidr } from '../../net/cidr';
import type { RandomSource } from '../../net/ula';

/**
 * The random source for a ULA suggested in a fix: a SHA-256 of the range, as the plan's rules do
 * (lib/plan/rules/common.ts suggestUla), so `validate` prints the same suggestion as `plan` for the
 * same range, run after run.
 */
export function stableRandomFor(cidr: Cidr): RandomSource {
  const digest = createHash('sha256').update(`k8s-dualstack:${cidr.toString()}`).digest();
  return (n) => new Uint8Array(digest.subarray(0, n));
}
