import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { AppConfig, ConfigModule, loadConfig } from '@joinedup/config';
import { DatabaseModule, TenantDb } from '@joinedup/database';
import { HealthCheckPublishingModule, SETTLE_SURVEY_RESPONSES, SurveyRoundPublisher } from '@joinedup/health-check';
import { QUEUE, QueueFactory, queueStoreFor } from '@joinedup/jobs';
import { RESULTS } from '../../libs/web/src/health-check-rounds/rounds.documents';
import { Client } from 'pg';
import {
  CHANGE,
  CLOSE_ROUND,
  SUBMIT,
  SurveyedPartnership,
  answersTo,
  invite,
  localityScanned,
  newClientAddress,
  openRound,
  publishedRound,
  surveyedPartnership,
} from '../health-check/health-check-fixture';
import { eventually } from '../support/eventually';
import { PrivateDatabase, privateDatabase } from '../support/private-database';
import { ApiHarness } from '../support/api-harness';
import { compareForRoles } from '../support/read-both-ways';
import { testQueuePrefix } from '../support/queue-prefix';

const LATEST = `query($localityId: ID, $programmeId: ID) { latestHealthCheckResults(localityId: $localityId, programmeId: $programmeId) {
  __typename round { id title status programme { id } } provisional suppressed invitedCount responseCount minGroupSize
  barriers { barrier share interval { low high } difference } perceptionGap { barrier recordsAt side }
  byOrganisation { group { kind organisation { id name } } responses barriers { position share } } } }`;

/** The worker's publisher alone (no timers, no queues): the test says when it runs. */
@Module({})
class PublisherAlone {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: PublisherAlone, imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot({ applicationName: 'joinedup-test' }), HealthCheckPublishingModule] };
  }
}

/**
 * A final round's figures are published once (survey_round_publication, by the worker) and
 * its results are then read in one statement from the publication, equal to the executed
 * answer; a round not final is still computed, and shows its counts only.
 */
