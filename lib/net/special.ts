import { Address } from './address';
import { Cidr } from './cidr';
import { NetParseError, describe, quoteShort as quote } from './errors';

/** The IANA special-purpose class of an address (IPv4: RFC 6890 registry; IPv6: RFC 4291 and successors). */
export enum AddressClass {
  UNSPECIFIED = 'unspecified',
  LOOPBACK = 'loopback',
  IPV4_MAPPED = 'ipv4-mapped',
  LINK_LOCAL = 'link-local',
  /** fd00::/8, RFC 4193 (L=1): locally assigned with a random global ID. */
  UNIQUE_LOCAL = 'unique-local',
  /** fc00::/8 (L=0): reserved by RFC 4193 for a central allocator that was never defined. */
  UNIQUE_LOCAL_UNDEFINED = 'unique-local-undefined',
  SOLICITED_NODE_MULTICAST = 'solicited-node-multicast',
  /** 64:ff9b::/96 (RFC 6052) and 64:ff9b:1::/48 (RFC 8215): IPv4/IPv6 translation (NAT64/DNS64). */
  NAT64 = 'nat64',
  /** 100::/64, discard-only (RFC 6666). */
  DISCARD_ONLY = 'discard-only',
  MULTICAST = 'multicast',
  DOCUMENTATION = 'documentation',
  TEREDO = 'teredo',
  SIX_TO_FOUR = '6to4',
  ORCHID = 'orchid',
  ORCHID_V2 = 'orchid-v2',
  /** fec0::/10, deprecated by RFC 3879. */
  SITE_LOCAL_DEPRECATED = 'site-local-deprecated',
  GLOBAL_UNICAST = 'global-unicast',
  /** 10/8, 172.16/12, 192.168/16 (RFC 1918). */
  PRIVATE = 'private',
  /** 100.64.0.0/10, carrier-grade NAT (RFC 6598). */
  SHARED = 'shared',
  /** 0.0.0.0/8 other than 0.0.0.0 ("this network", RFC 791). */
  THIS_NETWORK = 'this-network',
  /** 198.18.0.0/15 (RFC 2544), 2001:2::/48 (RFC 5180). */
  BENCHMARKING = 'benchmarking',
  /** 240.0.0.0/4 (RFC 1112), less the broadcast address. */
  RESERVED = 'reserved',
  BROADCAST = 'broadcast',
  /** Public unicast IPv4, or IPv6 outside every class above. */
  UNICAST = 'unicast',
}

/** Multicast scope (RFC 4291 §2.7, RFC 7346). */
export enum MulticastScope {
  INTERFACE_LOCAL = 'interface-local',
  LINK_LOCAL = 'link-local',
  REALM_LOCAL = 'realm-local',
  ADMIN_LOCAL = 'admin-local',
  SITE_LOCAL = 'site-local',
  ORGANIZATION_LOCAL = 'organization-local',
  GLOBAL = 'global',
  RESERVED = 'reserved',
  UNASSIGNED = 'unassigned',
}

/** The result of `classifyAddress`. */
export interface AddressClassification {
  readonly class: AddressClass;
  /** The special-purpose block that matched, canonical. */
  readonly block?: string;
  /** For multicast addresses, the scope. */
  readonly scope?: MulticastScope;
  /** The RFC that defines the block. */
  readonly rfc?: string;
}

interface Rule {
  readonly cidr: Cidr;
  readonly class: AddressClass;
  readonly rfc: string;
}

function rules(list: Array<[string, AddressClass, string]>): Rule[] {
  // Most specific first, so a /104 inside a /8 wins.
  return list
    .map(([c, cls, rfc]) => ({ cidr: Cidr.parse(c), class: cls, rfc }))
    .sort((a, b) => b.cidr.prefix - a.cidr.prefix);
}

const V6_RULES = rules([
  ['::/128', AddressClass.UNSPECIFIED, 'RFC 4291'],
  ['::1/128', AddressClass.LOOPBACK, 'RFC 4291'],
  ['::ffff:0:0/96', AddressClass.IPV4_MAPPED, 'RFC 4291'],
  ['fe80::/10', AddressClass.LINK_LOCAL, 'RFC 4291'],
  ['fd00::/8', AddressClass.UNIQUE_LOCAL, 'RFC 4193'],
  ['fc00::/8', AddressClass.UNIQUE_LOCAL_UNDEFINED, 'RFC 4193'],
  ['ff02::1:ff00:0/104', AddressClass.SOLICITED_NODE_MULTICAST, 'RFC 4291'],
  ['ff00::/8', AddressClass.MULTICAST, 'RFC 4291'],
  ['2001:db8::/32', AddressClass.DOCUMENTATION, 'RFC 3849'],
  ['3fff::/20', AddressClass.DOCUMENTATION, 'RFC 9637'],
  ['64:ff9b::/96', AddressClass.NAT64, 'RFC 6052'],
  ['64:ff9b:1::/48', AddressClass.NAT64, 'RFC 8215'],
  ['100::/64', AddressClass.DISCARD_ONLY, 'RFC 6666'],
  ['2001:2::/48', AddressClass.BENCHMARKING, 'RFC 5180'],
  ['2001:10::/28', AddressClass.ORCHID, 'RFC 4843'],
  ['2001:20::/28', AddressClass.ORCHID_V2, 'RFC 7343'],
  ['2001::/32', AddressClass.TEREDO, 'RFC 4380'],
  ['2002::/16', AddressClass.SIX_TO_FOUR, 'RFC 3056'],
  ['fec0::/10', AddressClass.SITE_LOCAL_DEPRECATED, 'RFC 3879'],
  ['2000::/3', AddressClass.GLOBAL_UNICAST, 'RFC 4291'],
]);

