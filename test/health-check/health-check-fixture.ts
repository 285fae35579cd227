import { randomBytes } from 'node:crypto';
import { ApiHarness, GraphQLResult, TestTenant } from '../support/api-harness';
import { RegistryFactory } from '../support/registry-factory';

/** A partnership to survey: a locality whose member bodies each have people. */
export interface SurveyedPartnership {
  tenant: TestTenant;
  coordinator: string;
  make: RegistryFactory;
  localityId: string;
  /** Active member bodies, each with `peoplePerBody` people. */
  bodies: { id: string; name: string; sector: string; people: string[] }[];
}

export interface PartnershipShape {
  bodies?: number;
  peoplePerBody?: number;
  sectors?: string[];
  /** Made up unless given: pages whose pictures go into the README give readable names. */
  localityName?: string;
  bodyNames?: string[];
}

export async function surveyedPartnership(
  api: ApiHarness,
  label: string,
  { bodies = 2, peoplePerBody = 2, sectors = ['LOCAL_AUTHORITY', 'HEALTH'], localityName, bodyNames = [] }: PartnershipShape = {},
): Promise<SurveyedPartnership> {
  const tenant = await api.newTenant(label);
  const coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
  const make = new RegistryFactory(api, coordinator);
  const localityId = (await make.locality(localityName)).id;
  const made: SurveyedPartnership['bodies'] = [];
  for (let i = 0; i < bodies; i++) {
    const sector = sectors[i % sectors.length];
    const organisation = await make.organisation(sector, bodyNames[i]);
    await make.addMember(localityId, organisation.id);
    const people: string[] = [];
    for (let p = 0; p < peoplePerBody; p++) people.push((await make.person(organisation.id)).id);
    made.push({ ...organisation, sector, people });
  }
  return { tenant, coordinator, make, localityId, bodies: made };
}

/** Today and other days as the health check counts them (UTC), from the database's clock. */
export async function utcDay(api: ApiHarness, offsetDays = 0): Promise<string> {
  const [row] = await api.owner.query(`select ((now() at time zone 'UTC')::date + $1::int)::text as day`, [offsetDays]);
  return row.day;
}

export const ROUND_FIELDS = `id title opensOn closesOn status countNeutral minGroupSize invitedCount responseCount
  locality { id } programme { id } statements { id position barrier }`;

export const OPEN_ROUND = `mutation($input: OpenSurveyRoundInput!) { openSurveyRound(input: $input) { ${ROUND_FIELDS} } }`;
export const CLOSE_ROUND = `mutation($id: ID!) { closeSurveyRound(roundId: $id) { id closesOn status } }`;
export const INVITE = `mutation($input: InviteToSurveyRoundInput!) {
  inviteToSurveyRound(input: $input) {
    invited alreadyInvited
    links { person { id fullName } organisation { id name } token link }
  }
}`;
export const QUESTIONS = `query($token: String!) {
  healthCheckQuestions(token: $token) { roundTitle localityName organisationName opensOn closesOn statements { id position barrier text } }
}`;
export const QUESTIONS_TO_CHANGE = `query($editCode: String!) {
  healthCheckQuestionsToChange(editCode: $editCode) { roundTitle localityName organisationName opensOn closesOn statements { id position barrier text } }
}`;
export const SUBMIT = `mutation($input: SubmitHealthCheckInput!) { submitHealthCheck(input: $input) { editCode closesOn } }`;
export const CHANGE = `mutation($input: ChangeHealthCheckAnswersInput!) { changeHealthCheckAnswers(input: $input) { changedOn closesOn } }`;

export interface InvitationLink {
  person: { id: string; fullName: string };
  organisation: { id: string; name: string };
  token: string;
  link: string;
}

/** Opens a round of the locality (open from today for a week unless told otherwise). */
export async function openRound(
  api: ApiHarness,
  partnership: SurveyedPartnership,
  input: Record<string, unknown> = {},
): Promise<{ id: string; statements: { id: string; position: number }[] }> {
  const data = await api.ok(
    OPEN_ROUND,
    { input: { localityId: partnership.localityId, title: 'Spring health check', opensOn: await utcDay(api), closesOn: await utcDay(api, 7), ...input } },
    partnership.coordinator,
  );
  return data.openSurveyRound;
}

