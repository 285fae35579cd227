import { INestApplicationContext } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { loadConfig } from '@joinedup/config';
import { HealthCheckMailing, SurveyReminderScheduler } from '@joinedup/health-check';
import { MAIL_QUEUE } from '@joinedup/mail';
import { QUEUE, QueueFactory, queueStoreFor } from '@joinedup/jobs';
import { ApiHarness } from '../support/api-harness';
import { eventually } from '../support/eventually';
import { queueStoreText } from '../support/queue-store-text';
import { PrivateDatabase, privateDatabase } from '../support/private-database';
import { CaughtMail, SmtpCatcher } from '../support/smtp-catcher';
import { WorkerProcess } from '../support/worker-process';
import { QUESTIONS, SUBMIT, answersTo, newClientAddress, openRound, surveyedPartnership, utcDay } from './health-check-fixture';
import { testQueuePrefix } from '../support/queue-prefix';

const INVITE = `mutation($input: InviteToSurveyRoundInput!) {
  inviteToSurveyRound(input: $input) { invited alreadyInvited emailed emailSkipped links { person { id fullName } token link } }
}`;

const sha256 = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** A body of the round with people who have their own addresses (and maybe one without). */
interface Body {
  id: string;
  name: string;
  emails: string[];
}

/** Everything stored in the queue store under `prefix`, as text. */
/**
 * Health-check invitations by email, over real SMTP (smtp-server, parsed with mailparser),
 * with the api and a worker on real PostgreSQL and Redis.
 */
