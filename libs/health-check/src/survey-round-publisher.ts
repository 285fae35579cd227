import { Injectable } from '@nestjs/common';
import { TenantDb } from '@joinedup/database';
import { HealthCheckResultsService } from './health-check-results.service';

/**
 * Publishes final rounds' figures (HealthCheckResultsService.publish) in the worker: the
 * round a coordinator has just closed, once its answers are settled, and, after each settle
 * run, every round survey_rounds_to_publish() names (closed by date, or whose locality was
 * scanned only after the close). Idempotent and safe on any number of workers.
 */
@Injectable()
export class SurveyRoundPublisher {
  constructor(
    private readonly db: TenantDb,
    private readonly results: HealthCheckResultsService,
  ) {}

  /** Publishes one round in the current tenant transaction, if it is final. */
  publish(roundId: string): Promise<boolean> {
    return this.results.publish(roundId);
  }

  /** Publishes every round due, each in a transaction of its tenant; returns how many were written. */
  async publishDue(): Promise<number> {
    const due = await this.db.queryWithoutTenant<{ tenant_id: string; round_id: string }>(`select tenant_id, round_id from survey_rounds_to_publish()`, []);
    let written = 0;
    for (const { tenant_id: tenantId, round_id: roundId } of due) {
      if (await this.db.run({ tenantId }, () => this.results.publish(roundId))) written++;
    }
    return written;
  }
}
