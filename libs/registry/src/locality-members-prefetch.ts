import { Injectable, OnModuleInit } from '@nestjs/common';
import DataLoader from 'dataloader';
import { GraphQLResolveInfo } from 'graphql';
import { TenantDb } from '@joinedup/database';
import { SelectionTree, groupBy, prefetchedAnswer, requestLoader, selects, withPrefetched } from '@joinedup/graphql-kit';
import { LocalityParts } from './locality-parts';
import { MembershipRow, PERSON_COLUMNS, PersonRow, toMembership, toOrganisation, toPerson } from './registry.rows';
import { RegistryLoaders } from './registry.loaders';
import { CompetencyType, MembershipType, OrganisationType, PersonType } from './registry.types';
import { Sector } from './sector';

/** What the client asked for below a locality's members. */
interface MembersDepth {
  includeFormer: boolean;
  people: boolean;
  competencies: boolean;
}

interface MemberTreeRow extends MembershipRow {
  organisation_name: string;
  organisation_sector: Sector;
  organisation_external_ref: string | null;
  people: (PersonRow & { competencies?: CompetencyType[] })[] | null;
}

/**
 * A locality's members with their organisations, and, when asked for, those
 * organisations' people and their competencies: in the locality's own statement (as a
 * LocalityPart) when the locality is read with its members, otherwise one statement for
 * every locality of the request, instead of one per level. The rows are primed into the
 * registry's loaders, so the field resolvers below find them there and send no SQL; a
 * query that does not go that deep is loaded level by level as before.
 */
@Injectable()
export class LocalityMembersPrefetch implements OnModuleInit {
  constructor(
    private readonly db: TenantDb,
    private readonly loaders: RegistryLoaders,
    private readonly parts: LocalityParts,
  ) {}

  onModuleInit(): void {
    this.parts.add({ field: 'members', sql: membersSql, answer: (json, below) => this.answer(json as MemberTreeRow[], below) });
  }

  /** The members of `localityId` (active ones, and former with `includeFormer`), loaded as deep as `info` selects. */
  load(localityId: string, includeFormer: boolean, info: GraphQLResolveInfo): Promise<MembershipType[]> {
    if (!selects(info, 'organisation')) return this.loaders.membersOfLocality(includeFormer).load(localityId);
    const people = selects(info, 'organisation', 'people');
    const depth = { includeFormer, people, competencies: people && selects(info, 'organisation', 'people', 'competencies') };
    return this.loader(depth).load(localityId);
  }

  private loader(depth: MembersDepth): DataLoader<string, MembershipType[]> {
    const name = `registry.memberTree.${depth.includeFormer}.${depth.people}.${depth.competencies}`;
    return requestLoader(name, async (localityIds) => {
      const rows = await this.db.query<MemberTreeRow>(memberTreeSql(depth), [localityIds, depth.includeFormer]);
      for (const row of rows) this.prime(organisationOf(row), row.people?.map(toPerson), depth.competencies ? row.people : undefined);
      return groupBy(localityIds, rows, (r) => r.locality_id).map((group) => group.map(toMembership));
    });
  }

  /**
   * The `members` of a locality from its statement's json column, each level handed the
   * answers of the next. The organisations are primed into their loader too: other fields
   * of the same request often reach member bodies by id (role holders, conflict parties).
   */
  private answer(rows: MemberTreeRow[], below: SelectionTree): MembershipType[] {
    const asked = depthOf(below);
    if (!asked.organisation) return rows.map(toMembership);
    const organisations = this.loaders.organisation();
    return rows.map((row) => {
      const organisation = organisationOf(row);
      organisations.prime(organisation.id, organisation);
      if (asked.people) {
        const people = (row.people ?? []).map((person) =>
          withPrefetched(toPerson(person), prefetchedAnswer('competencies', asked.competencies, person.competencies ?? [])),
        );
        withPrefetched(organisation, prefetchedAnswer('people', asked.people, people));
      }
      return withPrefetched(toMembership(row), prefetchedAnswer('organisation', true, organisation));
    });
  }

  /** An organisation, and when loaded its people and their competencies, into the request's loaders. */
  private prime(organisation: OrganisationType, people?: PersonType[], withCompetencies?: MemberTreeRow['people']): void {
    this.loaders.organisation().prime(organisation.id, organisation);
    if (!people) return;
    this.loaders.peopleOfOrganisation().prime(organisation.id, people);
    const persons = this.loaders.person();
    for (const person of people) persons.prime(person.id, person);
    const competencies = this.loaders.competencies();
    for (const person of withCompetencies ?? []) competencies.prime(person.id, person.competencies ?? []);
  }
}

/** A member row's organisation. */
const organisationOf = (row: MemberTreeRow): OrganisationType =>
  toOrganisation({
    id: row.organisation_id,
    name: row.organisation_name,
    sector: row.organisation_sector,
    external_ref: row.organisation_external_ref,
  });

/** How deep `below` (a `members` selection) can be answered in advance: only fields asked for without arguments. */
function depthOf(below: SelectionTree): { organisation: boolean; people: boolean; competencies: boolean } {
  const organisation = below.field('organisation');
  const people = organisation?.plain ? organisation.below.field('people') : null;
  const competencies = people?.plain ? people.below.field('competencies') : null;
  return {
    organisation: !!organisation?.plain,
    people: !!people?.plain,
    competencies: !!competencies?.plain,
  };
}

/** A locality's active members as one json column of the locality's statement, as deep as `below` asks. */
function membersSql(locality: string, below: SelectionTree): string {
  const asked = depthOf(below);
  const depth = { includeFormer: false, people: asked.people, competencies: asked.competencies };
  return `(select coalesce(json_agg(x order by x.joined_on, x.organisation_name), '[]'::json)
             from (${memberSelect(depth)} where m.tenant_id = ${locality}.tenant_id and m.locality_id = ${locality}.id and m.left_on is null) x)`;
}

/** Members in the order of RegistryLoaders.membersOfLocality; people in that of peopleOfOrganisation. */
function memberTreeSql(depth: MembersDepth): string {
  return `${memberSelect(depth)}
           where m.locality_id = any($1::uuid[]) and ($2 or m.left_on is null)
           order by m.joined_on, o.name`;
}

/** Memberships joined with their organisations (and people, as deep as `depth`), without the condition. */
function memberSelect(depth: MembersDepth): string {
  const competencies = depth.competencies
    ? `, (select coalesce(json_agg(json_build_object('name', c.name, 'level', c.level) order by c.name), '[]'::json)
           from person_competency c where c.tenant_id = p.tenant_id and c.person_id = p.id) as competencies`
    : '';
  const people = depth.people
    ? `(select coalesce(json_agg(x order by x.full_name, x.id), '[]'::json)
          from (select ${PERSON_COLUMNS}${competencies} from person p
                 where p.tenant_id = o.tenant_id and p.organisation_id = o.id) x)`
    : 'null';
  return `select m.id, m.locality_id, m.organisation_id, m.joined_on, m.left_on,
                 o.name as organisation_name, o.sector as organisation_sector, o.external_ref as organisation_external_ref,
                 ${people} as people
            from membership m
            join organisation o on o.tenant_id = m.tenant_id and o.id = m.organisation_id`;
}
