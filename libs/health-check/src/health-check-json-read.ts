import { Injectable, OnModuleInit } from '@nestjs/common';
import { rolesOf } from '@joinedup/access';
import {
  ArgRule,
  JsonReads,
  ManyField,
  OneField,
  ReadField,
  ValueField,
  afterPart,
  column,
  cursorArg,
  optionalUuidArg,
  pageSizeArg,
  rowById,
  uuidArg,
} from '@joinedup/graphql-kit';
import { localityAccessCondition, localityAccessParam } from '@joinedup/registry';
import { ROUND_INVITATIONS, ROUND_RESPONSES, countInRound } from './health-check.loaders';
import { LATEST_ROUND_ORDER, localitySubject, programmeSubject, subjectRounds } from './health-check-results.service';
import { HealthCheckResultsResolver } from './health-check-results.resolvers';
import { roundStatusSql } from './survey-round-status';
import { ROUND_COLUMNS, STATEMENTS, STATEMENT_ORDER, statementsOf, toRound, toStatement } from './survey-round.rows';
import { SurveyRoundResolver } from './survey-round.resolvers';
import { BUILT_IN_INSTRUMENT, ROUND_CURSOR_DAY, ROUND_ORDER, roundsOfLocality } from './survey-rounds.service';

/** The cursor of a list of rounds: (opening day, id), the day checked as the service checks it. */
const roundCursorArg: ArgRule = (value) => {
  const read = cursorArg(['text', 'uuid'])(value);
  const parts = read?.value as string[] | null | undefined;
  return parts && !ROUND_CURSOR_DAY.test(parts[0]) ? null : read;
};

/** The statements of the instrument whose id the row's `column` holds, in order. */
const statementsOfInstrument = (column: string): ManyField => ({
  many: (row, st) => statementsOf(`array[${row}.${column}]`, st),
  orderBy: STATEMENT_ORDER,
});

/*
 * A published round's results are read from its publication (round-publication.ts). Each
 * json object is parsed once into a row of json columns named by its keys (the keys of its
 * GraphQL type, below): a column keeps the text JSON.stringify wrote (numbers keep their
 * digits), and is embedded as it is; `->` on a json value would parse the whole text again
 * for every field. Each row carries the publication's tenant_id.
 */
const RESULTS_KEYS = ['suppressed', 'note', 'responseCount', 'countNeutral', 'minGroupSize', 'barriers', 'perceptionGap', 'bySector', 'byOrganisation'] as const;
const BARRIER_KEYS = [
  'barrier', 'statementId', 'position', 'statement', 'answered', 'dontKnow', 'reportingWeakness', 'share',
  'baselineShare', 'baselineLabel', 'difference', 'interval',
] as const;
const INTERVAL_KEYS = ['low', 'high'] as const;
const GAP_KEYS = ['barrier', 'surveyShare', 'recordsShare', 'programmes', 'flaggedProgrammes', 'openFlags', 'recordsAt', 'side', 'reading'] as const;
const GROUP_RESULT_KEYS = ['group', 'responses', 'suppressed', 'note', 'barriers'] as const;
const GROUP_KEYS = ['kind', 'sector', 'organisationId'] as const;

/** The column definitions of a json object's keys, for json_to_record(set). */
const jsonColumns = (keys: readonly string[]) => keys.map((key) => `"${key}" json`).join(', ');

/** The publication of the round `round` (a uuid expression) as the row `p(tenant_id, round_id, <RESULTS_KEYS>)`. */
const publication = (p: string, round: string) =>
  `from (select x.tenant_id, x.round_id, f.* from survey_round_publication x cross join json_to_record(x.figures) as f(${jsonColumns(RESULTS_KEYS)})) ${p}
    where ${p}.round_id = ${round}`;

/** The figure `key` of the row, embedded as it was written. */
const figure = (key: string): ValueField => ({ value: (row) => `${row}."${key}"` });

/** The row's figures of these keys, each a field of its own. */
const fromFigures = (keys: readonly string[]): Record<string, ReadField> => Object.fromEntries(keys.map((key) => [key, figure(key)]));

/** The elements (objects of `keys`) of the row's json list `key`, in their order. */
const figures = (key: string, keys: readonly string[]): ManyField => ({
  many: (row, e) =>
    `from (select ${row}.tenant_id, x.* from rows from (json_to_recordset(${row}."${key}") as (${jsonColumns(keys)}))
      with ordinality as x(${keys.map((k) => `"${k}"`).join(', ')}, n)) ${e}`,
  orderBy: (e) => `${e}.n`,
});

