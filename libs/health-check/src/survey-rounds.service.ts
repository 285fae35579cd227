import { Injectable } from '@nestjs/common';
import { Principal } from '@joinedup/access';
import { AuditWriter } from '@joinedup/audit';
import { OutboxWriter, TenantDb } from '@joinedup/database';
import { badInput, conflict, notFound } from '@joinedup/errors';
import { Connection, decodeCursor, toConnection } from '@joinedup/graphql-kit';
import { ProgrammesService } from '@joinedup/programmes';
import { LocalitiesService, RegistryReason } from '@joinedup/registry';
import { closingProblem, openingProblem } from './survey-round-rules';
import { DOMAIN_EVENT, recordEvent } from '@joinedup/events';
import { SURVEY_TODAY } from './survey-round-status';
import { OpenSurveyRoundInput, SurveyRoundsArgs } from './survey-round.inputs';
import { ROUND_COLUMNS, RoundRow, STATEMENT_ORDER, StatementRow, statementsOf, toRound, toStatement } from './survey-round.rows';
import { HealthCheckInstrumentType, SurveyRoundType } from './survey-round.types';

/** The day a cursor of a list of rounds holds first. */
export const ROUND_CURSOR_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The rounds `s` of `locality` after the cursor (`day`, `id`: SQL expressions, `day` null for the first page), latest opening first. */
export const roundsOfLocality = (s: string, locality: string, day: string, id: string): string =>
  `${s}.locality_id = ${locality}::uuid and (${day}::date is null or (${s}.opens_on, ${s}.id) < (${day}::date, ${id}::uuid))`;
export const ROUND_ORDER = (s: string) => `${s}.opens_on desc, ${s}.id desc`;

/** The built-in instrument a new round uses: the latest version of the one every tenant shares. */
export const BUILT_IN_INSTRUMENT = `(select id from survey_instrument where tenant_id is null order by version desc limit 1)`;

/**
 * Survey rounds of a locality: opening, closing, reading. A round's status comes from its
 * dates and today (UTC), or is CLOSED from the moment a coordinator closes it.
 */
@Injectable()
export class SurveyRoundsService {
  constructor(
    private readonly db: TenantDb,
    private readonly localities: LocalitiesService,
    private readonly programmes: ProgrammesService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  /** The built-in instrument with its statements in order. */
  async builtInInstrument(): Promise<HealthCheckInstrumentType> {
    const [instrument] = await this.db.query<{ id: string; name: string; version: number }>(
      `select id, name, version from survey_instrument where id = ${BUILT_IN_INSTRUMENT}`,
    );
    const statements = await this.db.query<StatementRow>(
      `select st.* ${statementsOf('array[$1::uuid]', 'st')} order by ${STATEMENT_ORDER('st')}`,
      [instrument.id],
    );
    return { ...instrument, statements: statements.map(toStatement) };
  }

  /** A round of the caller's tenant, or NOT_FOUND. */
  async get(id: string): Promise<SurveyRoundType> {
    const [row] = await this.db.query<RoundRow>(`select ${ROUND_COLUMNS} from survey_round s where s.id = $1`, [id.toLowerCase()]);
    if (!row) throw notFound('The survey round');
    return toRound(row);
  }

  /** The rounds of a locality, newest (latest opening) first. */
  async list(principal: Principal, args: SurveyRoundsArgs): Promise<Connection<SurveyRoundType>> {
    const locality = await this.localities.get(principal, args.localityId.toLowerCase());
    const after = decodeCursor(args.after, ['text', 'uuid']);
    if (after && !ROUND_CURSOR_DAY.test(after[0])) throw badInput('The cursor is not one this list gave out.', 'after');
    const rows = await this.db.query<RoundRow>(
      `select ${ROUND_COLUMNS} from survey_round s
        where ${roundsOfLocality('s', '$1', '$2', '$3')}
        order by ${ROUND_ORDER('s')}
        limit $4`,
      [locality.id, after?.[0] ?? null, after?.[1] ?? null, args.first + 1],
    );
    return toConnection(rows, args.first, (r) => [r.opens_on, r.id], toRound);
  }

  async open(principal: Principal, input: OpenSurveyRoundInput): Promise<SurveyRoundType> {
    const locality = await this.localities.get(principal, input.localityId.toLowerCase());
    if (locality.archivedAt) throw conflict(`${locality.name} is archived: it takes no new health-check rounds.`, RegistryReason.LOCALITY_ARCHIVED);
    let programmeId: string | null = null;
    if (input.programmeId) {
      const programme = await this.programmes.get(principal, input.programmeId.toLowerCase());
      if (programme.localityId !== locality.id) {
        throw badInput(`${programme.name} is not a programme of ${locality.name}.`, 'programmeId');
      }
      programmeId = programme.id;
    }
    const [{ today }] = await this.db.query<{ today: string }>(`select ${SURVEY_TODAY}::text as today`);
    const problem = openingProblem(input.opensOn, input.closesOn, today);
    if (problem) throw badInput(problem.message, problem.field);

    const [row] = await this.db.query<RoundRow>(
      `insert into survey_round as s (tenant_id, locality_id, programme_id, instrument_id, title, opens_on, closes_on,
                                      count_neutral, min_group_size, created_by_user_id)
       values ($1, $2, $3, ${BUILT_IN_INSTRUMENT}, $4, $5, $6, $7, $8, $9)
       returning ${ROUND_COLUMNS}`,
      [
        principal.tenantId,
        locality.id,
        programmeId,
        input.title,
        input.opensOn,
        input.closesOn,
        input.countNeutral,
        input.minGroupSize,
        principal.userId,
      ],
    );
    const round = toRound(row);
    await this.audit.record({ action: 'survey_round.opened', entityType: 'SURVEY_ROUND', entityId: round.id, after: round });
    return round;
  }

  /**
   * Closes the round at once: today becomes its last day, its links (used or not) go, edit
   * codes stop working, and the worker settles its pooled responses (the event).
   */
  async close(id: string): Promise<SurveyRoundType> {
    const before = await this.lock(id);
    const problem = closingProblem(before.status, before.closesOn);
    if (problem) throw conflict(problem);
    const [row] = await this.db.query<RoundRow>(
      `update survey_round s set closes_on = ${SURVEY_TODAY}, closed_at = now() where s.id = $1 returning ${ROUND_COLUMNS}`,
      [before.id],
    );
    await this.db.query(`delete from survey_token where round_id = $1`, [before.id]);
    const after = toRound(row);
    await this.audit.record({ action: 'survey_round.closed', entityType: 'SURVEY_ROUND', entityId: after.id, before, after });
    await recordEvent(this.outbox, DOMAIN_EVENT.healthCheckRoundClosed, { roundId: after.id });
    return after;
  }

  /** The round held for this transaction (closing and inviting exclude each other), or NOT_FOUND. */
  async lock(id: string): Promise<SurveyRoundType> {
    const [row] = await this.db.query<RoundRow>(`select ${ROUND_COLUMNS} from survey_round s where s.id = $1 for update of s`, [
      id.toLowerCase(),
    ]);
    if (!row) throw notFound('The survey round');
    return toRound(row);
  }
}
