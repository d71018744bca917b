import { randomBytes } from 'crypto';
import { Address } from './address';
import { Cidr } from './cidr';
import { NetParseError, describe, quoteShort as quote, typeName } from './errors';

/** A source of random bytes; `crypto.randomBytes` unless a test injects its own. */
export type RandomSource = (length: number) => Uint8Array;

/**
 * A fresh RFC 4193 unique-local /48: `fd` (prefix fc00::/7 with L=1) followed by a 40-bit global
 * ID from a cryptographic source (RFC 4193 §3.2 asks for a pseudo-random global ID so that merged
 * networks do not collide).
 */
export function generateUlaPrefix(random: RandomSource = randomBytes): Cidr {
  if (typeof random !== 'function') {
    throw new NetParseError(describe(random), 'ula-random', `generateUlaPrefix: the random source ${quote(random)} is not a function (length) => Uint8Array`);
  }
  const id = random(5);
  if (!(id instanceof Uint8Array) || id.length < 5) {
    throw new NetParseError(
      describe(id),
      'ula-random',
      `generateUlaPrefix: the random source returned ${quote(id)} (${typeName(id)}); it must return a Uint8Array of at least 5 bytes (RFC 4193 §3.2: a 40-bit Global ID)`,
    );
  }
  const g = new Uint16Array(8);
  g[0] = 0xfd00 | id[0];
  g[1] = (id[1] << 8) | id[2];
  g[2] = (id[3] << 8) | id[4];
  return Cidr.of(Address.fromGroups(g), 48);
}

/**
 * The modified EUI-64 interface identifier of a 48-bit MAC (RFC 4291 Appendix A): ff:fe in the
 * middle and the universal/local bit inverted. Returned as the low 64 bits of an address
 * (`::21b:21ff:fe3c:4d5e`), ready to add to a /64.
 */
export function eui64InterfaceId(mac: string): Address {
  const m = /^([0-9a-fA-F]{2})([:-]?)([0-9a-fA-F]{2})\2([0-9a-fA-F]{2})\2([0-9a-fA-F]{2})\2([0-9a-fA-F]{2})\2([0-9a-fA-F]{2})$/.exec(
    typeof mac === 'string' ? mac : '',
  );
  if (!m) {
    throw new NetParseError(describe(mac), 'mac-format', `${quote(mac)} is not a 48-bit MAC address (write six hex pairs: "00:1b:21:3c:4d:5e")`);
  }
  const b = [m[1], m[3], m[4], m[5], m[6], m[7]].map((h) => parseInt(h, 16));
  const g = new Uint16Array(8);
  g[4] = ((b[0] ^ 0x02) << 8) | b[1];
  g[5] = (b[2] << 8) | 0xff;
  g[6] = (0xfe << 8) | b[3];
  g[7] = (b[4] << 8) | b[5];
  return Address.fromGroups(g);
}
