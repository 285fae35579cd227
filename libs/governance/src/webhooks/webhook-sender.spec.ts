import { createServer as createHttpServer } from 'node:http';
import { AddressInfo, Server, Socket, createServer } from 'node:net';
import { WebhookOutcome, couldNotDeliver, postWebhook } from './webhook-sender';

const TIMEOUT_MS = 300;

/** A local TCP server doing `onSocket` with each connection; its port. */
async function listening(onSocket: (socket: Socket) => void): Promise<{ server: Server; port: number }> {
  const server = createServer(onSocket);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

async function post(port: number, protocol = 'http:'): Promise<{ outcome: WebhookOutcome; ms: number }> {
  const started = Date.now();
  const outcome = await postWebhook({
    url: new URL(`${protocol}//127.0.0.1:${port}/hook`),
    addresses: [{ address: '127.0.0.1', family: 4 }],
    body: '{}',
    headers: { 'content-type': 'application/json' },
    timeoutMs: TIMEOUT_MS,
  });
  return { outcome, ms: Date.now() - started };
}

describe('postWebhook', () => {
  const servers: { close(): unknown }[] = [];
  const sockets: Socket[] = [];
  afterAll(() => {
    sockets.forEach((socket) => socket.destroy());
    servers.forEach((server) => server.close());
  });

  it('tells a closed port, an open port that is not HTTP and a silent one apart neither by text nor by time', async () => {
    const closed = await listening(() => undefined);
    await new Promise((resolve) => closed.server.close(resolve));
    const banner = await listening((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n'));
    const reset = await listening((socket) => socket.resetAndDestroy());
    const silent = await listening((socket) => void sockets.push(socket));
    servers.push(banner.server, reset.server, silent.server);

    const results = [
      await post(closed.port),
      await post(banner.port),
      await post(reset.port),
      await post(silent.port),
      // https to a port that speaks no TLS.
      await post(banner.port, 'https:'),
    ];
    for (const { outcome, ms } of results) {
      expect(outcome).toEqual({ ok: false, statusCode: null, error: couldNotDeliver(TIMEOUT_MS) });
      expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    }
    expect(couldNotDeliver(TIMEOUT_MS)).toBe(`Could not deliver: the receiver gave no HTTP answer within ${TIMEOUT_MS} ms.`);
  });

  it('reports the status of a real HTTP answer', async () => {
    const server = createHttpServer((request, response) => {
      request.resume();
      response.writeHead(request.url === '/hook' ? 503 : 200).end();
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { outcome, ms } = await post((server.address() as AddressInfo).port);
    expect(outcome).toEqual({ ok: false, statusCode: 503, error: 'The receiver answered 503.' });
    expect(ms).toBeLessThan(TIMEOUT_MS);
  });
});
