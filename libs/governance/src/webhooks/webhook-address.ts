import { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, LookupFunction, isIP } from 'node:net';

/**
 * Server-side request forgery guard: a webhook must not make the worker call the
 * machines around it (loopback, private networks, cloud metadata). Checked when an
 * endpoint is registered or changed, and again at each delivery, where the connection
 * goes to exactly the addresses that were checked (see pinnedLookup), so a DNS answer
 * that changes in between (rebinding) cannot slip through.
 */

/** A URL or address a webhook may not call; the message says why, for the administrator. */
export class WebhookAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookAddressError';
  }
}

type Family = 'ipv4' | 'ipv6';

/** Most specific first: the first range that holds an address names it. */
const FORBIDDEN_RANGES: [network: string, prefix: number, family: Family, kind: string][] = [
  ['169.254.169.254', 32, 'ipv4', 'cloud metadata'],
  ['fd00:ec2::254', 128, 'ipv6', 'cloud metadata'],
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'carrier-grade NAT'],
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  ['192.0.0.0', 24, 'ipv4', 'reserved'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  // IPv4-compatible (deprecated) addresses; IPv4-mapped ones (::ffff:a.b.c.d) BlockList
  // already checks against the IPv4 ranges above.
  ['::', 96, 'ipv6', 'reserved'],
  ['fc00::', 7, 'ipv6', 'private'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

const RANGES = FORBIDDEN_RANGES.map(([network, prefix, family, kind]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { list, kind };
});

/** NAT64 (64:ff9b::/96) carries an IPv4 address in its last 32 bits, which is what it reaches. */
const NAT64 = new BlockList();
NAT64.addSubnet('64:ff9b::', 96, 'ipv6');

/** The kind of forbidden address `address` is (e.g. "loopback"), or undefined when a webhook may call it. */
export function forbiddenAddressKind(address: string): string | undefined {
  const version = isIP(address);
  if (!version) return 'invalid';
  const family: Family = version === 4 ? 'ipv4' : 'ipv6';
  if (family === 'ipv6' && NAT64.check(address, 'ipv6')) {
    const embedded = embeddedIpv4(address);
    return embedded ? forbiddenAddressKind(embedded) : 'invalid';
  }
  return RANGES.find((range) => range.list.check(address, family))?.kind;
}

/**
 * The URL if its form is acceptable: https (http too where private addresses are
 * allowed, for local development), a host, no credentials.
 */
export function parseWebhookUrl(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookAddressError('The webhook URL is not a valid URL; write it in full, e.g. https://example.org/hooks/joinedup.');
  }
  const protocols = allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!protocols.includes(url.protocol)) {
    throw new WebhookAddressError(`The webhook URL must start with ${allowPrivate ? 'https:// or http://' : 'https://'}.`);
  }
  if (url.username || url.password) {
    throw new WebhookAddressError('The webhook URL must not contain a user name or password; deliveries are signed instead.');
  }
  if (!hostOf(url)) throw new WebhookAddressError('The webhook URL has no host.');
  return url;
}

export type Resolve = (host: string) => Promise<LookupAddress[]>;

const resolveAll: Resolve = (host) => lookup(host, { all: true });

/**
 * Every address the URL's host resolves to, each checked (one forbidden address refuses
 * the URL: which one a connection would use is not ours to choose).
 */
export async function resolveWebhookHost(url: URL, allowPrivate: boolean, resolve: Resolve = resolveAll): Promise<LookupAddress[]> {
  const host = hostOf(url);
  const version = isIP(host);
  let addresses: LookupAddress[];
  if (version) {
    addresses = [{ address: host, family: version }];
  } else {
    try {
      addresses = await resolve(host);
    } catch {
      throw new WebhookAddressError(`The webhook host ${host} could not be resolved.`);
    }
    if (!addresses.length) throw new WebhookAddressError(`The webhook host ${host} could not be resolved.`);
  }
  if (allowPrivate) return addresses;
  for (const { address } of addresses) {
    const kind = forbiddenAddressKind(address);
    if (kind) {
      const what = `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} address`;
      const where = version ? `The webhook address ${host} is ${what}` : `The webhook host ${host} resolves to ${address}, ${what}`;
      throw new WebhookAddressError(`${where}; such addresses are not allowed for webhooks (use a public address).`);
    }
  }
  return addresses;
}

/** Checks a URL in full (form and addresses); returns it parsed. */
export async function checkWebhookUrl(raw: string, allowPrivate: boolean, resolve?: Resolve): Promise<URL> {
  const url = parseWebhookUrl(raw, allowPrivate);
  await resolveWebhookHost(url, allowPrivate, resolve);
  return url;
}

/**
 * A `lookup` for http(s).request that answers with the addresses already checked and
 * never asks DNS again: the connection goes where the check looked.
 */
export function pinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const usable = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
    if (!usable.length) {
      callback(Object.assign(new Error('No checked address of the requested family'), { code: 'ENOTFOUND' }), []);
    } else if (options.all) {
      callback(null, usable);
    } else {
      callback(null, usable[0].address, usable[0].family);
    }
  };
}

/** The host without IPv6 brackets ("[::1]" → "::1"). */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** The IPv4 address in the last 32 bits of an IPv6 address. */
function embeddedIpv4(address: string): string | undefined {
  const groups = ipv6Groups(address);
  if (!groups) return undefined;
  const [high, low] = groups.slice(6);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The eight 16-bit groups of an IPv6 address (with "::" and a trailing dotted quad expanded). */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number);
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const part = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const front = part(head);
  const back = part(tail);
  const groups = tail === undefined ? front : [...front, ...Array(8 - front.length - back.length).fill(0), ...back];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}
