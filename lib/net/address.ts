import { NetParseError, describe, notAString, quoteShort as quote } from './errors';

/** IP address family: 4 or 6. */
export type IpFamilyNumber = 4 | 6;

const V4_MAPPED_HI = 0xffff; // ::ffff:0:0/96 — group 5 holds 0xffff, groups 0-4 are zero.

function fail(input: string, rule: string, why: string): never {
  throw new NetParseError(input, rule, `${quote(input)} is not a valid IP address: ${why}`);
}

/**
 * Parse a dotted quad strictly: four decimal octets 0-255, no leading zeros (Go's net.ParseIP
 * refuses them since Go 1.17, and `010` means octal to inet_aton), no short forms such as `10.1`.
 * Returns the 32-bit value, or throws naming the rule.
 */
function parseDottedQuad(text: string, start: number, end: number, whole: string): number {
  let value = 0;
  let octets = 0;
  let i = start;
  while (i <= end) {
    let n = 0;
    let digits = 0;
    const first = i;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      n = n * 10 + (c - 48);
      digits++;
      i++;
    }
    if (digits === 0) {
      if (i < end && text.charCodeAt(i) !== 46) fail(whole, 'ipv4-character', `unexpected character ${quote(text[i])} at position ${i + 1}`);
      fail(whole, 'ipv4-octet', `octet ${octets + 1} is empty`);
    }
    if (digits > 1 && text.charCodeAt(first) === 48) {
      fail(whole, 'ipv4-leading-zero', `octet ${quote(text.slice(first, i))} has a leading zero (ambiguous: octal to some parsers)`);
    }
    if (n > 255) fail(whole, 'ipv4-octet-range', `octet ${n} is greater than 255`);
    value = value * 256 + n;
    octets++;
    if (i === end) break;
    if (text.charCodeAt(i) !== 46 /* . */) {
      fail(whole, 'ipv4-character', `unexpected character ${quote(text[i])} at position ${i + 1}`);
    }
    if (octets === 4) fail(whole, 'ipv4-octet-count', 'it has more than four octets');
    i++;
    if (i === end) fail(whole, 'ipv4-octet', 'it ends with a dot');
  }
  if (octets !== 4) {
    fail(whole, 'ipv4-octet-count', `it has ${octets} octet${octets === 1 ? '' : 's'}; a dotted quad needs exactly four (short forms such as "10.1" are refused)`);
  }
  return value;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * Parse the IPv6 text `text[0, end)` (zone already cut off) in one pass, straight into the eight
 * groups: RFC 4291 §2.2 forms 1–3 (full, leading zeros dropped, one "::", a dotted IPv4 tail).
 */
