import { Args, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLObjectType, GraphQLResolveInfo } from 'graphql';
import { Action, ANY_ROLE, CurrentPrincipal, Principal, Role, Roles } from '@joinedup/access';
import { Connection, DescribedLoaders, IdArg, listOf } from '@joinedup/graphql-kit';
import {
  LocalityType,
  MAX_ACTIVE_MEMBERS,
  OrganisationType,
  PersonType,
  REGISTRY_MANAGERS,
  RegistryLoaders,
} from '@joinedup/registry';
import { EndorsementPosition, isAgreed, supportNeeded, tally } from './agreement';
import { LeaderReconfirmationService } from './leader-reconfirmation.service';
import { LeadershipService } from './leadership.service';
import { ProgrammeLoaders } from './programme.loaders';
import {
  CreateProgrammeInput,
  EndorseNominationInput,
  NominateLeaderInput,
  NominationsToEndorseArgs,
  OpenLeaderReconfirmationInput,
  ProgrammeParticipantInput,
  ProgrammesArgs,
  StepDownLeaderInput,
  UpdateProgrammeInput,
} from './programme.inputs';
import {
  EndorsementType,
  LeaderReconfirmationType,
  NominationType,
  NominationsToEndorseType,
  ProgrammeConnection,
  ProgrammeLeaderType,
  ProgrammeType,
  TallyType,
} from './programme.types';
import { ProgrammesService } from './programmes.service';

/** `info` as if `type.field` were being resolved: a field computed from another field's described relation reads it through DescribedLoaders too. */
function asField(info: GraphQLResolveInfo, type: string, field: string): GraphQLResolveInfo {
  const parentType = info.schema.getType(type) as GraphQLObjectType;
  return { ...info, parentType, fieldName: field, returnType: parentType.getFields()[field].type };
}

@Resolver(() => ProgrammeType)
export class ProgrammeResolver {
  constructor(
    private readonly service: ProgrammesService,
    private readonly described: DescribedLoaders,
    private readonly registry: RegistryLoaders,
  ) {}

  @Roles(...ANY_ROLE)
  @Query(() => ProgrammeType)
  programme(@CurrentPrincipal() principal: Principal, @IdArg() id: string): Promise<ProgrammeType> {
    return this.service.get(principal, id);
  }

  @Roles(...ANY_ROLE)
  @Query(() => ProgrammeConnection, { description: "A locality's programmes by name, a page at a time." })
  programmes(@CurrentPrincipal() principal: Principal, @Args() args: ProgrammesArgs): Promise<Connection<ProgrammeType>> {
    return this.service.list(principal, args.localityId, args);
  }

  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => ProgrammeType)
  createProgramme(@CurrentPrincipal() principal: Principal, @Args('input') input: CreateProgrammeInput): Promise<ProgrammeType> {
    return this.service.create(principal, input);
  }

  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => ProgrammeType, { description: 'Changes the fields given; the others stay as they are.' })
  updateProgramme(@CurrentPrincipal() principal: Principal, @Args('input') input: UpdateProgrammeInput): Promise<ProgrammeType> {
    return this.service.update(principal, input);
  }

  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => ProgrammeType, { description: 'An active member body of the locality joins the programme.' })
  addProgrammeParticipant(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: ProgrammeParticipantInput,
  ): Promise<ProgrammeType> {
    return this.service.addParticipant(principal, input);
  }

  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => ProgrammeType)
  removeProgrammeParticipant(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: ProgrammeParticipantInput,
  ): Promise<ProgrammeType> {
    return this.service.removeParticipant(principal, input);
  }

  @ResolveField(() => LocalityType)
  async locality(@Parent() programme: ProgrammeType): Promise<LocalityType | null> {
    return this.registry.locality().load(programme.localityId);
  }

  @ResolveField(() => [OrganisationType], {
    description: 'Organisations taking part now.',
    complexity: listOf(MAX_ACTIVE_MEMBERS),
  })
  participants(@CurrentPrincipal() principal: Principal, @Info() info: GraphQLResolveInfo, @Parent() programme: ProgrammeType): Promise<OrganisationType[]> {
    return this.described.many(info, principal, programme.id);
  }

  @ResolveField(() => ProgrammeLeaderType, { nullable: true, description: 'The agreed overall leader, if any.' })
  leader(@CurrentPrincipal() principal: Principal, @Info() info: GraphQLResolveInfo, @Parent() programme: ProgrammeType): Promise<ProgrammeLeaderType | null> {
    return this.described.one(info, principal, programme.id);
  }

  @ResolveField(() => [ProgrammeLeaderType], { description: 'Every agreed leader, oldest first.' })
  leaderHistory(@CurrentPrincipal() principal: Principal, @Info() info: GraphQLResolveInfo, @Parent() programme: ProgrammeType): Promise<ProgrammeLeaderType[]> {
    return this.described.many(info, principal, programme.id);
  }

  @ResolveField(() => NominationType, { nullable: true })
  openNomination(@CurrentPrincipal() principal: Principal, @Info() info: GraphQLResolveInfo, @Parent() programme: ProgrammeType): Promise<NominationType | null> {
    return this.described.one(info, principal, programme.id);
  }

  @ResolveField(() => [NominationType], { description: 'Every nomination, oldest first.' })
  nominations(@CurrentPrincipal() principal: Principal, @Info() info: GraphQLResolveInfo, @Parent() programme: ProgrammeType): Promise<NominationType[]> {
    return this.described.many(info, principal, programme.id);
  }
}

