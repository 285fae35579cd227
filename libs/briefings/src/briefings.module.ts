import { Module } from '@nestjs/common';
import { JsonReadsModule } from '@joinedup/graphql-kit';
import { ProgrammesModule } from '@joinedup/programmes';
import { RegistryModule } from '@joinedup/registry';
import { BriefingJsonRead } from './briefing-json-read';
import { BriefingLoaders } from './briefings.loaders';
import {
  BriefingAcknowledgementRecordResolver,
  BriefingAcknowledgementResolver,
  BriefingRecipientResolver,
  BriefingResolver,
  OrganisationBriefingsResolver,
  ProgrammeBriefingsResolver,
} from './briefings.resolvers';
import { BriefingsService } from './briefings.service';

@Module({
  imports: [JsonReadsModule, RegistryModule, ProgrammesModule],
  providers: [
    BriefingsService,
    BriefingLoaders,
    BriefingResolver,
    BriefingRecipientResolver,
    BriefingAcknowledgementResolver,
    BriefingAcknowledgementRecordResolver,
    ProgrammeBriefingsResolver,
    OrganisationBriefingsResolver,
    BriefingJsonRead,
  ],
  exports: [BriefingsService, BriefingLoaders],
})
export class BriefingsModule {}
