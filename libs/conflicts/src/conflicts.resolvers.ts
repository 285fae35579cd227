import { Args, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { Action, ANY_ROLE, CurrentPrincipal, Principal, Role, Roles, actingBody } from '@joinedup/access';
import { Connection, DescribedLoaders, IdArg, listOf } from '@joinedup/graphql-kit';
import { ProgrammeLoaders, ProgrammeType } from '@joinedup/programmes';
import { LocalityType, OrganisationType, REGISTRY_MANAGERS, RegistryLoaders } from '@joinedup/registry';
import { ConflictAction, allowedActions, mayTake } from './conflict-lifecycle';
import { ConflictProcessesService } from './conflict-processes.service';
import { ConflictLoaders } from './conflicts.loaders';
import {
  AgreeConflictProcessInput,
  CloseConflictUnresolvedInput,
  CommentOnConflictInput,
  ConflictFilterArgs,
  ConflictTransitionInput,
  ConflictsArgs,
  MAX_PARTIES,
  MAX_STAGES,
  RaiseConflictInput,
  ResolveConflictInput,
  SetConflictProcessInput,
} from './conflicts.inputs';
import { ConflictsService } from './conflicts.service';
import {
  ConflictConnection,
  ConflictEventType,
  ConflictProcessType,
  ConflictProcessVersionType,
  ConflictStageType,
  ConflictType,
} from './conflicts.types';

/** Who may raise a conflict and move it through its process (each for their part; see mayTake). */
const CONFLICT_ACTORS = [...REGISTRY_MANAGERS, Role.MEMBER_REPRESENTATIVE];

@Resolver(() => ConflictProcessType)
export class ConflictProcessResolver {
  constructor(
    private readonly processes: ConflictProcessesService,
    private readonly described: DescribedLoaders,
    private readonly registry: RegistryLoaders,
    private readonly programmes: ProgrammeLoaders,
  ) {}

  @Roles(...ANY_ROLE)
  @Query(() => ConflictProcessType)
  conflictProcess(@CurrentPrincipal() principal: Principal, @IdArg() id: string): Promise<ConflictProcessType> {
    return this.processes.get(principal, id);
  }

  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => ConflictProcessType, {
    description:
      "Sets the stages of a locality's or a programme's process. An agreed version never changes: " +
      'setting the stages then makes a new draft version, which must be agreed in turn.',
  })
  setConflictProcess(@CurrentPrincipal() principal: Principal, @Args('input') input: SetConflictProcessInput): Promise<ConflictProcessType> {
    return this.processes.set(principal, input);
  }

  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => ConflictProcessType, { description: 'Records that the partnership agreed the draft version.' })
  agreeConflictProcess(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: AgreeConflictProcessInput,
  ): Promise<ConflictProcessType> {
    return this.processes.agree(principal, input);
  }

  @ResolveField(() => LocalityType, { description: 'The locality it belongs to, or the locality of its programme.' })
  async locality(@Parent() process: ConflictProcessType): Promise<LocalityType | null> {
    return this.registry.locality().load(process.localityId);
  }

  @ResolveField(() => ProgrammeType, { nullable: true, description: "Empty for a locality's own process." })
  async programme(@Parent() process: ConflictProcessType): Promise<ProgrammeType | null> {
    return process.programmeId ? this.programmes.programme().load(process.programmeId) : null;
  }

  @ResolveField(() => ConflictProcessVersionType, { nullable: true, description: 'The latest agreed version; conflicts start under it.' })
  agreedVersion(
    @CurrentPrincipal() principal: Principal,
    @Parent() process: ConflictProcessType,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConflictProcessVersionType | null> {
    return this.described.one(info, principal, process.id);
  }

  @ResolveField(() => ConflictProcessVersionType, { nullable: true, description: 'A version waiting to be agreed, if any.' })
  draftVersion(
    @CurrentPrincipal() principal: Principal,
    @Parent() process: ConflictProcessType,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConflictProcessVersionType | null> {
    return this.described.one(info, principal, process.id);
  }

  @ResolveField(() => [ConflictProcessVersionType], { description: 'Every version, newest first.' })
  versions(
    @CurrentPrincipal() principal: Principal,
    @Parent() process: ConflictProcessType,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConflictProcessVersionType[]> {
    return this.described.many(info, principal, process.id);
  }
}

@Resolver(() => ConflictProcessVersionType)
export class ConflictProcessVersionResolver {
  constructor(private readonly described: DescribedLoaders) {}

  @ResolveField(() => [ConflictStageType], { complexity: listOf(MAX_STAGES) })
  stages(
    @CurrentPrincipal() principal: Principal,
    @Parent() version: ConflictProcessVersionType,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConflictStageType[]> {
    return this.described.many(info, principal, version.id);
  }

  @ResolveField(() => ConflictProcessType)
  process(
    @CurrentPrincipal() principal: Principal,
    @Parent() version: ConflictProcessVersionType,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConflictProcessType | null> {
    return this.described.one(info, principal, version.id);
  }
}

@Resolver(() => ConflictType)
export class ConflictResolver {
  constructor(
    private readonly service: ConflictsService,
    private readonly loaders: ConflictLoaders,
    private readonly described: DescribedLoaders,
    private readonly registry: RegistryLoaders,
    private readonly programmes: ProgrammeLoaders,
  ) {}

  @Roles(...ANY_ROLE)
  @Query(() => ConflictType, { description: 'One conflict, as much of it as you may read.' })
  conflict(@CurrentPrincipal() principal: Principal, @IdArg() id: string): Promise<ConflictType> {
    return this.service.get(principal, id);
  }

  @Roles(...ANY_ROLE)
  @Query(() => ConflictConnection, {
    description: 'Conflicts of a locality, a programme or an organisation (raised or party to), newest first.',
  })
  conflicts(@CurrentPrincipal() principal: Principal, @Args() args: ConflictsArgs): Promise<Connection<ConflictType>> {
    return this.service.list(principal, args);
  }

  @Roles(...CONFLICT_ACTORS)
  @Mutation(() => ConflictType, {
    description: 'A representative raises a conflict for their own organisation; a coordinator names the raising organisation.',
  })
  raiseConflict(@CurrentPrincipal() principal: Principal, @Args('input') input: RaiseConflictInput): Promise<ConflictType> {
    return this.service.raise(principal, input);
  }

  @Roles(...CONFLICT_ACTORS)
  @Mutation(() => ConflictType, { description: 'OPEN → ACKNOWLEDGED: by a coordinator or another party.' })
  acknowledgeConflict(@CurrentPrincipal() principal: Principal, @Args('input') input: ConflictTransitionInput): Promise<ConflictType> {
    return this.service.acknowledge(principal, input);
  }

  @Roles(...CONFLICT_ACTORS)
  @Mutation(() => ConflictType, {
    description: "ACKNOWLEDGED → IN_RESOLUTION at stage 1 of the programme's agreed process, else the locality's.",
  })
  startConflictResolution(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: ConflictTransitionInput,
  ): Promise<ConflictType> {
    return this.service.startResolution(principal, input);
  }

  @Roles(...CONFLICT_ACTORS)
  @Mutation(() => ConflictType, { description: 'To the next stage of the process version the conflict started under.' })
  escalateConflict(@CurrentPrincipal() principal: Principal, @Args('input') input: ConflictTransitionInput): Promise<ConflictType> {
    return this.service.escalate(principal, input);
  }

  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => ConflictType, { description: 'ACKNOWLEDGED or IN_RESOLUTION → RESOLVED, with the outcome.' })
  resolveConflict(@CurrentPrincipal() principal: Principal, @Args('input') input: ResolveConflictInput): Promise<ConflictType> {
    return this.service.resolve(principal, input);
  }

  @Action('close a conflict unresolved')
  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => ConflictType, { description: 'ACKNOWLEDGED or IN_RESOLUTION → CLOSED_UNRESOLVED, with the reason.' })
  closeConflictUnresolved(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: CloseConflictUnresolvedInput,
  ): Promise<ConflictType> {
    return this.service.closeUnresolved(principal, input);
  }

  @Roles(...CONFLICT_ACTORS)
  @Mutation(() => ConflictType, { description: 'Adds a comment to the history: by the organisations involved and coordinators.' })
  commentOnConflict(@CurrentPrincipal() principal: Principal, @Args('input') input: CommentOnConflictInput): Promise<ConflictType> {
    return this.service.comment(principal, input);
  }

  @ResolveField(() => LocalityType)
  async locality(@Parent() conflict: ConflictType): Promise<LocalityType | null> {
    return this.registry.locality().load(conflict.localityId);
  }

  @ResolveField(() => ProgrammeType, { nullable: true })
  async programme(@Parent() conflict: ConflictType): Promise<ProgrammeType | null> {
    return conflict.programmeId ? this.programmes.programme().load(conflict.programmeId) : null;
  }

  @ResolveField(() => OrganisationType, { nullable: true, description: 'Empty for whoever may not read the details.' })
  async raisedByOrganisation(@Parent() conflict: ConflictType): Promise<OrganisationType | null> {
    return conflict.raisedByOrganisationId ? this.registry.organisation().load(conflict.raisedByOrganisationId) : null;
  }

  @ResolveField(() => [OrganisationType], {
    description: 'The other parties; empty for whoever may not read the details.',
    complexity: listOf(MAX_PARTIES),
  })
  async parties(@CurrentPrincipal() principal: Principal, @Parent() conflict: ConflictType): Promise<OrganisationType[]> {
    const ids = await this.loaders.parties(principal).load(conflict.id);
    const organisations = await this.registry.organisation().loadMany(ids);
    return organisations.filter((o): o is OrganisationType => !!o && !(o instanceof Error));
  }

  @ResolveField(() => ConflictProcessVersionType, {
    nullable: true,
    description: 'The process version it started under (kept when the process is revised later).',
  })
  async processVersion(@Parent() conflict: ConflictType): Promise<ConflictProcessVersionType | null> {
    return conflict.processVersionId ? this.described.byId<ConflictProcessVersionType>('ConflictProcessVersion').load(conflict.processVersionId) : null;
  }

  @ResolveField(() => ConflictStageType, { nullable: true, description: 'The stage it is at (or ended at).' })
  async stage(@Parent() conflict: ConflictType): Promise<ConflictStageType | null> {
    if (!conflict.processVersionId || conflict.currentStage === null) return null;
    const stages = await this.loaders.stages().load(conflict.processVersionId);
    return stages.find((s) => s.number === conflict.currentStage) ?? null;
  }

  @ResolveField(() => [ConflictEventType], {
    description: 'Every transition and comment, oldest first; without comments, notes or who acted for whoever may not read the details.',
  })
  history(@CurrentPrincipal() principal: Principal, @Parent() conflict: ConflictType): Promise<ConflictEventType[]> {
    return this.loaders.history(principal).load(conflict.id);
  }

  @ResolveField(() => [ConflictAction], { description: 'What you may do to it now.' })
  async allowedActions(@CurrentPrincipal() principal: Principal, @Parent() conflict: ConflictType): Promise<ConflictAction[]> {
    const manager = REGISTRY_MANAGERS.includes(principal.role);
    const organisationId = actingBody(principal);
    const parties = conflict.detailsVisible && organisationId ? await this.loaders.parties(principal).load(conflict.id) : [];
    const actor = {
      manager,
      raiser: !!organisationId && conflict.raisedByOrganisationId === organisationId,
      party: !!organisationId && parties.includes(organisationId),
    };
    const stageCount = conflict.processVersionId ? (await this.loaders.stages().load(conflict.processVersionId)).length : null;
    return allowedActions({ status: conflict.status, currentStage: conflict.currentStage, stageCount }).filter((action) =>
      mayTake(actor, action),
    );
  }
}

@Resolver(() => ConflictEventType)
export class ConflictEventResolver {
  constructor(private readonly registry: RegistryLoaders) {}

  @ResolveField(() => OrganisationType, {
    nullable: true,
    description: 'The organisation a representative acted for; empty for staff and for whoever may not read the details.',
  })
  async actorOrganisation(@Parent() event: ConflictEventType): Promise<OrganisationType | null> {
    return event.actorOrganisationId ? this.registry.organisation().load(event.actorOrganisationId) : null;
  }
}

@Resolver(() => LocalityType)
export class LocalityConflictsResolver {
  constructor(
    private readonly loaders: ConflictLoaders,
    private readonly described: DescribedLoaders,
  ) {}

  @ResolveField(() => ConflictProcessType, {
    nullable: true,
    description: "The locality's own conflict resolution process, the default for its programmes.",
  })
  conflictProcess(
    @CurrentPrincipal() principal: Principal,
    @Parent() locality: LocalityType,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConflictProcessType | null> {
    return this.described.one(info, principal, locality.id);
  }

  @ResolveField(() => ConflictConnection, { description: 'Conflicts raised in the locality, newest first.' })
  conflicts(
    @CurrentPrincipal() principal: Principal,
    @Parent() locality: LocalityType,
    @Args() args: ConflictFilterArgs,
  ): Promise<Connection<ConflictType>> {
    return this.loaders.conflictsOf(principal, 'LOCALITY', args).load(locality.id);
  }
}

@Resolver(() => ProgrammeType)
export class ProgrammeConflictsResolver {
  constructor(
    private readonly loaders: ConflictLoaders,
    private readonly described: DescribedLoaders,
  ) {}

  @ResolveField(() => ConflictProcessType, {
    nullable: true,
    description: "The programme's own conflict resolution process, overriding its locality's.",
  })
  conflictProcess(
    @CurrentPrincipal() principal: Principal,
    @Parent() programme: ProgrammeType,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConflictProcessType | null> {
    return this.described.one(info, principal, programme.id);
  }

  @ResolveField(() => ConflictProcessVersionType, {
    nullable: true,
    description: "The agreed process version a conflict would start under now: the programme's own, else its locality's.",
  })
  applicableConflictProcess(
    @CurrentPrincipal() principal: Principal,
    @Parent() programme: ProgrammeType,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConflictProcessVersionType | null> {
    return this.described.one(info, principal, programme.id);
  }

  @ResolveField(() => ConflictConnection, { description: 'Conflicts about the programme, newest first.' })
  conflicts(
    @CurrentPrincipal() principal: Principal,
    @Parent() programme: ProgrammeType,
    @Args() args: ConflictFilterArgs,
  ): Promise<Connection<ConflictType>> {
    return this.loaders.conflictsOf(principal, 'PROGRAMME', args).load(programme.id);
  }
}