@Resolver(() => LocalityType)
export class LocalityProgrammesResolver {
  constructor(private readonly described: DescribedLoaders) {}

  @ResolveField(() => [ProgrammeType])
  programmes(@CurrentPrincipal() principal: Principal, @Info() info: GraphQLResolveInfo, @Parent() locality: LocalityType): Promise<ProgrammeType[]> {
    return this.described.many(info, principal, locality.id);
  }
}

@Resolver(() => NominationType)
export class NominationResolver {
  constructor(
    private readonly leadership: LeadershipService,
    private readonly reconfirmations: LeaderReconfirmationService,
    private readonly loaders: ProgrammeLoaders,
    private readonly described: DescribedLoaders,
    private readonly registry: RegistryLoaders,
  ) {}

  @Roles(...REGISTRY_MANAGERS, Role.MEMBER_REPRESENTATIVE)
  @Mutation(() => NominationType, { description: 'Proposes a person of a participating organisation as leader.' })
  nominateLeader(@CurrentPrincipal() principal: Principal, @Args('input') input: NominateLeaderInput): Promise<NominationType> {
    return this.leadership.nominate(principal, input);
  }

  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => NominationType, {
    description:
      'Puts the agreed leader to re-confirmation: a nomination of kind RECONFIRMATION, endorsed under the agreement rule. ' +
      'Agreed, the leader stays and reconfirmBy moves on by the leader term; opposed beyond the rule, it closes NOT_RECONFIRMED.',
  })
  openLeaderReconfirmation(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: OpenLeaderReconfirmationInput,
  ): Promise<NominationType> {
    return this.reconfirmations.open(principal, input);
  }

  @Roles(Role.MEMBER_REPRESENTATIVE)
  @Mutation(() => NominationType, {
    description: "Your organisation's position; can be changed while the nomination is open.",
  })
  endorseNomination(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: EndorseNominationInput,
  ): Promise<NominationType> {
    return this.leadership.endorse(principal, input);
  }

  @Roles(...REGISTRY_MANAGERS, Role.MEMBER_REPRESENTATIVE)
  @Mutation(() => NominationType)
  withdrawNomination(@CurrentPrincipal() principal: Principal, @IdArg('nominationId') id: string): Promise<NominationType> {
    return this.leadership.withdraw(principal, id);
  }

  @ResolveField(() => PersonType)
  async person(@Parent() nomination: NominationType): Promise<PersonType | null> {
    return this.registry.person().load(nomination.personId);
  }

  @ResolveField(() => ProgrammeType)
  async programme(@Parent() nomination: NominationType): Promise<ProgrammeType | null> {
    return this.loaders.programme().load(nomination.programmeId);
  }

  @ResolveField(() => [EndorsementType], {
    description: 'The position each organisation holds now.',
    complexity: listOf(MAX_ACTIVE_MEMBERS),
  })
  endorsements(@CurrentPrincipal() principal: Principal, @Info() info: GraphQLResolveInfo, @Parent() nomination: NominationType): Promise<EndorsementType[]> {
    return this.described.many(info, principal, nomination.id);
  }

  @ResolveField(() => [EndorsementType], {
    description: 'Every endorsement given, including changed ones.',
    complexity: listOf(MAX_ACTIVE_MEMBERS),
  })
  endorsementHistory(@CurrentPrincipal() principal: Principal, @Info() info: GraphQLResolveInfo, @Parent() nomination: NominationType): Promise<EndorsementType[]> {
    return this.described.many(info, principal, nomination.id);
  }

  @ResolveField(() => TallyType)
  async tally(@CurrentPrincipal() principal: Principal, @Info() info: GraphQLResolveInfo, @Parent() nomination: NominationType): Promise<TallyType> {
    // The same described relations (and batches) as Programme.participants and LeaderNomination.endorsements.
    const [programme, participants, endorsements] = await Promise.all([
      this.loaders.programme().load(nomination.programmeId),
      this.described.many<OrganisationType>(asField(info, 'Programme', 'participants'), principal, nomination.programmeId),
      this.described.many<EndorsementType>(asField(info, 'LeaderNomination', 'endorsements'), principal, nomination.id),
    ]);
    const positions = new Map<string, EndorsementPosition>(endorsements.map((e) => [e.organisationId, e.position]));
    const counts = tally(
      participants.map((p) => p.id),
      positions,
    );
    return {
      ...counts,
      agreed: !!programme && isAgreed(programme.agreementRule, counts),
      supportNeeded: programme ? supportNeeded(programme.agreementRule, counts.participants) : null,
    };
  }
}

