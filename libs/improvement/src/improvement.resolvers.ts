import { Args, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { ANY_ROLE, CurrentPrincipal, Principal, Role, Roles } from '@joinedup/access';
import { badInput } from '@joinedup/errors';
import { Connection, DescribedLoaders, IdArg, PageArgs, listOf } from '@joinedup/graphql-kit';
import { ProgrammeLoaders, ProgrammeType } from '@joinedup/programmes';
import { PersonType, REGISTRY_MANAGERS, RegistryLoaders } from '@joinedup/registry';
import { ImprovementLoaders } from './improvement.loaders';
import {
  CompleteReviewInput,
  CreateMeasureInput,
  MAX_ACTIONS_PER_REVIEW,
  UpdateImprovementActionInput,
  UpdateMeasureInput,
} from './improvement.inputs';
import { TREND_LENGTH, trendOf } from './improvement.rules';
import {
  ImprovementActionConnection,
  ImprovementActionType,
  ImprovementReviewConnection,
  ImprovementReviewType,
  MeasureTrendType,
  MeasureType,
  MeasureValueType,
} from './improvement.types';
import { MeasuresService } from './measures.service';
import { ReviewsService } from './reviews.service';

/** Who completes reviews and keeps their actions up to date: managers and reviewers. */
export const REVIEW_WRITERS = [...REGISTRY_MANAGERS, Role.REVIEWER];

/** Most completed reviews one programme lists at once. */
export const MAX_COMPLETED_REVIEWS = 40;

/** Improvement fields of a programme; readable by whoever may read the programme. */
@Resolver(() => ProgrammeType)
export class ProgrammeImprovementResolver {
  constructor(
    private readonly loaders: ImprovementLoaders,
    private readonly described: DescribedLoaders,
  ) {}

  @ResolveField(() => [MeasureType], { description: 'Active measures by name; retired ones too with includeRetired.' })
  measures(
    @CurrentPrincipal() principal: Principal,
    @Parent() programme: ProgrammeType,
    @Info() info: GraphQLResolveInfo,
    @Args('includeRetired', { type: () => Boolean, defaultValue: false }) includeRetired: boolean,
  ): Promise<MeasureType[]> {
    return this.described.many(info, principal, programme.id, { includeRetired });
  }

  @ResolveField(() => ImprovementReviewType, {
    nullable: true,
    description: 'The scheduled review, with daysOverdue once past its due date; none unless the programme is active.',
  })
  nextReview(
    @CurrentPrincipal() principal: Principal,
    @Parent() programme: ProgrammeType,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ImprovementReviewType | null> {
    return this.described.one(info, principal, programme.id);
  }

  @ResolveField(() => [ImprovementReviewType], { description: `Completed reviews, newest first (first: 1 to ${MAX_COMPLETED_REVIEWS}).` })
  completedReviews(
    @CurrentPrincipal() principal: Principal,
    @Parent() programme: ProgrammeType,
    @Info() info: GraphQLResolveInfo,
    @Args('first', { type: () => Int, defaultValue: 10 }) first: number,
  ): Promise<ImprovementReviewType[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_COMPLETED_REVIEWS) {
      throw badInput(`first must be from 1 to ${MAX_COMPLETED_REVIEWS}.`, 'first');
    }
    return this.described.many(info, principal, programme.id, { first });
  }

  @ResolveField(() => ImprovementReviewConnection, { description: 'Completed reviews, newest first, a page at a time.' })
  reviews(@Parent() programme: ProgrammeType, @Args() page: PageArgs): Promise<Connection<ImprovementReviewType>> {
    return this.loaders.reviewPages(page).load(programme.id);
  }

  @ResolveField(() => ImprovementActionConnection, {
    description: 'Improvement actions whatever their status, the earliest due first, a page at a time, with daysOverdue.',
  })
  improvementActions(@Parent() programme: ProgrammeType, @Args() page: PageArgs): Promise<Connection<ImprovementActionType>> {
    return this.loaders.actionPages(page).load(programme.id);
  }

  @ResolveField(() => [ImprovementActionType], { description: 'Open improvement actions, the earliest due first, with daysOverdue.' })
  openActions(
    @CurrentPrincipal() principal: Principal,
    @Parent() programme: ProgrammeType,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ImprovementActionType[]> {
    return this.described.many(info, principal, programme.id);
  }
}

@Resolver(() => MeasureType)
export class MeasureResolver {
  constructor(
    private readonly service: MeasuresService,
    private readonly loaders: ImprovementLoaders,
    private readonly described: DescribedLoaders,
  ) {}

  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => MeasureType, { description: 'Adds a measure to a programme; its name is unique in the programme.' })
  createMeasure(@CurrentPrincipal() principal: Principal, @Args('input') input: CreateMeasureInput): Promise<MeasureType> {
    return this.service.create(principal, input);
  }

  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => MeasureType, { description: 'Changes the fields given; active: false retires the measure, true reinstates it.' })
  updateMeasure(@CurrentPrincipal() principal: Principal, @Args('input') input: UpdateMeasureInput): Promise<MeasureType> {
    return this.service.update(principal, input);
  }

  @ResolveField(() => MeasureValueType, { nullable: true, description: 'The value of the latest review that recorded it.' })
  latestValue(
    @CurrentPrincipal() principal: Principal,
    @Parent() measure: MeasureType,
    @Info() info: GraphQLResolveInfo,
  ): Promise<MeasureValueType | null> {
    return this.described.one(info, principal, measure.id);
  }

  @ResolveField(() => MeasureTrendType, { description: `The last ${TREND_LENGTH} recorded values, met or missed, and the movement.` })
  async trend(@Parent() measure: MeasureType): Promise<MeasureTrendType> {
    const values = await this.loaders.trend().load(measure.id);
    return { values, ...trendOf(measure.direction, values) };
  }
}

