import { LookupAddress } from 'node:dns';
import { checkWebhookUrl, forbiddenAddressKind, parseWebhookUrl, pinnedLookup, resolveWebhookHost } from './webhook-address';

const answers =
  (...addresses: string[]) =>
  async (): Promise<LookupAddress[]> =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

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
    ['::', 'unspecified'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.254', 'carrier-grade NAT'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'cloud metadata'],
    ['::ffff:10.1.2.3', 'private'],
    ['64:ff9b::a00:1', 'private'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
  ])('refuses %s (%s)', (address, kind) => {
    expect(forbiddenAddressKind(address)).toBe(kind);
  });

  it.each(['93.184.215.14', '172.32.0.1', '100.128.0.1', '2606:4700::6810:84e5', '::ffff:93.184.215.14', '64:ff9b::5db8:d70e'])(
    'allows the public address %s',
    (address) => {
      expect(forbiddenAddressKind(address)).toBeUndefined();
    },
  );

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
      await expect(checkWebhookUrl(url, false, answers())).rejects.toThrow('not allowed for webhooks');
    }
  });

  it('refuses a host when any address it resolves to is forbidden, naming it', async () => {
    await expect(checkWebhookUrl('https://localhost/', false, answers('127.0.0.1', '::1'))).rejects.toThrow(
      'The webhook host localhost resolves to 127.0.0.1, a loopback address; such addresses are not allowed',
    );
    await expect(checkWebhookUrl('https://mixed.example/', false, answers('93.184.215.14', '10.0.0.7'))).rejects.toThrow('10.0.0.7, a private address');
    await expect(checkWebhookUrl('https://gone.example/', false, async () => Promise.reject(new Error('ENOTFOUND')))).rejects.toThrow(
      'could not be resolved',
    );
    const addresses = await resolveWebhookHost(new URL('https://public.example/'), false, answers('93.184.215.14'));
    expect(addresses).toEqual([{ address: '93.184.215.14', family: 4 }]);
  });

  it('allows private addresses when the setting says so', async () => {
    await expect(checkWebhookUrl('http://localhost:3000/', true, answers('127.0.0.1'))).resolves.toBeInstanceOf(URL);
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
