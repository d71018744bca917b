import { isIP } from 'net';
import fc from 'fast-check';
import * as ipaddr from 'ipaddr.js';
import { Address, NetParseError } from '../../lib/net';
import { NON_STRINGS, netError } from './net-error';

const RUNS = { numRuns: 500 };

describe('Address.parse — RFC 4291 §2.2 text forms', () => {
  test.each([
    // form 1: x:x:x:x:x:x:x:x, leading zeros optional
    ['ABCD:EF01:2345:6789:ABCD:EF01:2345:6789', 'abcd:ef01:2345:6789:abcd:ef01:2345:6789'],
    ['2001:DB8:0:0:8:800:200C:417A', '2001:db8::8:800:200c:417a'],
    // form 2: "::" compresses one or more zero groups, leading or trailing too
    ['2001:DB8::8:800:200C:417A', '2001:db8::8:800:200c:417a'],
    ['FF01:0:0:0:0:0:0:101', 'ff01::101'],
    ['FF01::101', 'ff01::101'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['::1', '::1'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['::', '::'],
    ['1::', '1::'],
    ['1::2:3:4:5:6:7', '1:0:2:3:4:5:6:7'], // "::" for a single group is legal input
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    // form 3: x:x:x:x:x:x:d.d.d.d
    ['0:0:0:0:0:0:13.1.68.3', '::d01:4403'],
    ['::13.1.68.3', '::d01:4403'],
    ['0:0:0:0:0:FFFF:129.144.52.38', '::ffff:129.144.52.38'],
    ['::FFFF:129.144.52.38', '::ffff:129.144.52.38'],
    ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:102:304'],
    ['1:2:3:4:5::1.2.3.4', '1:2:3:4:5:0:102:304'],
  ])('parses %s as %s', (input, canonical) => {
    const a = Address.parse(input);
    expect(a.family).toBe(6);
    expect(a.toString()).toBe(canonical);
  });
});

describe('Address.toString — RFC 5952 canonical text', () => {
  test.each([
    // §4 examples
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // §4.2.3: tie → the first run
    ['2001:0db8::0001', '2001:db8::1'], // §4.1: leading zeros dropped
    ['2001:db8:0:0:0:0:2:1', '2001:db8::2:1'], // §4.2.1: shorten as much as possible
    ['2001:db8::0:1', '2001:db8::1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // §4.2.2: no "::" for one group
    ['2001:db8::1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'], // §4.2.3: the longest run
    ['2001:db8::aaaa', '2001:db8::aaaa'],
    ['2001:DB8::AAAA', '2001:db8::aaaa'], // §4.3: lowercase
    // §2.1–§2.2: the many ways to write one address
    ['2001:db8:aaaa:bbbb:cccc:dddd:eeee:0001', '2001:db8:aaaa:bbbb:cccc:dddd:eeee:1'],
    ['2001:db8:aaaa:bbbb:cccc:dddd:eeee:001', '2001:db8:aaaa:bbbb:cccc:dddd:eeee:1'],
    ['2001:db8:aaaa:bbbb:cccc:dddd:eeee:01', '2001:db8:aaaa:bbbb:cccc:dddd:eeee:1'],
    ['2001:db8:aaaa:bbbb:cccc:dddd:eeee:1', '2001:db8:aaaa:bbbb:cccc:dddd:eeee:1'],
    ['2001:db8:aaaa:bbbb:cccc:dddd::1', '2001:db8:aaaa:bbbb:cccc:dddd:0:1'],
    ['2001:db8:0:0:0::1', '2001:db8::1'],
    ['2001:db8:0:0::1', '2001:db8::1'],
    ['2001:db8:0::1', '2001:db8::1'],
    ['2001:db8::1', '2001:db8::1'],
    ['2001:db8::0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:0db8::1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:0:1::1', '2001:db8::1:0:0:1'],
    ['2001:db8:0000:0:1::1', '2001:db8::1:0:0:1'],
    ['2001:DB8:0:0:1::1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:0:1:0:0:0', '2001:db8:0:0:1::'], // the later run is longer
    ['0:0:1:0:0:1:0:0', '::1:0:0:1:0:0'],
    // §5: IPv4-mapped with the dotted tail
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
    ['0:0:0:0:0:ffff:192.0.2.1', '::ffff:192.0.2.1'],
    ['::ffff:c000:201', '::ffff:192.0.2.1'],
  ])('writes %s as %s', (input, canonical) => {
    expect(Address.parse(input).toString()).toBe(canonical);
  });
});

describe('field report §2.4 — equivalent forms', () => {
  test.each([
    '2001:0DB8:02de:0000:0000:0000:0000:0e13',
    '2001:DB8:2de:0000:0000:0000:0000:e13',
    '2001:DB8:2de:000:000:000:000:e13',
    '2001:DB8:2de:00:00:00:00:e13',
    '2001:DB8:2de:0:0:0:0:e13',
  ])('%s is 2001:db8:2de::e13', (input) => {
    expect(Address.parse(input).toString()).toBe('2001:db8:2de::e13');
    expect(Address.parse(input).toExpanded()).toBe('2001:0db8:02de:0000:0000:0000:0000:0e13');
  });

  test.each([
    '2001:0DB8:0000:0000:0000:0000:1428:57ab',
    '2001:0DB8:0000:0000:0000::1428:57ab',
    '2001:0DB8:0:0:0:0:1428:57ab',
    '2001:0DB8:0::0:1428:57ab',
    '2001:0DB8::1428:57ab',
  ])('%s is 2001:db8::1428:57ab', (input) => {
    expect(Address.parse(input).toString()).toBe('2001:db8::1428:57ab');
  });

  // The four addresses "2001::25de::cade" could mean, each with its one legal short form.
  test.each([
    ['2001:0000:0000:0000:0000:25de:0000:cade', '2001::25de:0:cade'],
    ['2001:0000:0000:0000:25de:0000:0000:cade', '2001::25de:0:0:cade'],
    ['2001:0000:0000:25de:0000:0000:0000:cade', '2001:0:0:25de::cade'],
    ['2001:0000:25de:0000:0000:0000:0000:cade', '2001:0:25de::cade'],
  ])('%s is %s', (input, canonical) => {
    expect(Address.parse(input).toString()).toBe(canonical);
  });

  test('fails when "::" appears twice (2001::25de::cade)', () => {
    const e = netError(() => Address.parse('2001::25de::cade'));
    expect(e.rule).toBe('ipv6-double-colon-twice');
    expect(e.input).toBe('2001::25de::cade');
    expect(e.message).toBe(
      '"2001::25de::cade" is not a valid IP address: "::" may appear only once (RFC 4291 §2.2): the length of each zero run would be ambiguous',
    );
  });

  test('::ffff:192.168.89.9 is the IPv4-mapped ::ffff:c0a8:5909', () => {
    const a = Address.parse('::ffff:192.168.89.9');
    expect(a.equals(Address.parse('::ffff:c0a8:5909'))).toBe(true);
    expect(a.isIPv4Mapped).toBe(true);
    expect(a.toIPv4()!.toString()).toBe('192.168.89.9');
    expect(a.toString()).toBe('::ffff:192.168.89.9');
    expect(a.toExpanded()).toBe('0000:0000:0000:0000:0000:ffff:c0a8:5909');
    expect(a.value).toBe(0xffffc0a85909n);
  });

  test('fe80::3ad1:35ff:fe08:cd%eth0 keeps its zone index', () => {
    const a = Address.parse('fe80::3ad1:35ff:fe08:cd%eth0');
    expect(a.zone).toBe('eth0');
    expect(a.toString()).toBe('fe80::3ad1:35ff:fe08:cd%eth0');
    expect(a.toExpanded()).toBe('fe80:0000:0000:0000:3ad1:35ff:fe08:00cd%eth0');
    expect(a.withoutZone().toString()).toBe('fe80::3ad1:35ff:fe08:cd');
    expect(a.equals(a.withoutZone())).toBe(false);
    expect(a.compare(a.withoutZone())).toBe(0);
    expect(Address.parse('fe80::1%2').zone).toBe('2'); // numeric zone ids (RFC 4007 §11)
  });
});

describe('Address.parse — IPv4', () => {
  test.each([
    ['0.0.0.0', 0],
    ['255.255.255.255', 0xffffffff],
    ['10.96.0.1', 0x0a600001],
    ['192.168.101.53', 0xc0a86535],
    ['172.16.0.0', 0xac100000],
  ])('parses %s', (input, value) => {
    const a = Address.parse(input);
    expect(a.family).toBe(4);
    expect(a.bits).toBe(32);
    expect(a.value).toBe(BigInt(value));
    expect(a.toString()).toBe(input);
    expect(a.toExpanded()).toBe(input);
  });
});

describe('Address.parse — refused input', () => {
  test.each([
    // IPv4: strict dotted quad
    ['10.1', 'ipv4-octet-count', '"10.1" is not a valid IP address: it has 2 octets; a dotted quad needs exactly four (short forms such as "10.1" are refused)'],
    ['10.0.1', 'ipv4-octet-count', 'it has 3 octets'],
    ['1.2.3.4.5', 'ipv4-octet-count', 'it has more than four octets'],
    ['010.0.0.1', 'ipv4-leading-zero', 'octet "010" has a leading zero (ambiguous: octal to some parsers)'],
    ['10.0.0.01', 'ipv4-leading-zero', 'octet "01" has a leading zero'],
    ['256.0.0.1', 'ipv4-octet-range', 'octet 256 is greater than 255'],
    ['1.2.3.', 'ipv4-octet', 'it ends with a dot'],
    ['1..2.3', 'ipv4-octet', 'octet 2 is empty'],
    [' 1.2.3.4', 'ipv4-character', 'unexpected character " " at position 1'],
    ['1.2.3.4 ', 'ipv4-character', 'unexpected character " " at position 8'],
    ['0x7f.0.0.1', 'ipv4-character', 'unexpected character "x" at position 2'],
    ['1.2.3.4%eth0', 'ipv4-character', 'unexpected character "%"'],
    ['example.com', 'ipv4-character', 'unexpected character "e"'],
    ['', 'empty', '"" is not a valid IP address: it is empty'],
    // IPv6
    ['1:2:3:4:5:6:7:8:9', 'ipv6-group-count', 'more than 8 groups of 16 bits'],
    ['1:2:3:4:5:6:7', 'ipv6-group-count', 'it has 7 groups of 16 bits; without "::" it needs exactly 8'],
    ['1:2:3:4:5:6:7:8::', 'ipv6-group-count', '"::" must stand for at least one group of zeros, but 8 groups are already written'],
    ['::1:2:3:4:5:6:7:8', 'ipv6-group-count', '"::" must stand for at least one group'],
    ['1:2:3:4:5:6:7:1.2.3.4', 'ipv6-group-count', 'the IPv4 tail counts as two'],
    ['1:2:3:4:5:6::1.2.3.4', 'ipv6-group-count', 'the IPv4 tail counts as two'],
    ['2001:db8::12345', 'ipv6-group-length', 'group "12345" has more than 4 hex digits'],
    ['00000::1', 'ipv6-group-length', 'group "00000" has more than 4 hex digits'],
    ['1:::2', 'ipv6-empty-group', 'an empty group (":::" or a single ":" at the start or end)'],
    [':::', 'ipv6-empty-group', 'an empty group'],
    [':1::2', 'ipv6-empty-group', 'it starts with a single ":"'],
    [':', 'ipv6-empty-group', 'it starts with a single ":"'],
    ['1::2:', 'ipv6-empty-group', 'it ends with a single ":"'],
    ['2001:db8::g', 'ipv6-character', 'unexpected character "g" at position 11'],
    ['2001:db8::1 ', 'ipv6-character', 'unexpected character " "'],
    ['2001:db8:-1::', 'ipv6-character', 'unexpected character "-"'],
    ['::1.2.3.4:5', 'ipv6-embedded-ipv4-position', 'an embedded IPv4 address may only stand in the last 32 bits'],
    ['1.2.3.4::', 'ipv6-embedded-ipv4-position', 'an embedded IPv4 address may only stand in the last 32 bits'],
    ['10.0.0.1:80', 'ipv6-embedded-ipv4-position', 'use parseHostPort'],
    ['::ffff:192.168.089.9', 'ipv4-leading-zero', 'octet "089" has a leading zero'],
    ['::ffff:1.2.3', 'ipv4-octet-count', 'it has 3 octets'],
    ['::ffff:1.2.3.256', 'ipv4-octet-range', 'octet 256 is greater than 255'],
    ['::ffff:1a.2.3.4', 'ipv4-character', 'unexpected character "a"'],
    ['[::1]', 'ipv6-brackets', 'brackets belong to host:port text'],
    ['fe80::1%', 'ipv6-zone', 'the zone index after "%" is empty'],
    ['fe80::1%eth 0', 'ipv6-zone', 'the zone index "eth 0" contains a space, "/", "%" or a bracket'],
    ['fe80::1%eth0/64', 'ipv6-zone', 'contains a space, "/", "%" or a bracket'],
    ['%eth0:', 'empty', 'there is no address before the zone index'],
  ])('fails when given %j (%s)', (input, rule, text) => {
    const e = netError(() => Address.parse(input));
    expect(e.rule).toBe(rule);
    expect(e.input).toBe(input);
    expect(e.message).toContain(`${JSON.stringify(input)} is not a valid IP address: `);
    expect(e.message).toContain(text);
    expect(Address.tryParse(input)).toBeUndefined();
  });

  test.each(NON_STRINGS)('fails when given %s instead of a string', (_what, value) => {
    const e = netError(() => Address.parse(value as string));
    expect(e.rule).toBe('not-a-string');
    expect(e.message).toMatch(/is not a valid IP address: expected a string, got (a|an|null|undefined)/);
    expect(Address.tryParse(value as string)).toBeUndefined();
  });

  test('fails when the text is huge, quoting only its start', () => {
    const input = '1'.repeat(100_000);
    const e = netError(() => Address.parse(input));
    expect(e.rule).toBe('ipv4-octet-range');
    expect(e.input).toBe(input);
    expect(e.message).toContain('(100000 characters)');
    expect(e.message.length).toBeLessThan(400);
  });
});

describe('Address values', () => {
  test('value, family and bits', () => {
    const a = Address.parse('2001:db8::1');
    expect(a.family).toBe(6);
    expect(a.bits).toBe(128);
    expect(a.value).toBe(0x20010db8000000000000000000000001n);
    expect(Address.parse('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff').value).toBe((1n << 128n) - 1n);
  });

  test('compare is numeric, never textual', () => {
    const sorted = ['10.0.0.10', '9.0.0.0', '10.0.0.9', '::10', '::9', 'fd00::', '2001:db8::'].map((t) => Address.parse(t));
    sorted.sort((a, b) => a.compare(b));
    expect(sorted.map(String)).toEqual(['9.0.0.0', '10.0.0.9', '10.0.0.10', '::9', '::10', '2001:db8::', 'fd00::']);
  });

  test('equals compares family, value and zone', () => {
    expect(Address.parse('2001:DB8::1').equals(Address.parse('2001:db8:0:0:0:0:0:1'))).toBe(true);
    expect(Address.parse('::ffff:10.0.0.1').equals(Address.parse('10.0.0.1'))).toBe(false);
    expect(Address.parse('10.0.0.1').equals('10.0.0.1' as unknown as Address)).toBe(false);
  });

  test('offset moves by a number or a bigint', () => {
    expect(Address.parse('10.96.0.0').offset(10).toString()).toBe('10.96.0.10');
    expect(Address.parse('10.96.0.10').offset(-10).toString()).toBe('10.96.0.0');
    expect(Address.parse('fd00::ffff').offset(1).toString()).toBe('fd00::1:0');
    expect(Address.parse('fd00::').offset(1n << 64n).toString()).toBe('fd00:0:0:1::');
  });

  test.each([
    ['255.255.255.255', 1, 'out-of-range', 'is outside the IPv4 address space'],
    ['0.0.0.0', -1, 'out-of-range', 'is outside the IPv4 address space'],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 1, 'out-of-range', 'is outside the IPv6 address space'],
    ['10.0.0.0', 1.5, 'offset', 'offset 1.5 is not an integer'],
    ['10.0.0.0', '1', 'offset', 'offset "1" is not an integer'],
  ])('fails when offsetting %s by %j', (address, n, rule, text) => {
    const e = netError(() => Address.parse(address).offset(n as number));
    expect(e.rule).toBe(rule);
    expect(e.message).toContain(text);
  });

  test('fromBigInt and fromUint32 build addresses', () => {
    expect(Address.fromBigInt(0x20010db8000000000000000000000001n, 6).toString()).toBe('2001:db8::1');
    expect(Address.fromBigInt(0x0a600001n, 4).toString()).toBe('10.96.0.1');
    expect(Address.fromUint32(0xc0a86535).toString()).toBe('192.168.101.53');
  });

  test.each([
    [() => Address.fromBigInt(1n << 32n, 4), 'out-of-range', '4294967296 does not fit in 32 bits (IPv4)'],
    [() => Address.fromBigInt(-1n, 6), 'out-of-range', 'does not fit in 128 bits'],
    [() => Address.fromBigInt(5 as unknown as bigint, 4), 'not-a-bigint', '5 is not a valid IPv4 address value: expected a bigint'],
    [() => Address.fromBigInt(5n, 5 as unknown as 4), 'family', '5 is not an IP family: use 4 or 6'],
    [() => Address.fromUint32(-1), 'out-of-range', '-1 is not an unsigned 32-bit integer'],
    [() => Address.fromUint32(2 ** 32), 'out-of-range', 'is not an unsigned 32-bit integer'],
  ])('fails when building from an out-of-range value (%#)', (fn, rule, text) => {
    const e = netError(fn);
    expect(e.rule).toBe(rule);
    expect(e.message).toContain(text);
  });

  test('fails when compare is given a string', () => {
    const e = netError(() => Address.parse('::1').compare('::1' as unknown as Address));
    expect(e.rule).toBe('not-an-address');
    expect(e.message).toBe('"::1" is not an Address (parse text with Address.parse first)');
  });

  test('toJSON is the canonical text', () => {
    expect(JSON.stringify({ a: Address.parse('2001:0DB8::0001') })).toBe('{"a":"2001:db8::1"}');
  });
});

// Eight groups with many zeros, so "::" runs of every length and position are drawn.
const groupsArb = fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 });
const toBig = (g: number[]): bigint => g.reduce((acc, x) => (acc << 16n) | BigInt(x), 0n);

