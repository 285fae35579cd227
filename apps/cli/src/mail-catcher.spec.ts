import { once } from 'node:events';
import { Server, createServer } from 'node:net';
import { startMailCatcher } from './mail-catcher';

describe('the local mail catcher', () => {
  it('takes other ports when 1025 and 1080 are in use', async () => {
    const taken: Server[] = [];
    for (const port of [1025, 1080]) {
      const server = createServer();
      server.on('error', () => undefined); // already in use by someone else: taken all the same
      server.listen(port, '127.0.0.1');
      await Promise.race([once(server, 'listening'), new Promise((resolve) => server.once('error', resolve))]);
      taken.push(server);
    }
    try {
      const catcher = await startMailCatcher();
      try {
        expect(catcher.smtpUrl).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
        expect(catcher.smtpUrl).not.toMatch(/:1025$/);
        expect(catcher.inboxUrl).not.toMatch(/:1080\/$/);
      } finally {
        await catcher.close();
      }
    } finally {
      for (const server of taken) server.close();
    }
  });
});
