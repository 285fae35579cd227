import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { AppConfig } from '@joinedup/config';
import { hashPassword } from '@joinedup/auth';
import { graphqlData, httpAnswer } from './http-answer';
import { generateScanData } from './scan-data';
import { ScanTiming } from './scan-timing';

/** The tenant whose reads are measured (bench:scan's generator names its tenants bench-0, bench-1, …). */
const MEASURED_SLUG = 'bench-0';
const SINGLE_CODE = 'L-single';
/** Closed health-check rounds of 40-body localities, read at random under load. */
const ROUNDS = 4;

/** What the reads read: random subjects under load, and a small and a large one for the statement count. */
export interface ReadSubjects {
  tenantId: string;
  tenantSlug: string;
  adminEmail: string;
  /** Ids of each kind of subject, of 40-body localities (organisations: those with roles held and recognitions). */
  locality: string[];
  organisation: string[];
  round: string[];
  /** The same kinds in the locality of one member body. */
  single: { locality: string; organisation: string; round: string | null };
}

/**
 * Two tenants of `localities` localities of 40 member bodies each, with everything the reads
 * show: bench:scan's generator (people, programmes, leaders, roles and assignments,
 * conflicts with parties and history under agreed processes, recognitions, …), one more
 * locality of a single member body in the measured tenant, and a governance scan of each
 * tenant as the worker runs it (its open flags and their evidence). Health-check rounds
 * need the API: publishRounds() once it runs.
 */
export async function generateReadBenchData(config: AppConfig, owner: Client, localities: number, progress: (line: string) => void): Promise<number> {
  const started = Date.now();
  const day = new Date().toISOString().slice(0, 10);
  const { tenantIds } = await generateScanData(owner, { tenants: 2, localities: localities * 2, day }, progress);
  progress('  a locality of a single member body');
  await owner.query(SINGLE_BODY_LOCALITY, [tenantIds[0]]);
  progress('  governance scans (open flags and their evidence)');
  const scans = await ScanTiming.start(config);
  try {
    for (const tenantId of tenantIds) await scans.fullScan(tenantId, new Date());
  } finally {
    await scans.close();
  }
  return Date.now() - started;
}

/** One locality with one body of three people, taking part in one ACTIVE programme of its own. */
const SINGLE_BODY_LOCALITY = `
  with l as (insert into locality (tenant_id, id, name, code) values ($1, gen_random_uuid(), 'Single-member locality', '${SINGLE_CODE}') returning tenant_id, id),
       o as (insert into organisation (tenant_id, id, name, sector) select tenant_id, gen_random_uuid(), 'The single member body', 'HEALTH' from l returning tenant_id, id),
       m as (insert into membership (tenant_id, locality_id, organisation_id) select l.tenant_id, l.id, o.id from l, o),
       p as (insert into person (tenant_id, id, organisation_id, full_name, job_title)
             select o.tenant_id, gen_random_uuid(), o.id, 'Single-body person ' || k, 'Officer' from o, generate_series(0, 2) k),
       g as (insert into programme (tenant_id, id, locality_id, name, status, starts_on)
             select l.tenant_id, gen_random_uuid(), l.id, 'The single body''s programme', 'ACTIVE', current_date - 30 from l returning tenant_id, id)
  insert into programme_participant (tenant_id, programme_id, organisation_id) select g.tenant_id, g.id, o.id from g, o`;

