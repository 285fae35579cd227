import { Args, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { ANY_ROLE, CurrentPrincipal, Principal, Role, Roles } from '@joinedup/access';
import { badInput } from '@joinedup/errors';
import { DescribedLoaders, IdArg, listOf } from '@joinedup/graphql-kit';
import { ProgrammeLoaders, ProgrammeType } from '@joinedup/programmes';
import { MAX_ACTIVE_MEMBERS, OrganisationType, PersonType, REGISTRY_MANAGERS, RegistryLoaders } from '@joinedup/registry';
import { MilestonesService } from './milestones.service';
import {
  AchieveMilestoneInput,
  CreateMilestoneInput,
  MAX_MILESTONES_PER_PROGRAMME,
  MilestoneRecognitionArgs,
  OrganisationRecognitionArgs,
  RecognitionPeriodArgs,
  RecordRecognitionInput,
  UpdateMilestoneInput,
} from './recognition.inputs';
import { RecipientScope } from './recognition-lists';
import { RecognitionLoaders } from './recognition.loaders';
import { periodProblem } from './recognition.rules';
import { MilestoneContributorType, MilestoneType, RecognitionType, RecognitionsReceivedType } from './recognition.types';
import { RecognitionsService } from './recognitions.service';

/** Who records recognitions: managers for any giver, representatives for their own organisation (see RecognitionsService). */
export const RECOGNITION_RECORDERS = [...REGISTRY_MANAGERS, Role.MEMBER_REPRESENTATIVE];

/** Recognitions received in a period, checked: BAD_USER_INPUT naming from or to. */
function receivedIn(
  loaders: RecognitionLoaders,
  principal: Principal,
  scope: RecipientScope,
  key: string,
  args: RecognitionPeriodArgs,
): Promise<RecognitionsReceivedType> {
  const problem = periodProblem(args.from, args.to);
  if (problem) throw badInput(problem.message, problem.field);
  return loaders.received(principal, scope, { from: args.from, to: args.to, first: args.first }).load(key);
}

/** Adds milestones and recognitions to the programmes library's Programme type. */
@Resolver(() => ProgrammeType)
export class ProgrammeRecognitionResolver {
  constructor(
    private readonly loaders: RecognitionLoaders,
    private readonly described: DescribedLoaders,
  ) {}

  @ResolveField(() => [MilestoneType], {
    description: 'Milestones, the earliest due first, with whether each is overdue.',
    complexity: listOf(MAX_MILESTONES_PER_PROGRAMME),
  })
  milestones(@CurrentPrincipal() principal: Principal, @Info() info: GraphQLResolveInfo, @Parent() programme: ProgrammeType): Promise<MilestoneType[]> {
    return this.described.many(info, principal, programme.id);
  }

  @ResolveField(() => RecognitionsReceivedType, {
    description: 'Recognitions recorded in the programme and given in a period, for a milestone or not.',
  })
  recognitions(
    @CurrentPrincipal() principal: Principal,
    @Parent() programme: ProgrammeType,
    @Args() args: RecognitionPeriodArgs,
  ): Promise<RecognitionsReceivedType> {
    return receivedIn(this.loaders, principal, 'PROGRAMME', programme.id, args);
  }
}

@Resolver(() => MilestoneType)
export class MilestoneResolver {
  constructor(
    private readonly service: MilestonesService,
    private readonly described: DescribedLoaders,
    private readonly programmes: ProgrammeLoaders,
  ) {}

  @Roles(...ANY_ROLE)
  @Query(() => MilestoneType, { description: 'A milestone of a programme you may see.' })
  milestone(@CurrentPrincipal() principal: Principal, @IdArg() id: string): Promise<MilestoneType> {
    return this.service.get(principal, id);
  }

  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => MilestoneType, {
    description: `Adds a milestone to a programme (at most ${MAX_MILESTONES_PER_PROGRAMME}), with the organisations taking part that contribute to it.`,
  })
  createMilestone(@CurrentPrincipal() principal: Principal, @Args('input') input: CreateMilestoneInput): Promise<MilestoneType> {
    return this.service.create(principal, input);
  }

  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => MilestoneType, { description: 'Changes the fields given; contributorIds, when given, replaces the contributors.' })
  updateMilestone(@CurrentPrincipal() principal: Principal, @Args('input') input: UpdateMilestoneInput): Promise<MilestoneType> {
    return this.service.update(principal, input);
  }

  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => MilestoneType, {
    description: 'Records that a milestone was achieved, today unless achievedOn is given (not in the future); achievedOn again corrects it.',
  })
  achieveMilestone(@CurrentPrincipal() principal: Principal, @Args('input') input: AchieveMilestoneInput): Promise<MilestoneType> {
    return this.service.achieve(principal, input);
  }

  @ResolveField(() => ProgrammeType)
  programme(@Parent() milestone: MilestoneType): Promise<ProgrammeType | null> {
    return this.programmes.programme().load(milestone.programmeId);
  }

  @ResolveField(() => [MilestoneContributorType], {
    description: 'The organisations that contributed, by name, each with whether it (or one of its people) was recognised for it.',
    complexity: listOf(MAX_ACTIVE_MEMBERS),
  })
  contributors(@CurrentPrincipal() principal: Principal, @Info() info: GraphQLResolveInfo, @Parent() milestone: MilestoneType): Promise<MilestoneContributorType[]> {
    return this.described.many(info, principal, milestone.id);
  }

  @ResolveField(() => [RecognitionType], { description: 'Recognitions for this milestone, newest first.' })
  recognitions(
    @CurrentPrincipal() principal: Principal,
    @Info() info: GraphQLResolveInfo,
    @Parent() milestone: MilestoneType,
    @Args() args: MilestoneRecognitionArgs,
  ): Promise<RecognitionType[]> {
    return this.described.many(info, principal, milestone.id, { first: args.first });
  }
}

