import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { GraphQLResolveInfo } from 'graphql';
import { TenantDb } from '@joinedup/database';
import { groupBy, requestLoader, selects } from '@joinedup/graphql-kit';
import { ORGANISATION_COLUMNS, OrganisationRow, PERSON_COLUMNS, PersonRow, RegistryLoaders, toOrganisation, toPerson } from '@joinedup/registry';
import { ProgrammeLoaders } from './programme.loaders';
import { LEADER_COLUMNS, LeaderRow, PROGRAMME_COLUMNS, ProgrammeRow, toLeader, toProgramme } from './programme.rows';
import { ProgrammeType } from './programme.types';

/** What the client asked for below a locality's programmes. */
interface ProgrammesDepth {
  participants: boolean;
  leader: boolean;
  leaderPerson: boolean;
}

const columnsOf = (list: string) => list.split(',').map((c) => c.trim());
const LEADER = columnsOf(LEADER_COLUMNS);
const PERSON = columnsOf(PERSON_COLUMNS);
const LEADER_PREFIX = 'leader__';
const PERSON_PREFIX = 'leader_person__';

/** `table.column as prefixcolumn, …`: a one-to-one child's columns beside its parent's. */
const aliased = (columns: string[], table: string, prefix: string) => columns.map((c) => `${table}.${c} as ${prefix}${c}`).join(', ');

/** The child's row back from its prefixed columns, or null when the left join found none. */
function unaliased<T>(row: Record<string, unknown>, columns: string[], prefix: string): T | null {
  if (row[`${prefix}id`] === null) return null;
  return Object.fromEntries(columns.map((c) => [c, row[prefix + c]])) as T;
}

type ProgrammeTreeRow = ProgrammeRow & { participants: OrganisationRow[] | null } & Record<string, unknown>;

/**
 * A locality's programmes with, when asked for, their participants and their current
 * leader and that leader's person: one statement for every locality of the request. The
 * leader and person are one-to-one, so they come as joined columns (timestamps stay
 * timestamps); participants as a json list. The rows are primed into the loaders the
 * field resolvers use, so those send no SQL; a shallower query loads level by level.
 */
@Injectable()
export class LocalityProgrammesPrefetch {
  constructor(
    private readonly db: TenantDb,
    private readonly loaders: ProgrammeLoaders,
    private readonly registry: RegistryLoaders,
  ) {}

  /** The programmes of `localityId`, loaded as deep as `info` selects. */
  load(localityId: string, info: GraphQLResolveInfo): Promise<ProgrammeType[]> {
    const depth = {
      participants: selects(info, 'participants'),
      leader: selects(info, 'leader'),
      leaderPerson: selects(info, 'leader', 'person'),
    };
    if (!depth.participants && !depth.leader) return this.loaders.programmesOfLocality().load(localityId);
    return this.loader(depth).load(localityId);
  }

  private loader(depth: ProgrammesDepth): DataLoader<string, ProgrammeType[]> {
    const name = `programmes.tree.${depth.participants}.${depth.leader}.${depth.leaderPerson}`;
    return requestLoader(name, async (localityIds) => {
      const rows = await this.db.query<ProgrammeTreeRow>(programmeTreeSql(depth), [localityIds]);
      const programmes = rows.map((row) => this.prime(row, depth));
      return groupBy(localityIds, programmes, (p) => p.localityId);
    });
  }

  private prime(row: ProgrammeTreeRow, depth: ProgrammesDepth): ProgrammeType {
    const programme = toProgramme(row);
    this.loaders.programme().prime(programme.id, programme);
    if (depth.participants) {
      const participants = (row.participants ?? []).map(toOrganisation);
      this.loaders.participants().prime(programme.id, participants);
      const organisations = this.registry.organisation();
      for (const organisation of participants) organisations.prime(organisation.id, organisation);
    }
    if (depth.leader) {
      const leader = unaliased<LeaderRow>(row, LEADER, LEADER_PREFIX);
      this.loaders.currentLeader().prime(programme.id, leader && toLeader(leader));
      const person = depth.leaderPerson ? unaliased<PersonRow>(row, PERSON, PERSON_PREFIX) : null;
      if (person) this.registry.person().prime(person.id, toPerson(person));
    }
    return programme;
  }
}

/** Programmes in the order of ProgrammeLoaders.programmesOfLocality; participants in that of its participants(). */
function programmeTreeSql(depth: ProgrammesDepth): string {
  const participants = depth.participants
    ? `(select coalesce(json_agg(x order by x.name), '[]'::json)
          from (select ${columnsOf(ORGANISATION_COLUMNS).map((c) => `o.${c}`).join(', ')}
                  from programme_participant pp
                  join organisation o on o.tenant_id = pp.tenant_id and o.id = pp.organisation_id
                 where pp.tenant_id = p.tenant_id and pp.programme_id = p.id and pp.left_at is null) x)`
    : 'null';
  const leaderColumns = depth.leader ? `, ${aliased(LEADER, 'l', LEADER_PREFIX)}` : '';
  const personColumns = depth.leaderPerson ? `, ${aliased(PERSON, 'pe', PERSON_PREFIX)}` : '';
  const leaderJoin = depth.leader
    ? `left join programme_leader l on l.tenant_id = p.tenant_id and l.programme_id = p.id and l.stepped_down_at is null`
    : '';
  const personJoin = depth.leaderPerson ? `left join person pe on pe.tenant_id = l.tenant_id and pe.id = l.person_id` : '';
  return `select ${columnsOf(PROGRAMME_COLUMNS).map((c) => `p.${c}`).join(', ')}, ${participants} as participants
                 ${leaderColumns}${personColumns}
            from programme p
            ${leaderJoin}
            ${personJoin}
           where p.locality_id = any($1::uuid[])
           order by p.name, p.id`;
}
