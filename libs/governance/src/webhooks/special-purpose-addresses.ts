import { isIP } from 'node:net';

/**
 * The address ranges a webhook may and may not reach, from the IANA IPv4 and IPv6
 * Special-Purpose Address Registries (as of 2025): every entry, with its RFC and its
 * "Globally Reachable" column. The most specific entry holding an address decides, so a
 * globally reachable entry inside a larger one that is not (192.0.0.9 in 192.0.0.0/24,
 * 2001:3::/32 in 2001::/23) is allowed. Entries whose column is "N/A" (deprecated or
 * relay prefixes: 192.88.99.0/24, Teredo, ORCHID, 6to4) count as not reachable.
 * Beside them: IPv4 multicast (its own registry), IPv6 outside 2000::/3 (not allocated
 * for global unicast), and the cloud metadata addresses, named so a refusal says what
 * they are.
 */
export interface AddressRange {
  /** Network/prefix as IANA writes it. */
  range: string;
  /** The registry's name of the entry. */
  name: string;
  rfc: string;
  globallyReachable: boolean;
  /** What a refusal calls it: "a <kind> address". */
  kind: string;
}

const refused = (range: string, name: string, rfc: string, kind: string): AddressRange => ({ range, name, rfc, globallyReachable: false, kind });
const reachable = (range: string, name: string, rfc: string): AddressRange => ({ range, name, rfc, globallyReachable: true, kind: 'public' });

export const ADDRESS_RANGES: readonly AddressRange[] = [
  // IPv4 Special-Purpose Address Registry
  refused('0.0.0.0/8', '"This network"', 'RFC 791, section 3.2', 'unspecified'),
  refused('0.0.0.0/32', '"This host on this network"', 'RFC 1122, section 3.2.1.3', 'unspecified'),
  refused('10.0.0.0/8', 'Private-Use', 'RFC 1918', 'private'),
  refused('100.64.0.0/10', 'Shared Address Space', 'RFC 6598', 'carrier-grade NAT'),
  refused('127.0.0.0/8', 'Loopback', 'RFC 1122, section 3.2.1.3', 'loopback'),
  refused('169.254.0.0/16', 'Link Local', 'RFC 3927', 'link-local'),
  refused('172.16.0.0/12', 'Private-Use', 'RFC 1918', 'private'),
  refused('192.0.0.0/24', 'IETF Protocol Assignments', 'RFC 6890, section 2.1', 'IETF protocol assignment'),
  refused('192.0.0.0/29', 'IPv4 Service Continuity Prefix', 'RFC 7335', 'IETF protocol assignment'),
  refused('192.0.0.8/32', 'IPv4 dummy address', 'RFC 7600', 'IETF protocol assignment'),
  reachable('192.0.0.9/32', 'Port Control Protocol Anycast', 'RFC 7723'),
  reachable('192.0.0.10/32', 'Traversal Using Relays around NAT Anycast', 'RFC 8155'),
  refused('192.0.0.170/32', 'NAT64/DNS64 Discovery', 'RFC 8880, RFC 7050 section 2.2', 'IETF protocol assignment'),
  refused('192.0.0.171/32', 'NAT64/DNS64 Discovery', 'RFC 8880, RFC 7050 section 2.2', 'IETF protocol assignment'),
  refused('192.0.2.0/24', 'Documentation (TEST-NET-1)', 'RFC 5737', 'documentation'),
  reachable('192.31.196.0/24', 'AS112-v4', 'RFC 7535'),
  reachable('192.52.193.0/24', 'AMT', 'RFC 7450'),
  refused('192.88.99.0/24', 'Deprecated (6to4 Relay Anycast)', 'RFC 7526', 'deprecated relay'),
  refused('192.168.0.0/16', 'Private-Use', 'RFC 1918', 'private'),
  reachable('192.175.48.0/24', 'Direct Delegation AS112 Service', 'RFC 7534'),
  refused('198.18.0.0/15', 'Benchmarking', 'RFC 2544', 'benchmarking'),
  refused('198.51.100.0/24', 'Documentation (TEST-NET-2)', 'RFC 5737', 'documentation'),
  refused('203.0.113.0/24', 'Documentation (TEST-NET-3)', 'RFC 5737', 'documentation'),
  refused('240.0.0.0/4', 'Reserved', 'RFC 1112, section 4', 'reserved'),
  refused('255.255.255.255/32', 'Limited Broadcast', 'RFC 8190, RFC 919 section 7', 'broadcast'),
  // IPv4 Multicast Address Space Registry
  refused('224.0.0.0/4', 'Multicast', 'RFC 5771', 'multicast'),
  // Instance metadata services of AWS, Google Cloud and Azure (inside link-local / unique-local)
  refused('169.254.169.254/32', 'Cloud instance metadata', 'inside RFC 3927', 'cloud metadata'),
  refused('fd00:ec2::254/128', 'Cloud instance metadata (AWS)', 'inside RFC 4193', 'cloud metadata'),

  // IPv6 Address Space Registry: only 2000::/3 is Global Unicast; the rest is reserved,
  // unique-local, link-local or multicast.
  refused('::/0', 'Reserved by IETF', 'RFC 4291, section 2.4', 'reserved'),
  reachable('2000::/3', 'Global Unicast', 'RFC 4291, section 2.4'),
  refused('ff00::/8', 'Multicast', 'RFC 4291, section 2.7', 'multicast'),
  // IPv6 Special-Purpose Address Registry
  refused('::1/128', 'Loopback Address', 'RFC 4291', 'loopback'),
  refused('::/128', 'Unspecified Address', 'RFC 4291', 'unspecified'),
  refused('::ffff:0:0/96', 'IPv4-mapped Address', 'RFC 4291', 'IPv4-mapped'),
  // Reachable: the IPv4 address in its last 32 bits is checked as well (see webhook-address).
  reachable('64:ff9b::/96', 'IPv4-IPv6 Translat.', 'RFC 6052'),
  refused('64:ff9b:1::/48', 'IPv4-IPv6 Translat. (local use)', 'RFC 8215', 'local-use translation'),
  refused('100::/64', 'Discard-Only Address Block', 'RFC 6666', 'discard-only'),
  refused('100:0:0:1::/64', 'Dummy IPv6 Prefix', 'RFC 9780', 'dummy'),
  refused('2001::/23', 'IETF Protocol Assignments', 'RFC 2928', 'IETF protocol assignment'),
  refused('2001::/32', 'TEREDO', 'RFC 4380, RFC 8190', 'Teredo'),
  reachable('2001:1::1/128', 'Port Control Protocol Anycast', 'RFC 7723'),
  reachable('2001:1::2/128', 'Traversal Using Relays around NAT Anycast', 'RFC 8155'),
  reachable('2001:1::3/128', 'DNS-SD Service Registration Protocol Anycast', 'RFC 9665'),
  refused('2001:2::/48', 'Benchmarking', 'RFC 5180', 'benchmarking'),
  reachable('2001:3::/32', 'AMT', 'RFC 7450'),
  reachable('2001:4:112::/48', 'AS112-v6', 'RFC 7535'),
  refused('2001:10::/28', 'Deprecated (previously ORCHID)', 'RFC 4843', 'deprecated ORCHID'),
  reachable('2001:20::/28', 'ORCHIDv2', 'RFC 7343'),
  reachable('2001:30::/28', 'Drone Remote ID Protocol Entity Tags (DETs) Prefix', 'RFC 9374'),
  refused('2001:db8::/32', 'Documentation', 'RFC 3849', 'documentation'),
  refused('2002::/16', '6to4', 'RFC 3056', '6to4'),
  reachable('2620:4f:8000::/48', 'Direct Delegation AS112 Service', 'RFC 7534'),
  refused('3fff::/20', 'Documentation', 'RFC 9637', 'documentation'),
  refused('5f00::/16', 'Segment Routing (SRv6) SIDs', 'RFC 9602', 'segment routing'),
  refused('fc00::/7', 'Unique-Local', 'RFC 4193, RFC 8190', 'private'),
  refused('fe80::/10', 'Link-Local Unicast', 'RFC 4291', 'link-local'),
];