/** Any RFC 4291 §2.2 text for the groups: per-group zero padding, optional "::" over any zero run, any case, optional dotted tail. */
const textFormArb = fc
  .record({
    groups: groupsArb,
    pads: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 8, maxLength: 8 }),
    compress: fc.integer({ min: 0, max: 100 }),
    upper: fc.boolean(),
    dotted: fc.boolean(),
  })
  .map(({ groups, pads, compress, upper, dotted }) => {
    let parts = groups.map((x, i) => x.toString(16).padStart(pads[i], '0'));
    if (dotted) {
      parts = [...parts.slice(0, 6), `${groups[6] >> 8}.${groups[6] & 255}.${groups[7] >> 8}.${groups[7] & 255}`];
    }
    const written = dotted ? 6 : 8; // zero runs may only cover hex groups
    const runs: Array<[number, number]> = [];
    for (let i = 0; i < written; i++) {
      for (let j = i; j < written && groups[j] === 0; j++) runs.push([i, j + 1]);
    }
    let text = parts.join(':');
    if (runs.length > 0 && compress % 3 !== 0) {
      const [s, e] = runs[compress % runs.length];
      text = `${parts.slice(0, s).join(':')}::${parts.slice(e).join(':')}`;
    }
    return { text: upper ? text.toUpperCase() : text, value: toBig(groups) };
  });

