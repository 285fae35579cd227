import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { Principal } from '@joinedup/access';
import { TenantDb } from '@joinedup/database';
import { groupBy, oneBy, requestLoader } from '@joinedup/graphql-kit';
import { localityAccessParam } from '@joinedup/registry';
import { FitRow, fitSql } from './role-fit.sql';
import { heldRolesFrom, rankedCandidates, heldRolesOrder, historyOrder, requiredCompetencyOrder, roleOrder, rolesOfProgrammeCondition } from './role-lists';
import { AssignmentRow, RoleRow, assignmentColumns, roleColumns, toAssignment, toRole } from './role.rows';
import { ProgrammeRoleType, RequiredCompetencyType, RoleAssignmentType, RoleCandidateType, RoleFitType } from './role.types';

/** Per-request batch loaders of roles and their holders: one statement per list level. */
@Injectable()
export class RoleLoaders {
  constructor(private readonly db: TenantDb) {}

  role(): DataLoader<string, ProgrammeRoleType | null> {
    return requestLoader('roles.role', async (ids) => {
      const rows = await this.db.query<RoleRow>(`select ${roleColumns('r')} from programme_role r where r.id = any($1::uuid[])`, [ids]);
      return oneBy(ids, rows, (r) => r.id).map((r) => r && toRole(r));
    });
  }

  /** Roles of each programme, current ones by title; retired ones too with `includeRetired`. */
  rolesOfProgramme(includeRetired: boolean): DataLoader<string, ProgrammeRoleType[]> {
    return requestLoader(`roles.byProgramme.${includeRetired}`, async (ids) => {
      const rows = await this.db.query<RoleRow>(
        `select ${roleColumns('r')} from programme_role r
          where r.programme_id = any($1::uuid[]) and ${rolesOfProgrammeCondition('r', '$2')}
          order by ${roleOrder('r')}`,
        [ids, includeRetired],
      );
      return groupBy(ids, rows, (r) => r.programme_id).map((group) => group.map(toRole));
    });
  }

  requiredCompetencies(): DataLoader<string, RequiredCompetencyType[]> {
    return requestLoader('roles.requiredCompetencies', async (ids) => {
      const rows = await this.db.query<{ role_id: string; name: string; min_level: number }>(
        `select role_id, name, min_level from programme_role_competency c where role_id = any($1::uuid[]) order by ${requiredCompetencyOrder('c')}`,
        [ids],
      );
      return groupBy(ids, rows, (r) => r.role_id).map((group) => group.map((r) => ({ name: r.name, minLevel: r.min_level })));
    });
  }

  /** The current holder's assignment of each role, if any. */
  currentAssignment(): DataLoader<string, RoleAssignmentType | null> {
    return requestLoader('roles.current', async (ids) => {
      const rows = await this.db.query<AssignmentRow>(
        `select ${assignmentColumns('a')} from role_assignment a where a.role_id = any($1::uuid[]) and a.ended_at is null`,
        [ids],
      );
      return oneBy(ids, rows, (r) => r.role_id).map((r) => r && toAssignment(r));
    });
  }

  /** Every holder of each role, oldest first. */
  history(): DataLoader<string, RoleAssignmentType[]> {
    return requestLoader('roles.history', async (ids) => {
      const rows = await this.db.query<AssignmentRow>(
        `select ${assignmentColumns('a')} from role_assignment a where a.role_id = any($1::uuid[]) order by ${historyOrder('a')}`,
        [ids],
      );
      return groupBy(ids, rows, (r) => r.role_id).map((group) => group.map(toAssignment));
    });
  }

  /**
   * Roles each person holds now in ACTIVE programmes, of localities the caller may see
   * (a member representative, only those of localities their organisation is a member of).
   */
  heldByPerson(principal: Principal): DataLoader<string, RoleAssignmentType[]> {
    const access = localityAccessParam(principal);
    return requestLoader(`roles.heldByPerson.${access ?? 'all'}`, async (ids) => {
      const rows = await this.db.query<AssignmentRow>(
        `select ${assignmentColumns('a')} ${heldRolesFrom('a', '$2')} and a.person_id = any($1::uuid[])
          order by ${heldRolesOrder('a')}`,
        [ids, access],
      );
      return groupBy(ids, rows, (r) => r.person_id).map((group) => group.map(toAssignment));
    });
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
