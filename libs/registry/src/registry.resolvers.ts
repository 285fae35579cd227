import { Args, ArgsType, Field, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Action, ANY_ROLE, CurrentPrincipal, Principal, Role, Roles } from '@joinedup/access';
import { Connection, DescribedLoaders, IdArg, PageArgs, listOf } from '@joinedup/graphql-kit';
import { LocalitiesService } from './localities.service';
import { MAX_ACTIVE_MEMBERS, MembershipsService } from './memberships.service';
import { OrganisationsService } from './organisations.service';
import { PeopleService } from './people.service';
import {
  AddMemberInput,
  CreateLocalityInput,
  CreateOrganisationInput,
  CreatePersonInput,
  RecordMemberLeftInput,
  RenameLocalityInput,
  SetCompetenciesInput,
} from './registry.inputs';
import {
  CompetencyType,
  LocalityConnection,
  LocalityType,
  MembershipType,
  OrganisationConnection,
  OrganisationType,
  PersonConnection,
  PersonType,
} from './registry.types';
import { Sector } from './sector';

/** Who manages the registry. */
export const REGISTRY_MANAGERS = [Role.TENANT_ADMIN, Role.COORDINATOR];

/** The longest name filter of `localities` and `organisations`. */
export const MAX_NAME_FILTER = 200;

/** The localities a body is usually a member of, for a query's cost (a body is rarely in more). */
const MEMBERSHIPS_OF_A_BODY = 10;

@ArgsType()
class LocalitiesArgs extends PageArgs {
  @Field({ nullable: true, description: 'Only localities whose name contains this text.' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_NAME_FILTER)
  nameContains?: string;

  @Field(() => Boolean, { defaultValue: false })
  @IsBoolean()
  includeArchived = false;
}

@ArgsType()
class OrganisationsArgs extends PageArgs {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_NAME_FILTER)
  nameContains?: string;

  @Field(() => Sector, { nullable: true })
  @IsOptional()
  @IsEnum(Sector)
  sector?: Sector;
}

/** The most competency names one request lists. */
export const MAX_COMPETENCY_NAMES = 200;

