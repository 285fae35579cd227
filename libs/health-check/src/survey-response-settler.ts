import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { TenantDb } from '@joinedup/database';
import { DOMAIN_EVENT, onEvent } from '@joinedup/events';
import { DomainEventSubscribers } from '@joinedup/jobs';
import { safeErrorMessage } from '@joinedup/logging';
import { SurveyRoundPublisher } from './survey-round-publisher';

/**
 * How often the worker settles pooled answers. Each run also rewrites what stays pooled,
 * so a pooled response shares its submission's transaction id for at most this long.
 */
export const SETTLE_EVERY_MS = 60_000;

/** The statement that settles: rounds that are closed or hold their minimum group size. */
export const SETTLE_SURVEY_RESPONSES = `select settle_survey_responses(false) as settled`;

/**
 * Moves pooled health-check answers into the results, in shuffled batches, in transactions
 * that share nothing with a link's use: every minute, and at once when a round is closed.
 * Then publishes the rounds that have become final (SurveyRoundPublisher). Runs on any
 * number of workers (the function locks the pool; a publication is written once).
 */
@Injectable()
export class SurveyResponseSettler implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('HealthCheckSettler');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly subscribers: DomainEventSubscribers,
    private readonly db: TenantDb,
    private readonly publisher: SurveyRoundPublisher,
  ) {}

  onModuleInit(): void {
    // The closed round's answers are settled in this transaction, so it is final here (once its locality has been scanned).
    onEvent(this.subscribers, DOMAIN_EVENT.healthCheckRoundClosed, async (event) => {
      await this.db.query(SETTLE_SURVEY_RESPONSES);
      await this.publisher.publish(event.payload.roundId);
    });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.db
        .queryWithoutTenant(SETTLE_SURVEY_RESPONSES, [])
        .then(() => this.publisher.publishDue())
        .catch((error: Error) => this.logger.warn(`Health-check answers not settled or published, next try in a minute: ${safeErrorMessage(error)}`))
        .finally(() => (this.running = undefined));
    }, SETTLE_EVERY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