@Resolver(() => MeasureValueType)
export class MeasureValueResolver {
  constructor(private readonly described: DescribedLoaders) {}

  @ResolveField(() => MeasureType)
  measure(@Parent() value: MeasureValueType): Promise<MeasureType | null> {
    return this.described.byId<MeasureType>('Measure').load(value.measureId);
  }
}

@Resolver(() => ImprovementReviewType)
export class ImprovementReviewResolver {
  constructor(
    private readonly service: ReviewsService,
    private readonly described: DescribedLoaders,
    private readonly programmes: ProgrammeLoaders,
  ) {}

  @Roles(...ANY_ROLE)
  @Query(() => ImprovementReviewType, { description: 'A review of a programme you may see.' })
  improvementReview(@CurrentPrincipal() principal: Principal, @IdArg() id: string): Promise<ImprovementReviewType> {
    return this.service.get(principal, id);
  }

  @Roles(...REVIEW_WRITERS)
  @Mutation(() => ImprovementReviewType, {
    description: "Completes a programme's scheduled review and schedules the next one, due reviewCadenceDays later.",
  })
  completeReview(@CurrentPrincipal() principal: Principal, @Args('input') input: CompleteReviewInput): Promise<ImprovementReviewType> {
    return this.service.complete(principal, input);
  }

  @ResolveField(() => ProgrammeType)
  programme(@Parent() review: ImprovementReviewType): Promise<ProgrammeType | null> {
    return this.programmes.programme().load(review.programmeId);
  }

  @ResolveField(() => [MeasureValueType], { description: 'The value recorded for each measure, by measure name.' })
  values(
    @CurrentPrincipal() principal: Principal,
    @Parent() review: ImprovementReviewType,
    @Info() info: GraphQLResolveInfo,
  ): Promise<MeasureValueType[]> {
    return this.described.many(info, principal, review.id);
  }

  @ResolveField(() => [ImprovementActionType], {
    description: 'Every action the review raised, whatever its status.',
    complexity: listOf(MAX_ACTIONS_PER_REVIEW),
  })
  actions(
    @CurrentPrincipal() principal: Principal,
    @Parent() review: ImprovementReviewType,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ImprovementActionType[]> {
    return this.described.many(info, principal, review.id);
  }
}

@Resolver(() => ImprovementActionType)
export class ImprovementActionResolver {
  constructor(
    private readonly service: ReviewsService,
    private readonly described: DescribedLoaders,
    private readonly registry: RegistryLoaders,
  ) {}

  @Roles(...ANY_ROLE)
  @Query(() => ImprovementActionType, { description: 'An improvement action of a programme you may see.' })
  improvementAction(@CurrentPrincipal() principal: Principal, @IdArg() id: string): Promise<ImprovementActionType> {
    return this.service.getAction(principal, id);
  }

  @Roles(...REVIEW_WRITERS)
  @Mutation(() => ImprovementActionType, {
    description: 'Changes the fields given: DONE or DROPPED with the date (today by default), OPEN to reopen.',
  })
  updateImprovementAction(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: UpdateImprovementActionInput,
  ): Promise<ImprovementActionType> {
    return this.service.updateAction(principal, input);
  }

  @ResolveField(() => PersonType)
  owner(@Parent() action: ImprovementActionType): Promise<PersonType | null> {
    return this.registry.person().load(action.ownerPersonId);
  }

  @ResolveField(() => ImprovementReviewType)
  review(@Parent() action: ImprovementActionType): Promise<ImprovementReviewType | null> {
    return this.described.byId<ImprovementReviewType>('ImprovementReview').load(action.reviewId);
  }
}
