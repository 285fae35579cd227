import { Module } from '@nestjs/common';
import { MailModule, UnsubscribeTokensModule } from '@joinedup/mail';
import { WeeklyDigestMailing, WeeklyDigestScheduler } from './digest';
import { GovernanceScanWorker } from './governance-scan.worker';
import { GovernanceEngineModule } from './governance-engine.module';
import { ScanJobs } from './scan-jobs';
import { WebhookWorker } from './webhooks/webhook-worker';

/** What the worker runs for the governance engine: scans, webhook deliveries and the weekly digest. */
@Module({
  imports: [GovernanceEngineModule, MailModule, UnsubscribeTokensModule],
  providers: [GovernanceScanWorker, WebhookWorker, ScanJobs, WeeklyDigestMailing, WeeklyDigestScheduler],
})
export class GovernanceWorkerModule {}
