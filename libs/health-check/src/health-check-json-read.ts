import { Injectable, OnModuleInit } from '@nestjs/common';
import { rolesOf } from '@joinedup/access';
import { ArgRule, JsonReads, ManyField, afterPart, column, cursorArg, pageSizeArg, rowById, uuidArg } from '@joinedup/graphql-kit';
import { localityAccessCondition, localityAccessParam } from '@joinedup/registry';
import { ROUND_INVITATIONS, ROUND_RESPONSES, countInRound } from './health-check.loaders';
import { roundStatusSql } from './survey-round-status';
import { STATEMENT_ORDER, baselineLabelSql, baselineShareSql, statementsOf } from './survey-round.rows';
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

/**
 * The health check's part of JsonReads: rounds (one, a locality's page of them), their
 * counts and statements, and the built-in instrument, as their resolvers answer them.
 * Results are left to execution (why: below).
 */
@Injectable()
export class HealthCheckJsonRead implements OnModuleInit {
  constructor(private readonly reads: JsonReads) {}

  onModuleInit(): void {
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
      baselineShare: { value: baselineShareSql },
      baselineLabel: { value: baselineLabelSql },
    });

    const anonymity = 'results are computed in TypeScript: shares, Wilson intervals, which groups may be shown (results-disclosure.ts)';
    this.reads.leaveExecuted('Query', anonymity, ['healthCheckResults', 'latestHealthCheckResults', 'healthCheckTrend', 'healthCheckCsv']);
    for (const type of [
      'HealthCheckResults',
      'HealthCheckRoundSummary',
      'HealthCheckBarrierResult',
      'HealthCheckInterval',
      'HealthCheckGroup',
      'HealthCheckGroupResult',
      'HealthCheckPerceptionGap',
      'HealthCheckTrendPoint',
    ]) {
      this.reads.leaveExecuted(type, anonymity);
    }
    const byToken = "answered to a survey link's token or edit code, not to a signed-in caller";
    this.reads.leaveExecuted('Query', byToken, ['healthCheckQuestions', 'healthCheckQuestionsToChange']);
    this.reads.leaveExecuted('HealthCheckQuestions', byToken);
    this.reads.leaveExecuted('HealthCheckQuestion', byToken);
  }
}
