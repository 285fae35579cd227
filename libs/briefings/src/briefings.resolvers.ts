import { Args, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { ANY_ROLE, CurrentPrincipal, Principal, Role, Roles } from '@joinedup/access';
import { Connection, DescribedLoaders, IdArg, listOf } from '@joinedup/graphql-kit';
import { ProgrammeLoaders, ProgrammeType } from '@joinedup/programmes';
import { MAX_ACTIVE_MEMBERS, OrganisationType, REGISTRY_MANAGERS, RegistryLoaders } from '@joinedup/registry';
import { BriefingLoaders } from './briefings.loaders';
import {
  AcknowledgeBriefingInput,
  BriefingAcknowledgementArgs,
  BriefingPeriodArgs,
  BriefingsArgs,
  IssueBriefingInput,
} from './briefings.inputs';
import { BriefingsService } from './briefings.service';
import {
  BriefingAcknowledgementCountsType,
  BriefingAcknowledgementRecordType,
  BriefingAcknowledgementType,
  BriefingConnection,
  BriefingRecipientType,
  BriefingType,
} from './briefings.types';

/** Who may try to issue a briefing: staff, and representatives (only that of the lead organisation succeeds). */
const BRIEFING_ISSUERS = [...REGISTRY_MANAGERS, Role.MEMBER_REPRESENTATIVE];

@Resolver(() => BriefingType)
export class BriefingResolver {
  constructor(
    private readonly service: BriefingsService,
    private readonly loaders: BriefingLoaders,
    private readonly described: DescribedLoaders,
    private readonly programmes: ProgrammeLoaders,
    private readonly registry: RegistryLoaders,
  ) {}

  @Roles(...ANY_ROLE)
  @Query(() => BriefingType, { description: 'A briefing; member representatives see those of programmes in their own localities.' })
  briefing(@CurrentPrincipal() principal: Principal, @IdArg() id: string): Promise<BriefingType> {
    return this.service.get(principal, id);
  }

  @Roles(...BRIEFING_ISSUERS)
  @Mutation(() => BriefingType, {
    description:
      'Issues a briefing on a programme to every organisation taking part now: by coordinators and administrators, ' +
      'or the representative of the organisation whose person is the agreed leader.',
  })
  issueBriefing(@CurrentPrincipal() principal: Principal, @Args('input') input: IssueBriefingInput): Promise<BriefingType> {
    return this.service.issue(principal, input);
  }

  @Roles(Role.MEMBER_REPRESENTATIVE)
  @Mutation(() => BriefingAcknowledgementType, {
    description:
      "A recipient organisation's representative acknowledges a briefing for it, saying how far it was cascaded; " +
      'a later acknowledgement replaces the earlier (both are kept).',
  })
  acknowledgeBriefing(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: AcknowledgeBriefingInput,
  ): Promise<BriefingAcknowledgementType> {
    return this.service.acknowledge(principal, input);
  }

  @ResolveField(() => ProgrammeType)
  programme(@Parent() briefing: BriefingType): Promise<ProgrammeType | null> {
    return this.programmes.programme().load(briefing.programmeId);
  }

  @ResolveField(() => OrganisationType, {
    nullable: true,
    description: 'The lead organisation whose representative issued it; empty when a coordinator or administrator did.',
  })
  async issuedByOrganisation(@Parent() briefing: BriefingType): Promise<OrganisationType | null> {
    return briefing.issuedByOrganisationId ? this.registry.organisation().load(briefing.issuedByOrganisationId) : null;
  }

  @ResolveField(() => BriefingAcknowledgementCountsType, { description: 'Recipients, how many acknowledged, and how far it went.' })
  acknowledgementCounts(@Parent() briefing: BriefingType): Promise<BriefingAcknowledgementCountsType> {
    return this.loaders.counts().load(briefing.id);
  }

  @ResolveField(() => [BriefingRecipientType], {
    description: 'The organisations it was sent to (those taking part when it was issued), by name, with their acknowledgement now.',
    complexity: listOf(MAX_ACTIVE_MEMBERS),
  })
  recipients(
    @CurrentPrincipal() principal: Principal,
    @Parent() briefing: BriefingType,
    @Info() info: GraphQLResolveInfo,
  ): Promise<BriefingRecipientType[]> {
    return this.described.many(info, principal, briefing.id);
  }

  @ResolveField(() => [BriefingAcknowledgementType], { description: 'Every acknowledgement, oldest first, replaced ones included.' })
  acknowledgements(
    @CurrentPrincipal() principal: Principal,
    @Parent() briefing: BriefingType,
    @Info() info: GraphQLResolveInfo,
  ): Promise<BriefingAcknowledgementType[]> {
    return this.described.many(info, principal, briefing.id);
  }
}

@Resolver(() => BriefingRecipientType)
export class BriefingRecipientResolver {
  constructor(
    private readonly loaders: BriefingLoaders,
    private readonly registry: RegistryLoaders,
  ) {}

  @ResolveField(() => OrganisationType)
  organisation(@Parent() recipient: BriefingRecipientType): Promise<OrganisationType | null> {
    return this.registry.organisation().load(recipient.organisationId);
  }

  @ResolveField(() => [BriefingAcknowledgementType], { description: "The organisation's acknowledgements of it, oldest first; the last counts." })
  async history(@Parent() recipient: BriefingRecipientType): Promise<BriefingAcknowledgementType[]> {
    const all = await this.loaders.acknowledgements().load(recipient.briefingId);
    return all.filter((a) => a.organisationId === recipient.organisationId);
  }
}

@Resolver(() => BriefingAcknowledgementType)
export class BriefingAcknowledgementResolver {
  constructor(
    private readonly described: DescribedLoaders,
    private readonly registry: RegistryLoaders,
  ) {}

  @ResolveField(() => BriefingType)
  briefing(@Parent() acknowledgement: BriefingAcknowledgementType): Promise<BriefingType | null> {
    return this.described.byId<BriefingType>('Briefing').load(acknowledgement.briefingId);
  }

  @ResolveField(() => OrganisationType, { description: 'The organisation it was acknowledged for.' })
  organisation(@Parent() acknowledgement: BriefingAcknowledgementType): Promise<OrganisationType | null> {
    return this.registry.organisation().load(acknowledgement.organisationId);
  }
}

@Resolver(() => BriefingAcknowledgementRecordType)
export class BriefingAcknowledgementRecordResolver {
  constructor(
    private readonly service: BriefingsService,
    private readonly loaders: BriefingLoaders,
    private readonly registry: RegistryLoaders,
  ) {}

  @Roles(...ANY_ROLE)
  @Query(() => BriefingAcknowledgementRecordType, {
    description:
      "An organisation's acknowledgement rate over the briefings sent to it that were issued from `from` to `to` " +
      '(member representatives: briefings of programmes in their own localities).',
  })
  async briefingAcknowledgement(
    @CurrentPrincipal() principal: Principal,
    @Args() args: BriefingAcknowledgementArgs,
  ): Promise<BriefingAcknowledgementRecordType> {
    const period = this.service.period(args);
    const organisationId = await this.service.organisationId(args.organisationId);
    return this.loaders.record(principal, period).load(organisationId);
  }

  @ResolveField(() => OrganisationType)
  organisation(@Parent() record: BriefingAcknowledgementRecordType): Promise<OrganisationType | null> {
    return this.registry.organisation().load(record.organisationId);
  }

  @ResolveField(() => BriefingConnection, { description: 'The briefings of the period it has not acknowledged, newest first.' })
  unacknowledged(
    @CurrentPrincipal() principal: Principal,
    @Parent() record: BriefingAcknowledgementRecordType,
    @Args() args: BriefingsArgs,
  ): Promise<Connection<BriefingType>> {
    return this.loaders.briefingsOf(principal, 'UNACKNOWLEDGED', args, { from: record.from, to: record.to }).load(record.organisationId);
  }
}

/** Adds `briefings` to the programmes library's Programme type, without it knowing about briefings. */
@Resolver(() => ProgrammeType)
export class ProgrammeBriefingsResolver {
  constructor(private readonly loaders: BriefingLoaders) {}

  @ResolveField(() => BriefingConnection, { description: 'Its briefings, newest first (by issue date, then when recorded).' })
  briefings(
    @CurrentPrincipal() principal: Principal,
    @Parent() programme: ProgrammeType,
    @Args() args: BriefingsArgs,
  ): Promise<Connection<BriefingType>> {
    return this.loaders.briefingsOf(principal, 'PROGRAMME', args).load(programme.id);
  }
}

/** Adds the acknowledgement record to the registry's Organisation type. */
@Resolver(() => OrganisationType)
export class OrganisationBriefingsResolver {
  constructor(
    private readonly service: BriefingsService,
    private readonly loaders: BriefingLoaders,
  ) {}

  @ResolveField(() => BriefingAcknowledgementRecordType, {
    description:
      'Its acknowledgement rate over the briefings sent to it that were issued from `from` to `to` ' +
      '(member representatives: briefings of programmes in their own localities).',
  })
  briefingAcknowledgement(
    @CurrentPrincipal() principal: Principal,
    @Parent() organisation: OrganisationType,
    @Args() args: BriefingPeriodArgs,
  ): Promise<BriefingAcknowledgementRecordType> {
    return this.loaders.record(principal, this.service.period(args)).load(organisation.id);
  }
}
