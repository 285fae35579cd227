import { INestApplicationContext } from '@nestjs/common';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { loadConfig } from '@joinedup/config';
import { QUEUE, QueueFactory, queueStoreFor } from '@joinedup/jobs';
import { MAIL_QUEUE } from '@joinedup/mail';
import { DeadlineReminderMailing, DeadlineReminderScheduler } from '@joinedup/reminders';
import { ApiHarness, TestTenant, TestUser } from '../support/api-harness';
import { eventually } from '../support/eventually';
import { PrivateDatabase, privateDatabase } from '../support/private-database';
import { ENDORSE, RegistryFactory } from '../support/registry-factory';
import { CaughtMail, SmtpCatcher } from '../support/smtp-catcher';
import { testQueuePrefix } from '../support/queue-prefix';

const UPDATE = `mutation($input: UpdateMyMailPreferencesInput!) { updateMyMailPreferences(input: $input) { digest } }`;
const input = (value: Record<string, unknown>) => ({ input: value });
/** YYYY-MM-DD `days` after today (UTC). */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Deadline reminders over real SMTP, with the api and a worker on a private database (a
 * worker serves every tenant of its database): records created through the API with due
 * days placed so a reminder is due; each person who can act gets one message per deadline
 * with its link, once however often the scheduler runs, and nobody else gets any.
 */
