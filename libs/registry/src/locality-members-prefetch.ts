import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { GraphQLResolveInfo } from 'graphql';
import { TenantDb } from '@joinedup/database';
import { groupBy, requestLoader, selects } from '@joinedup/graphql-kit';
import { MembershipRow, PERSON_COLUMNS, PersonRow, toMembership, toOrganisation, toPerson } from './registry.rows';
import { RegistryLoaders } from './registry.loaders';
import { CompetencyType, MembershipType } from './registry.types';
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
 * organisations' people and their competencies: one statement for every locality of the
 * request, instead of one per level. The rows are primed into the registry's loaders, so
 * the field resolvers below find them there and send no SQL; a query that does not go
 * that deep is loaded level by level as before.
 */
@Injectable()
export class LocalityMembersPrefetch {
  constructor(
    private readonly db: TenantDb,
    private readonly loaders: RegistryLoaders,
  ) {}

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
      this.prime(rows, depth);
      return groupBy(localityIds, rows, (r) => r.locality_id).map((group) => group.map(toMembership));
    });
  }

  private prime(rows: MemberTreeRow[], depth: MembersDepth): void {
    const organisations = this.loaders.organisation();
    const peopleOf = this.loaders.peopleOfOrganisation();
    const persons = this.loaders.person();
    const competencies = this.loaders.competencies();
    for (const row of rows) {
      organisations.prime(
        row.organisation_id,
        toOrganisation({
          id: row.organisation_id,
          name: row.organisation_name,
          sector: row.organisation_sector,
          external_ref: row.organisation_external_ref,
        }),
      );
      if (!row.people) continue;
      peopleOf.prime(row.organisation_id, row.people.map(toPerson));
      for (const person of row.people) {
        persons.prime(person.id, toPerson(person));
        if (depth.competencies) competencies.prime(person.id, person.competencies ?? []);
      }
    }
  }
}

/** Members in the order of RegistryLoaders.membersOfLocality; people in that of peopleOfOrganisation. */
function memberTreeSql(depth: MembersDepth): string {
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
            join organisation o on o.tenant_id = m.tenant_id and o.id = m.organisation_id
           where m.locality_id = any($1::uuid[]) and ($2 or m.left_on is null)
           order by m.joined_on, o.name`;
}
