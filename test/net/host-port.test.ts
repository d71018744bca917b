import fc from 'fast-check';
import { Address, formatHostPort, parseHostPort, splitHostPort } from '../../lib/net';
import { NON_STRINGS, netError } from './net-error';

// field report §7.2: Kong printed this upstream target without brackets and read it as one address.
const KONG_POD = 'fc00::26d1:ddab:d697:fe01:78ea';

describe('formatHostPort', () => {
  test.each([
    [KONG_POD, 80, '[fc00::26d1:ddab:d697:fe01:78ea]:80'],
    ['fc00:0000:26d1:ddab:d697:fe01:78ea:0', 80, '[fc00:0:26d1:ddab:d697:fe01:78ea:0]:80'],
    ['2003:ac18::30a:2', 30080, '[2003:ac18::30a:2]:30080'],
    ['2003:AC18:0:0:0:0:30A:2', 30080, '[2003:ac18::30a:2]:30080'],
    ['::ffff:192.168.89.9', 443, '[::ffff:192.168.89.9]:443'],
    ['fe80::3ad1:35ff:fe08:cd%eth0', 80, '[fe80::3ad1:35ff:fe08:cd%eth0]:80'],
    ['192.168.101.53', 30080, '192.168.101.53:30080'],
    ['10.96.0.10', 53, '10.96.0.10:53'],
    ['::', 0, '[::]:0'],
    ['0.0.0.0', 65535, '0.0.0.0:65535'],
  ])('(%s, %d) is %s', (address, port, expected) => {
    expect(formatHostPort(address, port)).toBe(expected);
    expect(formatHostPort(Address.parse(address), port)).toBe(expected);
  });

  test.each([
    [KONG_POD, 65536, 'port-range', '"[fc00::26d1:ddab:d697:fe01:78ea]:65536" is not host:port: port 65536 is not an integer from 0 to 65535'],
    ['10.0.0.1', -1, 'port-range', 'port -1 is not an integer'],
    ['10.0.0.1', 80.5, 'port-range', 'port 80.5 is not an integer'],
    ['10.0.0.1', '80', 'port-range', 'port "80" is not an integer'],
    ['10.0.0.1', NaN, 'port-range', 'port NaN is not an integer'],
    ['[::1]:80', 80, 'ipv6-brackets', 'brackets belong to host:port text'],
    [`${KONG_POD}:80:1`, 80, 'ipv6-group-count', '8 groups are already written'],
    [42, 80, 'not-an-address', 'formatHostPort: 42 is not an Address or address text'],
    [undefined, 80, 'not-an-address', 'formatHostPort: undefined is not an Address'],
  ])('fails when given (%p, %p)', (address, port, rule, text) => {
    const e = netError(() => formatHostPort(address as string, port as number));
    expect(e.rule).toBe(rule);
    expect(e.message).toContain(text);
  });
});

