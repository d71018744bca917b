/**
 * How Kubernetes components read an address or a CIDR: k8s.io/utils/net `ParseIPSloppy` /
 * `ParseCIDRSloppy` (Go's `net.ParseIP` / `net.ParseCIDR` before Go 1.17). The strict parsers of
 * this folder refuse what these accept after normalising, so the plan's rules can tell "accepted,
 * but read differently" apart from "refused".
 */
import { Address } from './address';
import { Cidr } from './cidr';
import { NetParseError, quote } from './errors';

/** The result of reading one value the way a Kubernetes component does. */
export interface SloppyParse<T> {
  readonly value?: T;
  /** Why it was refused (the lib/net message), when it was. */
  readonly error?: string;
  /** Set when the component accepts it only after normalising (leading zeros): the normalised text. */
  readonly normalised?: string;
}

/**
 * k8s.io/utils/net `ParseIPSloppy` / `ParseCIDRSloppy` keep the pre-Go-1.17 behaviour: IPv4 octets
 * (and a prefix length) with leading zeros are read as decimal. lib/net refuses them (they mean
 * octal elsewhere); to reach the component's verdict we strip them and re-parse, and the caller
 * warns. Zones (`%eth0`) are refused: Go's `net.ParseIP` / `net.ParseCIDR` do not take them.
 */
function stripLeadingZeros(text: string): string | undefined {
  const m = /^(.*?)((?:\d+\.){3}\d+)(\/\d+)?$/.exec(text);
  if (!m) return undefined;
  const quad = m[2].split('.').map((o) => o.replace(/^0+(?=\d)/, '')).join('.');
  const prefix = m[3] ? `/${m[3].slice(1).replace(/^0+(?=\d)/, '')}` : '';
  const out = `${m[1]}${quad}${prefix}`;
  return out === text ? undefined : out;
}

export function parseCidrSloppy(text: string): SloppyParse<Cidr> {
  try {
    return { value: Cidr.parse(text, { allowHostBits: true }) };
  } catch (e) {
    if (!(e instanceof NetParseError)) throw e;
    const again = stripLeadingZeros(text);
    if (again !== undefined) {
      const c = Cidr.tryParse(again, { allowHostBits: true });
      if (c) return { value: c, normalised: again };
    }
    return { error: e.message };
  }
}

export function parseIpSloppy(text: string): SloppyParse<Address> {
  if (text.includes('%')) return { error: `${quote(text)} is not a valid IP address: Go's net.ParseIP takes no zone index ("%…")` };
  try {
    return { value: Address.parse(text) };
  } catch (e) {
    if (!(e instanceof NetParseError)) throw e;
    const again = stripLeadingZeros(text);
    if (again !== undefined) {
      const a = Address.tryParse(again);
      if (a) return { value: a, normalised: again };
    }
    return { error: e.message };
  }
}
