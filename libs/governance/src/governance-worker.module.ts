import { Module } from '@nestjs/common';
import { GovernanceScanWorker } from './governance-scan.worker';
import { GovernanceEngineModule } from './governance-engine.module';
import { ScanJobs } from './scan-jobs';
import { WebhookWorker } from './webhooks/webhook-worker';

/** What the worker runs for the governance engine: scans and webhook deliveries. */
@Module({
  imports: [GovernanceEngineModule],
  providers: [GovernanceScanWorker, WebhookWorker, ScanJobs],
})
export class GovernanceWorkerModule {}
