import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { ApiHarness, SIGN_IN, TestTenant, codeOf } from './support/api-harness';

const ME = `{ me { id email role active } }`;
const REFRESH = `mutation($input: RefreshSessionInput!) { refreshSession(input: $input) { accessToken refreshToken } }`;

describe('sign-in and sessions', () => {
  let api: ApiHarness;
  let tenant: TestTenant;

  beforeAll(async () => {
    api = await ApiHarness.start();
    tenant = await api.newTenant('auth');
  });
  afterAll(() => api.stop());

  it('signs in and answers me with the current user', async () => {
    const data = await api.ok(ME, {}, tenant.adminToken);
    expect(data.me).toEqual({ id: tenant.adminId, email: tenant.admin.email, role: 'TENANT_ADMIN', active: true });
  });

  it('gives the same error for a wrong password, an unknown email and an unknown tenant', async () => {
    const attempts = [
      { tenant: tenant.slug, email: tenant.admin.email, password: 'wrong password!!' },
      { tenant: tenant.slug, email: 'nobody@nowhere.test', password: 'wrong password!!' },
      { tenant: 'no-such-tenant', email: tenant.admin.email, password: tenant.admin.password },
    ];
    const errors = [];
    for (const input of attempts) errors.push((await api.graphql(SIGN_IN, { input })).errors);
    expect(errors[0]?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(errors[1]).toEqual(errors[0]);
    expect(errors[2]).toEqual(errors[0]);
  });

  it('refuses a query without a token', async () => {
    const result = await api.graphql(ME);
    expect(codeOf(result)).toBe('UNAUTHENTICATED');
    expect(result.data).toBeNull();
  });

  describe('refuses forged tokens', () => {
    const claims = () => ({ tid: tenant.id, sid: randomUUID(), role: 'TENANT_ADMIN' });

    it('with a bad signature', async () => {
      const forged = await new SignJWT(claims())
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(tenant.adminId)
        .setIssuer('joinedup')
        .setAudience('joinedup-api')
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode('not-the-real-secret-not-the-real-secret'));
      expect(codeOf(await api.graphql(ME, {}, forged))).toBe('UNAUTHENTICATED');
    });

    it('with alg none', async () => {
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const body = Buffer.from(
        JSON.stringify({ ...claims(), sub: tenant.adminId, iss: 'joinedup', aud: 'joinedup-api', exp: 9999999999 }),
      ).toString('base64url');
      expect(codeOf(await api.graphql(ME, {}, `${header}.${body}.`))).toBe('UNAUTHENTICATED');
    });

    it('that expired', async () => {
      const expired = await new SignJWT(claims())
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(tenant.adminId)
        .setIssuer('joinedup')
        .setAudience('joinedup-api')
        .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
        .sign(new TextEncoder().encode(api.config.jwtSecret));
      expect(codeOf(await api.graphql(ME, {}, expired))).toBe('UNAUTHENTICATED');
    });

    it('for a tenant that does not exist', async () => {
      const session = await api.signIn(tenant.slug, tenant.admin.email, tenant.admin.password);
      const payload = JSON.parse(Buffer.from(session.accessToken.split('.')[1], 'base64url').toString());
      const elsewhere = await new SignJWT({ ...payload, tid: randomUUID() })
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new TextEncoder().encode(api.config.jwtSecret));
      expect(codeOf(await api.graphql(ME, {}, elsewhere))).toBe('UNAUTHENTICATED');
    });
  });

  it('rotates refresh tokens, and a token used again after the grace period ends the whole session', async () => {
    const first = await api.signIn(tenant.slug, tenant.admin.email, tenant.admin.password);
    const second = (await api.ok(REFRESH, { input: { refreshToken: first.refreshToken } })).refreshSession;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await api.ok(ME, {}, second.accessToken);

    // As if the grace period had passed since the first use.
    const firstTokenId = first.refreshToken.split('.')[1];
    await api.owner.query(`update refresh_token set used_at = now() - interval '1 hour' where id = $1`, [firstTokenId]);
    const reuse = await api.graphql(REFRESH, { input: { refreshToken: first.refreshToken } });
    expect(codeOf(reuse)).toBe('UNAUTHENTICATED');
    expect(reuse.errors?.[0].message).toMatch(/already used/);
    // Every token of that session is now dead: the rotated refresh token and its access token.
    expect(codeOf(await api.graphql(REFRESH, { input: { refreshToken: second.refreshToken } }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await api.graphql(ME, {}, second.accessToken))).toBe('UNAUTHENTICATED');
    // Other sessions of the same user are untouched.
    await api.ok(ME, {}, tenant.adminToken);
  });
});

