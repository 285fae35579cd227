import { LookupAddress } from 'node:dns';
import { ADDRESS_RANGES } from './special-purpose-addresses';
import {
  Resolve,
  checkWebhookUrl,
  describeRefusal,
  interfaceAddresses,
  parseWebhookUrl,
  pinnedLookup,
  refusedAddress,
  resolveWebhookHost,
} from './webhook-address';

const answers =
  (...addresses: string[]) =>
  async (): Promise<LookupAddress[]> =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

const NONE: string[] = [];
const kindOf = (address: string, own = NONE) => refusedAddress(address, own)?.kind;
const strict = (resolve: Resolve = answers(), own = NONE) => ({ allowPrivate: false, resolve, ownAddresses: () => own });

describe('webhook address check', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['169.254.10.10', 'link-local'],
    ['fe80::1', 'link-local'],
    ['169.254.169.254', 'cloud metadata'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.254', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['250.1.2.3', 'reserved'],
    // The ranges the issue found accepted, and the rest of the registries.
    ['192.0.2.2', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.250', 'documentation'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['100::1', 'discard-only'],
    ['100:0:0:1::1', 'dummy'],
    ['::ffff:127.0.0.1', 'IPv4-mapped'],
    ['::ffff:7f00:1', 'IPv4-mapped'],
    ['::ffff:93.184.215.14', 'IPv4-mapped'],
    ['64:ff9b:1::5db8:d70e', 'local-use translation'],
    ['64:ff9b::a00:1', 'private'],
    ['64:ff9b::c000:202', 'documentation'],
    ['192.0.0.1', 'IETF protocol assignment'],
    ['192.0.0.8', 'IETF protocol assignment'],
    ['192.0.0.171', 'IETF protocol assignment'],
    ['192.88.99.1', 'deprecated relay'],
    ['2001::1', 'Teredo'],
    ['2001:2::1', 'benchmarking'],
    ['2001:100::1', 'IETF protocol assignment'],
    ['2001:10::1', 'deprecated ORCHID'],
    ['2002:c000:201::1', '6to4'],
    ['5f00::1', 'segment routing'],
    // IPv6 outside 2000::/3 is not allocated for global unicast (IPv4-compatible included).
    ['::7f00:1', 'reserved'],
    ['4000::1', 'reserved'],
    ['fe80::1%eth0', 'link-local'],
  ])('refuses %s (%s)', (address, kind) => {
    expect(kindOf(address)).toBe(kind);
  });

  it.each([
    '93.184.215.14',
    '172.32.0.1',
    '100.128.0.1',
    '198.20.0.1',
    '192.0.3.1',
    '2606:4700::6810:84e5',
    '64:ff9b::5db8:d70e',
    // Globally reachable entries inside ranges that are not.
    '192.0.0.9',
    '192.0.0.10',
    '2001:1::1',
    '2001:3::1',
    '2001:4:112::1',
    '2001:20::1',
  ])('allows the public address %s', (address) => {
    expect(kindOf(address)).toBeUndefined();
  });

  it('lists every entry with its RFC, and refuses every entry that is not globally reachable', () => {
    for (const entry of ADDRESS_RANGES) {
      expect(entry.rfc).toMatch(/RFC \d+/);
      // An address inside the entry that no more specific entry holds (for NAT64 one
      // carrying a public IPv4 address).
      const [network] = entry.range.split('/');
      const probe = entry.range === '64:ff9b::/96' ? '64:ff9b::808:808' : network;
      expect(kindOf(probe) === undefined).toBe(entry.globallyReachable);
    }
  });

  it("refuses this machine's own addresses, also behind NAT64", () => {
    const own = ['93.184.215.14', '2606:4700::1'];
    expect(kindOf('93.184.215.14', own)).toBe('own');
    expect(kindOf('2606:4700:0::1', own)).toBe('own');
    expect(kindOf('64:ff9b::5db8:d70e', own)).toBe('own');
    expect(kindOf('93.184.215.15', own)).toBeUndefined();
    expect(describeRefusal({ kind: 'own' })).toBe("an address of this service's own machine");
    // By default, the interfaces of the machine it runs on.
    for (const address of interfaceAddresses()) expect(refusedAddress(address)).toBeDefined();
  });

  it("refuses a host resolving to this machine's own public address", async () => {
    await expect(checkWebhookUrl('https://me.example/', strict(answers('93.184.215.14'), ['93.184.215.14']))).rejects.toThrow(
      "The webhook host me.example resolves to 93.184.215.14, an address of this service's own machine; such addresses are not allowed",
    );
  });

  it('accepts only https, http too where private addresses are allowed, and no credentials', () => {
    expect(parseWebhookUrl('https://hooks.example.org/joinedup', false).hostname).toBe('hooks.example.org');
    expect(() => parseWebhookUrl('http://hooks.example.org/', false)).toThrow('must start with https://');
    expect(parseWebhookUrl('http://127.0.0.1:8080/', true).port).toBe('8080');
    expect(() => parseWebhookUrl('ftp://hooks.example.org/', true)).toThrow('https:// or http://');
    expect(() => parseWebhookUrl('https://user:pw@hooks.example.org/', false)).toThrow('user name or password');
    expect(() => parseWebhookUrl('not a url', false)).toThrow('not a valid URL');
  });

  it('refuses literal addresses in any spelling the URL parser accepts', async () => {
    for (const url of ['https://127.0.0.1/', 'https://2130706433/', 'https://0x7f.1/', 'https://[::1]/', 'https://[::ffff:127.0.0.1]/']) {
      await expect(checkWebhookUrl(url, strict())).rejects.toThrow('not allowed for webhooks');
    }
  });

  it('refuses a host when any address it resolves to is forbidden, naming it', async () => {
    await expect(checkWebhookUrl('https://localhost/', strict(answers('127.0.0.1', '::1')))).rejects.toThrow(
      'The webhook host localhost resolves to 127.0.0.1, a loopback address (127.0.0.0/8, RFC 1122, section 3.2.1.3); such addresses are not allowed',
    );
    await expect(checkWebhookUrl('https://mixed.example/', strict(answers('93.184.215.14', '10.0.0.7')))).rejects.toThrow(
      '10.0.0.7, a private address (10.0.0.0/8, RFC 1918)',
    );
    await expect(checkWebhookUrl('https://gone.example/', strict(async () => Promise.reject(new Error('ENOTFOUND'))))).rejects.toThrow(
      'could not be resolved',
    );
    const addresses = await resolveWebhookHost(new URL('https://public.example/'), strict(answers('93.184.215.14')));
    expect(addresses).toEqual([{ address: '93.184.215.14', family: 4 }]);
  });

  it('allows private addresses when the setting says so', async () => {
    await expect(checkWebhookUrl('http://localhost:3000/', { allowPrivate: true, resolve: answers('127.0.0.1') })).resolves.toBeInstanceOf(URL);
  });

  it('connects only to the checked addresses, whatever DNS says later', () => {
    const lookup = pinnedLookup([
      { address: '93.184.215.14', family: 4 },
      { address: '2606:4700::6810:84e5', family: 6 },
    ]);
    const calls: unknown[][] = [];
    lookup('public.example', { all: true }, (...args) => calls.push(args));
    lookup('public.example', { family: 6 }, (...args) => calls.push(args));
    expect(calls[0]).toEqual([null, [{ address: '93.184.215.14', family: 4 }, { address: '2606:4700::6810:84e5', family: 6 }]]);
    expect(calls[1]).toEqual([null, '2606:4700::6810:84e5', 6]);
  });
});
