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
import { SURVEY_TODAY } from './survey-round-status';
import { SurveyAttemptThrottle, invalidSecret } from './survey-attempt-throttle';
import { HealthCheckReason } from './health-check.errors';

/** The live (unused, unexpired) token with the hash $1. */
const LIVE_TOKEN = `t.token_hash = $1 and t.expires_at > now()`;

/**
 * Answering through a response link, without signing in. The throttle finds the tenant of
 * the link (or edit code); the work then runs in one transaction of that tenant, under its
 * row-level security, and stores nothing unless all of it succeeds.
 */
@Injectable()
export class HealthCheckAnsweringService {
  constructor(
    private readonly db: TenantDb,
    private readonly throttle: SurveyAttemptThrottle,
  ) {}

  async questions(token: string, clientAddress: string): Promise<HealthCheckQuestionsType> {
    const { hash, tenantId } = await this.throttle.admit('token', token, clientAddress, 'healthCheckQuestions');
    return this.db.run({ tenantId }, async () => {
      const [round] = await this.db.query<{
        title: string;
        locality_name: string;
        organisation_name: string;
        opens_on: string;
        closes_on: string;
        instrument_id: string;
      }>(
        `select s.title, l.name as locality_name, o.name as organisation_name, s.opens_on, s.closes_on, s.instrument_id
           from survey_token t
           join survey_round s on s.tenant_id = t.tenant_id and s.id = t.round_id
           join locality l on l.tenant_id = s.tenant_id and l.id = s.locality_id
           join organisation o on o.tenant_id = t.tenant_id and o.id = t.organisation_id
          where ${LIVE_TOKEN}`,
        [hash],
      );
      if (!round) throw invalidSecret('token');
      return {
        roundTitle: round.title,
        localityName: round.locality_name,
        organisationName: round.organisation_name,
        opensOn: round.opens_on,
        closesOn: round.closes_on,
        statements: await this.statements(round.instrument_id),
      };
    });
  }

  /** Uses up the link: its token row goes, a response with organisation, sector and day comes. */
  async submit(input: SubmitHealthCheckInput, clientAddress: string): Promise<HealthCheckReceiptType> {
    const { hash, tenantId } = await this.throttle.admit('token', input.token, clientAddress, 'submitHealthCheck');
    return this.db.run({ tenantId }, async () => {
      const [token] = await this.db.query<{ round_id: string; organisation_id: string; sector: string }>(
        `delete from survey_token t where ${LIVE_TOKEN} returning t.round_id, t.organisation_id, t.sector`,
        [hash],
      );
      if (!token) throw invalidSecret('token');
      const [round] = await this.db.query<{ instrument_id: string; opens_on: string; closes_on: string; today: string }>(
        `select instrument_id, opens_on, closes_on, ${SURVEY_TODAY}::text as today from survey_round where id = $1`,
        [token.round_id],
      );
      if (round.today > round.closes_on) throw invalidSecret('token');
      if (round.today < round.opens_on) {
        throw conflict(`This health check opens on ${round.opens_on}: your link works from then until ${round.closes_on}.`, HealthCheckReason.ROUND_NOT_OPEN_YET);
      }
      const statements = await this.statements(round.instrument_id);
      refuse(answerSetProblem(statements, input.answers));

      const editCode = newResponseSecret();
      const [response] = await this.db.query<{ id: string }>(
        `insert into survey_response (tenant_id, round_id, organisation_id, sector, edit_code_hash, submitted_on)
         values ($1, $2, $3, $4, $5, ${SURVEY_TODAY}) returning id`,
        [tenantId, token.round_id, token.organisation_id, token.sector, secretHash(editCode)],
      );
      await this.insertAnswers(tenantId, response.id, input.answers);
      return { editCode, closesOn: round.closes_on };
    });
  }

  /** Replaces a response's answers while its round is open. */
  async change(input: ChangeHealthCheckAnswersInput, clientAddress: string): Promise<HealthCheckAnswersChangedType> {
    const { hash, tenantId } = await this.throttle.admit('editCode', input.editCode, clientAddress, 'changeHealthCheckAnswers');
    return this.db.run({ tenantId }, async () => {
      const [response] = await this.db.query<{ id: string; instrument_id: string; closes_on: string }>(
        `select r.id, s.instrument_id, s.closes_on
           from survey_response r
           join survey_round s on s.tenant_id = r.tenant_id and s.id = r.round_id
          where r.edit_code_hash = $1 and ${SURVEY_TODAY} <= s.closes_on
          for update of r`,
        [hash],
      );
      if (!response) throw invalidSecret('editCode');
      refuse(answerSetProblem(await this.statements(response.instrument_id), input.answers));
      await this.db.query(`delete from survey_answer where response_id = $1`, [response.id]);
      await this.insertAnswers(tenantId, response.id, input.answers);
      const [changed] = await this.db.query<{ changed_on: string }>(
        `update survey_response set changed_on = ${SURVEY_TODAY} where id = $1 returning changed_on`,
        [response.id],
      );
      return { changedOn: changed.changed_on, closesOn: response.closes_on };
    });
  }

  /** The instrument's statements in order: the questions, and what an answer set is checked against. */
  private async statements(instrumentId: string): Promise<HealthCheckQuestionType[]> {
    return this.db.query<HealthCheckQuestionType>(`select id, position, barrier, text from survey_statement where instrument_id = $1 order by position`, [
      instrumentId,
    ]);
  }

  private async insertAnswers(tenantId: string, responseId: string, answers: GivenAnswer[]): Promise<void> {
    await this.db.query(
      `insert into survey_answer (tenant_id, response_id, statement_id, answer, comment)
       select $1, $2, a.statement_id, a.answer, a.comment
         from unnest($3::uuid[], $4::text[], $5::text[]) as a(statement_id, answer, comment)`,
      [
        tenantId,
        responseId,
        answers.map((a) => a.statementId.toLowerCase()),
        answers.map((a) => a.answer),
        // Comments were trimmed by the input rule; an empty one is no comment.
        answers.map((a) => a.comment || null),
      ],
    );
  }
}

function refuse(problem: { message: string; field: string } | null): void {
  if (problem) throw badInput(problem.message, problem.field);
}