@Resolver(() => MilestoneContributorType)
export class MilestoneContributorResolver {
  constructor(private readonly registry: RegistryLoaders) {}

  @ResolveField(() => OrganisationType)
  organisation(@Parent() contributor: MilestoneContributorType): Promise<OrganisationType | null> {
    return this.registry.organisation().load(contributor.organisationId);
  }
}

@Resolver(() => RecognitionType)
export class RecognitionResolver {
  constructor(
    private readonly service: RecognitionsService,
    private readonly loaders: RecognitionLoaders,
    private readonly programmes: ProgrammeLoaders,
    private readonly registry: RegistryLoaders,
  ) {}

  @Roles(...ANY_ROLE)
  @Query(() => RecognitionType, { description: 'A recognition of a programme you may see.' })
  recognition(@CurrentPrincipal() principal: Principal, @IdArg() id: string): Promise<RecognitionType> {
    return this.service.get(principal, id);
  }

  @Roles(...RECOGNITION_RECORDERS)
  @Mutation(() => RecognitionType, {
    description:
      'Records credit given to a person or an organisation taking part in a programme, and where it was made visible. ' +
      'A member representative records recognitions given by their own organisation or its people, in programmes it takes part in.',
  })
  recordRecognition(@CurrentPrincipal() principal: Principal, @Args('input') input: RecordRecognitionInput): Promise<RecognitionType> {
    return this.service.record(principal, input);
  }

  @ResolveField(() => ProgrammeType)
  programme(@Parent() recognition: RecognitionType): Promise<ProgrammeType | null> {
    return this.programmes.programme().load(recognition.programmeId);
  }

  @ResolveField(() => MilestoneType, { nullable: true, description: 'The milestone it recognises, if any.' })
  milestone(@Parent() recognition: RecognitionType): Promise<MilestoneType | null> {
    return recognition.milestoneId ? this.loaders.milestone().load(recognition.milestoneId) : Promise.resolve(null);
  }

  @ResolveField(() => PersonType, { nullable: true, description: 'The person credited, when a person is.' })
  creditedPerson(@Parent() recognition: RecognitionType): Promise<PersonType | null> {
    return recognition.creditedPersonId ? this.registry.person().load(recognition.creditedPersonId) : Promise.resolve(null);
  }

  @ResolveField(() => OrganisationType, { nullable: true, description: 'The organisation credited, when an organisation is.' })
  creditedOrganisation(@Parent() recognition: RecognitionType): Promise<OrganisationType | null> {
    return recognition.creditedOrganisationId ? this.registry.organisation().load(recognition.creditedOrganisationId) : Promise.resolve(null);
  }

  @ResolveField(() => OrganisationType, { description: "The organisation credited, or the credited person's organisation." })
  recipientOrganisation(@Parent() recognition: RecognitionType): Promise<OrganisationType | null> {
    return this.registry.organisation().load(recognition.recipientOrganisationId);
  }

  @ResolveField(() => PersonType, { nullable: true, description: 'The person who gave it, when a person did.' })
  givenByPerson(@Parent() recognition: RecognitionType): Promise<PersonType | null> {
    return recognition.givenByPersonId ? this.registry.person().load(recognition.givenByPersonId) : Promise.resolve(null);
  }

  @ResolveField(() => OrganisationType, { nullable: true, description: 'The organisation that gave it, when an organisation did.' })
  givenByOrganisation(@Parent() recognition: RecognitionType): Promise<OrganisationType | null> {
    return recognition.givenByOrganisationId ? this.registry.organisation().load(recognition.givenByOrganisationId) : Promise.resolve(null);
  }

  @ResolveField(() => OrganisationType, { description: "The organisation that gave it, or the giving person's organisation." })
  giverOrganisation(@Parent() recognition: RecognitionType): Promise<OrganisationType | null> {
    return this.registry.organisation().load(recognition.giverOrganisationId);
  }
}

/** Adds the recognitions an organisation received to the registry's Organisation type. */
@Resolver(() => OrganisationType)
export class OrganisationRecognitionResolver {
  constructor(private readonly loaders: RecognitionLoaders) {}

  @ResolveField(() => RecognitionsReceivedType, {
    description:
      "Recognitions it received in a period (by date given), its people's included unless includePeople is false; " +
      'for a member representative, in programmes of their own localities.',
  })
  recognitionsReceived(
    @CurrentPrincipal() principal: Principal,
    @Parent() organisation: OrganisationType,
    @Args() args: OrganisationRecognitionArgs,
  ): Promise<RecognitionsReceivedType> {
    return receivedIn(this.loaders, principal, args.includePeople ? 'ORGANISATION' : 'ORGANISATION_ONLY', organisation.id, args);
  }
}

/** Adds the recognitions a person received to the registry's Person type. */
@Resolver(() => PersonType)
export class PersonRecognitionResolver {
  constructor(private readonly loaders: RecognitionLoaders) {}

  @ResolveField(() => RecognitionsReceivedType, {
    description: 'Recognitions they received in a period (by date given); for a member representative, in programmes of their own localities.',
  })
  recognitionsReceived(
    @CurrentPrincipal() principal: Principal,
    @Parent() person: PersonType,
    @Args() args: RecognitionPeriodArgs,
  ): Promise<RecognitionsReceivedType> {
    return receivedIn(this.loaders, principal, 'PERSON', person.id, args);
  }
}
