import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, AppConfig } from '@joinedup/config';
import { TenantDb } from '@joinedup/database';
import { MailNotSent } from './mailer';

/** Past this wait a message's job gives up its turn and is tried again later by the queue (its backoff). */
const LONGEST_WAIT_MS = 10 * 60_000;

/**
 * At most MAIL_TENANT_PER_MINUTE messages per tenant per calendar minute, counted in
 * PostgreSQL (mail_tenant_rate_take) so every worker shares the count whichever store the
 * queues live on. A message over the limit waits for a later minute: delayed, not dropped.
 */
@Injectable()
export class TenantMailRate {
  constructor(
    private readonly db: TenantDb,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Resolves once this tenant may send one more message now. */
  async take(tenantId: string): Promise<void> {
    const giveUpAt = Date.now() + LONGEST_WAIT_MS;
    for (;;) {
      const [{ taken }] = await this.db.run({ tenantId }, () =>
        this.db.query<{ taken: boolean }>(`select mail_tenant_rate_take($1, $2) as taken`, [tenantId, this.config.mail.tenantPerMinute]),
      );
      if (taken) return;
      const nextMinute = (Math.floor(Date.now() / 60_000) + 1) * 60_000;
      if (nextMinute > giveUpAt) throw new MailNotSent("This tenant's messages per minute are used up for a long while: to be tried again later", false);
      // A little after the minute turns, spread so waiting workers do not all ask at once.
      await sleep(nextMinute - Date.now() + 50 + Math.floor(Math.random() * 200));
    }
  }
}
