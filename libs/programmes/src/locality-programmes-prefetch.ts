import { Injectable, OnModuleInit } from '@nestjs/common';
import DataLoader from 'dataloader';
import { GraphQLResolveInfo } from 'graphql';
import { TenantDb } from '@joinedup/database';
import { SelectionTree, groupBy, prefetchedAnswer, requestLoader, selects, withPrefetched } from '@joinedup/graphql-kit';
import {
  LocalityParts,
  ORGANISATION_COLUMNS,
  OrganisationRow,
  OrganisationType,
  PERSON_COLUMNS,
  PersonRow,
  RegistryLoaders,
  toOrganisation,
  toPerson,
} from '@joinedup/registry';
import { ProgrammeLoaders } from './programme.loaders';
import { LEADER_COLUMNS, LeaderRow, PROGRAMME_COLUMNS, ProgrammeRow, toLeader, toProgramme } from './programme.rows';
import { ProgrammeLeaderType, ProgrammeType } from './programme.types';

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
 * leader and that leader's person: in the locality's own statement (as a LocalityPart)
 * when the locality is read with its programmes, otherwise one statement for every
 * locality of the request. There the leader and person are one-to-one, so they come as
 * joined columns (timestamps stay timestamps); participants as a json list. The rows are
 * primed into the loaders the field resolvers use, so those send no SQL; a shallower
 * query loads level by level.
 */
@Injectable()
export class LocalityProgrammesPrefetch implements OnModuleInit {
  constructor(
    private readonly db: TenantDb,
    private readonly loaders: ProgrammeLoaders,
    private readonly registry: RegistryLoaders,
    private readonly parts: LocalityParts,
  ) {}

  onModuleInit(): void {
    this.parts.add({ field: 'programmes', sql: programmesSql, answer: (json, below) => this.answer(json as ProgrammeJson[], below) });
  }

  /**
   * The `programmes` of a locality from its statement's json column, with the answers of
   * the next level; primed into the loaders too, as the loaders' path does.
   */
  private answer(rows: ProgrammeJson[], below: SelectionTree): ProgrammeType[] {
    const asked = depthOf(below);
    return rows.map((row) => {
      const programme = toProgramme(row);
      this.loaders.programme().prime(programme.id, programme);
      const answers = new Map<string, unknown>();
      if (asked.participants) {
        const participants = (row.participants ?? []).map(toOrganisation);
        this.primeParticipants(programme.id, participants);
        answers.set('participants', participants);
      }
      if (asked.leader) {
        const person = asked.person && row.leader?.person ? toPerson(row.leader.person) : null;
        const leader = row.leader ? withPrefetched(leaderOf(row.leader), prefetchedAnswer('person', asked.person, person)) : null;
        this.loaders.currentLeader().prime(programme.id, leader);
        if (person) this.registry.person().prime(person.id, person);
        answers.set('leader', leader);
      }
      return withPrefetched(programme, answers);
    });
  }

  private primeParticipants(programmeId: string, participants: OrganisationType[]): void {
    this.loaders.participants().prime(programmeId, participants);
    const organisations = this.registry.organisation();
    for (const organisation of participants) organisations.prime(organisation.id, organisation);
  }

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
    if (depth.participants) this.primeParticipants(programme.id, (row.participants ?? []).map(toOrganisation));
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

/** How deep `below` (a `programmes` selection) can be answered in advance: only fields asked for without arguments. */
function depthOf(below: SelectionTree): { participants: boolean; leader: boolean; person: boolean } {
  const participants = below.field('participants');
  const leader = below.field('leader');
  const person = leader?.plain ? leader.below.field('person') : null;
  return {
    participants: !!participants?.plain,
    leader: !!leader?.plain,
    person: !!person?.plain,
  };
}

const qualified = (list: string, table: string) => columnsOf(list).map((c) => `${table}.${c}`).join(', ');

type LeaderJson = Omit<LeaderRow, 'agreed_at' | 'stepped_down_at'> & {
  agreed_at: string;
  stepped_down_at: string | null;
  person?: PersonRow | null;
};
type ProgrammeJson = ProgrammeRow & { participants?: OrganisationRow[]; leader?: LeaderJson | null };

/** A locality's programmes as one json column of the locality's statement, with participants and leader as asked. */
function programmesSql(locality: string, below: SelectionTree): string {
  const asked = depthOf(below);
  const participants = asked.participants
    ? `, (select coalesce(json_agg(y order by y.name), '[]'::json)
            from (select ${qualified(ORGANISATION_COLUMNS, 'o')}
                    from programme_participant pp
                    join organisation o on o.tenant_id = pp.tenant_id and o.id = pp.organisation_id
                   where pp.tenant_id = p.tenant_id and pp.programme_id = p.id and pp.left_at is null) y) as participants`
    : '';
  const person = asked.person
    ? `, (select row_to_json(z) from (select ${qualified(PERSON_COLUMNS, 'pe')} from person pe
                                        where pe.tenant_id = pl.tenant_id and pe.id = pl.person_id) z) as person`
    : '';
  const leader = asked.leader
    ? `, (select row_to_json(y) from (select ${qualified(LEADER_COLUMNS, 'pl')}${person}
                                        from programme_leader pl
                                       where pl.tenant_id = p.tenant_id and pl.programme_id = p.id and pl.stepped_down_at is null) y) as leader`
    : '';
  return `(select coalesce(json_agg(x order by x.name, x.id), '[]'::json)
             from (select ${qualified(PROGRAMME_COLUMNS, 'p')}${participants}${leader}
                     from programme p where p.tenant_id = ${locality}.tenant_id and p.locality_id = ${locality}.id) x)`;
}

/** A leader from json (timestamps arrive as text). */
function leaderOf(json: LeaderJson): ProgrammeLeaderType {
  return toLeader({
    ...json,
    agreed_at: new Date(json.agreed_at),
    stepped_down_at: json.stepped_down_at === null ? null : new Date(json.stepped_down_at),
  });
}
