import { randomBytes } from 'node:crypto';
import { BUILT_IN_INSTRUMENT_ID, SurveyAnswer } from '@joinedup/health-check';
import { DemoContext } from './demo-context';
import { DEMO_SURVEY_ROUNDS, DemoSurveyRound, NON_RESPONSE_EVERY } from './demo-health-check.data';
import { stableHash } from './demo-people.data';

const GOLDEN = 0.6180339887;
const SILVER = 0.4142135624;

/**
 * One closed health-check round per locality: every person of its member bodies invited,
 * three in four answering, the answers spread evenly so each barrier's share reporting the
 * weakness is close to the round's figure. Responses carry organisation and sector only.
 */
export async function loadHealthCheck(ctx: DemoContext): Promise<void> {
  const statements = await ctx.query(
    `select id, position from survey_statement where instrument_id = $1 order by position`,
    [BUILT_IN_INSTRUMENT_ID],
  );
  for (const round of DEMO_SURVEY_ROUNDS) await loadRound(ctx, round, statements as { id: string; position: number }[]);
}

async function loadRound(ctx: DemoContext, round: DemoSurveyRound, statements: { id: string; position: number }[]): Promise<void> {
  const locality = ctx.locality(round.locality);
  const { id, inserted } = await ctx.findOrInsert(
    'survey_round',
    [`select id from survey_round where tenant_id = $1 and locality_id = $2 and title = $3`, [ctx.tenantId, locality.id, round.title]],
    [
      `insert into survey_round (tenant_id, locality_id, instrument_id, title, opens_on, closes_on, created_by_user_id, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [ctx.tenantId, locality.id, BUILT_IN_INSTRUMENT_ID, round.title, ctx.date(round.opensOn), ctx.date(round.closesOn),
        ctx.staff('coordinator'), ctx.at(round.opensOn - 1)],
    ],
  );
  if (!inserted) return;
  const people = (await ctx.query(
    `select p.id, p.full_name, p.organisation_id, o.sector
       from person p
       join organisation o on o.tenant_id = p.tenant_id and o.id = p.organisation_id
       join membership m on m.tenant_id = p.tenant_id and m.organisation_id = p.organisation_id and m.locality_id = $2 and m.left_on is null
      where p.tenant_id = $1
      order by p.full_name, p.id`,
    [ctx.tenantId, locality.id],
  )) as { id: string; full_name: string; organisation_id: string; sector: string }[];
  const invited = await ctx.query(
    `insert into survey_invitation (tenant_id, round_id, person_id, organisation_id, invited_at, invited_by_user_id)
     select $1, $2, p.id, p.organisation_id, $4, $5 from unnest($3::uuid[], $6::uuid[]) as p(id, organisation_id)
     returning id`,
    [ctx.tenantId, id, people.map((p) => p.id), ctx.at(round.opensOn), ctx.staff('coordinator'), people.map((p) => p.organisation_id)],
  );
  ctx.count('survey_invitation', invited.length);
  // Who answered is not recorded anywhere: only the responses of three in four, in no particular order.
  const respondents = people.filter((p) => stableHash(p.full_name) % NON_RESPONSE_EVERY !== 0);
  for (const [index, respondent] of respondents.entries()) {
    const response = await ctx.insert(
      'survey_response',
      `insert into survey_response (tenant_id, round_id, organisation_id, sector, edit_code_hash, submitted_on)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [ctx.tenantId, id, respondent.organisation_id, respondent.sector, randomBytes(32),
        ctx.date(round.opensOn + (index % (round.closesOn - round.opensOn + 1)))],
    );
    const answers = statements.map((statement) => answerOf(index, statement.position, round.weakness[statement.position - 1]));
    await ctx.query(
      `insert into survey_answer (tenant_id, response_id, statement_id, answer)
       select $1, $2, a.statement_id, a.answer from unnest($3::uuid[], $4::text[]) as a(statement_id, answer)`,
      [ctx.tenantId, response.id, statements.map((s) => s.id), answers],
    );
    ctx.count('survey_answer', answers.length);
  }
}

/**
 * The answer of respondent `index` to statement `position`: a low-discrepancy sequence
 * spreads the answers so that about `weakness` of them disagree, a few are neutral and a
 * few do not know.
 */
function answerOf(index: number, position: number, weakness: number): SurveyAnswer {
  const u = ((index + 1) * GOLDEN + position * SILVER) % 1;
  if (u < weakness) return u < weakness / 3 ? SurveyAnswer.STRONGLY_DISAGREE : SurveyAnswer.DISAGREE;
  if (u > 0.97) return SurveyAnswer.DONT_KNOW;
  if (u < weakness + 0.08) return SurveyAnswer.NEUTRAL;
  return u > 0.8 ? SurveyAnswer.STRONGLY_AGREE : SurveyAnswer.AGREE;
}
