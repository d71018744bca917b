import { Address, formatInterfaceAddress, NetParseError, parseInterfaceAddress } from '../../lib/net';

describe('parseInterfaceAddress', () => {
  test.each([
    ['192.168.101.53/24', '192.168.101.53', '192.168.101.0/24'],
    ['2003:ac18::30a:2/64', '2003:ac18::30a:2', '2003:ac18::/64'],
    ['2003:AC18:0::30A:2/64', '2003:ac18::30a:2', '2003:ac18::/64'],
    ['192.168.101.0/24', '192.168.101.0', '192.168.101.0/24'],
  ])('%s is the address %s on %s', (text, address, network) => {
    const ia = parseInterfaceAddress(text);
    expect(ia.address.toString()).toBe(address);
    expect(ia.network?.toString()).toBe(network);
  });

  test('a plain address has no network', () => {
    const ia = parseInterfaceAddress('fe80::3ad1:35ff:fe08:cd%eth0');
    expect(ia.address.zone).toBe('eth0');
    expect(ia.network).toBeUndefined();
  });

  test.each([
    ['fails when the prefix is too long', '10.0.0.1/33', 'cidr-prefix-range'],
    ['fails when the address is bad', '10.1/8', 'ipv4-octet-count'],
    ['fails when it is not a string', 42 as unknown as string, 'not-a-string'],
  ])('%s', (_n, text, rule) => {
    expect(() => parseInterfaceAddress(text)).toThrow(NetParseError);
    try {
      parseInterfaceAddress(text);
    } catch (e) {
      expect((e as NetParseError).rule).toBe(rule);
    }
  });
});

describe('formatInterfaceAddress', () => {
  test('writes address/prefix in canonical form, without a zone', () => {
    expect(formatInterfaceAddress(Address.parse('2003:AC18:0:0::30A:2'), 64)).toBe('2003:ac18::30a:2/64');
    expect(formatInterfaceAddress(Address.parse('fe80::1%eth0'), 64)).toBe('fe80::1/64');
  });

  test('fails when the prefix does not fit the family', () => {
    expect(() => formatInterfaceAddress(Address.parse('10.0.0.1'), 40)).toThrow(/out of range for IPv4/);
  });
});
