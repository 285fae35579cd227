import { Args, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { CurrentPrincipal, Principal, Role, Roles } from '@joinedup/access';
import { Connection, DescribedLoaders, IdArg } from '@joinedup/graphql-kit';
import { ProgrammeLoaders, ProgrammeType } from '@joinedup/programmes';
import { LocalityType, OrganisationType, RegistryLoaders } from '@joinedup/registry';
import { FlagEvidenceRecordType } from './flag-evidence';
import { FlagHistoryEntryType } from './flag-history';
import { GovernanceFlagsService } from './governance-flags.service';
import { GovernanceHealthService } from './governance-health.service';
import { GovernanceRulesService } from './governance-rules.service';
import { GovernanceScansService } from './governance-scans.service';
import {
  AcknowledgeFlagInput,
  DismissFlagInput,
  GovernanceFlagsArgs,
  GovernanceScansArgs,
  HealthAsOfArgs,
  HealthTrendArgs,
  UpdateGovernanceRuleInput,
} from './governance.inputs';
import {
  GovernanceFlagConnection,
  GovernanceFlagCountsType,
  GovernanceFlagType,
  GovernanceHealthType,
  GovernanceRuleType,
  GovernanceScanConnection,
  GovernanceScanType,
} from './governance.types';

/** Who reads flags, scans and health: everyone but member representatives (who act for one body). */
export const GOVERNANCE_READERS = [Role.TENANT_ADMIN, Role.COORDINATOR, Role.REVIEWER];
/** Who works the flags and asks for scans. */
export const FLAG_WORKERS = [Role.TENANT_ADMIN, Role.COORDINATOR];

@Resolver(() => GovernanceFlagType)
export class GovernanceFlagResolver {
  constructor(
    private readonly flags: GovernanceFlagsService,
    private readonly registry: RegistryLoaders,
    private readonly programmes: ProgrammeLoaders,
    private readonly described: DescribedLoaders,
  ) {}

  @Roles(...GOVERNANCE_READERS)
  @Query(() => GovernanceFlagConnection, {
    description: 'Flags, newest first, by locality, programme, organisation, barrier, severity and state (default OPEN and ACKNOWLEDGED).',
  })
  governanceFlags(@Args() args: GovernanceFlagsArgs): Promise<Connection<GovernanceFlagType>> {
    return this.flags.list(args);
  }

  @Roles(...GOVERNANCE_READERS)
  @Query(() => GovernanceFlagType)
  governanceFlag(@IdArg() id: string): Promise<GovernanceFlagType> {
    return this.flags.get(id);
  }

  @Roles(...FLAG_WORKERS)
  @Mutation(() => GovernanceFlagType, { description: 'OPEN → ACKNOWLEDGED: seen, being worked on. Audited.' })
  acknowledgeGovernanceFlag(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: AcknowledgeFlagInput,
  ): Promise<GovernanceFlagType> {
    return this.flags.acknowledge(principal, input);
  }

  @Roles(...FLAG_WORKERS)
  @Mutation(() => GovernanceFlagType, {
    description: 'Dismisses a flag with a reason: it stops counting against health until its evidence changes. Audited.',
  })
  dismissGovernanceFlag(@CurrentPrincipal() principal: Principal, @Args('input') input: DismissFlagInput): Promise<GovernanceFlagType> {
    return this.flags.dismiss(principal, input);
  }

  @ResolveField(() => LocalityType, { nullable: true })
  locality(@Parent() flag: GovernanceFlagType): Promise<LocalityType | null> {
    return flag.localityId ? this.registry.locality().load(flag.localityId) : Promise.resolve(null);
  }

  @ResolveField(() => ProgrammeType, { nullable: true })
  programme(@Parent() flag: GovernanceFlagType): Promise<ProgrammeType | null> {
    return flag.programmeId ? this.programmes.programme().load(flag.programmeId) : Promise.resolve(null);
  }

  @ResolveField(() => OrganisationType, { nullable: true })
  organisation(@Parent() flag: GovernanceFlagType): Promise<OrganisationType | null> {
    return flag.organisationId ? this.registry.organisation().load(flag.organisationId) : Promise.resolve(null);
  }

  @ResolveField(() => [FlagEvidenceRecordType], {
    name: 'evidenceRecords',
    description: 'The records its evidence names, typed, each readable by its own query (at most 50).',
  })
  evidenceRecordsOf(
    @CurrentPrincipal() principal: Principal,
    @Info() info: GraphQLResolveInfo,
    @Parent() flag: GovernanceFlagType,
  ): Promise<FlagEvidenceRecordType[]> {
    return this.described.many(info, principal, flag.id);
  }

  @ResolveField(() => [FlagHistoryEntryType], {
    name: 'history',
    description: 'What happened to it, oldest first: raised, acknowledged, dismissed (with the reason), reopened, resolved (the latest 100 acknowledgements, dismissals and reopenings).',
  })
  historyOf(@CurrentPrincipal() principal: Principal, @Info() info: GraphQLResolveInfo, @Parent() flag: GovernanceFlagType): Promise<FlagHistoryEntryType[]> {
    return this.described.many(info, principal, flag.id);
  }
}

@Resolver(() => GovernanceRuleType)
export class GovernanceRuleResolver {
  constructor(private readonly rules: GovernanceRulesService) {}

  @Roles(...GOVERNANCE_READERS)
  @Query(() => [GovernanceRuleType], { description: 'Every rule, with the settings this tenant runs it with.' })
  governanceRules(): Promise<GovernanceRuleType[]> {
    return this.rules.list();
  }

  @Roles(Role.TENANT_ADMIN)
  @Mutation(() => GovernanceRuleType, { description: "Changes a rule's settings for this tenant, from the next scan on. Audited." })
  updateGovernanceRule(@Args('input') input: UpdateGovernanceRuleInput): Promise<GovernanceRuleType> {
    return this.rules.update(input);
  }
}

@Resolver(() => GovernanceScanType)
export class GovernanceScanResolver {
  constructor(
    private readonly scans: GovernanceScansService,
    private readonly registry: RegistryLoaders,
  ) {}

  @Roles(...FLAG_WORKERS)
  @Mutation(() => GovernanceScanType, {
    description: 'Queues a scan of one locality, or of every locality when none is given; a worker runs it shortly.',
  })
  requestGovernanceScan(
    @CurrentPrincipal() principal: Principal,
    @IdArg('localityId', { nullable: true }) localityId: string | null,
  ): Promise<GovernanceScanType> {
    return this.scans.request(principal, localityId ?? null);
  }

  @Roles(...GOVERNANCE_READERS)
  @Query(() => GovernanceScanType)
  governanceScan(@IdArg() id: string): Promise<GovernanceScanType> {
    return this.scans.get(id);
  }

  @Roles(...GOVERNANCE_READERS)
  @Query(() => GovernanceScanConnection, { description: 'Scans, newest first, with their state and what they changed.' })
  governanceScans(@Args() args: GovernanceScansArgs): Promise<Connection<GovernanceScanType>> {
    return this.scans.list(args);
  }

  @ResolveField(() => LocalityType, { nullable: true, description: 'The locality scanned; null for a scan of every locality.' })
  locality(@Parent() scan: GovernanceScanType): Promise<LocalityType | null> {
    return scan.localityId ? this.registry.locality().load(scan.localityId) : Promise.resolve(null);
  }
}

@Resolver()
export class GovernanceHealthResolver {
  constructor(private readonly health: GovernanceHealthService) {}

  @Roles(...GOVERNANCE_READERS)
  @Query(() => [GovernanceHealthType], {
    description: 'Health snapshots of one programme or locality over a period (at most 1000, the latest), oldest first.',
  })
  healthTrend(@Args() args: HealthTrendArgs): Promise<GovernanceHealthType[]> {
    return this.health.trend(args);
  }
}

/** Whether the caller reads governance (member representatives read localities as a directory only). */
const readsGovernance = (principal: Principal): boolean => GOVERNANCE_READERS.includes(principal.role);

/**
 * A described governance field of a record (its description says what the caller reads),
 * executed by that description; member representatives (who read the record as a directory)
 * see null without a statement, as the description's `where false` would answer.
 */
function governanceOf<T>(
  described: DescribedLoaders,
  info: GraphQLResolveInfo,
  principal: Principal,
  id: string,
  args?: Readonly<Record<string, unknown>>,
): Promise<T | null> {
  return readsGovernance(principal) ? described.one<T>(info, principal, id, args) : Promise.resolve(null);
}

@Resolver(() => LocalityType)
export class LocalityGovernanceResolver {
  constructor(private readonly described: DescribedLoaders) {}

  @ResolveField(() => GovernanceHealthType, {
    nullable: true,
    description: 'Scores after the latest scan; null before the first, and for member representatives.',
  })
  governanceHealth(
    @CurrentPrincipal() principal: Principal,
    @Info() info: GraphQLResolveInfo,
    @Parent() locality: LocalityType,
  ): Promise<GovernanceHealthType | null> {
    return governanceOf(this.described, info, principal, locality.id);
  }

  @ResolveField(() => GovernanceHealthType, {
    nullable: true,
    description: 'Scores as they stood at the end of a day (the latest scan by then), e.g. to show the change over a month; null before the first, and for member representatives.',
  })
  governanceHealthAsOf(
    @CurrentPrincipal() principal: Principal,
    @Info() info: GraphQLResolveInfo,
    @Parent() locality: LocalityType,
    @Args() args: HealthAsOfArgs,
  ): Promise<GovernanceHealthType | null> {
    return governanceOf(this.described, info, principal, locality.id, { day: args.day });
  }

  @ResolveField(() => GovernanceFlagCountsType, {
    nullable: true,
    description: 'Its flags that count now (open and acknowledged, as governanceFlags lists them), by severity; null for member representatives.',
  })
  governanceFlagCounts(
    @CurrentPrincipal() principal: Principal,
    @Info() info: GraphQLResolveInfo,
    @Parent() locality: LocalityType,
  ): Promise<GovernanceFlagCountsType | null> {
    return governanceOf(this.described, info, principal, locality.id);
  }
}

@Resolver(() => ProgrammeType)
export class ProgrammeGovernanceResolver {
  constructor(private readonly described: DescribedLoaders) {}

  @ResolveField(() => GovernanceHealthType, {
    nullable: true,
    description: 'Scores after the latest scan while ACTIVE; null before the first, and for member representatives.',
  })
  governanceHealth(
    @CurrentPrincipal() principal: Principal,
    @Info() info: GraphQLResolveInfo,
    @Parent() programme: ProgrammeType,
  ): Promise<GovernanceHealthType | null> {
    return governanceOf(this.described, info, principal, programme.id);
  }
}