function parseIPv6Groups(text: string, end: number, whole: string): Uint16Array {
  const g = new Uint16Array(8);
  let n = 0; // groups written so far
  let dc = -1; // the group index where "::" stands, if written
  let i = 0;
  if (text.charCodeAt(0) === 58 /* : */) {
    if (end < 2 || text.charCodeAt(1) !== 58) fail(whole, 'ipv6-empty-group', 'it starts with a single ":" (an empty group)');
    dc = 0;
    i = 2;
    if (i === end) return g; // "::"
  }
  for (;;) {
    const groupStart = i;
    let v = 0;
    let c = 0;
    while (i < end) {
      c = text.charCodeAt(i);
      const h = hexValue(c);
      if (h < 0) break;
      v = (v << 4) | h;
      i++;
    }
    const digits = i - groupStart;
    if (i < end && c === 46 /* . */) {
      // An embedded IPv4 address (RFC 4291 §2.2 form 3) stands only in the final 32 bits.
      const colon = text.indexOf(':', groupStart);
      if (colon >= 0 && colon < end) {
        fail(whole, 'ipv6-embedded-ipv4-position', 'an embedded IPv4 address may only stand in the last 32 bits (is it "address:port"? write "[v6]:port" and use parseHostPort)');
      }
      if (n + 2 > (dc >= 0 ? 7 : 8)) fail(whole, 'ipv6-group-count', 'more than 8 groups of 16 bits (the IPv4 tail counts as two)');
      const v4 = parseDottedQuad(text, groupStart, end, whole);
      g[n++] = v4 >>> 16;
      g[n++] = v4 & 0xffff;
      break;
    }
    if (digits === 0) {
      if (i < end && c !== 58) fail(whole, 'ipv6-character', `unexpected character ${quote(text[i])} at position ${i + 1}`);
      fail(whole, 'ipv6-empty-group', 'an empty group (":::" or a single ":" at the start or end)');
    }
    if (digits > 4) fail(whole, 'ipv6-group-length', `group ${quote(text.slice(groupStart, i))} has more than 4 hex digits`);
    if (n === 8) fail(whole, 'ipv6-group-count', 'more than 8 groups of 16 bits');
    g[n++] = v;
    if (i === end) break;
    if (c !== 58 /* : */) fail(whole, 'ipv6-character', `unexpected character ${quote(text[i])} at position ${i + 1}`);
    i++;
    if (i === end) fail(whole, 'ipv6-empty-group', 'it ends with a single ":" (an empty group)');
    if (text.charCodeAt(i) === 58) {
      if (dc >= 0) fail(whole, 'ipv6-double-colon-twice', '"::" may appear only once (RFC 4291 §2.2): the length of each zero run would be ambiguous');
      dc = n;
      i++;
      if (i === end) break;
    }
  }
  if (dc >= 0) {
    if (n > 7) fail(whole, 'ipv6-group-count', '"::" must stand for at least one group of zeros, but 8 groups are already written');
    const tail = n - dc;
    if (tail > 0) {
      g.copyWithin(8 - tail, dc, n);
      g.fill(0, dc, 8 - tail);
    }
  } else if (n !== 8) {
    fail(whole, 'ipv6-group-count', `it has ${n} groups of 16 bits; without "::" it needs exactly 8`);
  }
  return g;
}

/**
 * An IPv4 or IPv6 address. Immutable; BigInt-backed (`value`), with the 16-bit groups kept for
 * fast formatting and prefix comparison.
 */
export class Address {
  /**
   * Parse any textual form: an IPv4 dotted quad, or every IPv6 form of RFC 4291 §2.2 (full,
   * leading zeros dropped, one `::`, an embedded IPv4 tail) with an optional `%zone`.
   * @throws NetParseError naming the rule that was broken
   */
  public static parse(text: string): Address {
    if (typeof text !== 'string') throw notAString(text, 'IP address');
    const len = text.length;
    if (len === 0) fail(text, 'empty', 'it is empty');
    // IPv4 unless a ":" shows up; digits and dots come first in both, so one short scan decides.
    let k = 0;
    let c = 0;
    for (; k < len; k++) {
      c = text.charCodeAt(k);
      if (c !== 46 && (c < 48 || c > 57)) break;
    }
    if (k === len || (c !== 58 && text.indexOf(':', k) < 0)) {
      return new Address(4, undefined, parseDottedQuad(text, 0, len, text), undefined);
    }
    let end = len;
    let zone: string | undefined;
    const pct = text.indexOf('%');
    if (pct >= 0) {
      // RFC 4007 §11: a zone index follows "%"; it means nothing without an address before it.
      zone = text.slice(pct + 1);
      if (pct === 0) fail(text, 'empty', 'there is no address before the zone index');
      if (zone.length === 0) fail(text, 'ipv6-zone', 'the zone index after "%" is empty');
      if (/[\s/%\[\]]/.test(zone)) fail(text, 'ipv6-zone', `the zone index ${quote(zone)} contains a space, "/", "%" or a bracket`);
      end = pct;
    }
    if (text.charCodeAt(0) === 91 /* [ */) {
      fail(text, 'ipv6-brackets', 'brackets belong to host:port text ("[v6]:port", see parseHostPort), not to an address');
    }
    return new Address(6, parseIPv6Groups(text, end, text), 0, zone);
  }

  /** Like `parse`, but returns undefined instead of throwing. */
  public static tryParse(text: string): Address | undefined {
    try {
      return Address.parse(text);
    } catch (e) {
      if (e instanceof NetParseError) return undefined;
      throw e;
    }
  }

