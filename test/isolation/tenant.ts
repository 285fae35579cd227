import { randomUUID } from 'node:crypto';
import { ApiHarness, GraphQLResult, SIGN_IN, TestTenant, TestUser, codeOf, sharedApi } from '../support/api-harness';
import { RegistryFactory } from '../support/registry-factory';

const ME = `{ me { id email role active } }`;
const USER = `query($id: ID!) { user(id: $id) { id email role active } }`;
const CHANGE_ROLE = `mutation($input: ChangeUserRoleInput!) { changeUserRole(input: $input) { id role } }`;
const DEACTIVATE = `mutation($id: ID!) { deactivateUser(input: { userId: $id }) { id active } }`;
const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id email role organisationId } }`;

/** What a caller sees of an error: its code and its message, nothing about the record. */
const visible = (result: GraphQLResult) => result.errors?.map((e) => ({ code: e.extensions.code, message: e.message }));

/** Users, sessions and sign-in: a token of tenant A never shows or changes anything of tenant B. */
describe('tenant isolation of users and sessions', () => {
  let api: ApiHarness;
  let a: TestTenant;
  let b: TestTenant;
  let bUser: TestUser;
  let bOrganisationId: string;
  let aOrganisationId: string;
  let aReviewer: TestUser;

  beforeAll(async () => {
    api = await sharedApi.join();
    a = await api.newTenant('iso-users-a');
    b = await api.newTenant('iso-users-b');
    bUser = await api.newUser(b, 'REVIEWER');
    aReviewer = await api.newUser(a, 'REVIEWER');
    const bCoordinator = await api.newUser(b, 'COORDINATOR');
    bOrganisationId = (await new RegistryFactory(api, bCoordinator.token).organisation()).id;
    const aCoordinator = await api.newUser(a, 'COORDINATOR');
    aOrganisationId = (await new RegistryFactory(api, aCoordinator.token).organisation()).id;
  });
  afterAll(() => sharedApi.leave(api));

  /** B's user as the database holds it, read as the owner (no row-level security in the way). */
  const bUserRow = async () =>
    (
      await api.owner.query(
        `select tenant_id, email, display_name, role, organisation_id, active, updated_at,
                (select count(*)::int from auth_session s
                  where s.tenant_id = u.tenant_id and s.user_id = u.id and s.revoked_at is null) as live_sessions
           from app_user u where id = $1`,
        [bUser.id],
      )
    )[0];

  it('me answers with the caller of tenant A', async () => {
    const data = await api.ok(ME, {}, a.adminToken);
    expect(data.me).toEqual({ id: a.adminId, email: a.admin.email, role: 'TENANT_ADMIN', active: true });
  });

  it('users lists only tenant A’s users', async () => {
    const data = await api.ok(`{ users(first: 100) { nodes { id email } pageInfo { hasNextPage } } }`, {}, a.adminToken);
    const emails = data.users.nodes.map((n: { email: string }) => n.email);
    expect(data.users.pageInfo.hasNextPage).toBe(false);
    expect(emails).toContain(a.admin.email);
    expect(emails).toContain(aReviewer.email);
    expect(emails.filter((e: string) => e.endsWith(`@${b.slug}.test`))).toEqual([]);
    const ids = data.users.nodes.map((n: { id: string }) => n.id);
    expect(ids).not.toContain(bUser.id);
    expect(ids).not.toContain(b.adminId);
  });

  it('user(id) of B’s user reads exactly like an id that does not exist', async () => {
    const theirs = await api.graphql(USER, { id: bUser.id }, a.adminToken);
    const unknown = await api.graphql(USER, { id: randomUUID() }, a.adminToken);
    expect(codeOf(theirs)).toBe('NOT_FOUND');
    expect(theirs.data).toBeNull();
    expect(visible(theirs)).toEqual(visible(unknown));
    // Upper case must not find it either.
    expect(visible(await api.graphql(USER, { id: bUser.id.toUpperCase() }, a.adminToken))).toEqual(visible(unknown));
  });

  it('changeUserRole on B’s user is NOT_FOUND, like an unknown id, and changes nothing', async () => {
    const before = await bUserRow();
    const theirs = await api.graphql(CHANGE_ROLE, { input: { userId: bUser.id, role: 'TENANT_ADMIN' } }, a.adminToken);
    const unknown = await api.graphql(CHANGE_ROLE, { input: { userId: randomUUID(), role: 'TENANT_ADMIN' } }, a.adminToken);
    expect(codeOf(theirs)).toBe('NOT_FOUND');
    expect(visible(theirs)).toEqual(visible(unknown));
    expect(await bUserRow()).toEqual(before);
    expect(before.role).toBe('REVIEWER');
    // B's user still acts as a reviewer: a reviewer cannot create users.
    expect((await api.ok(ME, {}, bUser.token)).me.role).toBe('REVIEWER');
    expect(
      codeOf(
        await api.graphql(
          CREATE,
          { input: { email: 'r@example.org', displayName: 'R', password: 'long enough password', role: 'REVIEWER' } },
          bUser.token,
        ),
      ),
    ).toBe('FORBIDDEN');
  });

  it('deactivateUser on B’s user is NOT_FOUND, like an unknown id, and B’s user keeps signing in', async () => {
    const before = await bUserRow();
    const theirs = await api.graphql(DEACTIVATE, { id: bUser.id }, a.adminToken);
    const unknown = await api.graphql(DEACTIVATE, { id: randomUUID() }, a.adminToken);
    expect(codeOf(theirs)).toBe('NOT_FOUND');
    expect(visible(theirs)).toEqual(visible(unknown));
    expect(await bUserRow()).toEqual(before);
    expect(before).toMatchObject({ active: true, live_sessions: 1 });
    expect((await api.ok(ME, {}, bUser.token)).me).toMatchObject({ id: bUser.id, active: true });
    const seenByB = await api.ok(USER, { id: bUser.id }, b.adminToken);
    expect(seenByB.user).toEqual({ id: bUser.id, email: bUser.email, role: 'REVIEWER', active: true });
  });

  it('B’s organisation cannot be given to a user of A: same error as an unknown organisation', async () => {
    const representative = (id: string) => ({
      input: {
        email: `rep-${randomUUID().slice(0, 6)}@example.org`,
        displayName: 'Rep',
        password: 'long enough password',
        role: 'MEMBER_REPRESENTATIVE',
        organisationId: id,
      },
    });
    const theirs = await api.graphql(CREATE, representative(bOrganisationId), a.adminToken);
    const unknown = await api.graphql(CREATE, representative(randomUUID()), a.adminToken);
    expect(codeOf(theirs)).toBe('BAD_USER_INPUT');
    expect(visible(theirs)).toEqual(visible(unknown));

    const roleTo = (id: string) => ({ input: { userId: aReviewer.id, role: 'MEMBER_REPRESENTATIVE', organisationId: id } });
    const changed = await api.graphql(CHANGE_ROLE, roleTo(bOrganisationId), a.adminToken);
    expect(codeOf(changed)).toBe('BAD_USER_INPUT');
    expect(visible(changed)).toEqual(visible(await api.graphql(CHANGE_ROLE, roleTo(randomUUID()), a.adminToken)));
    // A's own organisation is accepted: the refusals were about the tenant.
    expect((await api.ok(CHANGE_ROLE, roleTo(aOrganisationId), a.adminToken)).changeUserRole.role).toBe('MEMBER_REPRESENTATIVE');
    const [rows] = await api.owner.query(`select count(*)::int as n from app_user where organisation_id = $1`, [bOrganisationId]);
    expect(rows.n).toBe(0);
  });

  it('createUser in A with an email that exists in B succeeds, and both users stay separate', async () => {
    const input = { email: bUser.email, displayName: 'Namesake', password: 'a different long password', role: 'COORDINATOR' };
    const created = (await api.ok(CREATE, { input }, a.adminToken)).createUser;
    expect(created.id).not.toBe(bUser.id);
    expect(created.email).toBe(bUser.email);

    const [copy] = await api.owner.query(`select tenant_id from app_user where id = $1`, [created.id]);
    expect(copy.tenant_id).toBe(a.id);
    expect((await bUserRow()).tenant_id).toBe(b.id);
    // Each signs in to their own tenant with their own password, and only there.
    expect((await api.signIn(a.slug, input.email, input.password)).user.id).toBe(created.id);
    expect((await api.signIn(b.slug, bUser.email, bUser.password)).user.id).toBe(bUser.id);
    expect(codeOf(await api.graphql(SIGN_IN, { input: { tenant: a.slug, email: bUser.email, password: bUser.password } }))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('the audit trail of B’s user is empty for A', async () => {
    const query = `query($id: ID!) { auditEvents(entityType: "USER", entityId: $id, first: 10) { nodes { id action } } }`;
    expect((await api.ok(query, { id: bUser.id }, a.adminToken)).auditEvents.nodes).toEqual([]);
    // B sees its own: the user was created there.
    const own = await api.ok(query, { id: bUser.id }, b.adminToken);
    expect(own.auditEvents.nodes.map((n: { action: string }) => n.action)).toContain('user.created');
  });

  it('signOut with a token of A ends only that session', async () => {
    const session = await api.signIn(a.slug, a.admin.email, a.admin.password);
    const before = await bUserRow();
    expect((await api.ok(`mutation { signOut }`, {}, session.accessToken)).signOut).toBe(true);
    expect(codeOf(await api.graphql(ME, {}, session.accessToken))).toBe('UNAUTHENTICATED');
    expect(await bUserRow()).toEqual(before);
    expect((await api.ok(ME, {}, b.adminToken)).me.id).toBe(b.adminId);
    expect((await api.ok(ME, {}, bUser.token)).me.id).toBe(bUser.id);
    expect((await api.ok(ME, {}, a.adminToken)).me.id).toBe(a.adminId);
  });

  it('a refresh token of B rewritten to claim tenant A is refused like any bad token', async () => {
    const REFRESH = `mutation($t: String!) { refreshSession(input: { refreshToken: $t }) { accessToken } }`;
    const session = await api.signIn(b.slug, bUser.email, bUser.password);
    const forged = session.refreshToken.replaceAll(b.id, a.id);
    expect(forged).not.toBe(session.refreshToken);
    const refused = await api.graphql(REFRESH, { t: forged });
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');
    expect(visible(refused)).toEqual(visible(await api.graphql(REFRESH, { t: 'not-a-refresh-token' })));
    // The genuine token still works in B.
    await api.ok(REFRESH, { t: session.refreshToken });
  });
});