/** Finds the subjects in the database (a reused one too) and gives the measured tenant's administrator a fresh password. */
export async function findSubjects(owner: Client): Promise<ReadSubjects & { adminPassword: string }> {
  const { rows: tenants } = await owner.query<{ id: string; admin: string; email: string }>(
    `select t.id, u.id as admin, u.email from tenant t join app_user u on u.tenant_id = t.id and u.role = 'TENANT_ADMIN' where t.slug = $1 order by u.email limit 1`,
    [MEASURED_SLUG],
  );
  if (!tenants.length) throw new Error(`no tenant ${MEASURED_SLUG} in the benchmark database: generate the data (leave out REUSE)`);
  const [{ id: tenantId, admin, email }] = tenants;
  // Random, so a kept database holds no known credential.
  const adminPassword = `bench ${randomUUID()}`;
  await owner.query(`update app_user set password_hash = $2 where id = $1`, [admin, await hashPassword(adminPassword)]);
  const ids = async (sql: string) => (await owner.query<{ id: string }>(sql, [tenantId])).rows.map((row) => row.id);
  const full = `select id from locality where tenant_id = $1 and active_member_count = 40`;
  const single = `select id from locality where tenant_id = $1 and code = '${SINGLE_CODE}'`;
  const rounds = (where: string) => `select r.id from survey_round r where r.tenant_id = $1 and r.closed_at is not null and r.locality_id in (${where}) order by r.id`;
  const bodies = (where: string) => `select organisation_id as id from membership where tenant_id = $1 and left_on is null and locality_id in (${where})`;
  // Pages with something in each list: a body whose people hold a role and that received a recognition.
  const busyBodies = `${bodies(full)} intersect select organisation_id from role_assignment where tenant_id = $1 and ended_at is null
                      intersect select recipient_organisation_id from recognition where tenant_id = $1 order by 1`;
  // One after another: one session runs one statement at a time.
  const [locality, organisation, round, [singleLocality], [singleBody], [singleRound]] = [
    await ids(full),
    await ids(busyBodies),
    await ids(rounds(full)),
    await ids(single),
    await ids(bodies(single)),
    await ids(rounds(single)),
  ];
  return { tenantId, tenantSlug: MEASURED_SLUG, adminEmail: email, adminPassword, locality, organisation, round, single: { locality: singleLocality, organisation: singleBody, round: singleRound ?? null } };
}

const INVITE = `mutation($input: InviteToSurveyRoundInput!) { inviteToSurveyRound(input: $input) { links { token } } }`;
const SUBMIT = `mutation($input: SubmitHealthCheckInput!) { submitHealthCheck(input: $input) { closesOn } }`;
const CLOSE = `mutation($roundId: ID!) { closeSurveyRound(roundId: $roundId) { id } }`;
const ANSWERS = ['STRONGLY_AGREE', 'AGREE', 'NEUTRAL', 'DISAGREE', 'STRONGLY_DISAGREE', 'DONT_KNOW'];

/**
 * Closed health-check rounds whose figures are published: ROUNDS of 40-body localities
 * (120 people invited) and one of the single-body locality (three: under the minimum group
 * of 5, so suppressed). Each round is written as the owner (the built-in instrument, opening
 * today), then everyone is invited, every link answered and the round closed over the API as in use, each answer from its own address
 * (X-Forwarded-For; the API trusts loopback's) past the throttle; then it is moved into the
 * past and its answers settled, as the worker would.
 */
export async function publishRounds(owner: Client, apiUrl: string, token: string, subjects: ReadSubjects, progress: (line: string) => void): Promise<void> {
  const localities = [...subjects.locality.slice(0, ROUNDS), subjects.single.locality];
  for (const [index, localityId] of localities.entries()) {
    progress(`  health-check round ${index + 1}/${localities.length}`);
    const { rows } = await owner.query<{ id: string; statements: string[] }>(
      `with r as (insert into survey_round (tenant_id, locality_id, instrument_id, title, opens_on, closes_on)
                  select $1, $2, i.id, 'Benchmark round ' || $3, current_date, current_date + 14 from survey_instrument i where i.tenant_id is null
                  returning id, instrument_id)
       select r.id, array_agg(s.id order by s.position) as statements from r join survey_statement s on s.instrument_id = r.instrument_id group by r.id`,
      [subjects.tenantId, localityId, index + 1],
    );
    const [{ id: roundId, statements }] = rows;
    const invited = await graphqlData<{ inviteToSurveyRound: { links: { token: string }[] } }>(apiUrl, INVITE, { input: { roundId } }, token);
    for (const [person, link] of invited.inviteToSurveyRound.links.entries()) {
      const answers = statements.map((statementId, position) => ({ statementId, answer: ANSWERS[(person + position) % ANSWERS.length] }));
      const answer = await httpAnswer(`${apiUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `2001:db8:bench::${index.toString(16)}:${person.toString(16)}` },
        body: JSON.stringify({ query: SUBMIT, variables: { input: { token: link.token, answers } } }),
      });
      if (answer.status !== 200 || answer.body.includes('"errors"')) throw new Error(`a health-check answer was refused: ${answer.body.toString('utf8', 0, 300)}`);
    }
    await graphqlData(apiUrl, CLOSE, { roundId }, token);
    await owner.query(`update survey_round set opens_on = current_date - 16, closes_on = current_date - 2 where id = $1`, [roundId]);
  }
  await owner.query(`select settle_survey_responses(true)`);
}
