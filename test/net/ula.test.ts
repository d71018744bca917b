import fc from 'fast-check';
import { Address, AddressClass, Cidr, RandomSource, classifyCidr, eui64InterfaceId, generateUlaPrefix } from '../../lib/net';
import { netError } from './net-error';

const bytes = (...b: number[]): RandomSource => () => Uint8Array.from(b);

describe('generateUlaPrefix (RFC 4193 §3.2)', () => {
  test.each([
    [[0x12, 0x34, 0x56, 0x78, 0x9a], 'fd12:3456:789a::/48'],
    [[0, 0, 0, 0, 0], 'fd00::/48'],
    [[0xff, 0xff, 0xff, 0xff, 0xff], 'fdff:ffff:ffff::/48'],
    [[0x00, 0x00, 0x01, 0x00, 0x00], 'fd00:1::/48'],
  ])('with the injected bytes %j gives %s', (b, expected) => {
    const c = generateUlaPrefix(bytes(...b));
    expect(c.toString()).toBe(expected);
    expect(c.prefix).toBe(48);
    expect(classifyCidr(c)?.class).toBe(AddressClass.UNIQUE_LOCAL);
  });

  test('asks the source for exactly 5 bytes (40 bits) and uses only those', () => {
    const asked: number[] = [];
    const c = generateUlaPrefix((n) => {
      asked.push(n);
      return Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    });
    expect(asked).toEqual([5]);
    expect(c.toString()).toBe('fd01:203:405::/48');
  });

  test('by default draws from crypto: an fd00::/8 /48, different each time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const c = generateUlaPrefix();
      expect(c.prefix).toBe(48);
      expect(Cidr.parse('fd00::/8').contains(c)).toBe(true);
      seen.add(c.toString());
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  test('the 40-bit global ID is exactly the random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 5, maxLength: 5 }), (b) => {
        const c = generateUlaPrefix(() => b);
        const id = b.reduce((acc, x) => (acc << 8n) | BigInt(x), 0n);
        return c.network.value === ((0xfdn << 120n) | (id << 80n)) && Cidr.parse(c.toString()).equals(c);
      }),
      { numRuns: 300 },
    );
  });

  test.each([
    ['returns 4 bytes', bytes(1, 2, 3, 4), 'the random source returned Uint8Array(4) [1,2,3,4] (an object); it must return a Uint8Array of at least 5 bytes'],
    ['returns an array', (() => [1, 2, 3, 4, 5]) as unknown as RandomSource, 'returned [1,2,3,4,5] (an array)'],
    ['returns nothing', (() => undefined) as unknown as RandomSource, 'returned undefined (undefined)'],
    ['is not a function', 'random' as unknown as RandomSource, 'the random source "random" is not a function'],
  ])('fails when the random source %s', (_what, source, text) => {
    const e = netError(() => generateUlaPrefix(source));
    expect(e.rule).toBe('ula-random');
    expect(e.message).toContain(text);
  });
});

describe('eui64InterfaceId (RFC 4291 Appendix A)', () => {
  test.each([
    // field report §2.5: fe80::3ad1:35ff:fe08:cd is the EUI-64 address of MAC 38:d1:35:08:00:cd
    ['38:d1:35:08:00:cd', '::3ad1:35ff:fe08:cd'],
    ['38-D1-35-08-00-CD', '::3ad1:35ff:fe08:cd'],
    ['38d1350800cd', '::3ad1:35ff:fe08:cd'],
    ['34:56:78:9a:bc:de', '::3656:78ff:fe9a:bcde'],
    ['02:00:00:00:00:01', '::ff:fe00:1'], // a local MAC: the u/l bit flips to 0
  ])('of %s is %s', (mac, expected) => {
    expect(eui64InterfaceId(mac).toString()).toBe(expected);
  });

  test('added to fe80::/64 it gives the link-local address', () => {
    const id = eui64InterfaceId('38:d1:35:08:00:cd');
    expect(Cidr.parse('fe80::/64').network.offset(id.value).toString()).toBe('fe80::3ad1:35ff:fe08:cd');
    expect(Address.parse('fe80::3ad1:35ff:fe08:cd').value & ((1n << 64n) - 1n)).toBe(id.value);
  });

  test.each([
    ['38:d1:35:08:00', '"38:d1:35:08:00" is not a 48-bit MAC address'],
    ['38:d1:35:08:00:cd:ef', 'is not a 48-bit MAC address'],
    ['38:d1-35:08:00:cd', 'is not a 48-bit MAC address'],
    ['zz:d1:35:08:00:cd', 'is not a 48-bit MAC address'],
    ['', '"" is not a 48-bit MAC address (write six hex pairs: "00:1b:21:3c:4d:5e")'],
  ])('fails when given %j', (mac, text) => {
    const e = netError(() => eui64InterfaceId(mac));
    expect(e.rule).toBe('mac-format');
    expect(e.input).toBe(mac);
    expect(e.message).toContain(text);
  });

  test.each([[undefined], [null], [0x38d1350800cd], [Object.create(null)]])('fails when given %p instead of a string', (value) => {
    const e = netError(() => eui64InterfaceId(value as unknown as string));
    expect(e.rule).toBe('mac-format');
    expect(e.message).toContain('is not a 48-bit MAC address');
  });
});