const V4_RULES = rules([
  ['0.0.0.0/32', AddressClass.UNSPECIFIED, 'RFC 1122'],
  ['0.0.0.0/8', AddressClass.THIS_NETWORK, 'RFC 791'],
  ['255.255.255.255/32', AddressClass.BROADCAST, 'RFC 919'],
  ['127.0.0.0/8', AddressClass.LOOPBACK, 'RFC 1122'],
  ['169.254.0.0/16', AddressClass.LINK_LOCAL, 'RFC 3927'],
  ['10.0.0.0/8', AddressClass.PRIVATE, 'RFC 1918'],
  ['172.16.0.0/12', AddressClass.PRIVATE, 'RFC 1918'],
  ['192.168.0.0/16', AddressClass.PRIVATE, 'RFC 1918'],
  ['100.64.0.0/10', AddressClass.SHARED, 'RFC 6598'],
  ['224.0.0.0/4', AddressClass.MULTICAST, 'RFC 5771'],
  ['192.0.2.0/24', AddressClass.DOCUMENTATION, 'RFC 5737'],
  ['198.51.100.0/24', AddressClass.DOCUMENTATION, 'RFC 5737'],
  ['203.0.113.0/24', AddressClass.DOCUMENTATION, 'RFC 5737'],
  ['198.18.0.0/15', AddressClass.BENCHMARKING, 'RFC 2544'],
  ['240.0.0.0/4', AddressClass.RESERVED, 'RFC 1112'],
]);

const SCOPES: Record<number, MulticastScope> = {
  0x0: MulticastScope.RESERVED,
  0x1: MulticastScope.INTERFACE_LOCAL,
  0x2: MulticastScope.LINK_LOCAL,
  0x3: MulticastScope.REALM_LOCAL,
  0x4: MulticastScope.ADMIN_LOCAL,
  0x5: MulticastScope.SITE_LOCAL,
  0x8: MulticastScope.ORGANIZATION_LOCAL,
  0xe: MulticastScope.GLOBAL,
  0xf: MulticastScope.RESERVED,
};

function notAnAddress(value: unknown, fn: string): NetParseError {
  return new NetParseError(describe(value), 'not-an-address', `${fn}: ${quote(value)} is not an Address or a Cidr (parse text with Address.parse / Cidr.parse first)`);
}

function result(r: Rule, first: Address): AddressClassification {
  const out: AddressClassification = { class: r.class, block: r.cidr.toString(), rfc: r.rfc };
  if (first.family === 6 && (r.class === AddressClass.MULTICAST || r.class === AddressClass.SOLICITED_NODE_MULTICAST)) {
    // RFC 4291 §2.7: the scope is the low 4 bits of the first 16; RFC 7346 names 3 (realm) and 4 (admin).
    return { ...out, scope: SCOPES[first.groups![0] & 0xf] ?? MulticastScope.UNASSIGNED };
  }
  return out;
}

/** The IANA special-purpose class of an address (or of a network's first address). */
export function classifyAddress(address: Address | Cidr): AddressClassification {
  let a: Address;
  if (address instanceof Address) a = address;
  else if (address instanceof Cidr) a = address.network;
  else throw notAnAddress(address, 'classifyAddress');
  const table = a.family === 4 ? V4_RULES : V6_RULES;
  for (const r of table) {
    if (r.cidr.contains(a)) return result(r, a);
  }
  return { class: AddressClass.UNICAST };
}

/**
 * Classify a whole network: the class of the most specific special-purpose block that holds all
 * of it (2001::/31 is global unicast even though its first address is Teredo); `undefined` when
 * no block holds it but one overlaps it (a network spanning several classes, like ::/0). The
 * multicast scope is given only when the prefix fixes it (/16 or longer).
 */
export function classifyCidr(cidr: Cidr): AddressClassification | undefined {
  if (!(cidr instanceof Cidr)) throw notAnAddress(cidr, 'classifyCidr');
  const table = cidr.family === 4 ? V4_RULES : V6_RULES;
  for (const r of table) {
    if (r.cidr.contains(cidr)) {
      const c = result(r, cidr.network);
      if (c.scope !== undefined && cidr.prefix < 16) return { class: c.class, block: c.block, rfc: c.rfc };
      return c;
    }
  }
  for (const r of table) {
    if (r.cidr.overlaps(cidr)) return undefined;
  }
  return { class: AddressClass.UNICAST };
}

/** The solicited-node multicast address of a unicast IPv6 address: ff02::1:ffXX:XXXX (RFC 4291 §2.7.1). */
export function solicitedNodeAddress(address: Address): Address {
  if (!(address instanceof Address)) throw notAnAddress(address, 'solicitedNodeAddress');
  if (address.family !== 6) {
    throw new NetParseError(`${address}`, 'solicited-node-ipv4', `${address} is IPv4; solicited-node multicast addresses exist only for IPv6`);
  }
  const g = address.groups!;
  return Address.fromGroups(new Uint16Array([0xff02, 0, 0, 0, 0, 1, 0xff00 | (g[6] & 0xff), g[7]]));
}
