import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerAddress, SMTPServerDataStream } from 'smtp-server';
import { freePort } from './free-port';

/** A message the catcher accepted, parsed, with the raw source to search for traces. */
export interface CaughtMail {
  to: string;
  parsed: ParsedMail;
  raw: string;
}

/**
 * A real SMTP server on 127.0.0.1 for tests: it accepts every message (parsed with
 * mailparser), and can be stopped and started again on the same port (an outage), refuse
 * a recipient once with a 4xx (a mailbox that says "try later"), or hold messages before
 * accepting them (a worker killed mid-batch).
 */
export class SmtpCatcher {
  readonly messages: CaughtMail[] = [];
  private server?: SMTPServer;
  private readonly refuseOnce = new Set<string>();
  /** From this many accepted messages on, a message's DATA is read but not answered until released. */
  private holdFrom?: number;
  private holding?: { release: Promise<boolean>; open: (accept: boolean) => void };
  /** Messages read and waiting for the hold to end. */
  held = 0;

  private constructor(readonly port: number) {}

  static async start(): Promise<SmtpCatcher> {
    const catcher = new SmtpCatcher(await freePort());
    await catcher.resume();
    return catcher;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The messages to one address. */
  to(address: string): CaughtMail[] {
    return this.messages.filter((m) => m.to === address);
  }

  /** The next message to `address` is refused at RCPT TO with 451 (try again later). */
  refuseNextTo(address: string): void {
    this.refuseOnce.add(address.toLowerCase());
  }

  /** Holds every message once `accepted` messages have been accepted. */
  holdAfter(accepted: number): void {
    let open!: (accept: boolean) => void;
    const release = new Promise<boolean>((resolve) => (open = resolve));
    this.holding = { release, open };
    this.holdFrom = accepted;
  }

  /** Ends the hold: the held messages are accepted, or refused with 421 (their sender is gone). */
  release(accept: boolean): void {
    this.holding?.open(accept);
    this.holding = undefined;
    this.holdFrom = undefined;
  }

  async resume(): Promise<void> {
    const server = new SMTPServer({
      secure: false,
      hideSTARTTLS: true,
      authOptional: true,
      disabledCommands: ['AUTH'],
      logger: false,
      closeTimeout: 500,
      onRcptTo: (address: SMTPServerAddress, _session, callback) => {
        if (!this.refuseOnce.delete(address.address.toLowerCase())) return callback();
        const error = new Error('Mailbox busy, try again later') as Error & { responseCode: number };
        error.responseCode = 451;
        callback(error);
      },
      onData: (stream: SMTPServerDataStream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', async () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const hold = this.holding;
          if (hold && this.messages.length >= this.holdFrom!) {
            this.held++;
            if (!(await hold.release)) {
              const error = new Error('Shutting down') as Error & { responseCode: number };
              error.responseCode = 421;
              return callback(error);
            }
          }
          const parsed = await simpleParser(raw);
          for (const rcpt of session.envelope.rcptTo) this.messages.push({ to: rcpt.address, parsed, raw });
          callback();
        });
      },
    });
    server.on('error', () => undefined);
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', () => resolve()));
    this.server = server;
  }

  /** Stops listening and drops open connections: the SMTP server is down. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Pooled client connections would keep it open: end them.
    for (const connection of (server as unknown as { connections: Set<{ close(): void }> }).connections ?? []) connection.close();
    await closed;
  }
}