describe('deadline reminders', () => {
  const prefix = testQueuePrefix('reminders');
  let smtp: SmtpCatcher;
  let database: PrivateDatabase;
  let api: ApiHarness;
  let worker: INestApplicationContext;
  let inspector: QueueFactory;
  let tenant: TestTenant;
  let coordinator: TestUser;
  let remindersOff: TestUser;
  const rep = {} as Record<'A' | 'B' | 'C', TestUser>;
  let actionOwner: TestUser;
  let conflictId: string;
  let actionId: string;
  let reviewId: string;
  let programmeId: string;
  let leaderId: string;

  beforeAll(async () => {
    smtp = await SmtpCatcher.start();
    database = await privateDatabase('reminders');
    const settings = { ...(process.env as Record<string, string>), ...database.env, QUEUE_PREFIX: prefix, SMTP_URL: smtp.url, MAIL_BACKOFF_MS: '300' };
    api = await ApiHarness.start(settings);
    inspector = new QueueFactory(queueStoreFor(api.config));
    worker = (await createWorkerApp(loadConfig(settings))).app;
    await worker.init();

    tenant = await api.newTenant('reminders');
    coordinator = await api.newUser(tenant, 'COORDINATOR');
    remindersOff = await api.newUser(tenant, 'COORDINATOR');
    await api.ok(UPDATE, input({ kindsOn: ['DIGEST'] }), remindersOff.token);
    const make = new RegistryFactory(api, coordinator.token);
    const locality = await make.locality();
    const [a, b, c] = await make.members(locality.id, 3);
    rep.A = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', a.id);
    rep.B = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', b.id);
    rep.C = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', c.id);
    actionOwner = await api.newUser(tenant, 'REVIEWER');
    const programme = await make.programme(locality.id, [a.id, b.id, c.id]);
    programmeId = programme.id;

    // A conflict raised by A with B, at a stage of 2 days: due in 2 days. C is not involved.
    const conflictProcess = await api.ok(
      `mutation($input: SetConflictProcessInput!) { setConflictProcess(input: $input) { id } }`,
      input({ localityId: locality.id, stages: [{ name: 'Talk it through', owner: 'Leads', timeLimitDays: 2 }] }),
      coordinator.token,
    );
    await api.ok(`mutation($input: AgreeConflictProcessInput!) { agreeConflictProcess(input: $input) { id } }`, input({ processId: conflictProcess.setConflictProcess.id }), coordinator.token);
    conflictId = (
      await api.ok(
        `mutation($input: RaiseConflictInput!) { raiseConflict(input: $input) { id } }`,
        input({ localityId: locality.id, programmeId, partyIds: [b.id], category: 'RESOURCES', severity: 'HIGH', title: 'Who pays for the shared team', description: 'Funding.' }),
        rep.A.token,
      )
    ).raiseConflict.id;
    await api.ok(`mutation($input: ConflictTransitionInput!) { acknowledgeConflict(input: $input) { id } }`, input({ conflictId }), rep.B.token);
    await api.ok(`mutation($input: ConflictTransitionInput!) { startConflictResolution(input: $input) { id } }`, input({ conflictId }), rep.A.token);

    // A review completed with an action owned (by email) by a user; then it fell due yesterday.
    const owner = await make.person(a.id, 'Olive Owner', actionOwner.email);
    reviewId = (await api.ok(`query($id: ID!) { programme(id: $id) { nextReview { id } } }`, { id: programmeId }, coordinator.token)).programme.nextReview.id;
    const completed = await api.ok(
      `mutation($input: CompleteReviewInput!) { completeReview(input: $input) { id actions { id } } }`,
      input({ reviewId, periodStart: day(-90), periodEnd: day(0), effectivenessRating: 3, efficiencyRating: 3, findings: 'Going fine.', values: [],
              actions: [{ description: 'Share the referral data', dueOn: day(10), ownerPersonId: owner.id }] }),
      coordinator.token,
    );
    actionId = completed.completeReview.actions[0].id;
    await api.owner.query(`update improvement_action set raised_on = $2, due_on = $3 where id = $1`, [actionId, day(-20), day(-1)]);

    // An agreed leader, whose re-confirmation falls due in 30 days.
    const leader = await make.person(a.id, 'Lee Leader');
    const nomination = await make.nominate(programmeId, leader.id);
    for (const [organisationId, user] of [[a.id, rep.A], [b.id, rep.B], [c.id, rep.C]] as const) {
      if ((await api.ok(ENDORSE, input({ nominationId: nomination.id, organisationId, position: 'SUPPORT' }), user.token)).endorseNomination.status === 'AGREED') break;
    }
    await api.owner.query(`update programme_leader set reconfirm_by = $2 where programme_id = $1 and stepped_down_at is null`, [programmeId, day(30)]);
    [{ id: leaderId }] = await api.owner.query(`select id from programme_leader where programme_id = $1 and stepped_down_at is null`, [programmeId]);
  }, 180_000);

  afterAll(async () => {
    await worker?.close();
    for (const name of [QUEUE.domainEvents, QUEUE.maintenance, MAIL_QUEUE]) await inspector?.queue(name).obliterate({ force: true });
    await inspector?.close();
    await api?.stop();
    await smtp?.stop();
    await database?.drop();
  });

  const linking = (user: TestUser, path: string): CaughtMail[] => smtp.to(user.email).filter((m) => m.parsed.text?.includes(`${api.config.mail.webBase}${path}\n`));
  const conflictPath = () => `records/conflicts/${conflictId}`;
  const reviewPath = () => `records/improvement-reviews/${reviewId}`;
  const programmePath = () => `records/programmes/${programmeId}`;

  it('sends each person who can act one reminder per deadline, with its link, however often the scheduler runs', async () => {
    const scheduler = worker.get(DeadlineReminderScheduler);
    // Twice, as two workers would: the job ids are the same, so the second adds nothing (it
    // may find fewer, those the first run's jobs have already marked sent).
    const queued = await scheduler.queueDue();
    expect(queued).toBe(5);
    expect(await scheduler.queueDue()).toBeLessThanOrEqual(queued);
    await eventually(() => smtp.messages.length >= queued, 60_000, () => `${smtp.messages.length} of ${queued} reminders arrived`);

    for (const user of [coordinator, rep.A, rep.B]) {
      const [mail, ...more] = linking(user, conflictPath());
      expect([user.email, more.length]).toEqual([user.email, 0]);
      expect(mail.parsed.subject).toBe('Reminder: Conflict stage 1 (Talk it through) due: Who pays for the shared team');
      expect(mail.parsed.text).toContain(`in 2 days.`);
    }
    const [action, ...moreActions] = linking(actionOwner, reviewPath());
    expect(moreActions).toEqual([]);
    expect(action.parsed.subject).toBe('Overdue: Action due (' + (await api.owner.query(`select name from programme where id = $1`, [programmeId]))[0].name + '): Share the referral data');
    expect(linking(coordinator, reviewPath()).filter((m) => m.parsed.subject?.startsWith('Overdue: Action'))).toEqual([]);
    const [leader, ...moreLeaders] = linking(coordinator, programmePath());
    expect(moreLeaders).toEqual([]);
    expect(leader.parsed.subject).toMatch(/^Reminder: Leader re-confirmation due: Lee Leader \(/);
    expect(leader.parsed.messageId).toBe(`<deadline-reminder.${coordinator.id}.leader-reconfirmation-${leaderId}.${day(30)}.before-30@joinedup.localhost>`);

    // Switched off, or a representative of a body not involved: nothing.
    for (const user of [remindersOff, rep.C]) expect([user.email, smtp.to(user.email)]).toEqual([user.email, []]);

    // Run again (a later tick, a retry, a second worker): nothing more.
    expect(await scheduler.queueDue()).toBe(0);
    const job = { tenantId: tenant.id, userId: rep.A.id, deadlineId: `conflict-stage-${conflictId}-1`, dueOn: day(2), moment: 'before-2' };
    expect(await worker.get(DeadlineReminderMailing).send(job)).toEqual({ sent: 0, skipped: 'not due, switched off, or sent already' });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(smtp.messages.length).toBe(queued);
  }, 120_000);

  it('reminds again when a deadline moves to another day, and carries a one-click unsubscribe of its kind', async () => {
    await api.owner.query(`update conflict set stage_due_on = $2 where id = $1`, [conflictId, day(1)]);
    const before = smtp.messages.length;
    // Coordinator, A and B: one reminder each for the new day.
    expect(await worker.get(DeadlineReminderScheduler).queueDue()).toBe(3);
    await eventually(() => smtp.messages.length >= before + 3, 60_000, () => `${smtp.messages.length - before} of 3 arrived`);
    expect(linking(rep.B, conflictPath()).map((m) => m.parsed.text?.includes('in 1 day.'))).toEqual([false, true]);

    const [mail] = linking(rep.B, conflictPath());
    const headers = mail.raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
    const url = /^List-Unsubscribe: <([^>]+)>$/im.exec(headers)?.[1];
    expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/im);
    expect(mail.parsed.text).toContain(url);
    const response = await fetch(`${api.url}${new URL(url!).pathname}`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(200);
    const [row] = await api.owner.query(`select kinds_off from mail_preference where user_id = $1`, [rep.B.id]);
    expect(row.kinds_off).toEqual(['CONFLICT_STAGE_DUE']);
  }, 90_000);
});
