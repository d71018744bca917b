import { Address } from './address';
import { NetParseError, describe, notAString, quoteShort as quote } from './errors';

/** A parsed `host:port`. */
export interface HostPort {
  readonly address: Address;
  readonly port: number;
}

function checkPort(port: unknown, input: string): number {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new NetParseError(input, 'port-range', `${quote(input)} is not host:port: port ${quote(port)} is not an integer from 0 to 65535`);
  }
  return port;
}

/**
 * `v4:port` or `[v6]:port`. An IPv6 address is always bracketed (RFC 3986 §3.2.2), which is what
 * Kong's ingress controller failed to do before 2.11 (`fc00::…:78ea:80` read as one address).
 */
export function formatHostPort(address: Address | string, port: number): string {
  let a: Address;
  if (typeof address === 'string') a = Address.parse(address);
  else if (address instanceof Address) a = address;
  else {
    throw new NetParseError(describe(address), 'not-an-address', `formatHostPort: ${quote(address)} is not an Address or address text`);
  }
  checkPort(port, a.family === 6 ? `[${a}]:${describe(port)}` : `${a}:${describe(port)}`);
  return a.family === 6 ? `[${a}]:${port}` : `${a}:${port}`;
}

/** The two halves of `host:port`, as text. */
export interface HostPortText {
  readonly host: string;
  readonly port: string;
}

/**
 * Split `host:port` or `[host]:port` into its halves without judging them (Go's
 * `net.SplitHostPort`): the one place that knows the bracket rule. An unbracketed host with a colon
 * is refused — it is ambiguous, exactly the Kong bug of field report §7.2.
 * @throws NetParseError (`host-port-empty`, `host-port-brackets`, `host-port-no-port`,
 *   `host-port-unbracketed-ipv6`)
 */
export function splitHostPort(text: string): HostPortText {
  if (typeof text !== 'string') throw notAString(text, 'host:port');
  if (text.length === 0) throw new NetParseError(text, 'host-port-empty', '"" is not host:port: it is empty');
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0 || text[close + 1] !== ':') {
      throw new NetParseError(text, 'host-port-brackets', `${quote(text)} is not "[v6]:port": a "]" followed by ":port" is required`);
    }
    return { host: text.slice(1, close), port: text.slice(close + 2) };
  }
  const colon = text.lastIndexOf(':');
  if (colon < 0) throw new NetParseError(text, 'host-port-no-port', `${quote(text)} has no ":port"`);
  const host = text.slice(0, colon);
  const port = text.slice(colon + 1);
  if (host.indexOf(':') >= 0) {
    throw new NetParseError(text, 'host-port-unbracketed-ipv6', `${quote(text)} is ambiguous: an IPv6 address with a port must be bracketed, as in "[${host}]:${port}"`);
  }
  return { host, port };
}

/**
 * Parse `v4:port` or `[v6]:port` into an address and a port. Unbracketed IPv6 with a port is
 * refused (see `splitHostPort`).
 */
export function parseHostPort(text: string): HostPort {
  const { host, port: portText } = splitHostPort(text);
  if (!/^(0|[1-9][0-9]{0,4})$/.test(portText)) {
    throw new NetParseError(text, 'port-format', `${quote(text)} is not host:port: port ${quote(portText)} is not a decimal number without leading zeros`);
  }
  let address: Address;
  try {
    address = Address.parse(host);
  } catch (e) {
    // Keep the rule of the address, but quote the whole host:port the user wrote.
    if (e instanceof NetParseError) throw new NetParseError(text, e.rule, `${quote(text)} is not host:port: ${e.message}`);
    throw e;
  }
  if (text.startsWith('[') && address.family !== 6) {
    throw new NetParseError(text, 'host-port-brackets', `${quote(text)} is not host:port: brackets are only for IPv6 addresses (write "${address}:${portText}")`);
  }
  return { address, port: checkPort(Number(portText), text) };
}
