import { once } from 'node:events';
import { createServer } from 'node:net';

/** The parts of MailDev 2 (CommonJS, no types) that are used here. */
interface MailDevServer {
  listen(): Promise<void>;
  close(callback: (error?: Error) => void): void;
}
type MailDevFactory = (options: Record<string, unknown>) => MailDevServer;

export interface MailCatcher {
  /** Where JoinedUp sends (SMTP_URL for the api and the worker). */
  smtpUrl: string;
  /** The web inbox that shows every message. */
  inboxUrl: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

/** `preferred` when nothing listens there, else a free port. */
async function portNear(preferred: number): Promise<number> {
  for (const candidate of [preferred, 0]) {
    const server = createServer();
    // Not events.once(server, 'listening'): it rejects on 'error', and a port in use must mean "try another".
    const listening = new Promise<boolean>((resolve) => {
      server.once('listening', () => resolve(true));
      server.once('error', () => resolve(false));
    });
    server.listen(candidate, HOST);
    if (await listening) {
      const { port } = server.address() as { port: number };
      server.close();
      await once(server, 'close');
      return port;
    }
  }
  throw new Error('No free port for the mail catcher');
}

/**
 * A local mail catcher for `npm start` without SMTP_URL: MailDev, in this process, a real
 * SMTP server (127.0.0.1, port 1025 or a free one) with a web inbox (port 1080 or a free
 * one), so a newcomer sees every message JoinedUp sends. Nothing leaves the machine.
 */
export async function startMailCatcher(): Promise<MailCatcher> {
  const smtp = await portNear(1025);
  const web = await portNear(1080);
  // MailDev stops the whole process on SIGINT and SIGTERM: its handlers are taken out
  // again, so `npm start` still stops its services and its PostgreSQL first.
  const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  const MailDev = require('maildev') as MailDevFactory;
  const server = MailDev({ smtp, web, ip: HOST, webIp: HOST, silent: true });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) if (!before[signal].includes(listener)) process.off(signal, listener);
  }
  await server.listen();
  return {
    smtpUrl: `smtp://${HOST}:${smtp}`,
    inboxUrl: `http://${HOST}:${web}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