@Resolver(() => EndorsementType)
export class EndorsementResolver {
  constructor(private readonly registry: RegistryLoaders) {}

  @ResolveField(() => OrganisationType)
  async organisation(@Parent() endorsement: EndorsementType): Promise<OrganisationType | null> {
    return this.registry.organisation().load(endorsement.organisationId);
  }
}

@Resolver(() => ProgrammeLeaderType)
export class ProgrammeLeaderResolver {
  constructor(
    private readonly leadership: LeadershipService,
    private readonly described: DescribedLoaders,
    private readonly registry: RegistryLoaders,
  ) {}

  @Action('record that a leader stepped down')
  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => ProgrammeLeaderType, { description: 'Records that the agreed leader stepped down.' })
  stepDownLeader(@CurrentPrincipal() principal: Principal, @Args('input') input: StepDownLeaderInput): Promise<ProgrammeLeaderType> {
    return this.leadership.stepDown(principal, input);
  }

  @ResolveField(() => PersonType)
  async person(@Parent() leader: ProgrammeLeaderType): Promise<PersonType | null> {
    return this.registry.person().load(leader.personId);
  }

  @ResolveField(() => [LeaderReconfirmationType], {
    description: 'Decided re-confirmations of this leader, oldest first, either way.',
  })
  reconfirmations(@CurrentPrincipal() principal: Principal, @Info() info: GraphQLResolveInfo, @Parent() leader: ProgrammeLeaderType): Promise<LeaderReconfirmationType[]> {
    return this.described.many(info, principal, leader.id);
  }
}

@Resolver(() => LeaderReconfirmationType)
export class LeaderReconfirmationResolver {
  constructor(private readonly loaders: ProgrammeLoaders) {}

  @ResolveField(() => NominationType, { description: 'The re-confirmation nomination that decided it.' })
  async nomination(@Parent() reconfirmation: LeaderReconfirmationType): Promise<NominationType | null> {
    return this.loaders.nomination().load(reconfirmation.nominationId);
  }
}

/** Adds what waits for an organisation's endorsement to the registry's Organisation type. */
@Resolver(() => OrganisationType)
export class OrganisationNominationsResolver {
  constructor(private readonly loaders: ProgrammeLoaders) {}

  @ResolveField(() => NominationsToEndorseType, {
    description:
      'Open leader nominations of programmes it takes part in now on which it holds no position yet, the longest waiting ' +
      'first (for a member representative, in programmes of their own localities).',
  })
  nominationsToEndorse(
    @CurrentPrincipal() principal: Principal,
    @Parent() organisation: OrganisationType,
    @Args() args: NominationsToEndorseArgs,
  ): Promise<NominationsToEndorseType> {
    return this.loaders.nominationsToEndorse(principal, args.first).load(organisation.id);
  }
}