describe('health-check invitations and reminders by email', () => {
  const prefix = testQueuePrefix('mail');
  const run = randomUUID().slice(0, 8);
  const log: string[] = [];
  const destination = { write: (line: string) => void log.push(line) };
  let smtp: SmtpCatcher;
  // A worker settles, scans and relays for every tenant of its database: this file's is its own.
  let database: PrivateDatabase;
  let settings: Record<string, string>;
  let api: ApiHarness;
  let worker: INestApplicationContext;
  let inspector: QueueFactory;
  let coordinator: string;
  let make: Awaited<ReturnType<typeof surveyedPartnership>>['make'];
  let bodies: Body[];
  let round: { id: string; statements: { id: string; position: number }[] };
  /** The link each address received, from its email. */
  const linkOf = new Map<string, string>();

  const linkIn = (mail: CaughtMail): string | undefined => {
    const base = api.config.healthCheck.linkBase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`${base}[A-Za-z0-9_-]{43}`).exec(mail.parsed.text ?? '')?.[0];
  };
  const tokenOf = (link: string): string => link.slice(api.config.healthCheck.linkBase.length);
  const invitations = (where = 'true', parameters: unknown[] = []) =>
    api.owner.query(
      `select i.id, p.email, i.delivery, i.link_issued_at, i.sent_at, i.send_error, i.reminded_at
         from survey_invitation i join person p on p.id = i.person_id where i.round_id = $1 and ${where} order by p.email`,
      [round.id, ...parameters],
    );
  const reminderDue = async (): Promise<boolean> =>
    (await api.owner.query(`select round_id from health_check_reminders_due(3)`)).some((r: { round_id: string }) => r.round_id === round.id);

  beforeAll(async () => {
    smtp = await SmtpCatcher.start();
    database = await privateDatabase('mail');
    settings = {
      ...(process.env as Record<string, string>),
      ...database.env,
      QUEUE_PREFIX: prefix,
      TRUST_PROXY: 'loopback',
      SMTP_URL: smtp.url,
      MAIL_BACKOFF_MS: '300',
      LOG_LEVEL: 'debug',
    };
    api = await ApiHarness.start(settings, { logDestination: destination });
    inspector = new QueueFactory(queueStoreFor(api.config));
    worker = (await createWorkerApp(loadConfig(settings), { logDestination: destination })).app;
    await worker.init();

    const p = await surveyedPartnership(api, 'hc-mail', { bodies: 0 });
    coordinator = p.coordinator;
    make = p.make;
    bodies = [];
    for (const [index, people] of [3, 3, 2].entries()) {
      const organisation = await p.make.organisation(['LOCAL_AUTHORITY', 'HEALTH', 'POLICE'][index]);
      await p.make.addMember(p.localityId, organisation.id);
      const emails: string[] = [];
      for (let n = 0; n < people; n++) {
        const email = `person-${index}-${n}-${run}@example.org`;
        await p.make.person(organisation.id, `Person ${index}.${n} <O'Hara & Co>`, email);
        emails.push(email);
      }
      bodies.push({ ...organisation, emails });
    }
    // Someone without an email address: their link can only be handed over.
    await p.make.person(bodies[0].id, 'No Address', null);
    round = await openRound(api, { ...p, bodies: [] }, { closesOn: await utcDay(api, 3), minGroupSize: 3 });
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    for (const name of [QUEUE.domainEvents, QUEUE.maintenance, MAIL_QUEUE]) await inspector?.queue(name).obliterate({ force: true });
    await inspector?.close();
    await api?.stop();
    await smtp?.stop();
    await database?.drop();
  });

  it('invites without answering links, and emails each invitee exactly one message with their own working link', async () => {
    const answer = (await api.ok(INVITE, { input: { roundId: round.id, organisationIds: [bodies[0].id] } }, coordinator)).inviteToSurveyRound;
    expect(answer).toMatchObject({ invited: 4, alreadyInvited: 0, emailed: 3 });
    // Only the person without an address has a link to hand over.
    expect(answer.links.map((l: { person: { fullName: string } }) => l.person.fullName)).toEqual(['No Address']);

    await eventually(() => smtp.messages.length >= 3, 20_000, () => `only ${smtp.messages.length} emails arrived:\n${log.slice(-20).join('\n')}`);
    const sent = await eventually(async () => {
      const rows = await invitations(`i.delivery = 'EMAIL'`);
      return rows.every((r: { sent_at: Date | null }) => r.sent_at) ? rows : undefined;
    });
    expect(sent).toHaveLength(3);
    for (const email of bodies[0].emails) {
      const mails = smtp.to(email);
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      const invitation = sent!.find((r: { email: string }) => r.email === email);
      expect(mail.parsed.subject).toContain('Your link to the health check of');
      expect(mail.parsed.messageId).toBe(`<health-check-invitation.${invitation.id}@joinedup.localhost>`);
      expect(mail.parsed.from?.value).toEqual([{ name: 'JoinedUp', address: 'no-reply@joinedup.localhost' }]);
      expect(mail.parsed.text).toContain(`closes at the end of`);
      expect(mail.parsed.text).toContain('Why your answers are anonymous');
      expect(mail.parsed.text).toMatch(/Dear Person 0\.\d <O'Hara & Co>,/);
      const link = linkIn(mail)!;
      expect(link).toBeTruthy();
      // The HTML part carries the same link, and the name escaped.
      expect(mail.parsed.html).toContain(`href="${link}"`);
      expect(mail.parsed.html).toContain('&lt;O&#39;Hara &amp; Co&gt;');
      expect(mail.parsed.html).not.toMatch(/<img/i);
      linkOf.set(email, link);
    }
    expect(new Set(linkOf.values()).size).toBe(3);

    // Each link works, for the invitee's organisation; answering through one works too.
    for (const link of linkOf.values()) {
      const result = await api.graphql(QUESTIONS, { token: tokenOf(link) }, undefined, newClientAddress());
      expect(result.errors).toBeUndefined();
      expect(result.data!.healthCheckQuestions.organisationName).toBe(bodies[0].name);
    }
    const submitted = await api.graphql(
      SUBMIT,
      { input: { token: tokenOf(linkOf.get(bodies[0].emails[0])!), answers: answersTo(round.statements) } },
      undefined,
      newClientAddress(),
    );
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data!.submitHealthCheck.editCode).toBeTruthy();
  });

  it('keeps the emailed links nowhere at rest: outbox, audit, invitations, queue store, logs', async () => {
    const traces = [...linkOf.values()].flatMap((link) => [link, tokenOf(link), sha256(tokenOf(link))]);
    const [dump] = await api.owner.query(
      `select (select string_agg(o::text, '|') from outbox_event o where o.tenant_id = s.tenant_id) as outbox,
              (select string_agg(a::text, '|') from audit_event a where a.tenant_id = s.tenant_id) as audit,
              (select string_agg(i::text, '|') from survey_invitation i where i.round_id = s.id) as invitations
         from survey_round s where s.id = $1`,
      [round.id],
    );
    expect(dump.outbox).toContain('invitationIds');
    const stored = [dump.outbox, dump.audit, dump.invitations, ...(await queueStoreText(queueStoreFor(api.config))), ...log].join('\n');
    // The mail job is there, with ids only.
    expect(stored).toContain('health-check-invitations');
    for (const trace of traces) expect(stored).not.toContain(trace);
    // The database keeps each link's hash only, among the round's tokens, in hash order.
    const tokens: { hash: string }[] = await api.owner.query(
      `select encode(token_hash, 'hex') as hash from survey_token where round_id = $1 order by ctid`,
      [round.id],
    );
    const hashes = tokens.map((t) => t.hash);
    for (const link of linkOf.values()) expect(hashes).toContain(sha256(tokenOf(link)));
  });

  it('retries while the SMTP server is down, and sends each message once when it is back', async () => {
    await smtp.stop();
    const before = smtp.messages.length;
    const answer = (await api.ok(INVITE, { input: { roundId: round.id, organisationIds: [bodies[1].id] } }, coordinator)).inviteToSurveyRound;
    expect(answer).toMatchObject({ invited: 3, emailed: 3, links: [] });
    const retried = await eventually(() => log.some((line) => /Job health-check-invitations .* failed on attempt 2 of 10, it will be retried/.test(line)));
    expect(retried).toBe(true);
    expect(smtp.messages.length).toBe(before);
    // Nothing was issued while the server was down (no link was lost), and the invitations say why they wait.
    expect(await invitations(`p.email = any($2) and i.link_issued_at is not null`, [bodies[1].emails])).toEqual([]);
    const waiting = await invitations(`p.email = any($2)`, [bodies[1].emails]);
    expect(waiting.map((w: { send_error: string | null }) => w.send_error)).toEqual(Array(3).fill(expect.stringMatching(/ECONNREFUSED/)));

    await smtp.resume();
    await eventually(() => bodies[1].emails.every((email) => smtp.to(email).length > 0), 30_000, () => log.slice(-10).join('\n'));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const email of [...bodies[0].emails, ...bodies[1].emails]) expect(smtp.to(email)).toHaveLength(1);
    for (const email of bodies[1].emails) {
      const link = linkIn(smtp.to(email)[0])!;
      expect((await api.graphql(QUESTIONS, { token: tokenOf(link) }, undefined, newClientAddress())).errors).toBeUndefined();
      linkOf.set(email, link);
    }
  });

  it('re-issues the link of an invitee whose email was refused for now, and sends the others once', async () => {
    const [refused, other] = bodies[2].emails;
    smtp.refuseNextTo(refused);
    const [{ n: tokensBefore }] = await api.owner.query(`select count(*)::int as n from survey_token where round_id = $1`, [round.id]);
    await api.ok(INVITE, { input: { roundId: round.id, organisationIds: [bodies[2].id] } }, coordinator);
    await eventually(() => smtp.to(refused).length > 0 && smtp.to(other).length > 0, 20_000, () => log.slice(-10).join('\n'));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(smtp.to(refused)).toHaveLength(1);
    expect(smtp.to(other)).toHaveLength(1);
    expect(log.some((line) => line.includes('1 of 2 invitation emails not accepted, to be tried again: EENVELOPE 451'))).toBe(true);
    const link = linkIn(smtp.to(refused)[0])!;
    expect((await api.graphql(QUESTIONS, { token: tokenOf(link) }, undefined, newClientAddress())).errors).toBeUndefined();
    linkOf.set(refused, link);
    linkOf.set(other, linkIn(smtp.to(other)[0])!);
    // Three links were issued for two people: the refused one's first link is lost, unused and unknown to anyone.
    const [{ n: tokensAfter }] = await api.owner.query(`select count(*)::int as n from survey_token where round_id = $1`, [round.id]);
    expect(tokensAfter - tokensBefore).toBe(3);
    const rows = await invitations(`i.delivery = 'EMAIL'`);
    expect(rows).toHaveLength(8);
    for (const row of rows) expect(row).toMatchObject({ sent_at: expect.any(Date), send_error: null, reminded_at: null });
  });

  it('reminds every emailed invitee once, 3 days before the close, without a link', async () => {
    const scheduler = worker.get(SurveyReminderScheduler);
    // Invited today: not reminded on the day of their invitation.
    expect(await reminderDue()).toBe(false);
    await api.owner.query(`update survey_invitation set sent_at = sent_at - interval '1 day' where round_id = $1 and sent_at is not null`, [round.id]);
    expect(await reminderDue()).toBe(true);

    // Reminding must not read anything that says who answered: with the links and the
    // responses locked against every reader, the reminders still go out.
    const blind = api.owner.createQueryRunner();
    await blind.connect();
    await blind.startTransaction();
    const emailed = [...bodies[0].emails, ...bodies[1].emails, ...bodies[2].emails];
    const reminders = () => smtp.messages.filter((m) => m.parsed.subject?.startsWith('Reminder:') && emailed.includes(m.to));
    try {
      await blind.query(`lock table survey_token, survey_response, survey_answer, survey_response_pool in access exclusive mode`);
      expect(await scheduler.queueDue()).toBeGreaterThanOrEqual(1);
      await eventually(() => reminders().length >= 8, 20_000, () => log.slice(-10).join('\n'));
    } finally {
      await blind.rollbackTransaction();
      await blind.release();
    }
    for (const email of emailed) {
      const [reminder, ...more] = reminders().filter((m) => m.to === email);
      expect(more).toEqual([]);
      expect(reminder.parsed.text).toContain('If you have answered already, thank you: please ignore this email.');
      expect(reminder.parsed.text).toContain('the link in your invitation email of');
      // No link of any kind, and not the invitee's.
      expect(reminder.raw).not.toContain(api.config.healthCheck.linkBase);
      expect(reminder.raw).not.toContain(tokenOf(linkOf.get(email)!));
      // The one link is the one that stops health-check email to this person.
      expect([...String(reminder.parsed.html).matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => new URL(m[1]).pathname)).toEqual([expect.stringMatching(/^\/unsubscribe\//)]);
    }
    // The mark follows the server's acceptance of the last message by a moment.
    const rows = await eventually(async () => {
      const all = await invitations(`i.delivery = 'EMAIL'`);
      return all.every((r: { reminded_at: Date | null }) => r.reminded_at) ? all : undefined;
    });
    for (const row of rows!) expect(row.reminded_at).toEqual(expect.any(Date));

    // Again: nothing is due, and a reminder job run again sends nothing more.
    expect(await reminderDue()).toBe(false);
    await scheduler.queueDue();
    const tenantId = (await api.owner.query(`select tenant_id from survey_round where id = $1`, [round.id]))[0].tenant_id;
    expect(await worker.get(HealthCheckMailing).sendReminders({ tenantId, roundId: round.id })).toEqual({ sent: 0, failed: 0 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(reminders()).toHaveLength(8);
    expect(smtp.messages.filter((m) => emailed.includes(m.to))).toHaveLength(16);
  });

  it('lets a person stop health-check email with the one-click link of one: no more reminders, and the coordinator is told', async () => {
    const [address, ...others] = bodies[0].emails;
    const [invitation] = smtp.to(address).filter((m) => m.parsed.subject?.startsWith('Your link'));
    const headers = invitation.raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
    const url = /^List-Unsubscribe: <([^>]+)>$/im.exec(headers)![1];
    expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/im);
    expect(invitation.parsed.text).toContain(url);
    const here = `${api.url}${new URL(url).pathname}`;
    // A GET (a link scanner) stops nothing; the one-click POST does, with no cookies.
    expect(await (await fetch(here)).text()).toContain('This link stops health-check invitations and reminders.');
    const stopped = () => api.owner.query(`select email from person where health_check_mail_stopped_at is not null and email like $1`, [`%${run}%`]);
    expect(await stopped()).toEqual([]);
    for (let n = 0; n < 2; n++) expect((await fetch(here, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(200);
    expect(await stopped()).toEqual([{ email: address }]);

    // Reminders (sent again here) skip them.
    await api.owner.query(
      `update survey_invitation i set reminded_at = null from person p where p.id = i.person_id and i.round_id = $1 and p.email = any($2)`,
      [round.id, bodies[0].emails],
    );
    const tenantId = (await api.owner.query(`select tenant_id from survey_round where id = $1`, [round.id]))[0].tenant_id;
    expect(await worker.get(HealthCheckMailing).sendReminders({ tenantId, roundId: round.id })).toEqual({ sent: others.length, failed: 0 });
    expect(smtp.to(address).filter((m) => m.parsed.subject?.startsWith('Reminder:'))).toHaveLength(1);

    // Someone who stopped health-check email is invited with a link for the coordinator to hand over.
    const newcomer = `newcomer-${run}@example.org`;
    const person = await make.person(bodies[0].id, 'New Comer', newcomer);
    await api.owner.query(`update person set health_check_mail_stopped_at = now() where id = $1`, [person.id]);
    const answer = (await api.ok(INVITE, { input: { roundId: round.id, personIds: [person.id] } }, coordinator)).inviteToSurveyRound;
    expect(answer).toMatchObject({ invited: 1, emailed: 0, emailSkipped: 1 });
    expect(answer.links.map((l: { person: { fullName: string } }) => l.person.fullName)).toEqual(['New Comer']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.to(newcomer)).toEqual([]);
  });
});

/** A worker process killed with SIGKILL while it sends a batch. */
describe('health-check invitations by email, with the worker killed mid-batch', () => {
  const prefix = testQueuePrefix('mailkill');
  const run = randomUUID().slice(0, 8);
  let smtp: SmtpCatcher;
  let api: ApiHarness;
  let inspector: QueueFactory;
  let database: PrivateDatabase;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    smtp = await SmtpCatcher.start();
    database = await privateDatabase('mailkill');
    api = await ApiHarness.start({ ...database.env, QUEUE_PREFIX: prefix, TRUST_PROXY: 'loopback', SMTP_URL: smtp.url });
    inspector = new QueueFactory(queueStoreFor(api.config));
  });

  afterAll(async () => {
    for (const worker of workers) await worker.kill();
    for (const name of [QUEUE.domainEvents, QUEUE.maintenance, MAIL_QUEUE]) await inspector?.queue(name).obliterate({ force: true });
    await inspector?.close();
    await api?.stop();
    await smtp?.stop();
    await database?.drop();
  });

  it('sends nobody a second email: the next worker issues fresh links to those not sent yet', async () => {
    const env = { ...database.env, QUEUE_PREFIX: prefix, SMTP_URL: smtp.url, JOB_LOCK_MS: '1000', MAIL_BACKOFF_MS: '200' };
    workers.push(await WorkerProcess.start(env, 90_000));
    const p = await surveyedPartnership(api, 'hc-mailkill', { bodies: 0 });
    const organisation = await p.make.organisation('HEALTH');
    await p.make.addMember(p.localityId, organisation.id);
    const emails = [0, 1, 2, 3].map((n) => `killed-${n}-${run}@example.org`);
    for (const email of emails) await p.make.person(organisation.id, undefined, email);
    const round = await openRound(api, { ...p, bodies: [] });

    smtp.holdAfter(2);
    await api.ok(INVITE, { input: { roundId: round.id } }, p.coordinator);
    await eventually(() => smtp.held > 0, 30_000, () => workers[0].output.slice(-10).join('\n'));
    await workers[0].kill();
    smtp.release(false);
    const mine = () => smtp.messages.filter((m) => emails.includes(m.to));
    expect(mine()).toHaveLength(2);

    workers.push(await WorkerProcess.start(env, 90_000));
    await eventually(() => mine().length >= 4, 30_000, () => workers[1].output.slice(-10).join('\n'));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const email of emails) expect(smtp.to(email)).toHaveLength(1);
    const base = api.config.healthCheck.linkBase;
    for (const mail of mine()) {
      const token = new RegExp(`${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([A-Za-z0-9_-]{43})`).exec(mail.parsed.text ?? '')![1];
      expect((await api.graphql(QUESTIONS, { token }, undefined, newClientAddress())).errors).toBeUndefined();
    }
    const output = workers.flatMap((w) => w.output).join('\n');
    for (const mail of mine()) expect(output).not.toContain(mail.parsed.text!.match(/start\/([A-Za-z0-9_-]{43})/)![1]);
  }, 240_000);
});
