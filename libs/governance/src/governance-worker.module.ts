import { Module } from '@nestjs/common';
import { GovernanceModule } from './governance.module';

/** What the worker runs for the governance engine: scans and webhook deliveries. */
@Module({
  imports: [GovernanceModule],
  providers: [],
})
export class GovernanceWorkerModule {}
