import { Module } from '@nestjs/common';
import { ProgrammesModule } from '@joinedup/programmes';
import { RegistryModule } from '@joinedup/registry';
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
  imports: [RegistryModule, ProgrammesModule],
  providers: [
    BriefingsService,
    BriefingLoaders,
    BriefingResolver,
    BriefingRecipientResolver,
    BriefingAcknowledgementResolver,
    BriefingAcknowledgementRecordResolver,
    ProgrammeBriefingsResolver,
    OrganisationBriefingsResolver,
  ],
  exports: [BriefingsService, BriefingLoaders],
})
export class BriefingsModule {}
