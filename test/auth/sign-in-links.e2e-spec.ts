import { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { loadConfig } from '@joinedup/config';
import { MAIL_QUEUE } from '@joinedup/mail';
import { QUEUE, QueueFactory, queueStoreFor } from '@joinedup/jobs';
import { ApiHarness, TestTenant, TestUser, codeOf } from '../support/api-harness';
import { eventually } from '../support/eventually';
import { PrivateDatabase, privateDatabase } from '../support/private-database';
import { queueStoreText } from '../support/queue-store-text';
import { RegistryFactory } from '../support/registry-factory';
import { SmtpCatcher } from '../support/smtp-catcher';
import { testQueuePrefix } from '../support/queue-prefix';

const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id email role organisationId } }`;
const SEND = `mutation($input: SendSignInLinkInput!) { sendSignInLink(input: $input) { id email } }`;
const DESCRIBE = `query($token: String!) { signInLink(token: $token) { email displayName tenantName expiresAt } }`;
const SET = `mutation($input: SetPasswordWithLinkInput!) {
  setPasswordWithLink(input: $input) { accessToken refreshToken user { id email role organisationId } }
}`;
const STRONG = 'tidal marmalade lantern 42';

/**
 * Sign-in links over HTTP, with a worker emailing them through a real SMTP server: created
 * without a password, the user chooses one with the emailed link, once; a newer link
 * replaces the older; links expire; only tenant administrators send them, for their own
 * tenant's active users, at most 3 an hour; the token is in no queue, log or response.
 */
describe('sign-in links', () => {
  const prefix = testQueuePrefix('links');
  const log: string[] = [];
  let smtp: SmtpCatcher;
  let database: PrivateDatabase;
  let api: ApiHarness;
  let worker: INestApplicationContext;
  let inspector: QueueFactory;
  let tenant: TestTenant;
  let other: TestTenant;
  let coordinator: TestUser;
  let reviewer: TestUser;
  let rep: TestUser;
  let body: { id: string; name: string };
  const tokens: string[] = [];

  const tokenIn = (text: string | undefined): string => {
    const match = new RegExp(`${api.config.mail.webBase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}set-password/([A-Za-z0-9._-]+)`).exec(text ?? '');
    if (!match) throw new Error(`No sign-in link in: ${text}`);
    tokens.push(match[1]);
    return match[1];
  };
  /** The token of the n-th message to `email`, once it arrived. */
  const nthLink = async (email: string, n: number): Promise<string> => {
    await eventually(() => smtp.to(email).length >= n, 20_000, () => `${smtp.to(email).length} of ${n} emails to ${email}:\n${log.slice(-20).join('\n')}`);
    return tokenIn(smtp.to(email)[n - 1].parsed.text);
  };
  const links = async (userId: string): Promise<number> =>
    Number((await api.owner.query(`select count(*) from sign_in_link where user_id = $1`, [userId]))[0].count);

  beforeAll(async () => {
    smtp = await SmtpCatcher.start();
    database = await privateDatabase('links');
    const settings = { ...(process.env as Record<string, string>), ...database.env, QUEUE_PREFIX: prefix, SMTP_URL: smtp.url, MAIL_BACKOFF_MS: '300', LOG_LEVEL: 'debug' };
    const logDestination = { write: (line: string) => void log.push(line) };
    api = await ApiHarness.start(settings, { logDestination });
    inspector = new QueueFactory(queueStoreFor(api.config));
    worker = (await createWorkerApp(loadConfig(settings), { logDestination })).app;
    await worker.init();
    tenant = await api.newTenant('links');
    other = await api.newTenant('links-other');
    coordinator = await api.newUser(tenant, 'COORDINATOR');
    reviewer = await api.newUser(tenant, 'REVIEWER');
    body = await new RegistryFactory(api, coordinator.token).organisation('HEALTH', 'Valley Health Trust');
    rep = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', body.id);
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    for (const name of [QUEUE.domainEvents, QUEUE.maintenance, MAIL_QUEUE]) await inspector?.queue(name).obliterate({ force: true });
    await inspector?.close();
    await api?.stop();
    await smtp?.stop();
    await database?.drop();
  });

  it('creates a user without a password, emails them a link that sets one and signs them in, once', async () => {
    const email = `new-rep-${randomUUID().slice(0, 6)}@example.org`;
    const input = { email, displayName: 'Nia New', role: 'MEMBER_REPRESENTATIVE', organisationId: body.id, sendSignInLink: true };
    const created = (await api.ok(CREATE, { input }, tenant.adminToken)).createUser;
    expect(created).toMatchObject({ email, role: 'MEMBER_REPRESENTATIVE', organisationId: body.id });

    const token = await nthLink(email, 1);
    const mail = smtp.to(email)[0].parsed;
    expect(mail.subject).toBe('Choose your password for JoinedUp (Test links)');
    expect(mail.text).toContain(`Your organisation’s JoinedUp name: ${tenant.slug}`);
    expect(mail.text).toContain(`(${tenant.admin.email}) has given you an account`);
    // No password yet: signing in is refused as a wrong password is.
    expect(codeOf(await api.graphql(`mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }`, { i: { tenant: tenant.slug, email, password: STRONG } }))).toBe('UNAUTHENTICATED');

    const described = (await api.ok(DESCRIBE, { token })).signInLink;
    expect(described).toMatchObject({ email, displayName: 'Nia New', tenantName: 'Test links' });
    const days = (Date.parse(described.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);

    // A weak password is refused by the policy, beside its field, and uses nothing up.
    const weak = await api.graphql(SET, { input: { token, password: 'password1234' } });
    expect(weak.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'password' } });
    expect(weak.errors?.[0].message).toMatch(/^Your password is too easy to guess/);

    const session = (await api.ok(SET, { input: { token, password: STRONG } })).setPasswordWithLink;
    expect(session.user).toEqual({ id: created.id, email, role: 'MEMBER_REPRESENTATIVE', organisationId: body.id });
    expect((await api.ok(`{ me { email } }`, {}, session.accessToken)).me.email).toBe(email);
    await api.signIn(tenant.slug, email, STRONG);

    // Used: refused with the one answer for every link that does not work.
    for (const result of [await api.graphql(SET, { input: { token, password: `${STRONG} again` } }), await api.graphql(DESCRIBE, { token })]) {
      expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND', reason: 'SIGN_IN_LINK_UNUSABLE' } });
      expect(result.errors?.[0].message).toMatch(/^This sign-in link cannot be used/);
    }
  });

  it('refuses a password and a link together, or neither, and creates nobody', async () => {
    const email = `neither-${randomUUID().slice(0, 6)}@example.org`;
    const base = { email, displayName: 'No One', role: 'COORDINATOR' };
    for (const input of [base, { ...base, password: STRONG, sendSignInLink: true }]) {
      const result = await api.graphql(CREATE, { input }, tenant.adminToken);
      expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'password' } });
    }
    expect(await api.owner.query(`select id from app_user where email = $1`, [email])).toEqual([]);
  });

  it('replaces an older link with a newer one, sends at most 3 an hour, and lets a link expire', async () => {
    const send = (token: string, userId = coordinator.id) => api.graphql(SEND, { input: { userId } }, token);
    expect((await send(tenant.adminToken)).data?.sendSignInLink).toEqual({ id: coordinator.id, email: coordinator.email });
    const first = await nthLink(coordinator.email, 1);
    await send(tenant.adminToken);
    const second = await nthLink(coordinator.email, 2);
    expect(codeOf(await api.graphql(DESCRIBE, { token: first }))).toBe('NOT_FOUND');
    expect((await api.ok(DESCRIBE, { token: second })).signInLink.email).toBe(coordinator.email);

    await send(tenant.adminToken);
    const third = await nthLink(coordinator.email, 3);
    const tooMany = await send(tenant.adminToken);
    expect(tooMany.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT', reason: 'SIGN_IN_LINK_RATE' } });
    expect(tooMany.errors?.[0].message).toMatch(new RegExp(`^${coordinator.email} has been sent 3 sign-in links in the last hour; send another after \\d\\d:\\d\\d UTC\\.$`));
    expect(await links(coordinator.id)).toBe(3);

    await api.owner.query(`update sign_in_link set expires_at = now() - interval '1 second' where user_id = $1 and used_at is null and expires_at > now()`, [coordinator.id]);
    expect(codeOf(await api.graphql(SET, { input: { token: third, password: STRONG } }))).toBe('NOT_FOUND');
    // The coordinator's password is the one they had.
    await api.signIn(tenant.slug, coordinator.email, coordinator.password);
  });

  it('is for tenant administrators, for active users of their own tenant only, and changes nothing when refused', async () => {
    for (const user of [coordinator, reviewer, rep]) {
      const refused = await api.graphql(SEND, { input: { userId: rep.id } }, user.token);
      expect([codeOf(refused), refused.errors?.[0].message]).toEqual(['FORBIDDEN', 'Only tenant administrators can send a sign-in link.']);
    }
    expect(codeOf(await api.graphql(SEND, { input: { userId: rep.id } }, other.adminToken))).toBe('NOT_FOUND');
    expect(await links(rep.id)).toBe(0);

    const leaver = await api.newUser(tenant, 'REVIEWER');
    await api.ok(`mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) { id } }`, { input: { userId: leaver.id } }, tenant.adminToken);
    const inactive = await api.graphql(SEND, { input: { userId: leaver.id } }, tenant.adminToken);
    expect(inactive.errors?.[0]).toMatchObject({ message: `${leaver.email} is deactivated, so they cannot be sent a sign-in link.`, extensions: { code: 'CONFLICT' } });
    expect(await links(leaver.id)).toBe(0);
  });

  it('lists users by role and state, with the body a member representative acts for', async () => {
    const LIST = `query($role: Role, $active: Boolean) { users(first: 100, role: $role, active: $active) { nodes { email role active organisation { id name } } } }`;
    const reps = (await api.ok(LIST, { role: 'MEMBER_REPRESENTATIVE' }, tenant.adminToken)).users.nodes;
    expect(reps.length).toBeGreaterThanOrEqual(2);
    expect(reps.every((u: { role: string; organisation: { name: string } }) => u.role === 'MEMBER_REPRESENTATIVE' && u.organisation.name === body.name)).toBe(true);
    const inactive = (await api.ok(LIST, { active: false }, tenant.adminToken)).users.nodes;
    expect(inactive.map((u: { email: string }) => u.email)).toHaveLength(1);
    expect((await api.ok(LIST, { role: 'COORDINATOR', active: true }, tenant.adminToken)).users.nodes).toEqual([
      { email: coordinator.email, role: 'COORDINATOR', active: true, organisation: null },
    ]);
    expect(codeOf(await api.graphql(LIST, {}, coordinator.token))).toBe('FORBIDDEN');
  });

  it('keeps tokens out of the queues, the logs, the outbox and the audit trail; only their hashes are stored', async () => {
    expect(tokens.length).toBeGreaterThanOrEqual(4);
    const [outbox, audit, stored] = await Promise.all([
      api.owner.query(`select payload::text from outbox_event`),
      api.owner.query(`select coalesce(before::text, '') || coalesce(after::text, '') as text from audit_event`),
      api.owner.query(`select encode(token_hash, 'hex') as hash from sign_in_link where token_hash is not null`),
    ]);
    const everything = [JSON.stringify(outbox), JSON.stringify(audit), JSON.stringify(stored), ...(await queueStoreText(queueStoreFor(api.config))), ...log].join('\n');
    for (const token of tokens) expect(everything).not.toContain(token.split('.')[2]);
  });
});
