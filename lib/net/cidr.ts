import { Address, IpFamilyNumber } from './address';
import { NetParseError, describe, notAString, quoteShort as quote } from './errors';

/** Options of `Cidr.parse`. */
export interface CidrParseOptions {
  /**
   * Accept an address with host bits set (`10.96.0.1/12`) and normalise it to its network, as
   * most Kubernetes flags do (they use Go's `net.ParseCIDR`, which returns the masked network).
   * The parsed value records `hostBitsSet` so callers can still warn.
   * @default false - host bits set is an error that suggests the network
   */
  readonly allowHostBits?: boolean;
}

function fail(input: string, rule: string, why: string, fix?: string): never {
  throw new NetParseError(input, rule, `${quote(input)} is not a valid CIDR: ${why}${fix ? ` (${fix})` : ''}`);
}

function notAnAddress(value: unknown): NetParseError {
  return new NetParseError(describe(value), 'not-an-address', `${quote(value)} is not an Address or a Cidr (parse text with Address.parse / Cidr.parse first)`);
}

/** A bigint or safe integer index, as a bigint; anything else is refused by name. */
function toIndex(n: unknown, what: string, cidr: Cidr): bigint {
  if (typeof n === 'bigint') return n;
  if (typeof n === 'number' && Number.isSafeInteger(n)) return BigInt(n);
  throw new NetParseError(describe(n), what, `${what} ${quote(n)} for ${cidr} is not an integer (a bigint or a safe integer number)`);
}

/** Mask the first `prefix` bits of an address; returns a new Address. */
function maskAddress(a: Address, prefix: number): Address {
  if (a.family === 4) {
    const m = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    return Address.fromUint32((a.v4 & m) >>> 0);
  }
  const g = new Uint16Array(a.groups!);
  for (let i = 0; i < 8; i++) {
    const lo = i * 16;
    if (prefix <= lo) g[i] = 0;
    else if (prefix < lo + 16) g[i] = g[i] & (0xffff << (16 - (prefix - lo)));
  }
  return Address.fromGroups(g);
}

/** Whether the first `prefix` bits of two same-family addresses agree. */
function samePrefix(a: Address, b: Address, prefix: number): boolean {
  if (a.family === 4) {
    if (prefix === 0) return true;
    const m = (0xffffffff << (32 - prefix)) >>> 0;
    return ((a.v4 ^ b.v4) & m) === 0;
  }
  const ga = a.groups!;
  const gb = b.groups!;
  let i = 0;
  let p = prefix;
  while (p >= 16) {
    if (ga[i] !== gb[i]) return false;
    i++;
    p -= 16;
  }
  if (p === 0) return true;
  return ((ga[i] ^ gb[i]) & (0xffff << (16 - p)) & 0xffff) === 0;
}

/**
 * An IPv4 or IPv6 network in CIDR notation. Immutable; the network address always has its host
 * bits clear. Ordering and containment are numeric, never textual.
 */
export class Cidr {
  /**
   * Parse `address/prefix`. Strict by default: host bits set is an error that names the network.
   * @throws NetParseError naming the rule that was broken
   */
  public static parse(text: string, options: CidrParseOptions = {}): Cidr {
    if (typeof text !== 'string') throw notAString(text, 'CIDR');
    const slash = text.indexOf('/');
    if (slash < 0) fail(text, 'cidr-no-prefix', 'it has no "/prefix"', 'write e.g. "10.96.0.0/12" or "fd00::/108"');
    if (text.indexOf('/', slash + 1) >= 0) fail(text, 'cidr-slash', 'it has more than one "/"');
    const addrText = text.slice(0, slash);
    const prefixText = text.slice(slash + 1);
    if (addrText.indexOf('%') >= 0) fail(text, 'cidr-zone', 'a zone index ("%…") has no place in a network');
    let address: Address;
    try {
      address = Address.parse(addrText);
    } catch (e) {
      if (e instanceof NetParseError) fail(text, e.rule, e.message.replace(/^.*? is not a valid IP address: /, `address ${quote(addrText)}: `));
      throw e;
    }
    if (!/^(0|[1-9][0-9]{0,2})$/.test(prefixText)) {
      fail(text, 'cidr-prefix', `prefix ${quote(prefixText)} is not a decimal number without leading zeros`);
    }
    const prefix = Number(prefixText);
    if (prefix > address.bits) fail(text, 'cidr-prefix-range', `prefix /${prefix} is longer than ${address.bits} bits (IPv${address.family})`);
    const network = maskAddress(address, prefix);
    const hostBitsSet = network.compare(address) !== 0;
    if (hostBitsSet && !options.allowHostBits) {
      throw new NetParseError(
        text,
        'cidr-host-bits',
        `${quote(text)} has host bits set; did you mean ${quote(`${network}/${prefix}`)}?`,
      );
    }
    return new Cidr(network, prefix, hostBitsSet ? address : undefined);
  }

  /** Like `parse`, but returns undefined instead of throwing. */
  public static tryParse(text: string, options: CidrParseOptions = {}): Cidr | undefined {
    try {
      return Cidr.parse(text, options);
    } catch (e) {
      if (e instanceof NetParseError) return undefined;
      throw e;
    }
  }