  /** The address with the given numeric value. */
  public static fromBigInt(value: bigint, family: IpFamilyNumber): Address {
    if (family !== 4 && family !== 6) {
      throw new NetParseError(describe(family), 'family', `${quote(family)} is not an IP family: use 4 or 6`);
    }
    if (typeof value !== 'bigint') {
      throw new NetParseError(describe(value), 'not-a-bigint', `${quote(value)} is not a valid IPv${family} address value: expected a bigint`);
    }
    const bits = family === 4 ? 32n : 128n;
    if (value < 0n || value >> bits !== 0n) {
      throw new NetParseError(value.toString(), 'out-of-range', `${value} does not fit in ${bits} bits (IPv${family})`);
    }
    if (family === 4) return new Address(4, undefined, Number(value), undefined);
    const g = new Uint16Array(8);
    // Two 64-bit halves as doubles would lose bits; 48/48/32 splits stay exact.
    const hi = Number(value >> 80n);
    const mid = Number((value >> 32n) & 0xffffffffffffn);
    const lo = Number(value & 0xffffffffn);
    g[0] = hi / 0x100000000;
    g[1] = (hi / 0x10000) & 0xffff;
    g[2] = hi & 0xffff;
    g[3] = mid / 0x100000000;
    g[4] = (mid / 0x10000) & 0xffff;
    g[5] = mid & 0xffff;
    g[6] = lo >>> 16;
    g[7] = lo & 0xffff;
    const a = new Address(6, g, 0, undefined);
    a.big = value;
    return a;
  }

  /** The IPv4 address with the given unsigned 32-bit value. */
  public static fromUint32(value: number): Address {
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
      throw new NetParseError(describe(value), 'out-of-range', `${quote(value)} is not an unsigned 32-bit integer (IPv4)`);
    }
    return new Address(4, undefined, value, undefined);
  }

  /** @internal Build from 16-bit groups (IPv6) without copying: the caller hands the array over. */
  public static fromGroups(groups: Uint16Array): Address {
    return new Address(6, groups, 0, undefined);
  }

  /** 4 or 6. */
  public readonly family: IpFamilyNumber;
  /** The zone index of a scoped IPv6 address (`fe80::1%eth0` → `eth0`), if written. */
  public readonly zone: string | undefined;
  /** @internal the eight 16-bit groups of an IPv6 address */
  public readonly groups: Uint16Array | undefined;
  /** @internal the 32-bit value of an IPv4 address */
  public readonly v4: number;
  private big: bigint | undefined;

  private constructor(family: IpFamilyNumber, groups: Uint16Array | undefined, v4: number, zone: string | undefined) {
    this.family = family;
    this.groups = groups;
    this.v4 = v4;
    this.zone = zone;
  }

  /** The number of bits: 32 or 128. */
  public get bits(): 32 | 128 {
    return this.family === 4 ? 32 : 128;
  }

  /** The address as an unsigned integer. */
  public get value(): bigint {
    if (this.big === undefined) {
      if (this.family === 4) {
        this.big = BigInt(this.v4);
      } else {
        const g = this.groups!;
        const hi = (g[0] * 0x10000 + g[1]) * 0x10000 + g[2]; // 48 bits: exact in a double
        const mid = (g[3] * 0x10000 + g[4]) * 0x10000 + g[5];
        const lo = g[6] * 0x10000 + g[7];
        this.big = (BigInt(hi) << 80n) | (BigInt(mid) << 32n) | BigInt(lo);
      }
    }
    return this.big;
  }

  /** True for `::ffff:a.b.c.d` (RFC 4291 §2.5.5.2). */
  public get isIPv4Mapped(): boolean {
    const g = this.groups;
    return !!g && g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === V4_MAPPED_HI;
  }

  /** The embedded IPv4 address of an IPv4-mapped address. */
  public toIPv4(): Address | undefined {
    if (!this.isIPv4Mapped) return undefined;
    const g = this.groups!;
    return new Address(4, undefined, g[6] * 0x10000 + g[7], undefined);
  }

  /** Canonical text: RFC 5952 for IPv6 (zone kept), dotted quad for IPv4. */
  public toString(): string {
    if (this.family === 4) return formatV4(this.v4);
    const text = formatV6(this.groups!);
    return this.zone === undefined ? text : `${text}%${this.zone}`;
  }

  /** Every IPv6 group written with four hex digits (`2001:0db8:0000:…`, zone kept); IPv4 unchanged. */
  public toExpanded(): string {
    if (this.family === 4) return formatV4(this.v4);
    const g = this.groups!;
    let s = '';
    for (let i = 0; i < 8; i++) {
      if (i > 0) s += ':';
      s += HEX2[g[i] >>> 8] + HEX2[g[i] & 255];
    }
    return this.zone === undefined ? s : `${s}%${this.zone}`;
  }

  /** The address without its zone index. */
  public withoutZone(): Address {
    return this.zone === undefined ? this : new Address(6, this.groups, 0, undefined);
  }

  /** The address `n` further on (negative goes back). Throws past the end of the space. */
  public offset(n: bigint | number): Address {
    if (!(typeof n === 'bigint' || Number.isSafeInteger(n))) {
      throw new NetParseError(describe(n), 'offset', `offset ${quote(n)} is not an integer (a bigint or a safe integer number)`);
    }
    if (this.family === 4 && typeof n === 'number') {
      const v = this.v4 + n;
      if (v < 0 || v > 0xffffffff) {
        throw new NetParseError(`${this}`, 'out-of-range', `${this} ${n < 0 ? '-' : '+'} ${Math.abs(n)} is outside the IPv4 address space`);
      }
      return new Address(4, undefined, v, undefined);
    }
    const v = this.value + BigInt(n);
    if (v < 0n || v >> BigInt(this.bits) !== 0n) {
      throw new NetParseError(`${this}`, 'out-of-range', `${this} + (${n}) is outside the IPv${this.family} address space`);
    }
    return Address.fromBigInt(v, this.family);
  }

  public equals(other: Address): boolean {
    return other instanceof Address && this.family === other.family && this.compare(other) === 0 && this.zone === other.zone;
  }

  /** Numeric order; IPv4 sorts before IPv6. */
  public compare(other: Address): number {
    if (!(other instanceof Address)) throw new NetParseError(describe(other), 'not-an-address', `${quote(other)} is not an Address (parse text with Address.parse first)`);
    if (this.family !== other.family) return this.family - other.family;
    if (this.family === 4) return this.v4 - other.v4;
    const a = this.groups!;
    const b = other.groups!;
    for (let i = 0; i < 8; i++) {
      if (a[i] !== b[i]) return a[i] - b[i];
    }
    return 0;
  }

  public toJSON(): string {
    return this.toString();
  }
}