describe('health-check results: published once, then read in one statement', () => {
  const prefix = testQueuePrefix('publication');
  // A worker (and a publisher) serves every tenant of its database: this file's is its own,
  // or it would settle, publish and scan what tests running beside it expect untouched.
  let database: PrivateDatabase;
  const settings = (): Record<string, string> => ({ ...(process.env as Record<string, string>), ...database.env, QUEUE_PREFIX: prefix, TRUST_PROXY: 'loopback' });
  let api: ApiHarness;
  let worker: INestApplicationContext | undefined;
  let alone: INestApplicationContext;
  let publisher: SurveyRoundPublisher;
  let inspector: QueueFactory;
  let p: SurveyedPartnership;
  const tokens: Record<string, string> = {};
  const READERS = ['TENANT_ADMIN', 'COORDINATOR', 'REVIEWER'];
  const readers = (role: string) => READERS.includes(role);
  const none = () => false;

  const publication = async (roundId: string): Promise<{ figures: string; published_at: Date } | undefined> =>
    (await api.owner.query(`select figures::text as figures, published_at from survey_round_publication where round_id = $1`, [roundId]))[0];
  const answer = async (token: string, answers: ReturnType<typeof answersTo>) =>
    expect((await api.graphql(SUBMIT, { input: { token, answers } }, undefined, newClientAddress())).errors).toBeUndefined();
  const results = async (roundId: string, compiledFor: (role: string) => boolean) =>
    JSON.parse((await compareForRoles(api, tokens, RESULTS, { roundId }, compiledFor)).COORDINATOR);

  beforeAll(async () => {
    database = await privateDatabase('publication');
    api = await ApiHarness.start(settings());
    p = await surveyedPartnership(api, 'hc-publication', { bodies: 3, peoplePerBody: 2 });
    tokens.TENANT_ADMIN = p.tenant.adminToken;
    tokens.COORDINATOR = p.coordinator;
    tokens.REVIEWER = (await api.newUser(p.tenant, 'REVIEWER')).token;
    tokens.REPRESENTATIVE = (await api.newUser(p.tenant, 'MEMBER_REPRESENTATIVE', p.bodies[0].id)).token;
    inspector = new QueueFactory(queueStoreFor(api.config));
    alone = await NestFactory.createApplicationContext(PublisherAlone.forRoot(api.config), { logger: ['error', 'warn'] });
    publisher = alone.get(SurveyRoundPublisher);
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await alone?.close();
    for (const name of [QUEUE.domainEvents, QUEUE.maintenance]) await inspector?.queue(name).obliterate({ force: true });
    await inspector?.close();
    await api?.stop();
    await database?.drop();
  });

  it('publishes a final round once its locality is scanned, with the figures its results computed; reads it in one statement', async () => {
    const round = await publishedRound(api, p, { minGroupSize: 3 }, (position, person) => ((position + person) % 3 ? 'AGREE' : 'DISAGREE'));
    // Final, but the engine has never scanned the locality: the perception gap's records are not fixed yet.
    await publisher.publishDue();
    expect(await publication(round.id)).toBeUndefined();
    await results(round.id, none);

    await localityScanned(api, p.tenant.id, p.localityId, new Date(Date.now() - 5 * 86_400_000));
    const computed = await results(round.id, none);
    expect(computed.data.healthCheckResults).toMatchObject({ provisional: false, suppressed: false, responseCount: 6 });
    expect(computed.data.healthCheckResults.barriers).toHaveLength(7);

    await publisher.publishDue();
    const stored = await publication(round.id);
    // The compiled read (readers) and the executed one (the rest refused) answer alike, as the computed answer was.
    const published = await results(round.id, readers);
    expect(published).toEqual(computed);
    // Nothing of the cells: the figures shown, no per-organisation-and-sector counts.
    const figures = JSON.parse(stored!.figures);
    expect(Object.keys(figures).sort()).toEqual(['barriers', 'byOrganisation', 'bySector', 'countNeutral', 'minGroupSize', 'note', 'perceptionGap', 'responseCount', 'suppressed']);
    expect(stored!.figures).not.toMatch(/cells|"counts"|STRONGLY|DONT_KNOW"/);

    // Written once: later runs and reads change nothing, nor do later records.
    await publisher.publishDue();
    expect(await alone.get(TenantDb).run({ tenantId: p.tenant.id }, () => publisher.publish(round.id))).toBe(false);
    await api.owner.query(`update programme set status = 'CLOSED' where locality_id = $1`, [p.localityId]);
    await localityScanned(api, p.tenant.id, p.localityId, new Date(Date.now() - 6 * 86_400_000));
    expect(await results(round.id, readers)).toEqual(computed);
    expect(await publication(round.id)).toEqual(stored);
  });

  it("the worker publishes a round when a coordinator closes it, once its answers are settled", async () => {
    // The locality was scanned before (above): the round is final once its answers are settled.
    // The worker runs for this case only: its statements would count among the reads'.
    worker = (await createWorkerApp(loadConfig(settings()))).app;
    const round = await openRound(api, p, { minGroupSize: 3, countNeutral: true, title: 'Closed by the coordinator' });
    const { links } = await invite(api, p.coordinator, round.id);
    for (const [i, link] of links.entries()) {
      const answers = answersTo(round.statements, (position) => ['NEUTRAL', 'DISAGREE', 'AGREE', 'DONT_KNOW'][(position + i) % 4]);
      await answer(link.token, answers);
    }
    expect((await results(round.id, none)).data.healthCheckResults).toMatchObject({ provisional: true, suppressed: true, barriers: [] });
    await api.ok(CLOSE_ROUND, { id: round.id }, p.coordinator);
    expect(await eventually(() => publication(round.id))).toBeDefined();
    await worker.close();
    worker = undefined;
    const published = (await results(round.id, readers)).data.healthCheckResults;
    expect(published).toMatchObject({ provisional: false, suppressed: false, responseCount: 6, countNeutral: true });
    expect(published.byOrganisation.length).toBeGreaterThan(0);
    // The locality's latest round of its own: this one, published, so compiled too.
    await compareForRoles(api, tokens, LATEST, { localityId: p.localityId }, readers);
  }, 60_000);

  it('publishes a round closed while an answer is in flight with that answer: the close waits for it', async () => {
    const round = await openRound(api, p, { minGroupSize: 3, title: 'Closed with an answer in flight' });
    const { links } = await invite(api, p.coordinator, round.id);
    for (const link of links.slice(0, 3)) await answer(link.token, answersTo(round.statements));
    // The fourth answer is held for a moment between its check that the round is open and its commit.
    await api.owner.query(`create function pg_temp_pause_answer() returns trigger language plpgsql as $$ begin perform pg_sleep(1.5); return new; end $$`);
    await api.owner.query(
      `create trigger pause_answer before insert on survey_response_pool for each row when (new.round_id = '${round.id}') execute function pg_temp_pause_answer()`,
    );
    try {
      const inFlight = answer(links[3].token, answersTo(round.statements));
      await new Promise((wake) => setTimeout(wake, 500));
      await api.ok(CLOSE_ROUND, { id: round.id }, p.coordinator);
      // Were the close not to wait, the answer would still be on its way: settled and published without it.
      await api.owner.query(`select settle_survey_responses(true)`);
      await publisher.publishDue();
      await inFlight;
      await api.owner.query(`select settle_survey_responses(true)`);
      await publisher.publishDue();
    } finally {
      await api.owner.query(`drop trigger if exists pause_answer on survey_response_pool`);
      await api.owner.query(`drop function if exists pg_temp_pause_answer()`);
    }
    expect(JSON.parse((await publication(round.id))!.figures).responseCount).toBe(4);
    const csvRows = (await api.ok(`query($id: ID!) { healthCheckCsv(roundId: $id) }`, { id: round.id }, p.coordinator)).healthCheckCsv.trim().split('\n');
    expect(csvRows).toHaveLength(1 + 4);
  }, 60_000);

  // Settling empties the pool with TRUNCATE, which an older snapshot sees as empty: the edit
  // code's lookup must read after the settle, not before it with the settled rows unseen.
  it('accepts a change of answers sent while answers are being settled: it waits for the settle', async () => {
    const round = await openRound(api, p, { minGroupSize: 3, title: 'Changed while settling' });
    const { links } = await invite(api, p.coordinator, round.id);
    const editCodes: string[] = [];
    for (const link of links.slice(0, 3)) {
      const sent = await api.graphql(SUBMIT, { input: { token: link.token, answers: answersTo(round.statements) } }, undefined, newClientAddress());
      editCodes.push(sent.data!.submitHealthCheck.editCode);
    }
    const settler = new Client({ connectionString: api.config.databaseMigrationUrl });
    await settler.connect();
    try {
      // A settle in progress: the pool is locked, and what it settles is not committed yet.
      await settler.query('begin');
      await settler.query(SETTLE_SURVEY_RESPONSES);
      const answers = answersTo(round.statements, () => 'DISAGREE');
      const change = api.graphql(CHANGE, { input: { editCode: editCodes[0], answers } }, undefined, newClientAddress());
      const waiting = await eventually(async () => {
        const [row] = await api.owner.query(
          `select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%survey_response_tenant(%'`,
        );
        return row.n > 0;
      });
      expect(waiting).toBe(true);
      await settler.query('commit');
      expect((await change).errors).toBeUndefined();
    } finally {
      await settler.end();
    }
  });

  it('computes a round that is not final (counts only) and publishes nothing of it; one final with too few responses publishes its counts only', async () => {
    const programme = await p.make.programme(p.localityId, [p.bodies[0].id, p.bodies[1].id]);
    const open = await openRound(api, p, { programmeId: programme.id, title: 'Still open', minGroupSize: 3 });
    const { links } = await invite(api, p.coordinator, open.id);
    for (const link of links.slice(0, 3)) await answer(link.token, answersTo(open.statements));
    await api.owner.query(`select settle_survey_responses(true)`);
    const counts = (await results(open.id, none)).data.healthCheckResults;
    expect(counts).toMatchObject({ provisional: true, suppressed: true, responseCount: 3, barriers: [], perceptionGap: [] });
    expect(counts.bySector).toEqual([{ group: { kind: 'OTHER', sector: null }, responses: null, suppressed: true, note: counts.note, barriers: [] }]);
    await compareForRoles(api, tokens, LATEST, { programmeId: programme.id }, none);
    // Closed with fewer than its minimum: final, its counts only, published as such (no scan needed: there is no gap).
    const few = await openRound(api, p, { programmeId: programme.id, title: 'Too few', minGroupSize: 5 });
    const invited = await invite(api, p.coordinator, few.id);
    await answer(invited.links[0].token, answersTo(few.statements));
    await api.ok(CLOSE_ROUND, { id: few.id }, p.coordinator);
    await api.owner.query(`select settle_survey_responses(true)`);
    const countsOnly = await results(few.id, none);
    expect(countsOnly.data.healthCheckResults).toMatchObject({ provisional: false, suppressed: true, responseCount: 1, barriers: [], perceptionGap: [] });
    await publisher.publishDue();
    expect(await publication(open.id)).toBeUndefined();
    const stored = JSON.parse((await publication(few.id))!.figures);
    expect(stored).toMatchObject({ suppressed: true, responseCount: 1, barriers: [], perceptionGap: [] });
    expect(stored.byOrganisation).toEqual([{ group: { kind: 'OTHER', sector: null, organisationId: null }, responses: null, suppressed: true, note: stored.note, barriers: [] }]);
    expect(await results(few.id, readers)).toEqual(countsOnly);
    expect((await api.ok(`query($id: ID!) { healthCheckCsv(roundId: $id) }`, { id: few.id }, p.coordinator)).healthCheckCsv.trim().split('\n')).toHaveLength(1);
    // Other arguments the resolver refuses stay its own.
    await compareForRoles(api, tokens, LATEST, { localityId: p.localityId, programmeId: programme.id }, none);
    await compareForRoles(api, tokens, LATEST, {}, none);
    await compareForRoles(api, tokens, RESULTS, { roundId: randomUUID() }, none);
  }, 60_000);
});
