import { Module } from '@nestjs/common';
import { JsonReadsModule } from '@joinedup/graphql-kit';
import { ProgrammesModule } from '@joinedup/programmes';
import { RegistryModule } from '@joinedup/registry';
import { GovernanceFlagsService } from './governance-flags.service';
import { GovernanceHealthService } from './governance-health.service';
import { GovernanceJsonRead } from './governance-json-read';
import { GovernanceRulesService } from './governance-rules.service';
import { GovernanceScansService } from './governance-scans.service';
import {
  GovernanceFlagResolver,
  GovernanceHealthResolver,
  GovernanceRuleResolver,
  GovernanceScanResolver,
  LocalityGovernanceResolver,
  ProgrammeGovernanceResolver,
} from './governance.resolvers';
import { GovernanceEngineModule } from './governance-engine.module';
import { ScanJobs } from './scan-jobs';
import { WebhookEndpointsResolver } from './webhooks/webhook-endpoints.resolver';
import { WebhookEndpointsService } from './webhooks/webhook-endpoints.service';
import { WebhookJsonRead } from './webhooks/webhook-json-read';

/** The governance engine in the API: flags, rules, scans and health scores over GraphQL. */
@Module({
  imports: [JsonReadsModule, GovernanceEngineModule, RegistryModule, ProgrammesModule],
  providers: [
    GovernanceFlagsService,
    GovernanceRulesService,
    GovernanceScansService,
    ScanJobs,
    GovernanceHealthService,
    GovernanceJsonRead,
    GovernanceFlagResolver,
    GovernanceRuleResolver,
    GovernanceScanResolver,
    GovernanceHealthResolver,
    LocalityGovernanceResolver,
    ProgrammeGovernanceResolver,
    WebhookEndpointsService,
    WebhookEndpointsResolver,
    WebhookJsonRead,
  ],
  exports: [GovernanceEngineModule],
})
export class GovernanceModule {}
