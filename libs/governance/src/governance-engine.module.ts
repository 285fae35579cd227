import { Module } from '@nestjs/common';
import { GovernanceScanner } from './governance-scanner';
import { GovernanceEventSink } from './webhooks/governance-event-sink';

/** The engine itself: scans and what they announce. Shared by the API (tests, demo) and the worker. */
@Module({
  providers: [GovernanceScanner, GovernanceEventSink],
  exports: [GovernanceScanner, GovernanceEventSink],
})
export class GovernanceEngineModule {}
