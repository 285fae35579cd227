import { INestApplicationContext } from '@nestjs/common';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { loadConfig } from '@joinedup/config';
import { WeeklyDigestMailing, WeeklyDigestScheduler, isoWeekOf } from '@joinedup/governance';
import { QUEUE, QueueFactory, queueStoreFor } from '@joinedup/jobs';
import { MAIL_QUEUE } from '@joinedup/mail';
import { ApiHarness, TestTenant, TestUser } from '../support/api-harness';
import { eventually } from '../support/eventually';
import { GovernanceProbe } from '../support/governance-probe';
import { PrivateDatabase, privateDatabase } from '../support/private-database';
import { RegistryFactory } from '../support/registry-factory';
import { CaughtMail, SmtpCatcher } from '../support/smtp-catcher';
import { testQueuePrefix } from '../support/queue-prefix';

const SET_PROCESS = `mutation($input: SetConflictProcessInput!) { setConflictProcess(input: $input) { id } }`;
const AGREE_PROCESS = `mutation($input: AgreeConflictProcessInput!) { agreeConflictProcess(input: $input) { id } }`;
const UPDATE = `mutation($input: UpdateMyMailPreferencesInput!) { updateMyMailPreferences(input: $input) { digest } }`;
/** The per-tenant limit of this file: the three digests need two minutes. */
const PER_MINUTE = 2;

/**
 * The weekly digest over real SMTP, with the api and a worker on a private database: its
 * figures are the flags and health the scans made of records created through the API; it
 * goes once per user and week to coordinators and reviewers who have it on, carries a
 * one-click unsubscribe (RFC 8058), and a tenant's messages beyond MAIL_TENANT_PER_MINUTE
 * wait for the next minute.
 */