export async function invite(
  api: ApiHarness,
  token: string,
  roundId: string,
  chosen: { organisationIds?: string[]; personIds?: string[] } = {},
): Promise<{ invited: number; alreadyInvited: number; links: InvitationLink[] }> {
  return (await api.ok(INVITE, { input: { roundId, ...chosen } }, token)).inviteToSurveyRound;
}

/**
 * A round of the locality (or, with `programmeId` in `input`, of one programme) whose figures
 * are published: everyone invited answers (`pick` by statement position and the person's
 * place among the links), the round is closed, moved into the past (opened 3 days ago,
 * closed yesterday) and its answers are settled.
 */
export async function publishedRound(
  api: ApiHarness,
  partnership: SurveyedPartnership,
  input: Record<string, unknown>,
  pick: (position: number, person: number) => string,
): Promise<{ id: string; statements: { id: string; position: number }[] }> {
  const round = await openRound(api, partnership, input);
  const { links } = await invite(api, partnership.coordinator, round.id);
  // Each from an address of its own (the harness trusts loopback's X-Forwarded-For): from
  // loopback alone, a run's rounds would pass the answers' address limit.
  for (const [i, link] of links.entries()) {
    const result = await api.graphql(SUBMIT, { input: { token: link.token, answers: answersTo(round.statements, (p) => pick(p, i)) } }, undefined, newClientAddress());
    if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  }
  await api.ok(CLOSE_ROUND, { id: round.id }, partnership.coordinator);
  await api.owner.query(`update survey_round set opens_on = $2, closes_on = $3 where id = $1`, [round.id, await utcDay(api, -3), await utcDay(api, -1)]);
  await api.owner.query(`select settle_survey_responses(true)`);
  return round;
}

/** One answer per statement (the same answer for each unless `pick` says otherwise). */
export function answersTo(
  statements: { id: string; position: number }[],
  pick: (position: number) => string = () => 'AGREE',
): { statementId: string; answer: string; comment?: string }[] {
  return statements.map((s) => ({ statementId: s.id, answer: pick(s.position) }));
}

/** The first error's code and message, to compare errors whole. */
export const errorOf = (result: GraphQLResult): { code?: string; message?: string } => ({
  code: result.errors?.[0]?.extensions.code,
  message: result.errors?.[0]?.message,
});

/**
 * Client addresses (IPv6 documentation range) new to this test file's run, told through
 * X-Forwarded-For (start the harness with TRUST_PROXY=loopback). Throttle rows outlive a
 * run: fresh addresses keep earlier runs and other files from using up this one's tries.
 */
export const CLIENT_ADDRESS_PREFIX = `2001:db8:${randomBytes(2).toString('hex')}::`;
let nextAddress = 1;
export const newClientAddress = (): Record<string, string> => ({ 'x-forwarded-for': `${CLIENT_ADDRESS_PREFIX}${(nextAddress++).toString(16)}` });

/** A governance scan of the locality at `takenAt` (its health snapshot), as the database owner: the perception gap's records are then fixed. */
export async function localityScanned(api: ApiHarness, tenantId: string, localityId: string, takenAt = new Date()): Promise<void> {
  const [scan] = await api.owner.query(`insert into governance_scan (tenant_id, locality_id, trigger) values ($1, $2, 'REQUEST') returning id`, [
    tenantId,
    localityId,
  ]);
  await api.owner.query(
    `insert into health_snapshot (tenant_id, scan_id, subject_type, subject_id, locality_id, taken_at, overall, flexibility,
                                  recognition, communication, conflict_resolution, role_fit, leadership, continuous_improvement, open_flags)
     values ($1, $2, 'LOCALITY', $3, $3, $4, 90, 90, 90, 90, 90, 90, 90, 90, 0)`,
    [tenantId, scan.id, localityId, takenAt],
  );
}
