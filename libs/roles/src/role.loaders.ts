import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { TenantDb } from '@joinedup/database';
import { DescribedLoaders, groupBy, oneBy, requestLoader } from '@joinedup/graphql-kit';
import { FitRow, fitSql } from './role-fit.sql';
import { rankedCandidates } from './role-lists';
import { ProgrammeRoleType, RoleCandidateType, RoleFitType } from './role.types';

/**
 * Roles by id, from the table and mapper RoleJsonRead registers; and what the descriptions
 * have only as rows of no table (a role's candidates ranked by fit, an assignment's fit, with
 * its default when the role requires nothing): per request, one statement per list level.
 * The roles' relations are resolved by their descriptions (DescribedLoaders), not here.
 */
@Injectable()
export class RoleLoaders {
  constructor(
    private readonly db: TenantDb,
    private readonly described: DescribedLoaders,
  ) {}

  role(): DataLoader<string, ProgrammeRoleType | null> {
    return this.described.byId<ProgrammeRoleType>('ProgrammeRole');
  }

  /**
   * For each current role, the people of the bodies taking part in its programme now, each
   * with their fit (the same SQL as a holder's), best fit first then by name, at most
   * `first` a role: one statement for every role asked about.
   */
  candidates(first: number): DataLoader<string, RoleCandidateType[]> {
    return requestLoader(`roles.candidates.${first}`, async (ids) => {
      const rows = await this.db.query<FitRow & { role_id: string; person_id: string }>(
        `select * from (${rankedCandidates('r.id = any($1::uuid[])')}) ranked where rank <= $2 order by role_id, rank`,
        [ids, first],
      );
      return groupBy(ids, rows, (r) => r.role_id).map((group) => group.map((r) => ({ personId: r.person_id, fit: toFit(r) })));
    });
  }

  /** The fit of each assignment's person to its role, computed in one statement for the whole list. */
  fit(): DataLoader<string, RoleFitType> {
    return requestLoader('roles.fit', async (ids) => {
      const rows = await this.db.query<FitRow>(
        fitSql(`(select id as key, tenant_id, role_id, person_id from role_assignment where id = any($1::uuid[]))`),
        [ids],
      );
      return oneBy(ids, rows, (r) => r.key).map((r) => (r ? toFit(r) : { score: 1, met: 0, required: 0, gaps: [] }));
    });
  }
}

export const toFit = (r: FitRow): RoleFitType => ({ score: Number(r.score), met: r.met, required: r.required, gaps: r.gaps });