describe('Address properties (fast-check)', () => {
  test('parse(format(x)) equals x for random 32-bit values', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => {
        const a = Address.fromUint32(n);
        const b = Address.parse(a.toString());
        return b.family === 4 && b.value === BigInt(n) && b.equals(a);
      }),
      { numRuns: 1000 },
    );
  });

  test('parse(format(x)) equals x for random 128-bit values', () => {
    fc.assert(
      fc.property(fc.oneof(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), groupsArb.map(toBig)), (v) => {
        const a = Address.fromBigInt(v, 6);
        return Address.parse(a.toString()).value === v;
      }),
      { numRuns: 1000 },
    );
  });

  test('canonical text is a fixed point, and the expanded form parses back', () => {
    fc.assert(
      fc.property(groupsArb, (g) => {
        const text = Address.fromBigInt(toBig(g), 6).toString();
        const again = Address.parse(text);
        const expanded = again.toExpanded();
        return (
          again.toString() === text &&
          /^([0-9a-f]{4}:){7}[0-9a-f]{4}$/.test(expanded) &&
          Address.parse(expanded).value === toBig(g) &&
          Address.parse(expanded.toUpperCase()).toString() === text
        );
      }),
      RUNS,
    );
  });

  test('every RFC 4291 §2.2 form of an address parses to it', () => {
    fc.assert(
      fc.property(textFormArb, ({ text, value }) => Address.parse(text).value === value),
      { numRuns: 1000 },
    );
  });

  test('canonical text agrees with ipaddr.js toRFC5952String', () => {
    fc.assert(
      fc.property(groupsArb, (g) => {
        const a = Address.fromBigInt(toBig(g), 6);
        fc.pre(!a.isIPv4Mapped); // RFC 5952 §5's dotted form: ipaddr.js writes hex there
        return a.toString() === ipaddr.IPv6.parse(a.toExpanded()).toRFC5952String();
      }),
      RUNS,
    );
  });

  test('accepts exactly what Node accepts (net.isIP) on address-like text, and refuses only with NetParseError', () => {
    const junk = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF::..'.split('')), maxLength: 45 });
    const mutated = fc
      .tuple(textFormArb, fc.nat(), fc.constantFrom('', ':', '::', '.', '0', '00000', 'g', '1.2.3.4'))
      .map(([{ text }, at, insert]) => text.slice(0, at % (text.length + 1)) + insert + text.slice(at % (text.length + 1)));
    fc.assert(
      fc.property(fc.oneof(junk, mutated, textFormArb.map((f) => f.text)), (text) => {
        let ok: boolean;
        try {
          Address.parse(text);
          ok = true;
        } catch (e) {
          if (!(e instanceof NetParseError)) throw e;
          ok = false;
        }
        return ok === (isIP(text) !== 0);
      }),
      { numRuns: 1000 },
    );
  });
});
