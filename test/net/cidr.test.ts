import fc from 'fast-check';
import { Address, Cidr } from '../../lib/net';
import { NON_STRINGS, netError } from './net-error';

const RUNS = { numRuns: 500 };

describe('Cidr.parse', () => {
  test.each([
    // field report §5: the service and pod ranges of the hand-built cluster
    ['10.96.0.0/12', '10.96.0.0/12', 4, 12, 1n << 20n, '10.96.0.0', '10.111.255.255'],
    ['fd00::/108', 'fd00::/108', 6, 108, 1n << 20n, 'fd00::', 'fd00::f:ffff'],
    ['172.16.0.0/16', '172.16.0.0/16', 4, 16, 65536n, '172.16.0.0', '172.16.255.255'],
    ['fc00::/48', 'fc00::/48', 6, 48, 1n << 80n, 'fc00::', 'fc00::ffff:ffff:ffff:ffff:ffff'],
    ['0.0.0.0/0', '0.0.0.0/0', 4, 0, 1n << 32n, '0.0.0.0', '255.255.255.255'],
    ['::/0', '::/0', 6, 0, 1n << 128n, '::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['10.0.0.1/32', '10.0.0.1/32', 4, 32, 1n, '10.0.0.1', '10.0.0.1'],
    ['::1/128', '::1/128', 6, 128, 1n, '::1', '::1'],
    // RFC 4291 §2.3: three legal ways to write one /60
    ['2001:0DB8:0000:CD30:0000:0000:0000:0000/60', '2001:db8:0:cd30::/60', 6, 60, 1n << 68n, '2001:db8:0:cd30::', '2001:db8:0:cd3f:ffff:ffff:ffff:ffff'],
    ['2001:0DB8::CD30:0:0:0:0/60', '2001:db8:0:cd30::/60', 6, 60, 1n << 68n, '2001:db8:0:cd30::', '2001:db8:0:cd3f:ffff:ffff:ffff:ffff'],
    ['2001:0DB8:0:CD30::/60', '2001:db8:0:cd30::/60', 6, 60, 1n << 68n, '2001:db8:0:cd30::', '2001:db8:0:cd3f:ffff:ffff:ffff:ffff'],
  ])('parses %s', (input, canonical, family, prefix, size, first, last) => {
    const c = Cidr.parse(input);
    expect(c.toString()).toBe(canonical);
    expect(c.family).toBe(family);
    expect(c.prefix).toBe(prefix);
    expect(c.size).toBe(size);
    expect(c.first.toString()).toBe(first);
    expect(c.last.toString()).toBe(last);
    expect(c.hostBitsSet).toBe(false);
    expect(c.writtenAddress).toBeUndefined();
  });

  test('fails when host bits are set, suggesting the network', () => {
    const e = netError(() => Cidr.parse('10.96.0.1/12'));
    expect(e.rule).toBe('cidr-host-bits');
    expect(e.input).toBe('10.96.0.1/12');
    expect(e.message).toBe('"10.96.0.1/12" has host bits set; did you mean "10.96.0.0/12"?');
  });

  test('fails when the node address of field report §6 is given as a network (2003:ac18::30a:2/64)', () => {
    const e = netError(() => Cidr.parse('2003:ac18::30a:2/64'));
    expect(e.rule).toBe('cidr-host-bits');
    expect(e.message).toBe('"2003:ac18::30a:2/64" has host bits set; did you mean "2003:ac18::/64"?');
  });

  test.each([
    ['2003:ac18::30a:2/64', '2003:ac18::/64', '2003:ac18::30a:2'],
    ['192.168.101.53/24', '192.168.101.0/24', '192.168.101.53'],
    ['10.96.0.1/12', '10.96.0.0/12', '10.96.0.1'],
  ])('allowHostBits accepts %s as %s and remembers the address', (input, network, written) => {
    const c = Cidr.parse(input, { allowHostBits: true });
    expect(c.toString()).toBe(network);
    expect(c.hostBitsSet).toBe(true);
    expect(c.writtenAddress!.toString()).toBe(written);
    expect(c.contains(c.writtenAddress!)).toBe(true);
  });

  test('allowHostBits changes nothing for a clean network', () => {
    const c = Cidr.parse('fd00::/108', { allowHostBits: true });
    expect(c.hostBitsSet).toBe(false);
    expect(c.equals(Cidr.parse('fd00::/108'))).toBe(true);
  });

  test.each([
    ['10.0.0.0', 'cidr-no-prefix', '"10.0.0.0" is not a valid CIDR: it has no "/prefix" (write e.g. "10.96.0.0/12" or "fd00::/108")'],
    ['fd00::', 'cidr-no-prefix', 'it has no "/prefix"'],
    ['10.0.0.0/8/8', 'cidr-slash', 'it has more than one "/"'],
    ['10.0.0.0/33', 'cidr-prefix-range', 'prefix /33 is longer than 32 bits (IPv4)'],
    ['::/129', 'cidr-prefix-range', 'prefix /129 is longer than 128 bits (IPv6)'],
    ['10.0.0.0/08', 'cidr-prefix', 'prefix "08" is not a decimal number without leading zeros'],
    ['10.0.0.0/', 'cidr-prefix', 'prefix "" is not a decimal number'],
    ['10.0.0.0/-1', 'cidr-prefix', 'prefix "-1"'],
    ['10.0.0.0/ 8', 'cidr-prefix', 'prefix " 8"'],
    ['10.0.0.0/1000', 'cidr-prefix', 'prefix "1000"'],
    ['fe80::%eth0/64', 'cidr-zone', 'a zone index ("%…") has no place in a network'],
    ['10.1/16', 'ipv4-octet-count', 'address "10.1": it has 2 octets'],
    ['010.0.0.0/8', 'ipv4-leading-zero', 'address "010.0.0.0": octet "010" has a leading zero'],
    ['2001::25de::cade/64', 'ipv6-double-colon-twice', '"::" may appear only once'],
    ['[fd00::]/64', 'ipv6-brackets', 'brackets belong to host:port text'],
    ['/8', 'empty', 'address "": it is empty'],
    // RFC 4291 §2.3: the illegal ways to write 2001:db8:0:cd30::/60
    ['2001:0DB8:0:CD3/60', 'ipv6-group-count', 'it has 4 groups of 16 bits'],
    ['2001:0DB8::CD30/60', 'cidr-host-bits', 'did you mean "2001:db8::/60"?'],
    ['2001:0DB8::CD3/60', 'cidr-host-bits', 'did you mean "2001:db8::/60"?'],
  ])('fails when given %j (%s)', (input, rule, text) => {
    const e = netError(() => Cidr.parse(input));
    expect(e.rule).toBe(rule);
    expect(e.input).toBe(input);
    expect(e.message).toContain(JSON.stringify(input));
    expect(e.message).toContain(text);
    expect(Cidr.tryParse(input)).toBeUndefined();
  });

  test.each(NON_STRINGS)('fails when given %s instead of a string', (_what, value) => {
    const e = netError(() => Cidr.parse(value as string));
    expect(e.rule).toBe('not-a-string');
    expect(e.message).toContain('is not a valid CIDR: expected a string');
  });
});

describe('Cidr.of', () => {
  test('masks the address to the prefix and drops the zone', () => {
    expect(Cidr.of(Address.parse('2003:ac18::30a:2'), 64).toString()).toBe('2003:ac18::/64');
    expect(Cidr.of(Address.parse('fe80::1%eth0'), 10).toString()).toBe('fe80::/10');
    expect(Cidr.of(Address.parse('192.168.101.53'), 24).toString()).toBe('192.168.101.0/24');
  });

  test.each([
    [() => Cidr.of(Address.parse('10.0.0.0'), 33), 'cidr-prefix-range', 'prefix /33 is out of range for IPv4'],
    [() => Cidr.of(Address.parse('::'), 1.5), 'cidr-prefix-range', 'prefix /1.5 is out of range for IPv6'],
    [() => Cidr.of('10.0.0.0' as unknown as Address, 8), 'not-an-address', '"10.0.0.0" is not an Address or a Cidr'],
  ])('fails when given a bad address or prefix (%#)', (fn, rule, text) => {
    const e = netError(fn);
    expect(e.rule).toBe(rule);
    expect(e.message).toContain(text);
  });
});

describe('contains and overlaps', () => {
  const service6 = Cidr.parse('fd00::/108');
  const service4 = Cidr.parse('10.96.0.0/12');

  test.each([
    [service6, 'fd00::a', true],
    [service6, 'fd00::f:ffff', true],
    [service6, 'fd00::10:0', false],
    [service6, 'fc00::a', false],
    [service6, '10.96.0.1', false], // other family: never
    [service4, '10.111.255.255', true],
    [service4, '10.112.0.0', false], // textually "10.1…" but numerically outside
    [service4, '10.95.255.255', false],
    [service4, '::ffff:10.96.0.1', false], // IPv4-mapped is IPv6
    [Cidr.parse('fe80::/10'), 'fe80::3ad1:35ff:fe08:cd%eth0', true],
    [Cidr.parse('0.0.0.0/0'), '255.255.255.255', true],
    [Cidr.parse('::/0'), '::', true],
  ])('%s contains %s: %s', (cidr, address, expected) => {
    expect(cidr.contains(Address.parse(address))).toBe(expected);
  });

  test.each([
    ['fc00::/48', 'fc00::/64', true],
    ['fc00::/48', 'fc00:0:0:ffff::/64', true],
    ['fc00::/48', 'fc00::/47', false],
    ['fc00::/48', 'fc00:0:1::/64', false],
    ['fc00::/48', 'fc00::/48', true],
    ['10.96.0.0/12', '10.96.0.0/24', true],
    ['10.96.0.0/12', '10.0.0.0/8', false],
    ['10.0.0.0/8', '::/0', false],
  ])('%s contains %s: %s', (outer, inner, expected) => {
    expect(Cidr.parse(outer).contains(Cidr.parse(inner))).toBe(expected);
  });

  test.each([
    ['10.0.0.0/8', '10.96.0.0/12', true],
    ['172.16.0.0/16', '172.17.0.0/16', false],
    ['172.16.0.0/16', '172.16.255.0/24', true],
    ['fd00::/108', 'fd00::/8', true],
    ['fd00::/108', 'fc00::/48', false],
    ['fd00::/8', 'fc00::/7', true],
    ['10.0.0.0/8', '::ffff:10.0.0.0/104', false], // families never overlap
  ])('%s overlaps %s: %s (both ways)', (a, b, expected) => {
    expect(Cidr.parse(a).overlaps(Cidr.parse(b))).toBe(expected);
    expect(Cidr.parse(b).overlaps(Cidr.parse(a))).toBe(expected);
  });

  test('fails when contains or overlaps is given text instead of a parsed value', () => {
    const e = netError(() => service4.contains('10.96.0.1' as unknown as Address));
    expect(e.rule).toBe('not-an-address');
    expect(e.message).toBe('"10.96.0.1" is not an Address or a Cidr (parse text with Address.parse / Cidr.parse first)');
    expect(netError(() => service4.overlaps(undefined as unknown as Cidr)).rule).toBe('not-an-address');
    expect(netError(() => service4.compare({} as unknown as Cidr)).rule).toBe('not-an-address');
  });
});

describe('subnet, subnets, subnetCount, at', () => {
  const pods6 = Cidr.parse('fc00::/48');

  test('subnetCount', () => {
    expect(pods6.subnetCount(64)).toBe(65536n);
    expect(pods6.subnetCount(48)).toBe(1n);
    expect(Cidr.parse('172.16.0.0/16').subnetCount(24)).toBe(256n);
    expect(Cidr.parse('::/0').subnetCount(128)).toBe(1n << 128n);
  });

  test.each([
    ['fc00::/48', 64, 0, 'fc00::/64'],
    ['fc00::/48', 64, 1, 'fc00:0:0:1::/64'],
    ['fc00::/48', 64, 65535n, 'fc00:0:0:ffff::/64'],
    ['172.16.0.0/16', 24, 0, '172.16.0.0/24'],
    ['172.16.0.0/16', 24, 255, '172.16.255.0/24'],
    ['10.96.0.0/12', 12, 0, '10.96.0.0/12'],
    ['::/0', 1, 1, '8000::/1'],
    ['0.0.0.0/0', 32, 0xffffffff, '255.255.255.255/32'],
  ])('%s subnet(/%d, %s) is %s', (parent, prefix, index, expected) => {
    expect(Cidr.parse(parent).subnet(prefix, index).toString()).toBe(expected);
  });

  test('subnets is lazy and in address order', () => {
    expect([...Cidr.parse('172.16.0.0/16').subnets(18)].map(String)).toEqual([
      '172.16.0.0/18',
      '172.16.64.0/18',
      '172.16.128.0/18',
      '172.16.192.0/18',
    ]);
    // 2^64 subnets: only the ones asked for are built.
    const it = pods6.subnets(112);
    expect([it.next().value, it.next().value, it.next().value].map(String)).toEqual(['fc00::/112', 'fc00::1:0/112', 'fc00::2:0/112']);
  });

  test('at counts addresses from the network address', () => {
    expect(Cidr.parse('10.96.0.0/12').at(1).toString()).toBe('10.96.0.1');
    expect(Cidr.parse('10.96.0.0/12').at(10).toString()).toBe('10.96.0.10');
    expect(Cidr.parse('fd00::/108').at(10).toString()).toBe('fd00::a');
    expect(Cidr.parse('fd00::/108').at((1n << 20n) - 1n).toString()).toBe('fd00::f:ffff');
  });

  test.each([
    [() => pods6.subnet(64, 65536), 'subnet-index', 'subnet index 65536 is out of range: fc00::/48 has 65536 subnets of /64'],
    [() => pods6.subnet(64, -1), 'subnet-index', 'subnet index -1 is out of range'],
    [() => pods6.subnet(64, 1.5), 'subnet-index', 'subnet-index 1.5 for fc00::/48 is not an integer'],
    [() => pods6.subnet(64, '1' as unknown as number), 'subnet-index', 'subnet-index "1" for fc00::/48 is not an integer'],
    [() => pods6.subnet(47), 'subnet-prefix', '/47 cannot subdivide fc00::/48: a subnet prefix must be between /48 and /128'],
    [() => pods6.subnet(129), 'subnet-prefix', '/129 cannot subdivide fc00::/48'],
    [() => pods6.subnetCount(64.5), 'subnet-prefix', '/64.5 cannot subdivide'],
    [() => pods6.subnets(200), 'subnet-prefix', '/200 cannot subdivide fc00::/48'],
    [() => Cidr.parse('10.96.0.0/12').at(1 << 20), 'address-index', 'address index 1048576 is outside 10.96.0.0/12 (1048576 addresses)'],
    [() => Cidr.parse('10.96.0.0/12').at(-1), 'address-index', 'address index -1 is outside'],
    [() => Cidr.parse('10.96.0.0/12').at(0.5), 'address-index', 'address-index 0.5 for 10.96.0.0/12 is not an integer'],
  ])('fails when subdividing or indexing out of range (%#)', (fn, rule, text) => {
    const e = netError(fn);
    expect(e.rule).toBe(rule);
    expect(e.message).toContain(text);
  });
});

describe('ordering and text', () => {
  test('compare orders by family, network, then prefix — numerically', () => {
    const list = ['10.0.0.0/16', '9.0.0.0/8', '10.0.0.0/8', 'fd00::/108', '::/0', '10.112.0.0/12', '10.96.0.0/12'].map((t) => Cidr.parse(t));
    list.sort((a, b) => a.compare(b));
    expect(list.map(String)).toEqual(['9.0.0.0/8', '10.0.0.0/8', '10.0.0.0/16', '10.96.0.0/12', '10.112.0.0/12', '::/0', 'fd00::/108']);
  });

  test('toJSON is the canonical text', () => {
    expect(JSON.stringify([Cidr.parse('FD00:0::/108')])).toBe('["fd00::/108"]');
  });
});

// Random networks: a random address masked to a random prefix.
const v4Cidr = fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 })).map(([v, p]) => Cidr.of(Address.fromUint32(v), p));
const v6Cidr = fc.tuple(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), fc.integer({ min: 0, max: 128 })).map(([v, p]) => Cidr.of(Address.fromBigInt(v, 6), p));
const anyCidr = fc.oneof(v4Cidr, v6Cidr);