function formatV4(v: number): string {
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

// Hex text of bytes, built once: "0".."ff" and the two-digit "00".."ff". A group is then one or
// two table reads instead of Number#toString(16) (RFC 5952 §4.1: no leading zeros, lowercase).
const HEX: string[] = [];
const HEX2: string[] = [];
for (let b = 0; b < 256; b++) {
  HEX.push(b.toString(16));
  HEX2.push(b.toString(16).padStart(2, '0'));
}

function hexGroup(v: number): string {
  return v < 256 ? HEX[v] : HEX[v >>> 8] + HEX2[v & 255];
}

/** RFC 5952 §4: lowercase, no leading zeros, the longest run (≥ 2) of zero groups as "::", the first on a tie. */
function formatV6(g: Uint16Array): string {
  // IPv4-mapped addresses are written with the dotted tail (RFC 5952 §5).
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === V4_MAPPED_HI) {
    return `::ffff:${g[6] >>> 8}.${g[6] & 255}.${g[7] >>> 8}.${g[7] & 255}`;
  }
  let bestStart = -1;
  let bestLen = 1;
  let runStart = -1;
  for (let i = 0; i <= 8; i++) {
    if (i < 8 && g[i] === 0) {
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      const len = i - runStart;
      if (len > bestLen) {
        bestLen = len;
        bestStart = runStart;
      }
      runStart = -1;
    }
  }
  let s = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      s += '::';
      i += bestLen - 1;
      continue;
    }
    if (s.length > 0 && s.charCodeAt(s.length - 1) !== 58) s += ':';
    s += hexGroup(g[i]);
  }
  return s;
}
