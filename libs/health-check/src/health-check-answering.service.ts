import { Injectable } from '@nestjs/common';
import { TenantDb } from '@joinedup/database';
import { badInput, conflict } from '@joinedup/errors';
import { GivenAnswer, answerSetProblem } from './answer-set';
import {
  HealthCheckAnswersChangedType,
  HealthCheckQuestionType,
  HealthCheckQuestionsType,
  HealthCheckReceiptType,
} from './health-check-answering.types';
import { ChangeHealthCheckAnswersInput, SubmitHealthCheckInput } from './health-check-answering.inputs';
import { newResponseSecret, secretHash } from './response-secret';
import { ANSWER_IN_FLIGHT } from './round-publication';
import { SURVEY_TODAY, SurveyRoundStatus, roundStatusSql } from './survey-round-status';
import { SurveyAttemptThrottle, invalidSecret } from './survey-attempt-throttle';
import { HealthCheckReason } from './health-check.errors';

/** The token with the hash $1 while its link works (used or not: a used link looks like an unused one). */
const LIVE_TOKEN = `t.token_hash = $1 and t.expires_at > now()`;

export const USED_LINK =
  'This health-check link has been used already: to change your answers, use the edit code you were given when you answered.';

/**
 * Answering through a response link, without signing in. The throttle finds the tenant of
 * the link (or edit code); the work then runs in one transaction of that tenant, under its
 * row-level security, and stores nothing unless all of it succeeds.
 *
 * That transaction marks the link used, so whatever else it writes carries the same
 * transaction id: answers (new, or changed through an edit code) therefore go to
 * survey_response_pool, never to survey_response, and the worker settles them in shuffled
 * batches in a transaction of its own (settle_survey_responses, SurveyResponseSettler).
 */
@Injectable()
export class HealthCheckAnsweringService {
  constructor(
    private readonly db: TenantDb,
    private readonly throttle: SurveyAttemptThrottle,
  ) {}

  /** The questions, the same for a used link as for an unused one, until the round closes. */
  async questions(token: string, clientAddress: string): Promise<HealthCheckQuestionsType> {
    const { hash, tenantId } = await this.throttle.admit('token', token, clientAddress, 'healthCheckQuestions');
    return this.db.run({ tenantId }, () =>
      this.questionsOf(
        'token',
        `select s.title, l.name as locality_name, o.name as organisation_name, s.opens_on, s.closes_on, s.instrument_id
           from survey_token t
           join survey_round s on s.tenant_id = t.tenant_id and s.id = t.round_id
           join locality l on l.tenant_id = s.tenant_id and l.id = s.locality_id
           join organisation o on o.tenant_id = t.tenant_id and o.id = t.organisation_id
          where ${LIVE_TOKEN} and ${roundStatusSql('s')} <> 'CLOSED'`,
        hash,
      ),
    );
  }

  /**
   * The questions again for whoever holds an edit code, while its round is open, so the
   * answers can be given anew (never the answers given: they are not read back). The
   * organisation is the one the response counts for.
   */
  async questionsForEditCode(editCode: string, clientAddress: string): Promise<HealthCheckQuestionsType> {
    const { hash, tenantId } = await this.throttle.admit('editCode', editCode, clientAddress, 'healthCheckQuestionsToChange');
    return this.db.run({ tenantId }, () =>
      this.questionsOf(
        'editCode',
        `select s.title, l.name as locality_name, o.name as organisation_name, s.opens_on, s.closes_on, s.instrument_id
           from (select round_id, organisation_id from survey_response where edit_code_hash = $1
                 union all
                 select round_id, organisation_id from survey_response_pool where edit_code_hash = $1 and organisation_id is not null) r
           join survey_round s on s.id = r.round_id
           join locality l on l.tenant_id = s.tenant_id and l.id = s.locality_id
           join organisation o on o.tenant_id = s.tenant_id and o.id = r.organisation_id
          where ${roundStatusSql('s')} = 'OPEN'
          limit 1`,
        hash,
      ),
    );
  }

  /** The round's questions as `sql` (one row: title, names, days, instrument) finds them for a secret's hash. */
  private async questionsOf(secret: 'token' | 'editCode', sql: string, hash: Buffer): Promise<HealthCheckQuestionsType> {
    const [round] = await this.db.query<{
      title: string;
      locality_name: string;
      organisation_name: string;
      opens_on: string;
      closes_on: string;
      instrument_id: string;
    }>(sql, [hash]);
    if (!round) throw invalidSecret(secret);
    return {
      roundTitle: round.title,
      localityName: round.locality_name,
      organisationName: round.organisation_name,
      opensOn: round.opens_on,
      closesOn: round.closes_on,
      statements: await this.statements(round.instrument_id),
    };
  }

