import { Address } from './address';
import { Cidr } from './cidr';
import { NetParseError, quote } from './errors';

/** An address as configured on an interface: the address and, when written, its network. */
export interface InterfaceAddressText {
  readonly address: Address;
  /** The on-link network (`192.168.101.0/24` of `192.168.101.53/24`); undefined without a prefix. */
  readonly network?: Cidr;
}

/**
 * Parse an interface address: `192.168.101.53/24`, `2003:ac18::30a:2/64` (host bits set, as `ip addr`
 * prints them) or a plain address without prefix.
 * @throws NetParseError naming the rule that was broken
 */
export function parseInterfaceAddress(text: string): InterfaceAddressText {
  if (typeof text !== 'string') {
    throw new NetParseError(quote(text), 'not-a-string', `${quote(text)} is not an interface address: expected a string`);
  }
  if (text.indexOf('/') < 0) return { address: Address.parse(text) };
  const network = Cidr.parse(text, { allowHostBits: true });
  return { address: network.writtenAddress ?? network.network, network };
}

/** `address/prefix` as interface configuration writes it (ifcfg IPV6ADDR, netplan `addresses`). */
export function formatInterfaceAddress(address: Address, prefix: number): string {
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > address.bits) {
    throw new NetParseError(`${address}/${prefix}`, 'cidr-prefix-range', `prefix /${prefix} is out of range for IPv${address.family}`);
  }
  return `${address.withoutZone()}/${prefix}`;
}