describe('parseHostPort', () => {
  test.each([
    ['[fc00::26d1:ddab:d697:fe01:78ea]:80', KONG_POD, 80],
    ['[2003:ac18::30a:2]:30080', '2003:ac18::30a:2', 30080],
    ['[FC00:0000:26D1:DDAB:D697:FE01:78EA:0080]:8000', 'fc00:0:26d1:ddab:d697:fe01:78ea:80', 8000],
    ['[fe80::3ad1:35ff:fe08:cd%eth0]:80', 'fe80::3ad1:35ff:fe08:cd%eth0', 80],
    ['[::]:0', '::', 0],
    ['192.168.101.53:30080', '192.168.101.53', 30080],
    ['10.96.0.10:53', '10.96.0.10', 53],
  ])('%s is %s port %d', (text, address, port) => {
    const hp = parseHostPort(text);
    expect(hp.address.toString()).toBe(address);
    expect(hp.port).toBe(port);
  });

  test("fails when given Kong's unbracketed target (fc00::26d1:ddab:d697:fe01:78ea:80)", () => {
    const e = netError(() => parseHostPort(`${KONG_POD}:80`));
    expect(e.rule).toBe('host-port-unbracketed-ipv6');
    expect(e.input).toBe(`${KONG_POD}:80`);
    expect(e.message).toBe(
      '"fc00::26d1:ddab:d697:fe01:78ea:80" is ambiguous: an IPv6 address with a port must be bracketed, as in "[fc00::26d1:ddab:d697:fe01:78ea]:80"',
    );
    // …because the same text is also a complete address — the one Kong then dialled.
    expect(Address.parse(`${KONG_POD}:80`).toString()).toBe('fc00:0:26d1:ddab:d697:fe01:78ea:80');
  });

  test.each([
    ['', 'host-port-empty', '"" is not host:port: it is empty'],
    ['10.0.0.1', 'host-port-no-port', '"10.0.0.1" has no ":port"'],
    ['::1', 'host-port-unbracketed-ipv6', 'an IPv6 address with a port must be bracketed'],
    ['[::1]', 'host-port-brackets', '"[::1]" is not "[v6]:port": a "]" followed by ":port" is required'],
    ['[::1', 'host-port-brackets', 'a "]" followed by ":port" is required'],
    ['[::1]80', 'host-port-brackets', 'a "]" followed by ":port" is required'],
    ['[10.0.0.1]:80', 'host-port-brackets', 'brackets are only for IPv6 addresses (write "10.0.0.1:80")'],
    ['[::1]:', 'port-format', 'port "" is not a decimal number without leading zeros'],
    ['10.0.0.1:080', 'port-format', 'port "080" is not a decimal number'],
    ['10.0.0.1:http', 'port-format', 'port "http" is not a decimal number'],
    ['10.0.0.1:123456', 'port-format', 'port "123456"'],
    ['10.0.0.1:65536', 'port-range', 'port 65536 is not an integer from 0 to 65535'],
    ['example.com:80', 'ipv4-character', '"example.com:80" is not host:port: "example.com" is not a valid IP address: unexpected character "e"'],
    ['[2001::25de::cade]:80', 'ipv6-double-colon-twice', '"::" may appear only once'],
    ['10.1:80', 'ipv4-octet-count', 'short forms such as "10.1" are refused'],
  ])('fails when given %j (%s)', (text, rule, message) => {
    const e = netError(() => parseHostPort(text));
    expect(e.rule).toBe(rule);
    expect(e.input).toBe(text);
    expect(e.message).toContain(message);
  });

  test.each(NON_STRINGS)('fails when given %s instead of a string', (_what, value) => {
    const e = netError(() => parseHostPort(value as string));
    expect(e.rule).toBe('not-a-string');
    expect(e.message).toContain('is not a valid host:port: expected a string');
  });
});

const addressArb = fc.oneof(
  fc.integer({ min: 0, max: 0xffffffff }).map((n) => Address.fromUint32(n)),
  fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }).map((v) => Address.fromBigInt(v, 6)),
  // addresses ending in groups that look like ports, as Kong's did
  fc.tuple(fc.bigInt({ min: 0n, max: (1n << 112n) - 1n }), fc.integer({ min: 0, max: 65535 })).map(([hi, p]) => Address.fromBigInt((hi << 16n) | BigInt(p), 6)),
);

describe('host:port properties (fast-check)', () => {
  test("what formatHostPort writes parses back, and is never itself an address (Kong's bug cannot happen)", () => {
    fc.assert(
      fc.property(addressArb, fc.integer({ min: 0, max: 65535 }), (a, port) => {
        const text = formatHostPort(a, port);
        const back = parseHostPort(text);
        return back.port === port && back.address.equals(a) && Address.tryParse(text) === undefined;
      }),
      { numRuns: 1000 },
    );
  });

  test('an IPv6 address with a port appended unbracketed is always refused', () => {
    fc.assert(
      fc.property(addressArb.filter((a) => a.family === 6), fc.integer({ min: 0, max: 65535 }), (a, port) => {
        const e = netError(() => parseHostPort(`${a}:${port}`));
        return e.rule === 'host-port-unbracketed-ipv6';
      }),
      { numRuns: 300 },
    );
  });
});

describe('splitHostPort', () => {
  test.each([
    ['0.0.0.0:10256', '0.0.0.0', '10256'],
    ['[::]:10256', '::', '10256'],
    ['[fe80::1%eth0]:80', 'fe80::1%eth0', '80'],
    ['node53:6443', 'node53', '6443'],
  ])('%s splits into %s and %s without judging them', (text, host, port) => {
    expect(splitHostPort(text)).toEqual({ host, port });
  });

  test.each([
    ['fails when an IPv6 host is not bracketed (the Kong bug)', 'fc00::26d1:ddab:d697:fe01:78ea:80', 'host-port-unbracketed-ipv6'],
    ['fails when there is no port', '10.0.0.1', 'host-port-no-port'],
    ['fails when the bracket is not followed by :port', '[::1]80', 'host-port-brackets'],
    ['fails when it is empty', '', 'host-port-empty'],
  ])('%s', (_n, text, rule) => {
    expect(() => splitHostPort(text)).toThrow(expect.objectContaining({ rule }));
  });
});
