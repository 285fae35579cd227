import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { TenantDb } from '@joinedup/database';
import { groupBy, oneBy, requestLoader } from '@joinedup/graphql-kit';
import {
  LOCALITY_COLUMNS,
  LocalityRow,
  MEMBERSHIP_COLUMNS,
  MembershipRow,
  ORGANISATION_COLUMNS,
  OrganisationRow,
  PERSON_COLUMNS,
  PersonRow,
  toLocality,
  toMembership,
  toOrganisation,
  toPerson,
} from './registry.rows';
import { competencyOrder, byFullNameKeys, membershipOfBodyOrder, membershipOrder, membershipsFrom, membershipsOfBodyFrom } from './registry-lists';
import { CompetencyType, LocalityType, MembershipType, OrganisationType, PersonType } from './registry.types';

/** Per-request batch loaders of the registry: one statement per list level. */
@Injectable()
export class RegistryLoaders {
  constructor(private readonly db: TenantDb) {}

  organisation(): DataLoader<string, OrganisationType | null> {
    return requestLoader('registry.organisation', async (ids) => {
      const rows = await this.db.query<OrganisationRow>(
        `select ${ORGANISATION_COLUMNS} from organisation where id = any($1::uuid[])`,
        [ids],
      );
      return oneBy(ids, rows, (r) => r.id).map((r) => r && toOrganisation(r));
    });
  }

  locality(): DataLoader<string, LocalityType | null> {
    return requestLoader('registry.locality', async (ids) => {
      const rows = await this.db.query<LocalityRow>(`select ${LOCALITY_COLUMNS} from locality where id = any($1::uuid[])`, [ids]);
      return oneBy(ids, rows, (r) => r.id).map((r) => r && toLocality(r));
    });
  }

  person(): DataLoader<string, PersonType | null> {
    return requestLoader('registry.person', async (ids) => {
      const rows = await this.db.query<PersonRow>(`select ${PERSON_COLUMNS} from person where id = any($1::uuid[])`, [ids]);
      return oneBy(ids, rows, (r) => r.id).map((r) => r && toPerson(r));
    });
  }

  /** Memberships of each locality; `includeFormer` adds bodies that have left. */
  membersOfLocality(includeFormer: boolean): DataLoader<string, MembershipType[]> {
    return requestLoader(`registry.members.${includeFormer}`, async (ids) => {
      const rows = await this.db.query<MembershipRow>(
        `select ${MEMBERSHIP_COLUMNS.split(', ').map((c) => `m.${c}`).join(', ')} ${membershipsFrom('m', '$2')}
            and m.locality_id = any($1::uuid[])
          order by ${membershipOrder('m')}`,
        [ids, includeFormer],
      );
      return groupBy(ids, rows, (r) => r.locality_id).map((group) => group.map(toMembership));
    });
  }

  /**
   * Memberships of each body in the localities the caller sees (`access`: localityAccessParam's
   * value, null for everyone but a member representative); `includeFormer` adds those it left.
   */
  membershipsOfOrganisation(includeFormer: boolean, access: string | null): DataLoader<string, MembershipType[]> {
    return requestLoader(`registry.memberships.${includeFormer}.${access}`, async (ids) => {
      const rows = await this.db.query<MembershipRow>(
        `select ${MEMBERSHIP_COLUMNS.split(', ').map((c) => `m.${c}`).join(', ')} ${membershipsOfBodyFrom('m', '$2', '$3')}
            and m.organisation_id = any($1::uuid[])
          order by ${membershipOfBodyOrder('m')}`,
        [ids, includeFormer, access],
      );
      return groupBy(ids, rows, (r) => r.organisation_id).map((group) => group.map(toMembership));
    });
  }

  peopleOfOrganisation(): DataLoader<string, PersonType[]> {
    return requestLoader('registry.people', async (ids) => {
      const rows = await this.db.query<PersonRow>(
        `select ${PERSON_COLUMNS} from person p where organisation_id = any($1::uuid[]) order by ${byFullNameKeys('p').join(', ')}`,
        [ids],
      );
      return groupBy(ids, rows, (r) => r.organisation_id).map((group) => group.map(toPerson));
    });
  }

  competencies(): DataLoader<string, CompetencyType[]> {
    return requestLoader('registry.competencies', async (ids) => {
      const rows = await this.db.query<CompetencyType & { person_id: string }>(
        `select person_id, name, level from person_competency c where person_id = any($1::uuid[]) order by ${competencyOrder('c')}`,
        [ids],
      );
      return groupBy(ids, rows, (r) => r.person_id).map((group) => group.map(({ name, level }) => ({ name, level })));
    });
  }
}
