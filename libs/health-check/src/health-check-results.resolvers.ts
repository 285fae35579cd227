import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Action, Role, Roles } from '@joinedup/access';
import { IdArg, listOf } from '@joinedup/graphql-kit';
import { ProgrammeLoaders, ProgrammeType } from '@joinedup/programmes';
import { LocalityType, OrganisationType, RegistryLoaders } from '@joinedup/registry';
import { HealthCheckTrendArgs } from './health-check-results.inputs';
import { HealthCheckResultsService } from './health-check-results.service';
import {
  HealthCheckGroupResultType,
  HealthCheckGroupType,
  HealthCheckPerceptionGapType,
  HealthCheckResultsType,
  HealthCheckRoundSummaryType,
  HealthCheckTrendPointType,
} from './health-check-results.types';

/** Who reads results: not member representatives, who act for one body and may read nothing of responses. */
export const RESULT_READERS = [Role.TENANT_ADMIN, Role.COORDINATOR, Role.REVIEWER];

/** Sectors there are (registry's Sector), and member bodies a locality has at most. */
const MAX_SECTORS = 11;
const MAX_ORGANISATIONS = 40;
const BARRIERS = 7;

@Resolver(() => HealthCheckResultsType)
export class HealthCheckResultsResolver {
  constructor(private readonly results: HealthCheckResultsService) {}

  @Roles(...RESULT_READERS)
  @Query(() => HealthCheckResultsType, {
    description:
      "A round's results: per statement the share reporting the weakness, its 95 % interval and the 2007 baseline. " +
      'Published at the close and from minGroupSize responses up; until then counts only (suppressed).',
  })
  healthCheckResults(@IdArg('roundId') roundId: string): Promise<HealthCheckResultsType> {
    return this.results.results(roundId);
  }

  @Roles(...RESULT_READERS)
  @Query(() => HealthCheckResultsType, {
    nullable: true,
    description:
      'The results of the latest round that has opened, as healthCheckResults gives them: of a locality (its rounds of the ' +
      'whole locality, not of one programme) or of a programme (its own rounds); give exactly one of localityId and ' +
      'programmeId. Null before its first.',
  })
  latestHealthCheckResults(
    @IdArg('localityId', { nullable: true }) localityId: string | null,
    @IdArg('programmeId', { nullable: true }) programmeId: string | null,
  ): Promise<HealthCheckResultsType | null> {
    return this.results.latestResults({ localityId, programmeId });
  }

  @Roles(...RESULT_READERS)
  @Query(() => [HealthCheckTrendPointType], {
    description:
      "A locality's rounds that have opened (the latest `first`, at most 20), oldest first: each statement's share per " +
      'round, for the rounds whose figures are published (as in healthCheckResults).',
  })
  healthCheckTrend(@Args() args: HealthCheckTrendArgs): Promise<HealthCheckTrendPointType[]> {
    return this.results.trend(args.localityId.toLowerCase(), args.first);
  }

  @Action('download health-check answers as CSV')
  @Roles(...RESULT_READERS)
  @Query(() => String, {
    description:
      'The anonymised answers as RFC 4180 CSV: one row per response with its group of bySector (OTHER for the sectors ' +
      "merged there), each statement's answer and comment; no ids, organisations or dates; rows sorted by sector and " +
      'answers. The header only until the figures are published.',
  })
  healthCheckCsv(@IdArg('roundId') roundId: string): Promise<string> {
    return this.results.csv(roundId);
  }

  @ResolveField(() => [HealthCheckGroupResultType], {
    description: 'By sector, largest first, "other" last.',
    complexity: listOf(MAX_SECTORS),
  })
  bySector(@Parent() results: HealthCheckResultsType): Promise<HealthCheckGroupResultType[]> {
    return this.results.byGroup(results, 'SECTOR');
  }

  @ResolveField(() => [HealthCheckGroupResultType], {
    description: 'By organisation, largest first, "other" last.',
    complexity: listOf(MAX_ORGANISATIONS),
  })
  byOrganisation(@Parent() results: HealthCheckResultsType): Promise<HealthCheckGroupResultType[]> {
    return this.results.byGroup(results, 'ORGANISATION');
  }

  @ResolveField(() => [HealthCheckPerceptionGapType], {
    description: 'Per barrier: what people say beside what the records show, at the close of the round.',
    complexity: listOf(BARRIERS),
  })
  perceptionGap(@Parent() results: HealthCheckResultsType): Promise<HealthCheckPerceptionGapType[]> {
    return this.results.perceptionGap(results);
  }
}

@Resolver(() => HealthCheckRoundSummaryType)
export class HealthCheckRoundSummaryResolver {
  constructor(
    private readonly registry: RegistryLoaders,
    private readonly programmes: ProgrammeLoaders,
  ) {}

  @ResolveField(() => LocalityType)
  locality(@Parent() round: HealthCheckRoundSummaryType): Promise<LocalityType | null> {
    return this.registry.locality().load(round.localityId);
  }

  @ResolveField(() => ProgrammeType, { nullable: true, description: 'The programme, for a round of one programme.' })
  programme(@Parent() round: HealthCheckRoundSummaryType): Promise<ProgrammeType | null> {
    return round.programmeId ? this.programmes.programme().load(round.programmeId) : Promise.resolve(null);
  }
}

@Resolver(() => HealthCheckGroupType)
export class HealthCheckGroupResolver {
  constructor(private readonly registry: RegistryLoaders) {}

  @ResolveField(() => OrganisationType, { nullable: true })
  organisation(@Parent() group: HealthCheckGroupType): Promise<OrganisationType | null> {
    return group.organisationId ? this.registry.organisation().load(group.organisationId) : Promise.resolve(null);
  }
}