  /** The network of `prefix` bits that contains `address`. */
  public static of(address: Address, prefix: number): Cidr {
    if (!(address instanceof Address)) throw notAnAddress(address);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > address.bits) {
      throw new NetParseError(`${address}/${prefix}`, 'cidr-prefix-range', `prefix /${prefix} is out of range for IPv${address.family}`);
    }
    return new Cidr(maskAddress(address.withoutZone(), prefix), prefix, undefined);
  }

  /** The network address (host bits clear). */
  public readonly network: Address;
  /** The prefix length. */
  public readonly prefix: number;
  /** The address as written when it had host bits set (only with `allowHostBits`). */
  public readonly writtenAddress: Address | undefined;

  private constructor(network: Address, prefix: number, writtenAddress: Address | undefined) {
    this.network = network;
    this.prefix = prefix;
    this.writtenAddress = writtenAddress;
  }

  public get family(): IpFamilyNumber {
    return this.network.family;
  }

  /** 32 or 128. */
  public get bits(): number {
    return this.network.bits;
  }

  /** Host bits: `bits - prefix`. */
  public get hostBits(): number {
    return this.network.bits - this.prefix;
  }

  /** True when the text had host bits set (parsed with `allowHostBits`). */
  public get hostBitsSet(): boolean {
    return this.writtenAddress !== undefined;
  }

  /** The number of addresses (2^hostBits). */
  public get size(): bigint {
    return 1n << BigInt(this.hostBits);
  }

  /** The first address (the network address). */
  public get first(): Address {
    return this.network;
  }

  /** The last address. */
  public get last(): Address {
    return Address.fromBigInt(this.network.value + this.size - 1n, this.family);
  }

  /** Whether an address or a whole network lies inside this one. Other families never do. */
  public contains(other: Address | Cidr): boolean {
    if (other instanceof Address) return other.family === this.family && samePrefix(this.network, other, this.prefix);
    if (other instanceof Cidr) {
      return other.family === this.family && other.prefix >= this.prefix && samePrefix(this.network, other.network, this.prefix);
    }
    throw notAnAddress(other);
  }

  /** Whether the two networks share any address (symmetric). */
  public overlaps(other: Cidr): boolean {
    if (!(other instanceof Cidr)) throw notAnAddress(other);
    if (other.family !== this.family) return false;
    return samePrefix(this.network, other.network, Math.min(this.prefix, other.prefix));
  }

  /** How many subnets of `newPrefix` bits fit: 2^(newPrefix - prefix). */
  public subnetCount(newPrefix: number): bigint {
    this.checkSubnetPrefix(newPrefix);
    return 1n << BigInt(newPrefix - this.prefix);
  }

  /** The `index`-th (0-based) subnet of `newPrefix` bits. */
  public subnet(newPrefix: number, index: bigint | number = 0): Cidr {
    const count = this.subnetCount(newPrefix);
    const i = toIndex(index, 'subnet-index', this);
    if (i < 0n || i >= count) {
      throw new NetParseError(`${this}`, 'subnet-index', `subnet index ${i} is out of range: ${this} has ${count} subnets of /${newPrefix}`);
    }
    const value = this.network.value + (i << BigInt(this.bits - newPrefix));
    return new Cidr(Address.fromBigInt(value, this.family), newPrefix, undefined);
  }

  /**
   * All subnets of `newPrefix` bits, lazily, in address order (a /48 holds 2^16 /64s: never build
   * them all). The prefix is checked now, not at the first `next()`.
   */
  public subnets(newPrefix: number): IterableIterator<Cidr> {
    const count = this.subnetCount(newPrefix);
    const step = 1n << BigInt(this.bits - newPrefix);
    const family = this.family;
    const start = this.network.value;
    return (function* (): IterableIterator<Cidr> {
      let value = start;
      for (let i = 0n; i < count; i++) {
        yield new Cidr(Address.fromBigInt(value, family), newPrefix, undefined);
        value += step;
      }
    })();
  }

  /** The `n`-th address of the network (0 = the network address). */
  public at(n: bigint | number): Address {
    const i = toIndex(n, 'address-index', this);
    if (i < 0n || i >= this.size) {
      throw new NetParseError(`${this}`, 'address-index', `address index ${i} is outside ${this} (${this.size} addresses)`);
    }
    return Address.fromBigInt(this.network.value + i, this.family);
  }

  public equals(other: Cidr): boolean {
    return other instanceof Cidr && this.prefix === other.prefix && this.network.compare(other.network) === 0 && this.family === other.family;
  }

  /** Order by family, then network address, then prefix. */
  public compare(other: Cidr): number {
    if (!(other instanceof Cidr)) throw notAnAddress(other);
    return this.network.compare(other.network) || this.prefix - other.prefix;
  }

  /** Canonical text: network address (RFC 5952) `/prefix`. */
  public toString(): string {
    return `${this.network}/${this.prefix}`;
  }

  public toJSON(): string {
    return this.toString();
  }

  private checkSubnetPrefix(newPrefix: number): void {
    if (!Number.isInteger(newPrefix) || newPrefix < this.prefix || newPrefix > this.bits) {
      throw new NetParseError(
        `${this}`,
        'subnet-prefix',
        `/${newPrefix} cannot subdivide ${this}: a subnet prefix must be between /${this.prefix} and /${this.bits}`,
      );
    }
  }
}