/** Two networks of one family that often nest or touch: the second derived from the first's bits. */
const relatedPair = fc
  .tuple(anyCidr, fc.integer({ min: -8, max: 8 }), fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }))
  .map(([a, delta, noise]) => {
    const p = Math.max(0, Math.min(a.bits, a.prefix + delta));
    const mask = (1n << BigInt(a.bits)) - 1n;
    const flip = (noise & mask) >> BigInt(Math.max(0, a.prefix - 2)); // disturb bits near the prefix boundary
    return [a, Cidr.of(Address.fromBigInt(a.network.value ^ flip, a.family), p)] as const;
  });

describe('Cidr properties (fast-check)', () => {
  test('subnet(...) stays inside its parent', () => {
    fc.assert(
      fc.property(anyCidr, fc.integer({ min: 0, max: 16 }), fc.bigInt({ min: 0n, max: (1n << 16n) - 1n }), (parent, extra, raw) => {
        const newPrefix = Math.min(parent.bits, parent.prefix + extra);
        const index = raw % parent.subnetCount(newPrefix);
        const sub = parent.subnet(newPrefix, index);
        return sub.prefix === newPrefix && parent.contains(sub) && parent.contains(sub.first) && parent.contains(sub.last) && sub.overlaps(parent);
      }),
      RUNS,
    );
  });

  test('overlaps is symmetric, and true exactly when one contains the other', () => {
    fc.assert(
      fc.property(fc.oneof(relatedPair, fc.tuple(anyCidr, anyCidr)), ([a, b]) => {
        const o = a.overlaps(b);
        return o === b.overlaps(a) && o === (a.contains(b) || b.contains(a));
      }),
      { numRuns: 1000 },
    );
  });

  test('contains(cidr) ⇔ its first and last addresses are contained', () => {
    fc.assert(
      fc.property(fc.oneof(relatedPair, fc.tuple(anyCidr, anyCidr)), ([a, b]) => a.contains(b) === (a.contains(b.first) && a.contains(b.last))),
      { numRuns: 1000 },
    );
  });

  test('contains(address) ⇔ first ≤ address ≤ last, numerically', () => {
    fc.assert(
      fc.property(relatedPair, ([a, b]) => {
        const x = b.network;
        const inside = x.family === a.family && a.first.value <= x.value && x.value <= a.last.value;
        return a.contains(x) === inside;
      }),
      RUNS,
    );
  });

  test('parse(toString()) round-trips, and size is 2^(bits − prefix)', () => {
    fc.assert(
      fc.property(anyCidr, (c) => {
        const again = Cidr.parse(c.toString());
        return again.equals(c) && c.size === 1n << BigInt(c.bits - c.prefix) && c.last.value - c.first.value === c.size - 1n;
      }),
      RUNS,
    );
  });
});