describe('user administration', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id email role } }`;

  beforeAll(async () => {
    api = await ApiHarness.start();
    tenant = await api.newTenant('users');
  });
  afterAll(() => api.stop());

  it('lets a reviewer read but not create users', async () => {
    const reviewer = await api.newUser(tenant, 'REVIEWER');
    const result = await api.graphql(
      CREATE,
      { input: { email: 'x@example.org', displayName: 'X', password: 'long enough password', role: 'COORDINATOR' } },
      reviewer.token,
    );
    expect(codeOf(result)).toBe('FORBIDDEN');
    const count = await api.owner.query(`select count(*)::int as n from app_user where email = 'x@example.org'`);
    expect(count[0].n).toBe(0);
  });

  it('names the field of invalid input and writes nothing', async () => {
    const result = await api.graphql(
      CREATE,
      { input: { email: 'not-an-email', displayName: 'Y', password: 'short', role: 'COORDINATOR' } },
      tenant.adminToken,
    );
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions.fields).toEqual(['email', 'password']);
    expect(result.errors?.[0].message).toMatch(/email must be an email address/);
  });

  it('refuses an unknown role value with BAD_USER_INPUT', async () => {
    const result = await api.graphql(
      CREATE,
      { input: { email: 'z@example.org', displayName: 'Z', password: 'long enough password', role: 'EMPEROR' } },
      tenant.adminToken,
    );
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
  });

  it('refuses a second user with the same email as CONFLICT', async () => {
    const input = { email: 'Dup@Example.org', displayName: 'D', password: 'long enough password', role: 'REVIEWER' };
    await api.ok(CREATE, { input }, tenant.adminToken);
    const again = await api.graphql(CREATE, { input: { ...input, email: 'dup@example.org' } }, tenant.adminToken);
    expect(codeOf(again)).toBe('CONFLICT');
    expect(again.errors?.[0].message).toBe('A user with this email already exists in your tenant.');
  });

  it('changes a role, and deactivation ends the user’s sessions at once', async () => {
    const user = await api.newUser(tenant, 'REVIEWER');
    const changed = await api.ok(
      `mutation($input: ChangeUserRoleInput!) { changeUserRole(input: $input) { role } }`,
      { input: { userId: user.id, role: 'COORDINATOR' } },
      tenant.adminToken,
    );
    expect(changed.changeUserRole.role).toBe('COORDINATOR');
    expect((await api.ok(ME, {}, user.token)).me.role).toBe('COORDINATOR');

    await api.ok(`mutation($id: ID!) { deactivateUser(input: { userId: $id }) { active } }`, { id: user.id }, tenant.adminToken);
    expect(codeOf(await api.graphql(ME, {}, user.token))).toBe('UNAUTHENTICATED');
    const again = await api.graphql(SIGN_IN, { input: { tenant: tenant.slug, email: user.email, password: user.password } });
    expect(codeOf(again)).toBe('UNAUTHENTICATED');
  });

  it('lists users with cursor pagination', async () => {
    const first = await api.ok(`{ users(first: 2) { nodes { email } pageInfo { hasNextPage endCursor } } }`, {}, tenant.adminToken);
    expect(first.users.nodes).toHaveLength(2);
    expect(first.users.pageInfo.hasNextPage).toBe(true);
    const next = await api.ok(
      `query($after: String) { users(first: 100, after: $after) { nodes { email } pageInfo { hasNextPage } } }`,
      { after: first.users.pageInfo.endCursor },
      tenant.adminToken,
    );
    const seen = [...first.users.nodes, ...next.users.nodes].map((n: { email: string }) => n.email);
    expect(new Set(seen).size).toBe(seen.length);
    expect(next.users.pageInfo.hasNextPage).toBe(false);
    const tooMany = await api.graphql(`{ users(first: 1000) { nodes { id } } }`, {}, tenant.adminToken);
    expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
  });
});