@ArgsType()
class CompetencyNamesArgs {
  @Field(() => Int, { defaultValue: 100, description: `How many to return, 1 to ${MAX_COMPETENCY_NAMES}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_COMPETENCY_NAMES)
  first = 100;
}

@Resolver(() => LocalityType)
export class LocalityResolver {
  constructor(
    private readonly service: LocalitiesService,
    private readonly described: DescribedLoaders,
  ) {}

  @Roles(...ANY_ROLE)
  @Query(() => LocalityType)
  locality(@CurrentPrincipal() principal: Principal, @IdArg() id: string): Promise<LocalityType> {
    return this.service.get(principal, id);
  }

  @Roles(...ANY_ROLE)
  @Query(() => LocalityConnection, { description: 'Localities by name; member representatives see their own.' })
  localities(@CurrentPrincipal() principal: Principal, @Args() args: LocalitiesArgs): Promise<Connection<LocalityType>> {
    return this.service.list(principal, args, args);
  }

  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => LocalityType)
  createLocality(@CurrentPrincipal() principal: Principal, @Args('input') input: CreateLocalityInput): Promise<LocalityType> {
    return this.service.create(principal, input);
  }

  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => LocalityType)
  renameLocality(@CurrentPrincipal() principal: Principal, @Args('input') input: RenameLocalityInput): Promise<LocalityType> {
    return this.service.rename(principal, input);
  }

  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => LocalityType)
  archiveLocality(@CurrentPrincipal() principal: Principal, @IdArg('localityId') id: string): Promise<LocalityType> {
    return this.service.archive(principal, id);
  }

  @ResolveField(() => [MembershipType], {
    description: 'Active member bodies; former ones too with includeFormer.',
    complexity: listOf(MAX_ACTIVE_MEMBERS),
  })
  members(
    @CurrentPrincipal() principal: Principal,
    @Info() info: GraphQLResolveInfo,
    @Parent() locality: LocalityType,
    @Args('includeFormer', { type: () => Boolean, defaultValue: false }) includeFormer: boolean,
  ): Promise<MembershipType[]> {
    return this.described.many(info, principal, locality.id, { includeFormer });
  }
}

@Resolver(() => MembershipType)
export class MembershipResolver {
  constructor(
    private readonly memberships: MembershipsService,
    private readonly described: DescribedLoaders,
  ) {}

  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => MembershipType, { description: 'Adds a member body to a locality (at most 40 active).' })
  addMember(@CurrentPrincipal() principal: Principal, @Args('input') input: AddMemberInput): Promise<MembershipType> {
    return this.memberships.add(principal, input);
  }

  @Action('record that a member body left')
  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => MembershipType, { description: 'Records that a body left; it also leaves the programmes there.' })
  recordMemberLeft(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: RecordMemberLeftInput,
  ): Promise<MembershipType> {
    return this.memberships.recordLeft(principal, input);
  }

  @ResolveField(() => OrganisationType)
  organisation(@CurrentPrincipal() principal: Principal, @Info() info: GraphQLResolveInfo, @Parent() membership: MembershipType): Promise<OrganisationType | null> {
    return this.described.one(info, principal, membership.id);
  }

  @ResolveField(() => LocalityType)
  locality(@CurrentPrincipal() principal: Principal, @Info() info: GraphQLResolveInfo, @Parent() membership: MembershipType): Promise<LocalityType | null> {
    return this.described.one(info, principal, membership.id);
  }
}

@Resolver(() => OrganisationType)
export class OrganisationResolver {
  constructor(
    private readonly service: OrganisationsService,
    private readonly memberships: MembershipsService,
    private readonly peopleService: PeopleService,
    private readonly described: DescribedLoaders,
  ) {}

  @Roles(...ANY_ROLE)
  @Query(() => OrganisationType)
  organisation(@IdArg() id: string): Promise<OrganisationType> {
    return this.service.get(id);
  }

  @Roles(...ANY_ROLE)
  @Query(() => OrganisationConnection, { description: 'Member bodies of the tenant by name.' })
  organisations(@Args() args: OrganisationsArgs): Promise<Connection<OrganisationType>> {
    return this.service.list(args, args);
  }

  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => OrganisationType)
  async createOrganisation(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: CreateOrganisationInput,
  ): Promise<OrganisationType> {
    const organisation = await this.service.create(principal, input);
    // A refusal here (40 members, an archived locality) fails the mutation, whose transaction undoes the creation.
    if (input.localityId) await this.memberships.add(principal, { localityId: input.localityId, organisationId: organisation.id });
    return organisation;
  }

  @ResolveField('memberships', () => [MembershipType], {
    description:
      'The localities it is an active member of (former memberships too with includeFormer), in the order it joined; ' +
      'a member representative sees those of the localities their own body is in.',
    complexity: listOf(MEMBERSHIPS_OF_A_BODY),
  })
  membershipsOfBody(
    @CurrentPrincipal() principal: Principal,
    @Info() info: GraphQLResolveInfo,
    @Parent() organisation: OrganisationType,
    @Args('includeFormer', { type: () => Boolean, defaultValue: false }) includeFormer: boolean,
  ): Promise<MembershipType[]> {
    return this.described.many(info, principal, organisation.id, { includeFormer });
  }

  @ResolveField(() => [PersonType])
  people(@CurrentPrincipal() principal: Principal, @Info() info: GraphQLResolveInfo, @Parent() organisation: OrganisationType): Promise<PersonType[]> {
    return this.described.many(info, principal, organisation.id);
  }

  @ResolveField(() => PersonConnection, { description: 'Its people by name, a page at a time.' })
  peopleConnection(@Parent() organisation: OrganisationType, @Args() page: PageArgs): Promise<Connection<PersonType>> {
    return this.peopleService.listOfOrganisation(organisation.id, page);
  }
}

@Resolver(() => PersonType)
export class PersonResolver {
  constructor(
    private readonly people: PeopleService,
    private readonly described: DescribedLoaders,
  ) {}

  @Roles(...ANY_ROLE)
  @Query(() => PersonType)
  person(@IdArg() id: string): Promise<PersonType> {
    return this.people.get(id);
  }

  @Roles(...ANY_ROLE)
  @Query(() => [String], {
    description: "The competency registry: the names people of the tenant's bodies hold, each once (whatever its case), alphabetical.",
  })
  competencyNames(@Args() args: CompetencyNamesArgs): Promise<string[]> {
    return this.people.competencyNames(args.first);
  }

  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => PersonType)
  createPerson(@CurrentPrincipal() principal: Principal, @Args('input') input: CreatePersonInput): Promise<PersonType> {
    return this.people.create(principal, input);
  }

  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => PersonType, { description: "Replaces a person's competencies." })
  setPersonCompetencies(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: SetCompetenciesInput,
  ): Promise<PersonType> {
    return this.people.setCompetencies(principal, input);
  }

  @ResolveField(() => OrganisationType)
  organisation(@CurrentPrincipal() principal: Principal, @Info() info: GraphQLResolveInfo, @Parent() person: PersonType): Promise<OrganisationType | null> {
    return this.described.one(info, principal, person.id);
  }

  @ResolveField(() => [CompetencyType])
  competencies(@CurrentPrincipal() principal: Principal, @Info() info: GraphQLResolveInfo, @Parent() person: PersonType): Promise<CompetencyType[]> {
    return this.described.many(info, principal, person.id);
  }
}
