import { Args, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { Action, ANY_ROLE, CurrentPrincipal, Principal, Role, Roles } from '@joinedup/access';
import { Connection, DescribedLoaders, IdArg, listOf } from '@joinedup/graphql-kit';
import { ProgrammeLoaders, ProgrammeType } from '@joinedup/programmes';
import { LocalityType, RegistryLoaders } from '@joinedup/registry';
import { HealthCheckLoaders } from './health-check.loaders';
import { InviteToSurveyRoundInput, OpenSurveyRoundInput, SurveyRoundsArgs } from './survey-round.inputs';
import {
  HealthCheckInstrumentType,
  SurveyInvitationsType,
  SurveyRoundConnection,
  SurveyRoundType,
  SurveyStatementType,
} from './survey-round.types';
import { SurveyInvitationsService } from './survey-invitations.service';
import { SurveyRoundsService } from './survey-rounds.service';

/** Who opens and closes rounds and invites people. */
export const HEALTH_CHECK_MANAGERS = [Role.TENANT_ADMIN, Role.COORDINATOR];
/** Who reads rounds and their results; member representatives read nothing of the responses. */
export const HEALTH_CHECK_READERS = [Role.TENANT_ADMIN, Role.COORDINATOR, Role.REVIEWER];

/** An instrument holds a handful of statements (the built-in one seven). */
const STATEMENTS_PER_INSTRUMENT = 10;

@Resolver(() => SurveyRoundType)
export class SurveyRoundResolver {
  constructor(
    private readonly rounds: SurveyRoundsService,
    private readonly invitations: SurveyInvitationsService,
    private readonly loaders: HealthCheckLoaders,
    private readonly registry: RegistryLoaders,
    private readonly programmes: ProgrammeLoaders,
    private readonly described: DescribedLoaders,
  ) {}

  @Roles(...ANY_ROLE)
  @Query(() => HealthCheckInstrumentType, { description: 'The built-in health-check instrument: the 2007 statements and baselines.' })
  healthCheckInstrument(): Promise<HealthCheckInstrumentType> {
    return this.rounds.builtInInstrument();
  }

  @Roles(...HEALTH_CHECK_READERS)
  @Query(() => SurveyRoundType, { description: 'One health-check round.' })
  surveyRound(@IdArg() id: string): Promise<SurveyRoundType> {
    return this.rounds.get(id);
  }

  @Roles(...HEALTH_CHECK_READERS)
  @Query(() => SurveyRoundConnection, { description: 'The health-check rounds of a locality, latest opening first.' })
  surveyRounds(@CurrentPrincipal() principal: Principal, @Args() args: SurveyRoundsArgs): Promise<Connection<SurveyRoundType>> {
    return this.rounds.list(principal, args);
  }

  @Roles(...HEALTH_CHECK_MANAGERS)
  @Mutation(() => SurveyRoundType, { description: 'Opens a health-check round of a locality, or of one of its programmes.' })
  openSurveyRound(@CurrentPrincipal() principal: Principal, @Args('input') input: OpenSurveyRoundInput): Promise<SurveyRoundType> {
    return this.rounds.open(principal, input);
  }

  @Roles(...HEALTH_CHECK_MANAGERS)
  @Mutation(() => SurveyRoundType, {
    description: 'Ends an open round today: today becomes its last day, and its links stop working at midnight UTC.',
  })
  closeSurveyRound(@IdArg('roundId') roundId: string): Promise<SurveyRoundType> {
    return this.rounds.close(roundId);
  }

  @Action('invite people to a survey round')
  @Roles(...HEALTH_CHECK_MANAGERS)
  @Mutation(() => SurveyInvitationsType, {
    description:
      'Invites people of the round’s bodies (everyone in scope, or the organisations and people named) and returns ' +
      'their single-use links, shown only here. People invited before are skipped.',
  })
  inviteToSurveyRound(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: InviteToSurveyRoundInput,
  ): Promise<SurveyInvitationsType> {
    return this.invitations.invite(principal, input);
  }

  @ResolveField(() => LocalityType)
  async locality(@Parent() round: SurveyRoundType): Promise<LocalityType | null> {
    return this.registry.locality().load(round.localityId);
  }

  @ResolveField(() => ProgrammeType, { nullable: true, description: 'The programme whose bodies it asks; empty for the whole locality.' })
  async programme(@Parent() round: SurveyRoundType): Promise<ProgrammeType | null> {
    return round.programmeId ? this.programmes.programme().load(round.programmeId) : null;
  }

  @ResolveField(() => Int, { description: 'People invited.' })
  invitedCount(@Parent() round: SurveyRoundType): Promise<number> {
    return this.loaders.invitedCount().load(round.id);
  }

  @ResolveField(() => Int, { description: 'Responses made (one per used link).' })
  responseCount(@Parent() round: SurveyRoundType): Promise<number> {
    return this.loaders.responseCount().load(round.id);
  }

  @ResolveField(() => [SurveyStatementType], { description: 'The statements asked, in order.', complexity: listOf(STATEMENTS_PER_INSTRUMENT) })
  statements(@CurrentPrincipal() principal: Principal, @Info() info: GraphQLResolveInfo, @Parent() round: SurveyRoundType): Promise<SurveyStatementType[]> {
    return this.described.many(info, principal, round.id);
  }
}