/** The row's json object `key` (of `keys`), none when it is null. */
const figureObject = (key: string, keys: readonly string[]): OneField => ({
  one: (row, o) =>
    `from (select ${row}.tenant_id, x.* from json_to_record(${row}."${key}") as x(${jsonColumns(keys)}) where ${row}."${key}" is not null) ${o}`,
});

/** latestHealthCheckResults' localityId and programmeId: exactly one of them (else the resolver's BAD_USER_INPUT). */
const subjectArg: ArgRule = (value, args) => ((args?.localityId ?? null) === null) !== ((args?.programmeId ?? null) === null) ? optionalUuidArg(value) : null;

/**
 * The health check's part of JsonReads: rounds (one, a locality's page of them), their
 * counts and statements, the built-in instrument, and the results of a published round
 * (from its publication), as their resolvers answer them. A round not published yet is
 * left to execution (its results are computed in TypeScript), and so are the trend and
 * the CSV (why: below).
 */
@Injectable()
export class HealthCheckJsonRead implements OnModuleInit {
  constructor(private readonly reads: JsonReads) {}

  onModuleInit(): void {
    // Where the rows live: a round's statements are executed by their description (DescribedLoaders).
    this.reads.addRows('SurveyRound', { table: `(select s.tenant_id, ${ROUND_COLUMNS} from survey_round s)`, fromRow: toRound });
    this.reads.addRows('SurveyStatement', { table: STATEMENTS, fromRow: toStatement });

    this.reads.addFields('Query', {
      healthCheckInstrument: {
        roles: rolesOf(SurveyRoundResolver.prototype.healthCheckInstrument),
        one: (_row, i) => `from survey_instrument ${i} where ${i}.id = ${BUILT_IN_INSTRUMENT}`,
      },
      surveyRound: {
        roles: rolesOf(SurveyRoundResolver.prototype.surveyRound),
        args: { id: uuidArg },
        one: (_row, s, scope) => `from survey_round ${s} where ${s}.id = ${scope.arg('id')}::uuid`,
      },
      surveyRounds: {
        roles: rolesOf(SurveyRoundResolver.prototype.surveyRounds),
        args: { localityId: uuidArg, first: pageSizeArg, after: roundCursorArg },
        // As SurveyRoundsService.list: the locality must be one the caller sees (else NOT_FOUND).
        requires: (scope) =>
          `exists (select from locality l where l.id = ${scope.arg('localityId')}::uuid and ${localityAccessCondition('l', scope.caller(localityAccessParam))})`,
        page: (_row, s, scope) =>
          `from survey_round ${s} where ${roundsOfLocality(s, scope.arg('localityId'), afterPart(scope, 1), afterPart(scope, 2))}`,
        orderBy: ROUND_ORDER,
        cursor: (s) => [`${s}.opens_on`, `${s}.id`],
      },
    });
    this.reads.addFields('SurveyRound', {
      id: column('id'),
      title: column('title'),
      opensOn: column('opens_on'),
      closesOn: column('closes_on'),
      status: { value: (row) => roundStatusSql(row) },
      countNeutral: column('count_neutral'),
      minGroupSize: column('min_group_size'),
      locality: rowById('locality', 'locality_id'),
      programme: rowById('programme', 'programme_id'),
      invitedCount: { value: (row) => countInRound(ROUND_INVITATIONS, `${row}.id`) },
      responseCount: { value: (row) => countInRound(ROUND_RESPONSES, `${row}.id`) },
      statements: statementsOfInstrument('instrument_id'),
    });
    this.reads.addFields('HealthCheckInstrument', {
      id: column('id'),
      name: column('name'),
      version: column('version'),
      statements: statementsOfInstrument('id'),
    });
    this.reads.addFields('SurveyStatement', {
      id: column('id'),
      position: column('position'),
      barrier: column('barrier'),
      text: column('text'),
      // Rows of STATEMENTS carry the baseline as shown.
      baselineShare: column('baseline_share'),
      baselineLabel: column('baseline_label'),
    });

    // A round's results, once published: the root finds no row for a round not published
    // (not final yet: computed by its resolver) or not the caller's (NOT_FOUND).
    const latestRound = (scope: Parameters<NonNullable<ReadField['requires']>>[0]) =>
      `(select r.id from (${localitySubject(`${scope.arg('localityId')}::uuid`)} union all ${programmeSubject(`${scope.arg('programmeId')}::uuid`)}) s
          join survey_round r on ${subjectRounds('r', 's')} order by ${LATEST_ROUND_ORDER('r')} limit 1)`;
    this.reads.addFields('Query', {
      healthCheckResults: {
        roles: rolesOf(HealthCheckResultsResolver.prototype.healthCheckResults),
        args: { roundId: uuidArg },
        one: (_row, p, scope) => publication(p, `${scope.arg('roundId')}::uuid`),
      },
      latestHealthCheckResults: {
        roles: rolesOf(HealthCheckResultsResolver.prototype.latestHealthCheckResults),
        args: { localityId: subjectArg, programmeId: subjectArg },
        // Null (no round yet), a subject not the caller's and a latest round not published are the resolver's.
        requires: (scope) => `exists (select from survey_round_publication x where x.round_id = ${latestRound(scope)})`,
        one: (_row, p, scope) => publication(p, latestRound(scope)),
      },
    });
    this.reads.addFields('HealthCheckResults', {
      round: rowById('survey_round', 'round_id'),
      // Published once the round is final: closed and settled (below its minimum group, its counts only).
      provisional: { value: () => 'false' },
      invitedCount: { value: (row) => countInRound(ROUND_INVITATIONS, `${row}.round_id`) },
      ...fromFigures(['suppressed', 'note', 'responseCount', 'countNeutral', 'minGroupSize']),
      barriers: figures('barriers', BARRIER_KEYS),
      perceptionGap: figures('perceptionGap', GAP_KEYS),
      bySector: figures('bySector', GROUP_RESULT_KEYS),
      byOrganisation: figures('byOrganisation', GROUP_RESULT_KEYS),
    });
    this.reads.addFields('HealthCheckRoundSummary', {
      id: column('id'),
      title: column('title'),
      opensOn: column('opens_on'),
      closesOn: column('closes_on'),
      status: { value: (row) => roundStatusSql(row) },
      locality: rowById('locality', 'locality_id'),
      programme: rowById('programme', 'programme_id'),
    });
    this.reads.addFields('HealthCheckBarrierResult', {
      ...fromFigures(BARRIER_KEYS.filter((key) => key !== 'interval')),
      interval: figureObject('interval', INTERVAL_KEYS),
    });
    this.reads.addFields('HealthCheckInterval', fromFigures(INTERVAL_KEYS));
    this.reads.addFields('HealthCheckPerceptionGap', fromFigures(GAP_KEYS));
    this.reads.addFields('HealthCheckGroupResult', {
      group: figureObject('group', GROUP_KEYS),
      ...fromFigures(['responses', 'suppressed', 'note']),
      barriers: figures('barriers', BARRIER_KEYS),
    });
    this.reads.addFields('HealthCheckGroup', {
      ...fromFigures(['kind', 'sector']),
      organisation: {
        // The id as a subquery's value: row-level security lets no qual that casts text (not
        // leakproof) reach the primary key, so `o.id = (… #>> …)::uuid` would scan every body.
        one: (row, o) =>
          `from organisation ${o} where ${o}.tenant_id = ${row}.tenant_id and ${o}.id = (select (${row}."organisationId" #>> '{}')::uuid)`,
      },
    });

    const anonymity =
      'computed in TypeScript from the answers of each round (shares, Wilson intervals, which groups may be shown: results-disclosure.ts); ' +
      "healthCheckResults and latestHealthCheckResults are described, read from a round's publication once it is final, and executed so until then";
    this.reads.leaveExecuted('Query', anonymity, ['healthCheckTrend', 'healthCheckCsv']);
    this.reads.leaveExecuted('HealthCheckTrendPoint', anonymity);
    const byToken = "answered to a survey link's token or edit code, not to a signed-in caller";
    this.reads.leaveExecuted('Query', byToken, ['healthCheckQuestions', 'healthCheckQuestionsToChange']);
    this.reads.leaveExecuted('HealthCheckQuestions', byToken);
    this.reads.leaveExecuted('HealthCheckQuestion', byToken);
  }
}