  /** Uses up the link: its token row is marked used, a response with organisation and sector joins the pool. */
  async submit(input: SubmitHealthCheckInput, clientAddress: string): Promise<HealthCheckReceiptType> {
    const { hash, tenantId } = await this.throttle.admit('token', input.token, clientAddress, 'submitHealthCheck');
    return this.db.run({ tenantId }, async () => {
      const [token] = await this.db.query<{ round_id: string; organisation_id: string; sector: string; used: boolean }>(
        `select t.round_id, t.organisation_id, t.sector, t.used from survey_token t where ${LIVE_TOKEN}`,
        [hash],
      );
      if (!token) throw invalidSecret('token');
      // Held until this answer is pooled (ANSWER_IN_FLIGHT): the close and the publication wait for it.
      const [round] = await this.db.query<{ instrument_id: string; opens_on: string; closes_on: string; status: SurveyRoundStatus }>(
        `select s.instrument_id, s.opens_on, s.closes_on, ${roundStatusSql('s')} as status from survey_round s where s.id = $1 ${ANSWER_IN_FLIGHT}`,
        [token.round_id],
      );
      if (round.status === SurveyRoundStatus.CLOSED) throw invalidSecret('token');
      if (round.status === SurveyRoundStatus.SCHEDULED) {
        throw conflict(`This health check opens on ${round.opens_on}: your link works from then until ${round.closes_on}.`, HealthCheckReason.ROUND_NOT_OPEN_YET);
      }
      if (token.used) throw conflict(USED_LINK);
      refuse(answerSetProblem(await this.statements(round.instrument_id), input.answers));

      // A concurrent use of the same link waits here and then finds it used.
      const spent = await this.db.query(`update survey_token t set used = true where t.token_hash = $1 and not t.used returning 1`, [hash]);
      if (!spent.length) throw conflict(USED_LINK);
      const editCode = newResponseSecret();
      await this.db.query(
        `insert into survey_response_pool (tenant_id, edit_code_hash, round_id, organisation_id, sector, answers)
         values ($1, $2, $3, $4, $5, $6::jsonb)`,
        [tenantId, secretHash(editCode), token.round_id, token.organisation_id, token.sector, pooledAnswers(input.answers)],
      );
      return { editCode, closesOn: round.closes_on };
    });
  }

  /**
   * Replaces a response's answers while its round is open: the new answers join the pool
   * (replacing those still pooled under the same edit code) and take effect when settled.
   * The settled response is only read, never locked or written here.
   */
  async change(input: ChangeHealthCheckAnswersInput, clientAddress: string): Promise<HealthCheckAnswersChangedType> {
    const { hash, tenantId } = await this.throttle.admit('editCode', input.editCode, clientAddress, 'changeHealthCheckAnswers');
    return this.db.run({ tenantId }, async () => {
      const [response] = await this.db.query<{ round_id: string; instrument_id: string; closes_on: string; today: string }>(
        `select r.round_id, s.instrument_id, s.closes_on, ${SURVEY_TODAY}::text as today
           from (select round_id from survey_response where edit_code_hash = $1
                 union all
                 select round_id from survey_response_pool where edit_code_hash = $1) r
           join survey_round s on s.id = r.round_id
          where ${roundStatusSql('s')} = 'OPEN'
          limit 1 ${ANSWER_IN_FLIGHT} of s`,
        [hash],
      );
      if (!response) throw invalidSecret('editCode');
      refuse(answerSetProblem(await this.statements(response.instrument_id), input.answers));
      await this.db.query(
        `insert into survey_response_pool (tenant_id, edit_code_hash, round_id, answers, changed)
         values ($1, $2, $3, $4::jsonb, true)
         on conflict (tenant_id, edit_code_hash) do update set answers = excluded.answers, changed = true`,
        [tenantId, hash, response.round_id, pooledAnswers(input.answers)],
      );
      return { changedOn: response.today, closesOn: response.closes_on };
    });
  }

  /** The instrument's statements in order: the questions, and what an answer set is checked against. */
  private async statements(instrumentId: string): Promise<HealthCheckQuestionType[]> {
    return this.db.query<HealthCheckQuestionType>(`select id, position, barrier, text from survey_statement where instrument_id = $1 order by position`, [
      instrumentId,
    ]);
  }
}

/** Answers as the pool keeps them (the keys settle_survey_responses reads). */
function pooledAnswers(answers: GivenAnswer[]): string {
  return JSON.stringify(
    // Comments were trimmed by the input rule; an empty one is no comment.
    answers.map((a) => ({ statement_id: a.statementId.toLowerCase(), answer: a.answer, comment: a.comment || null })),
  );
}

function refuse(problem: { message: string; field: string } | null): void {
  if (problem) throw badInput(problem.message, problem.field);
}
