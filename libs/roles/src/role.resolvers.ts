import { Args, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { ANY_ROLE, CurrentPrincipal, Principal, Roles } from '@joinedup/access';
import { DescribedLoaders, IdArg, listOf } from '@joinedup/graphql-kit';
import { ProgrammeLoaders, ProgrammeType } from '@joinedup/programmes';
import { OrganisationType, PersonType, REGISTRY_MANAGERS, RegistryLoaders } from '@joinedup/registry';
import { RoleLoaders } from './role.loaders';
import { AssignRoleInput, DefineRoleInput, MAX_REQUIRED_COMPETENCIES, RetireRoleInput, RoleCandidatesArgs, UpdateRoleInput, VacateRoleInput } from './role.inputs';
import { ProgrammeRoleType, RequiredCompetencyType, RoleAssignmentType, RoleCandidateType, RoleFitType } from './role.types';
import { MAX_ROLES_PER_PROGRAMME, RolesService } from './roles.service';

@Resolver(() => ProgrammeRoleType)
export class ProgrammeRoleResolver {
  constructor(
    private readonly service: RolesService,
    private readonly loaders: RoleLoaders,
    private readonly described: DescribedLoaders,
    private readonly programmes: ProgrammeLoaders,
  ) {}

  @Roles(...ANY_ROLE)
  @Query(() => ProgrammeRoleType, { description: 'A programme role; member representatives see those of their own localities.' })
  programmeRole(@CurrentPrincipal() principal: Principal, @IdArg() id: string): Promise<ProgrammeRoleType> {
    return this.service.get(principal, id);
  }

  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => ProgrammeRoleType, { description: `Defines a role of a programme (at most ${MAX_ROLES_PER_PROGRAMME} current roles).` })
  defineRole(@CurrentPrincipal() principal: Principal, @Args('input') input: DefineRoleInput): Promise<ProgrammeRoleType> {
    return this.service.define(principal, input);
  }

  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => ProgrammeRoleType, { description: 'Changes the fields given; requiredCompetencies, when given, replaces the list.' })
  updateRole(@CurrentPrincipal() principal: Principal, @Args('input') input: UpdateRoleInput): Promise<ProgrammeRoleType> {
    return this.service.update(principal, input);
  }

  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => ProgrammeRoleType, { description: 'Retires a role no longer needed; its holder stops holding it, its history stays.' })
  retireRole(@CurrentPrincipal() principal: Principal, @Args('input') input: RetireRoleInput): Promise<ProgrammeRoleType> {
    return this.service.retire(principal, input);
  }

  @ResolveField(() => ProgrammeType)
  async programme(@Parent() role: ProgrammeRoleType): Promise<ProgrammeType | null> {
    return this.programmes.programme().load(role.programmeId);
  }

  @ResolveField(() => [RequiredCompetencyType], { complexity: listOf(MAX_REQUIRED_COMPETENCIES) })
  requiredCompetencies(@CurrentPrincipal() principal: Principal, @Info() info: GraphQLResolveInfo, @Parent() role: ProgrammeRoleType): Promise<RequiredCompetencyType[]> {
    return this.described.many(info, principal, role.id);
  }

  @ResolveField(() => RoleAssignmentType, { nullable: true, description: 'The current holder, if any.' })
  holder(@CurrentPrincipal() principal: Principal, @Info() info: GraphQLResolveInfo, @Parent() role: ProgrammeRoleType): Promise<RoleAssignmentType | null> {
    return this.described.one(info, principal, role.id);
  }

  @ResolveField(() => [RoleCandidateType], {
    description: 'People of the bodies taking part in the programme now, each with their fit to the role, best fit first, then by name; none for a retired role.',
  })
  candidates(@Parent() role: ProgrammeRoleType, @Args() args: RoleCandidatesArgs): Promise<RoleCandidateType[]> {
    return this.loaders.candidates(args.first).load(role.id);
  }

  @ResolveField(() => [RoleAssignmentType], { description: 'Every holder, oldest first, the current one last.' })
  history(@CurrentPrincipal() principal: Principal, @Info() info: GraphQLResolveInfo, @Parent() role: ProgrammeRoleType): Promise<RoleAssignmentType[]> {
    return this.described.many(info, principal, role.id);
  }
}