describe('the weekly digest', () => {
  const prefix = testQueuePrefix('digest');
  let smtp: SmtpCatcher;
  let database: PrivateDatabase;
  let api: ApiHarness;
  let worker: INestApplicationContext;
  let inspector: QueueFactory;
  let tenant: TestTenant;
  let recipients: TestUser[];
  let digestOff: TestUser;
  let representative: TestUser;
  let locality: { id: string; name: string };
  const week = isoWeekOf(new Date());

  beforeAll(async () => {
    smtp = await SmtpCatcher.start();
    database = await privateDatabase('digest');
    const settings = {
      ...(process.env as Record<string, string>),
      ...database.env,
      QUEUE_PREFIX: prefix,
      SMTP_URL: smtp.url,
      MAIL_BACKOFF_MS: '300',
      MAIL_TENANT_PER_MINUTE: String(PER_MINUTE),
      // Scans run here when the test says, not on every change.
      GOVERNANCE_RESCAN_DEBOUNCE_MS: '3600000',
    };
    api = await ApiHarness.start(settings);
    inspector = new QueueFactory(queueStoreFor(api.config));
    worker = (await createWorkerApp(loadConfig(settings))).app;
    await worker.init();

    tenant = await api.newTenant('digest');
    recipients = [await api.newUser(tenant, 'COORDINATOR'), await api.newUser(tenant, 'REVIEWER'), await api.newUser(tenant, 'COORDINATOR')];
    digestOff = await api.newUser(tenant, 'REVIEWER');
    await api.ok(UPDATE, { input: { kindsOn: ['IMPROVEMENT_REVIEW_DUE'] } }, digestOff.token);
    const c = recipients[0].token;
    const make = new RegistryFactory(api, c);
    locality = await make.locality('Digest <Valley> & Co');
    const bodies = await make.members(locality.id, 2);
    representative = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', bodies[0].id);
    const probe = new GovernanceProbe(api, tenant.id);

    // Last week: a programme without a conflict process is flagged, and the locality scored.
    const first = await make.programme(locality.id, bodies.map((b) => b.id), { name: 'First & <oldest>' });
    await probe.scan(new Date(), locality.id);
    await api.owner.query(`update governance_flag set first_raised_at = first_raised_at - interval '8 days', last_seen_at = last_seen_at - interval '8 days',
                                  evidence_changed_at = evidence_changed_at - interval '8 days' where tenant_id = $1`, [tenant.id]);
    await api.owner.query(`update health_snapshot set taken_at = taken_at - interval '8 days' where tenant_id = $1`, [tenant.id]);
    // This week: the first programme agrees a process (its flag resolves), a second one has none (a new flag).
    const conflictProcess = (await api.ok(SET_PROCESS, { input: { programmeId: first.id, stages: [{ name: 'Talk', owner: 'Coordinator', timeLimitDays: 10 }] } }, c)).setConflictProcess;
    await api.ok(AGREE_PROCESS, { input: { processId: conflictProcess.id } }, c);
    await make.programme(locality.id, bodies.map((b) => b.id), { name: 'Second' });
    await probe.scan(new Date(), locality.id);
  }, 180_000);

  afterAll(async () => {
    await worker?.close();
    for (const name of [QUEUE.domainEvents, QUEUE.maintenance, MAIL_QUEUE]) await inspector?.queue(name).obliterate({ force: true });
    await inspector?.close();
    await api?.stop();
    await smtp?.stop();
    await database?.drop();
  });

  const digestsTo = (user: TestUser): CaughtMail[] => smtp.to(user.email).filter((m) => m.parsed.subject?.startsWith('JoinedUp weekly digest'));

  it('sends each coordinator and reviewer with it on one digest whose figures are the scans’, at most PER_MINUTE a minute', async () => {
    const scheduler = worker.get(WeeklyDigestScheduler);
    // Twice at once, as two workers would: the job ids are the same. (One after the other,
    // the worker may already have sent a digest, and its recipient is then no longer due.)
    expect(await Promise.all([scheduler.queueDue(), scheduler.queueDue()])).toEqual([3, 3]);
    await eventually(() => smtp.messages.length >= 3, 150_000, () => `${smtp.messages.length} digests arrived`);
    for (const user of recipients) expect([user.email, digestsTo(user).length]).toEqual([user.email, 1]);
    for (const user of [digestOff, representative]) expect(smtp.to(user.email)).toEqual([]);
    expect(await scheduler.queueDue()).toBe(0);
    // A job run again (a retry, a second worker) sends nothing more.
    expect(await worker.get(WeeklyDigestMailing).send({ tenantId: tenant.id, userId: recipients[0].id, week })).toEqual({ sent: 0, skipped: 'digest off, or sent already' });

    // The rate: never more than PER_MINUTE in one minute, the rest waited (and were not dropped).
    // (Which minutes they fell in depends on the clock, so only the bound and the total are checked.)
    const counts = (await api.owner.query(`select sent from mail_tenant_rate where tenant_id = $1 order by minute`, [tenant.id])).map((r: { sent: number }) => r.sent);
    expect(Math.max(...counts)).toBeLessThanOrEqual(PER_MINUTE);
    expect(counts.reduce((a: number, b: number) => a + b, 0)).toBe(3);
    const perMinute = new Map<number, number>();
    for (const m of smtp.messages) {
      const minute = Math.floor(m.parsed.date!.getTime() / 60_000);
      perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
    }
    expect(Math.max(...perMinute.values())).toBeLessThanOrEqual(PER_MINUTE);

    // The figures, from the scans' own records.
    const [expected] = await api.owner.query(
      `select (select count(*) from governance_flag where locality_id = $1 and first_raised_at >= now() - interval '7 days')::int as raised,
              (select count(*) from governance_flag where locality_id = $1 and resolved_at >= now() - interval '7 days')::int as resolved,
              (select overall from health_snapshot where subject_id = $1 and taken_at < now() - interval '7 days' order by taken_at desc limit 1) as before,
              (select overall from health_snapshot where subject_id = $1 order by taken_at desc limit 1) as now`,
      [locality.id],
    );
    expect(expected.raised).toBeGreaterThanOrEqual(1);
    expect(expected.resolved).toBeGreaterThanOrEqual(1);
    const flags = await api.owner.query(
      `select id, message, resolved_at from governance_flag where locality_id = $1 and rule_code = 'CONFLICT_NO_PROCESS' order by first_raised_at`,
      [locality.id],
    );
    const [resolvedFlag, raisedFlag] = flags;
    expect(resolvedFlag.resolved_at).not.toBeNull();
    expect(raisedFlag.resolved_at).toBeNull();

    const [mail] = digestsTo(recipients[1]);
    const text = mail.parsed.text!;
    const change = expected.now - expected.before;
    const words = change === 0 ? 'no change' : change > 0 ? `up ${change}` : `down ${-change}`;
    expect(text).toContain('Digest <Valley> & Co');
    expect(text).toContain(`${expected.raised} flags raised, ${expected.resolved} flags resolved. Health: ${expected.now} out of 100, ${words} from ${expected.before} a week ago.`);
    const webBase = api.config.mail.webBase;
    expect(text).toContain(`${raisedFlag.message} ${webBase}flags/${raisedFlag.id}`);
    expect(text.slice(text.indexOf('Resolved:'))).toContain(`${resolvedFlag.message} ${webBase}flags/${resolvedFlag.id}`);
    expect(text).toContain(`${webBase}localities/${locality.id}`);
    expect(mail.parsed.html).toContain('Digest &lt;Valley&gt; &amp; Co');
    expect(mail.parsed.messageId).toBe(`<weekly-digest.${recipients[1].id}.${week}@joinedup.localhost>`);
  }, 200_000);

  it('carries a one-click unsubscribe (RFC 8058) that switches the digest off without signing in', async () => {
    const [mail] = digestsTo(recipients[1]);
    const headers = mail.raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
    const url = /^List-Unsubscribe: <([^>]+)>$/im.exec(headers)?.[1];
    expect(url).toMatch(/\/unsubscribe\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/im);
    expect(mail.parsed.text).toContain(url);

    // The web pages of this test listen on another port than the configured base.
    const here = `${api.url}${new URL(url!).pathname}`;
    const response = await fetch(here, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(200);
    const [row] = await api.owner.query(`select kinds_off from mail_preference where user_id = $1`, [recipients[1].id]);
    expect(row.kinds_off).toEqual(['DIGEST']);
    // Next week it is not sent to them.
    const nextWeek = new Date(Date.now() + 7 * 24 * 3600 * 1000);
    const due = await api.owner.query(`select user_id from mail_digest_recipients_due($1)`, [isoWeekOf(nextWeek)]);
    expect(due.map((r: { user_id: string }) => r.user_id).sort()).toEqual([recipients[0].id, recipients[2].id].sort());
  });
});
