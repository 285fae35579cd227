import { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { LookupFunction, isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { AddressRange, IpNumber, embeddedIpv4, ipNumber, rangeOf } from './special-purpose-addresses';

/**
 * Server-side request forgery guard: a webhook must not make the worker call the
 * machines around it (loopback, private networks, cloud metadata, every other range the
 * IANA registries say is not globally reachable, see special-purpose-addresses), nor the
 * machine it runs on. Checked when an endpoint is registered or changed, and again at
 * each delivery, where the connection goes to exactly the addresses that were checked
 * (see pinnedLookup), so a DNS answer that changes in between (rebinding) cannot slip
 * through.
 */

/** A URL or address a webhook may not call; the message says why, for the administrator. */
export class WebhookAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookAddressError';
  }
}

/**
 * Why an address may not be called: the entry of the special-purpose table that holds
 * it, or that it is one of this machine's own addresses (which may well be public).
 */
export interface AddressRefusal {
  kind: string;
  range?: AddressRange;
}

/** This machine's interface addresses (the service listens on them, or could be reached through them). */
export function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address));
}

const key = (n: IpNumber) => `${n.family}:${n.value}`;

/** NAT64: reachable itself, it reaches the IPv4 address in its last 32 bits. */
const NAT64 = '64:ff9b::/96';

/**
 * Why a webhook may not call `address`, or undefined when it may: an address is refused
 * when the most specific entry of the special-purpose table holding it is not globally
 * reachable, when it is one of `own`, and (NAT64, 64:ff9b::/96) when the IPv4 address it
 * carries would be.
 */
export function refusedAddress(address: string, own: readonly string[] = interfaceAddresses()): AddressRefusal | undefined {
  const parsed = ipNumber(address);
  if (!parsed) return { kind: 'invalid' };
  const range = rangeOf(parsed);
  if (range && !range.globallyReachable) return { kind: range.kind, range };
  const ownKeys = new Set(own.map(ipNumber).filter((n): n is IpNumber => !!n).map(key));
  if (ownKeys.has(key(parsed))) return { kind: 'own' };
  if (range?.range === NAT64) {
    const carried = embeddedIpv4(parsed);
    const inner = rangeOf(carried);
    if (inner && !inner.globallyReachable) return { kind: inner.kind, range: inner };
    if (ownKeys.has(key(carried))) return { kind: 'own' };
  }
  return undefined;
}

/** How a refusal reads: "a loopback address (127.0.0.0/8, RFC 1122, section 3.2.1.3)". */
export function describeRefusal(refusal: AddressRefusal): string {
  if (refusal.kind === 'own') return "an address of this service's own machine";
  if (!refusal.range) return 'not an IP address';
  const article = /^[aeiouAEIOU]/.test(refusal.kind) ? 'an' : 'a';
  return `${article} ${refusal.kind} address (${refusal.range.range}, ${refusal.range.rfc})`;
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

/** Which addresses a webhook may call, and how host names are resolved (injectable for tests). */
export interface AddressPolicy {
  /** WEBHOOK_ALLOW_PRIVATE_ADDRESSES: every address, and plain http (development and tests only). */
  allowPrivate: boolean;
  resolve?: Resolve;
  /** This machine's own addresses; by default its interfaces' at the time of the check. */
  ownAddresses?: () => string[];
}

/**
 * Every address the URL's host resolves to, each checked (one refused address refuses
 * the URL: which one a connection would use is not ours to choose).
 */
export async function resolveWebhookHost(url: URL, policy: AddressPolicy): Promise<LookupAddress[]> {
  const host = hostOf(url);
  const version = isIP(host);
  let addresses: LookupAddress[];
  if (version) {
    addresses = [{ address: host, family: version }];
  } else {
    try {
      addresses = await (policy.resolve ?? resolveAll)(host);
    } catch {
      throw new WebhookAddressError(`The webhook host ${host} could not be resolved.`);
    }
    if (!addresses.length) throw new WebhookAddressError(`The webhook host ${host} could not be resolved.`);
  }
  if (policy.allowPrivate) return addresses;
  const own = (policy.ownAddresses ?? interfaceAddresses)();
  for (const { address } of addresses) {
    const refusal = refusedAddress(address, own);
    if (refusal) {
      const what = describeRefusal(refusal);
      const where = version ? `The webhook address ${host} is ${what}` : `The webhook host ${host} resolves to ${address}, ${what}`;
      throw new WebhookAddressError(`${where}; such addresses are not allowed for webhooks (use a public address).`);
    }
  }
  return addresses;
}

/** Checks a URL in full (form and addresses); returns it parsed. */
export async function checkWebhookUrl(raw: string, policy: AddressPolicy): Promise<URL> {
  const url = parseWebhookUrl(raw, policy.allowPrivate);
  await resolveWebhookHost(url, policy);
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