/** An address as a number of its family (32 or 128 bits). */
export interface IpNumber {
  family: 4 | 6;
  value: bigint;
}

interface CompiledRange extends IpNumber {
  prefix: number;
  entry: AddressRange;
}

const COMPILED: CompiledRange[] = ADDRESS_RANGES.map((entry) => {
  const [network, prefix] = entry.range.split('/');
  const parsed = ipNumber(network);
  if (!parsed) throw new Error(`Bad range ${entry.range}`);
  return { ...parsed, prefix: Number(prefix), entry };
});

/** The most specific entry of ADDRESS_RANGES holding `address`; undefined for IPv4 outside all of them (public). */
export function rangeOf(address: IpNumber): AddressRange | undefined {
  let best: CompiledRange | undefined;
  for (const range of COMPILED) {
    if (range.family === address.family && within(address, range) && (!best || range.prefix > best.prefix)) best = range;
  }
  return best?.entry;
}

function within(address: IpNumber, range: CompiledRange): boolean {
  const shift = BigInt((address.family === 4 ? 32 : 128) - range.prefix);
  return address.value >> shift === range.value >> shift;
}

/** The number of an IPv4 or IPv6 address (a zone, "%eth0", is ignored); undefined when it is not one. */
export function ipNumber(address: string): IpNumber | undefined {
  const text = address.replace(/%.*$/, '');
  const version = isIP(text);
  if (version === 4) {
    return { family: 4, value: text.split('.').reduce((n, octet) => (n << 8n) | BigInt(Number(octet)), 0n) };
  }
  if (version !== 6) return undefined;
  let expanded = text.toLowerCase();
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(expanded);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number);
    expanded = `${expanded.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = expanded.split('::');
  const groups = (s: string | undefined) => (s ? s.split(':').map((g) => BigInt(parseInt(g, 16))) : []);
  const front = groups(head);
  const back = groups(tail);
  const all = tail === undefined ? front : [...front, ...Array<bigint>(8 - front.length - back.length).fill(0n), ...back];
  return { family: 6, value: all.reduce((n, group) => (n << 16n) | group, 0n) };
}

/** The IPv4 address in the last 32 bits of an IPv6 one (NAT64). */
export function embeddedIpv4(address: IpNumber): IpNumber {
  return { family: 4, value: address.value & 0xffffffffn };
}
