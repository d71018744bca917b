import { NetParseError, quote } from './errors';

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
      fail(whole, 'ipv4-octet', `octet ${octets + 1} is empty or not a decimal number`);
    }
    if (digits > 1 && text.charCodeAt(first) === 48) {
      fail(whole, 'ipv4-leading-zero', `octet ${quote(text.slice(first, i))} has a leading zero (ambiguous: octal to some parsers)`);
    }
    if (n > 255) fail(whole, 'ipv4-octet-range', `octet ${n} is greater than 255`);
    value = value * 256 + n;
    octets++;
    if (i === end) break;
    if (text.charCodeAt(i) !== 46 /* . */) {
      fail(whole, 'ipv4-character', `unexpected character ${quote(text[i])}`);
    }
    if (octets === 4) fail(whole, 'ipv4-octet-count', 'more than four octets');
    i++;
    if (i === end) fail(whole, 'ipv4-octet', 'ends with a dot');
  }
  if (octets !== 4) {
    fail(whole, 'ipv4-octet-count', `has ${octets} octet${octets === 1 ? '' : 's'}; a dotted quad needs exactly four (short forms such as "10.1" are refused)`);
  }
  return value;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Parse the groups of one side of `::` into `out` starting at `at`. Returns the group count. */
function parseGroups(text: string, start: number, end: number, out: Uint16Array, at: number, allowV4Tail: boolean, whole: string): number {
  if (start === end) return 0;
  let count = 0;
  let i = start;
  for (;;) {
    const groupStart = i;
    let n = 0;
    let digits = 0;
    while (i < end) {
      const h = hexValue(text.charCodeAt(i));
      if (h < 0) break;
      n = n * 16 + h;
      digits++;
      i++;
    }
    if (i < end && text.charCodeAt(i) === 46 /* . */) {
      // An embedded IPv4 address (RFC 4291 §2.2 form 3): only as the final 32 bits.
      if (!allowV4Tail) fail(whole, 'ipv6-embedded-ipv4-position', 'an embedded IPv4 address may only stand in the last 32 bits');
      const v4 = parseDottedQuad(text, groupStart, end, whole);
      if (at + count + 2 > 8) fail(whole, 'ipv6-group-count', 'more than 8 groups of 16 bits');
      out[at + count] = v4 >>> 16;
      out[at + count + 1] = v4 & 0xffff;
      return count + 2;
    }
    if (digits === 0) {
      if (i < end && text.charCodeAt(i) !== 58) fail(whole, 'ipv6-character', `unexpected character ${quote(text[i])}`);
      fail(whole, 'ipv6-empty-group', 'an empty group (a single ":" at the start or end, or ":::")');
    }
    if (digits > 4) fail(whole, 'ipv6-group-length', `group ${quote(text.slice(groupStart, i))} has more than 4 hex digits`);
    if (at + count >= 8) fail(whole, 'ipv6-group-count', 'more than 8 groups of 16 bits');
    out[at + count] = n;
    count++;
    if (i === end) return count;
    if (text.charCodeAt(i) !== 58 /* : */) fail(whole, 'ipv6-character', `unexpected character ${quote(text[i])}`);
    i++;
    if (i === end) fail(whole, 'ipv6-empty-group', 'ends with a single ":"');
  }
}

function parseIPv6Groups(text: string, end: number, whole: string): Uint16Array {
  const groups = new Uint16Array(8);
  const dc = text.indexOf('::');
  if (dc >= 0 && dc < end) {
    if (text.indexOf('::', dc + 1) >= 0 && text.indexOf('::', dc + 1) < end) {
      fail(whole, 'ipv6-double-colon-twice', '"::" may appear only once (RFC 4291 §2.2)');
    }
    const head = new Uint16Array(8);
    const tail = new Uint16Array(8);
    const nh = parseGroups(text, 0, dc, head, 0, false, whole);
    const nt = parseGroups(text, dc + 2, end, tail, 0, true, whole);
    if (nh + nt > 7) fail(whole, 'ipv6-group-count', '"::" must stand for at least one group of zeros, but 8 groups are already written');
    groups.set(head.subarray(0, nh), 0);
    groups.set(tail.subarray(0, nt), 8 - nt);
  } else {
    const n = parseGroups(text, 0, end, groups, 0, true, whole);
    if (n !== 8) fail(whole, 'ipv6-group-count', `has ${n} groups of 16 bits; without "::" it needs exactly 8`);
  }
  return groups;
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
    if (typeof text !== 'string') {
      throw new NetParseError(String(text), 'not-a-string', `${quote(text)} is not a valid IP address: expected a string`);
    }
    if (text.length === 0) fail(text, 'empty', 'it is empty');
    if (text.indexOf(':') < 0) {
      const v = parseDottedQuad(text, 0, text.length, text);
      return new Address(4, undefined, v, undefined);
    }
    let end = text.length;
    let zone: string | undefined;
    const pct = text.indexOf('%');
    if (pct >= 0) {
      zone = text.slice(pct + 1);
      if (zone.length === 0) fail(text, 'ipv6-zone', 'the zone index after "%" is empty');
      if (/[\s/%]/.test(zone)) fail(text, 'ipv6-zone', `the zone index ${quote(zone)} contains a space, "/" or "%"`);
      end = pct;
    }
    if (end > 0 && text.charCodeAt(0) === 91 /* [ */) {
      fail(text, 'ipv6-brackets', 'brackets belong to host:port text ("[v6]:port"), not to an address');
    }
    const groups = parseIPv6Groups(text, end, text);
    return new Address(6, groups, 0, zone);
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
    const bits = family === 4 ? 32n : 128n;
    if (value < 0n || value >> bits !== 0n) {
      throw new NetParseError(value.toString(), 'out-of-range', `${value} does not fit in ${bits} bits (IPv${family})`);
    }
    if (family === 4) return new Address(4, undefined, Number(value), undefined);
    const g = new Uint16Array(8);
    let v = value;
    for (let i = 7; i >= 0; i--) {
      g[i] = Number(v & 0xffffn);
      v >>= 16n;
    }
    const a = new Address(6, g, 0, undefined);
    a.big = value;
    return a;
  }

  /** @internal Build from 16-bit groups (IPv6) without copying. */
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

  /** Every IPv6 group written with four hex digits (`2001:0db8:0000:…`); IPv4 unchanged. */
  public toExpanded(): string {
    if (this.family === 4) return formatV4(this.v4);
    const g = this.groups!;
    let s = '';
    for (let i = 0; i < 8; i++) {
      if (i > 0) s += ':';
      s += g[i].toString(16).padStart(4, '0');
    }
    return s;
  }

  /** The address without its zone index. */
  public withoutZone(): Address {
    return this.zone === undefined ? this : new Address(6, this.groups, 0, undefined);
  }

  /** The address `n` further on (negative goes back). Throws past the end of the space. */
  public offset(n: bigint | number): Address {
    return Address.fromBigInt(this.value + BigInt(n), this.family);
  }

  public equals(other: Address): boolean {
    return this.family === other.family && this.compare(other) === 0 && this.zone === other.zone;
  }

  /** Numeric order; IPv4 sorts before IPv6. */
  public compare(other: Address): number {
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
    s += g[i].toString(16);
  }
  return s;
}