@Resolver(() => RoleAssignmentType)
export class RoleAssignmentResolver {
  constructor(
    private readonly service: RolesService,
    private readonly loaders: RoleLoaders,
    private readonly registry: RegistryLoaders,
  ) {}

  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => RoleAssignmentType, {
    description: 'Gives a vacant role to a person of a participating organisation; one current holder per role.',
  })
  assignRole(@CurrentPrincipal() principal: Principal, @Args('input') input: AssignRoleInput): Promise<RoleAssignmentType> {
    return this.service.assign(principal, input);
  }

  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => RoleAssignmentType, { description: 'Ends the current holder’s assignment, with a reason; returns it ended.' })
  vacateRole(@CurrentPrincipal() principal: Principal, @Args('input') input: VacateRoleInput): Promise<RoleAssignmentType> {
    return this.service.vacate(principal, input);
  }

  @ResolveField(() => ProgrammeRoleType)
  async role(@Parent() assignment: RoleAssignmentType): Promise<ProgrammeRoleType | null> {
    return this.loaders.role().load(assignment.roleId);
  }

  @ResolveField(() => PersonType)
  async person(@Parent() assignment: RoleAssignmentType): Promise<PersonType | null> {
    return this.registry.person().load(assignment.personId);
  }

  @ResolveField(() => OrganisationType, { description: 'The organisation the holder works for.' })
  async organisation(@Parent() assignment: RoleAssignmentType): Promise<OrganisationType | null> {
    return this.registry.organisation().load(assignment.organisationId);
  }

  @ResolveField(() => RoleFitType, { description: 'How well the person’s competencies meet the role’s requirements now.' })
  fit(@Parent() assignment: RoleAssignmentType): Promise<RoleFitType> {
    return this.loaders.fit().load(assignment.id);
  }
}

@Resolver(() => RoleCandidateType)
export class RoleCandidateResolver {
  constructor(private readonly registry: RegistryLoaders) {}

  @ResolveField(() => PersonType)
  async person(@Parent() candidate: RoleCandidateType): Promise<PersonType | null> {
    return this.registry.person().load(candidate.personId);
  }
}

/** Adds `roles` to the programmes library's Programme type, without it knowing about roles. */
@Resolver(() => ProgrammeType)
export class ProgrammeRolesResolver {
  constructor(private readonly described: DescribedLoaders) {}

  @ResolveField(() => [ProgrammeRoleType], {
    description: 'Current roles by title; retired ones after them with includeRetired.',
    complexity: listOf(MAX_ROLES_PER_PROGRAMME),
  })
  roles(
    @CurrentPrincipal() principal: Principal,
    @Info() info: GraphQLResolveInfo,
    @Parent() programme: ProgrammeType,
    @Args('includeRetired', { type: () => Boolean, defaultValue: false }) includeRetired: boolean,
  ): Promise<ProgrammeRoleType[]> {
    return this.described.many(info, principal, programme.id, { includeRetired });
  }
}

/** Adds the roles a person holds to the registry's Person type. */
@Resolver(() => PersonType)
export class PersonRolesResolver {
  constructor(private readonly described: DescribedLoaders) {}

  @ResolveField(() => [RoleAssignmentType], {
    description: 'Roles the person holds now in ACTIVE programmes (for a member representative, in their own localities).',
  })
  rolesHeld(@CurrentPrincipal() principal: Principal, @Info() info: GraphQLResolveInfo, @Parent() person: PersonType): Promise<RoleAssignmentType[]> {
    return this.described.many(info, principal, person.id);
  }
}
