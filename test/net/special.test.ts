import { Address, AddressClass, Cidr, MulticastScope, classifyAddress, classifyCidr, solicitedNodeAddress } from '../../lib/net';
import { netError } from './net-error';

describe('classifyAddress — IPv6', () => {
  test.each([
    ['::', AddressClass.UNSPECIFIED, '::/128'],
    ['::1', AddressClass.LOOPBACK, '::1/128'],
    ['::ffff:192.168.89.9', AddressClass.IPV4_MAPPED, '::ffff:0.0.0.0/96'],
    ['fe80::3ad1:35ff:fe08:cd%eth0', AddressClass.LINK_LOCAL, 'fe80::/10'],
    ['febf:ffff::1', AddressClass.LINK_LOCAL, 'fe80::/10'],
    // field report §5: fd00::/108 (services) is RFC 4193's L=1 half; fc00::/48 (pods) the undefined L=0 half
    ['fd00::a', AddressClass.UNIQUE_LOCAL, 'fd00::/8'],
    ['fc00::26d1:ddab:d697:fe01:78ea', AddressClass.UNIQUE_LOCAL_UNDEFINED, 'fc00::/8'],
    ['2001:db8::1', AddressClass.DOCUMENTATION, '2001:db8::/32'],
    ['3fff:fff::1', AddressClass.DOCUMENTATION, '3fff::/20'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', AddressClass.TEREDO, '2001::/32'],
    ['2002:c000:204::1', AddressClass.SIX_TO_FOUR, '2002::/16'],
    ['2001:10::1', AddressClass.ORCHID, '2001:10::/28'],
    ['2001:20::1', AddressClass.ORCHID_V2, '2001:20::/28'],
    ['2001:2::1', AddressClass.BENCHMARKING, '2001:2::/48'],
    ['64:ff9b::192.0.2.33', AddressClass.NAT64, '64:ff9b::/96'],
    ['64:ff9b:1::1', AddressClass.NAT64, '64:ff9b:1::/48'],
    ['100::1', AddressClass.DISCARD_ONLY, '100::/64'],
    ['fec0::1', AddressClass.SITE_LOCAL_DEPRECATED, 'fec0::/10'],
    ['2003:ac18::30a:2', AddressClass.GLOBAL_UNICAST, '2000::/3'],
    ['3fff:1000::1', AddressClass.GLOBAL_UNICAST, '2000::/3'],
    ['4000::1', AddressClass.UNICAST, undefined],
  ])('%s is %s', (address, cls, block) => {
    const c = classifyAddress(Address.parse(address));
    expect(c.class).toBe(cls);
    expect(c.block).toBe(block);
    expect(c.scope).toBeUndefined();
  });

  // RFC 4291 §2.7 scope values; 3 and 4 from RFC 7346.
  test.each([
    ['ff01::1', MulticastScope.INTERFACE_LOCAL],
    ['ff02::1', MulticastScope.LINK_LOCAL],
    ['ff03::fc', MulticastScope.REALM_LOCAL],
    ['ff04::1', MulticastScope.ADMIN_LOCAL],
    ['ff05::2', MulticastScope.SITE_LOCAL],
    ['ff08::1', MulticastScope.ORGANIZATION_LOCAL],
    ['ff0e::101', MulticastScope.GLOBAL],
    ['ff1e::1234', MulticastScope.GLOBAL], // transient flag set: scope is still the low nibble
    ['ff00::1', MulticastScope.RESERVED],
    ['ff0f::1', MulticastScope.RESERVED],
    ['ff06::1', MulticastScope.UNASSIGNED],
  ])('multicast %s has scope %s', (address, scope) => {
    expect(classifyAddress(Address.parse(address))).toEqual({ class: AddressClass.MULTICAST, block: 'ff00::/8', rfc: 'RFC 4291', scope });
  });

  test('solicited-node multicast is told apart, with link scope', () => {
    expect(classifyAddress(Address.parse('ff02::1:ff08:cd'))).toEqual({
      class: AddressClass.SOLICITED_NODE_MULTICAST,
      block: 'ff02::1:ff00:0/104',
      rfc: 'RFC 4291',
      scope: MulticastScope.LINK_LOCAL,
    });
  });
});

describe('classifyAddress — IPv4', () => {
  test.each([
    ['0.0.0.0', AddressClass.UNSPECIFIED],
    ['0.1.2.3', AddressClass.THIS_NETWORK],
    ['10.96.0.1', AddressClass.PRIVATE],
    ['172.16.0.1', AddressClass.PRIVATE],
    ['172.31.255.255', AddressClass.PRIVATE],
    ['172.32.0.0', AddressClass.UNICAST],
    ['192.168.101.53', AddressClass.PRIVATE],
    ['100.64.0.1', AddressClass.SHARED],
    ['100.127.255.255', AddressClass.SHARED],
    ['100.128.0.0', AddressClass.UNICAST],
    ['127.0.0.1', AddressClass.LOOPBACK],
    ['169.254.169.254', AddressClass.LINK_LOCAL],
    ['224.0.0.1', AddressClass.MULTICAST],
    ['239.255.255.250', AddressClass.MULTICAST],
    ['192.0.2.1', AddressClass.DOCUMENTATION],
    ['198.51.100.7', AddressClass.DOCUMENTATION],
    ['203.0.113.200', AddressClass.DOCUMENTATION],
    ['198.18.0.1', AddressClass.BENCHMARKING],
    ['240.0.0.1', AddressClass.RESERVED],
    ['255.255.255.254', AddressClass.RESERVED],
    ['255.255.255.255', AddressClass.BROADCAST],
    ['8.8.8.8', AddressClass.UNICAST],
  ])('%s is %s', (address, cls) => {
    const c = classifyAddress(Address.parse(address));
    expect(c.class).toBe(cls);
    expect(c.scope).toBeUndefined();
  });
});

describe('classifyCidr', () => {
  test.each([
    ['fd00::/108', AddressClass.UNIQUE_LOCAL],
    ['fc00::/48', AddressClass.UNIQUE_LOCAL_UNDEFINED],
    ['10.96.0.0/12', AddressClass.PRIVATE],
    ['172.16.0.0/16', AddressClass.PRIVATE],
    ['2003:ac18::/64', AddressClass.GLOBAL_UNICAST],
    // the first address is Teredo (2001::/32), but the /31 reaches past it: the containing block wins
    ['2001::/31', AddressClass.GLOBAL_UNICAST],
    ['8.8.8.0/24', AddressClass.UNICAST],
  ])('%s is %s', (cidr, cls) => {
    expect(classifyCidr(Cidr.parse(cidr))?.class).toBe(cls);
  });

  test.each(['::/0', 'fc00::/7', '0.0.0.0/0', '172.0.0.0/8'])('%s spans several classes: undefined', (cidr) => {
    expect(classifyCidr(Cidr.parse(cidr))).toBeUndefined();
  });

  test('the multicast scope is given only when the prefix fixes it', () => {
    expect(classifyCidr(Cidr.parse('ff05::/16'))).toEqual({ class: AddressClass.MULTICAST, block: 'ff00::/8', rfc: 'RFC 4291', scope: MulticastScope.SITE_LOCAL });
    expect(classifyCidr(Cidr.parse('ff00::/8'))).toEqual({ class: AddressClass.MULTICAST, block: 'ff00::/8', rfc: 'RFC 4291' });
  });
});

describe('solicitedNodeAddress', () => {
  test.each([
    // RFC 4291 §2.7.1's example: 4037::01:800:200E:8C6C → FF02::1:FF0E:8C6C
    ['4037::01:800:200E:8C6C', 'ff02::1:ff0e:8c6c'],
    ['fe80::3ad1:35ff:fe08:cd%eth0', 'ff02::1:ff08:cd'],
    ['2003:ac18::30a:2', 'ff02::1:ff0a:2'],
    ['::', 'ff02::1:ff00:0'],
  ])('of %s is %s', (address, expected) => {
    const s = solicitedNodeAddress(Address.parse(address));
    expect(s.toString()).toBe(expected);
    expect(classifyAddress(s).class).toBe(AddressClass.SOLICITED_NODE_MULTICAST);
  });

  test('fails when given an IPv4 address', () => {
    const e = netError(() => solicitedNodeAddress(Address.parse('10.0.0.1')));
    expect(e.rule).toBe('solicited-node-ipv4');
    expect(e.message).toBe('10.0.0.1 is IPv4; solicited-node multicast addresses exist only for IPv6');
  });
});

describe('refused input', () => {
  test.each([
    ['classifyAddress', () => classifyAddress('::1' as unknown as Address), 'classifyAddress: "::1" is not an Address or a Cidr'],
    ['classifyAddress', () => classifyAddress(undefined as unknown as Address), 'classifyAddress: undefined is not an Address or a Cidr'],
    ['classifyCidr', () => classifyCidr('fd00::/8' as unknown as Cidr), 'classifyCidr: "fd00::/8" is not an Address or a Cidr'],
    ['solicitedNodeAddress', () => solicitedNodeAddress(null as unknown as Address), 'solicitedNodeAddress: null is not an Address or a Cidr'],
  ])('fails when %s is given text or nothing (%#)', (_fn, fn, text) => {
    const e = netError(fn);
    expect(e.rule).toBe('not-an-address');
    expect(e.message).toContain(text);
  });
});
