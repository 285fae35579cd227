import { Module } from '@nestjs/common';
import { GovernanceScanner } from './governance-scanner';
import { GovernanceEventSink } from './webhooks/governance-event-sink';

/** The governance engine: rules, scans, flags and health scores. */
@Module({
  providers: [GovernanceScanner, GovernanceEventSink],
  exports: [GovernanceScanner],
})
export class GovernanceModule {}
