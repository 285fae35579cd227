import { Args, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { Action, ANY_ROLE, CurrentPrincipal, Principal, Role, Roles } from '@joinedup/access';
import { Connection, DescribedLoaders, IdArg, listOf } from '@joinedup/graphql-kit';
import { ProgrammeLoaders, ProgrammeType } from '@joinedup/programmes';
import { LocalityType, OrganisationType, REGISTRY_MANAGERS, RegistryLoaders } from '@joinedup/registry';
import { AlignmentAction, allowedActions, mayTake } from './alignment-lifecycle';
import { AlignmentLoaders } from './alignment.loaders';
import {
  AgreeAlignmentRequestInput,
  AlignmentFilterArgs,
  AlignmentPeriodArgs,
  AlignmentRequestsArgs,
  DeclineAlignmentRequestInput,
  OrganisationDeclineRateArgs,
  RecordAlignmentAdaptedInput,
  RequestAlignmentInput,
  WithdrawAlignmentRequestInput,
} from './alignment.inputs';
import { AlignmentService } from './alignment.service';
import {
  AlignmentDeclineRateType,
  AlignmentRequestConnection,
  AlignmentRequestEventType,
  AlignmentRequestType,
} from './alignment.types';

/** Who may make a request (each for their part; see the service) and withdraw one. */
const REQUESTERS = [...REGISTRY_MANAGERS, Role.MEMBER_REPRESENTATIVE];

/** A programme has at most 40 participants (a locality's member bodies), and a request a handful of history entries. */
const MAX_ORGANISATIONS = 40;
const HISTORY_SIZE = 3;

@Resolver(() => AlignmentRequestType)
export class AlignmentRequestResolver {
  constructor(
    private readonly service: AlignmentService,
    private readonly described: DescribedLoaders,
    private readonly registry: RegistryLoaders,
    private readonly programmes: ProgrammeLoaders,
  ) {}

  @Roles(...ANY_ROLE)
  @Query(() => AlignmentRequestType, { description: 'One alignment request, if you may read its programme.' })
  alignmentRequest(@CurrentPrincipal() principal: Principal, @IdArg() id: string): Promise<AlignmentRequestType> {
    return this.service.get(principal, id);
  }

  @Roles(...ANY_ROLE)
  @Query(() => AlignmentRequestConnection, {
    description: 'Alignment requests of a programme, of an organisation (made, received or both), or both at once; newest first.',
  })
  alignmentRequests(@CurrentPrincipal() principal: Principal, @Args() args: AlignmentRequestsArgs): Promise<Connection<AlignmentRequestType>> {
    return this.service.list(principal, args);
  }

  @Action('ask another organisation to adapt')
  @Roles(...REQUESTERS)
  @Mutation(() => AlignmentRequestType, {
    description:
      'Asks another organisation taking part in the programme to adapt a system or process. A representative asks for ' +
      'their own organisation; a coordinator names the requesting organisation.',
  })
  requestAlignment(@CurrentPrincipal() principal: Principal, @Args('input') input: RequestAlignmentInput): Promise<AlignmentRequestType> {
    return this.service.request(principal, input);
  }

  @Action('agree to an alignment request')
  @Roles(Role.MEMBER_REPRESENTATIVE)
  @Mutation(() => AlignmentRequestType, { description: "REQUESTED → AGREED, with a planned date: by the target organisation's representatives." })
  agreeAlignmentRequest(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: AgreeAlignmentRequestInput,
  ): Promise<AlignmentRequestType> {
    return this.service.agree(principal, input);
  }

  @Roles(Role.MEMBER_REPRESENTATIVE)
  @Mutation(() => AlignmentRequestType, { description: "REQUESTED → DECLINED, with a reason: by the target organisation's representatives." })
  declineAlignmentRequest(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: DeclineAlignmentRequestInput,
  ): Promise<AlignmentRequestType> {
    return this.service.decline(principal, input);
  }

  @Action('record that an organisation adapted as asked')
  @Roles(Role.MEMBER_REPRESENTATIVE)
  @Mutation(() => AlignmentRequestType, { description: "AGREED → ADAPTED, with the date: by the target organisation's representatives." })
  recordAlignmentAdapted(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: RecordAlignmentAdaptedInput,
  ): Promise<AlignmentRequestType> {
    return this.service.recordAdapted(principal, input);
  }

  @Roles(...REQUESTERS)
  @Mutation(() => AlignmentRequestType, {
    description: "REQUESTED or AGREED → WITHDRAWN, with a reason: by the requesting organisation's representatives or a coordinator.",
  })
  withdrawAlignmentRequest(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: WithdrawAlignmentRequestInput,
  ): Promise<AlignmentRequestType> {
    return this.service.withdraw(principal, input);
  }

  @ResolveField(() => ProgrammeType)
  async programme(@Parent() request: AlignmentRequestType): Promise<ProgrammeType | null> {
    return this.programmes.programme().load(request.programmeId);
  }

  @ResolveField(() => LocalityType)
  async locality(@Parent() request: AlignmentRequestType): Promise<LocalityType | null> {
    return this.registry.locality().load(request.localityId);
  }

  @ResolveField(() => OrganisationType, { description: 'The organisation asking.' })
  async requestingOrganisation(@Parent() request: AlignmentRequestType): Promise<OrganisationType | null> {
    return this.registry.organisation().load(request.requestingOrganisationId);
  }

  @ResolveField(() => OrganisationType, { description: 'The organisation asked to adapt.' })
  async targetOrganisation(@Parent() request: AlignmentRequestType): Promise<OrganisationType | null> {
    return this.registry.organisation().load(request.targetOrganisationId);
  }

  @ResolveField(() => [AlignmentRequestEventType], {
    description: 'Its making and every change of status, oldest first.',
    complexity: listOf(HISTORY_SIZE),
  })
  history(
    @CurrentPrincipal() principal: Principal,
    @Parent() request: AlignmentRequestType,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AlignmentRequestEventType[]> {
    return this.described.many(info, principal, request.id);
  }

  @ResolveField(() => [AlignmentAction], { description: 'What you may do to it now.' })
  allowedActions(@CurrentPrincipal() principal: Principal, @Parent() request: AlignmentRequestType): AlignmentAction[] {
    const actor = this.service.actor(principal, request);
    return allowedActions(request.status).filter((action) => mayTake(actor, action));
  }
}

@Resolver(() => AlignmentRequestEventType)
export class AlignmentRequestEventResolver {
  constructor(private readonly registry: RegistryLoaders) {}

  @ResolveField(() => OrganisationType, { nullable: true, description: 'The organisation a representative acted for; empty for staff.' })
  async actorOrganisation(@Parent() event: AlignmentRequestEventType): Promise<OrganisationType | null> {
    return event.actorOrganisationId ? this.registry.organisation().load(event.actorOrganisationId) : null;
  }
}

@Resolver(() => AlignmentDeclineRateType)
export class AlignmentDeclineRateResolver {
  constructor(private readonly registry: RegistryLoaders) {}

  @ResolveField(() => OrganisationType)
  async organisation(@Parent() rate: AlignmentDeclineRateType): Promise<OrganisationType | null> {
    return this.registry.organisation().load(rate.organisationId);
  }
}

@Resolver(() => ProgrammeType)
export class ProgrammeAlignmentResolver {
  constructor(private readonly loaders: AlignmentLoaders) {}

  @ResolveField(() => AlignmentRequestConnection, { description: 'Alignment requests between its organisations, newest first.' })
  alignmentRequests(
    @CurrentPrincipal() principal: Principal,
    @Parent() programme: ProgrammeType,
    @Args() args: AlignmentFilterArgs,
  ): Promise<Connection<AlignmentRequestType>> {
    return this.loaders.requestsOf(principal, 'PROGRAMME', args).load(programme.id);
  }

  @ResolveField(() => [AlignmentDeclineRateType], {
    description: 'The decline rate in this programme of each organisation taking part, or ever asked here, by name.',
    complexity: listOf(MAX_ORGANISATIONS),
  })
  async alignmentDeclineRates(@Parent() programme: ProgrammeType, @Args() args: AlignmentPeriodArgs): Promise<AlignmentDeclineRateType[]> {
    return this.loaders.declineRatesOfProgramme(await this.loaders.period(args)).load(programme.id);
  }
}

@Resolver(() => OrganisationType)
export class OrganisationAlignmentResolver {
  constructor(private readonly loaders: AlignmentLoaders) {}

  @ResolveField(() => AlignmentRequestConnection, { description: 'Alignment requests it made, newest first (in programmes you may read).' })
  alignmentRequestsMade(
    @CurrentPrincipal() principal: Principal,
    @Parent() organisation: OrganisationType,
    @Args() args: AlignmentFilterArgs,
  ): Promise<Connection<AlignmentRequestType>> {
    return this.loaders.requestsOf(principal, 'MADE', args).load(organisation.id);
  }

  @ResolveField(() => AlignmentRequestConnection, { description: 'Alignment requests addressed to it, newest first (in programmes you may read).' })
  alignmentRequestsReceived(
    @CurrentPrincipal() principal: Principal,
    @Parent() organisation: OrganisationType,
    @Args() args: AlignmentFilterArgs,
  ): Promise<Connection<AlignmentRequestType>> {
    return this.loaders.requestsOf(principal, 'RECEIVED', args).load(organisation.id);
  }

  @ResolveField(() => AlignmentDeclineRateType, {
    description: 'How it answered the requests addressed to it in a period (in programmes you may read, or in one).',
  })
  async alignmentDeclineRate(
    @CurrentPrincipal() principal: Principal,
    @Parent() organisation: OrganisationType,
    @Args() args: OrganisationDeclineRateArgs,
  ): Promise<AlignmentDeclineRateType> {
    const period = await this.loaders.period(args);
    const programmeId = args.programmeId ? await this.loaders.readableProgramme(principal, args.programmeId) : null;
    return this.loaders.declineRateOfOrganisation(principal, period, programmeId).load(organisation.id);
  }
}
