import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig, mailAddressOf } from '@joinedup/config';
import { MailContent, renderMail } from './mail-content';
import { TenantMailRate } from './tenant-mail-rate';
import { listUnsubscribeHeaders } from './unsubscribe-token';

/** One message to one person. */
export interface OutgoingMail {
  to: { address: string; name?: string };
  content: MailContent;
  /**
   * What makes this message unique and the same on every try (e.g. `invitation.<id>`):
   * the Message-ID is built from it, so a receiver can tell a retry from a new message.
   */
  messageKey: string;
  /** Whose message it is: messages count against their tenant's rate (MAIL_TENANT_PER_MINUTE). */
  tenantId: string;
  /** The one-click unsubscribe URL of this message (RFC 8058 headers), when it can be stopped. */
  unsubscribeUrl?: string;
}

/** An SMTP failure as it may be logged and stored: codes and the server's words, never the message. */
export class MailNotSent extends Error {
  constructor(
    message: string,
    /** The server refused this recipient for good (5xx): another try would be refused too. */
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'MailNotSent';
  }
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

/** Why an SMTP call failed, in one bounded line without the message or credentials. */
export function mailFailure(error: unknown): MailNotSent {
  if (error instanceof MailNotSent) return error;
  const smtp = error as SmtpError;
  const parts = [smtp.code, smtp.responseCode, (smtp.response ?? smtp.message ?? String(error)).replace(/\s+/g, ' ')].filter(Boolean);
  const permanent = smtp.code === 'EENVELOPE' && (smtp.responseCode ?? 0) >= 500;
  return new MailNotSent(parts.join(' ').slice(0, 300), permanent);
}

/**
 * Sends mail through the configured SMTP server (SMTP_URL), over a small pool of
 * connections. Without SMTP_URL sending is off and `enabled` is false. Nothing here logs
 * or keeps a message: a message may carry a secret (a health-check link).
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private transport?: Transporter;
  private readonly domain: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rate: TenantMailRate,
  ) {
    this.domain = mailAddressOf(config.mail.from)?.split('@')[1] ?? 'joinedup.localhost';
  }

  get enabled(): boolean {
    return this.config.mail.smtpUrl !== null;
  }

  /** Answers when the SMTP server takes connections (and the sign-in, if any); throws MailNotSent otherwise. */
  async verify(): Promise<void> {
    try {
      await this.transporter().verify();
    } catch (error) {
      throw mailFailure(error);
    }
  }

  /** Resolves once the SMTP server has accepted the message; throws MailNotSent otherwise. */
  async send(mail: OutgoingMail): Promise<void> {
    const { subject, text, html } = renderMail(mail.content);
    await this.rate.take(mail.tenantId);
    try {
      await this.transporter().sendMail({
        from: this.config.mail.from,
        to: mail.to.name ? { name: mail.to.name, address: mail.to.address } : mail.to.address,
        subject,
        text,
        html,
        messageId: this.messageId(mail.messageKey),
        // Sent by a machine: out-of-office replies should not answer it (RFC 3834).
        headers: { 'Auto-Submitted': 'auto-generated', ...(mail.unsubscribeUrl ? listUnsubscribeHeaders(mail.unsubscribeUrl) : {}) },
        disableFileAccess: true,
        disableUrlAccess: true,
      });
    } catch (error) {
      throw mailFailure(error);
    }
  }

  /** `<key@domain of MAIL_FROM>`: the same for every try of one message. */
  messageId(messageKey: string): string {
    return `<${messageKey.replace(/[^A-Za-z0-9.\-_]/g, '-')}@${this.domain}>`;
  }

  onApplicationShutdown(): void {
    this.transport?.close();
    this.transport = undefined;
  }

  private transporter(): Transporter {
    const smtpUrl = this.config.mail.smtpUrl;
    if (!smtpUrl) throw new MailNotSent('Sending mail is switched off (no SMTP_URL).', false);
    if (!this.transport) {
      const url = new URL(smtpUrl);
      const secure = url.protocol === 'smtps:';
      this.transport = createTransport({
        host: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port ? Number(url.port) : secure ? 465 : 587,
        secure,
        auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
        pool: true,
        maxConnections: 2,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
        logger: false,
        debug: false,
      });
    }
    return this.transport;
  }
}
