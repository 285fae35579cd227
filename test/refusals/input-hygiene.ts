import { SignJWT } from 'jose';
import { ApiHarness, GraphQLResult, SIGN_IN, TestTenant, codeOf, sharedApi } from '../support/api-harness';
import { RegistryFactory } from '../support/registry-factory';

/**
 * Text, cursors and token claims are checked before SQL: a NUL, a lone surrogate, a crafted
 * cursor or a malformed claim is the caller's mistake (BAD_USER_INPUT naming the field, or
 * UNAUTHENTICATED), never a failed statement that aborts the operation's transaction.
 */
describe('input hygiene', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: string;
  let make: RegistryFactory;

  const NUL = 'a\u0000b';
  const LONE_SURROGATE = JSON.parse('"a\\ud800b"') as string;
  const cursor = (key: unknown) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
  const NOT_ALLOWED = /contains a character that is not allowed \(a NUL byte or invalid Unicode\)/;

  function expectRefused(result: GraphQLResult, field: string, message: RegExp = NOT_ALLOWED): void {
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field } });
    expect(result.errors?.[0].message).toMatch(message);
  }

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('hygiene');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    make = new RegistryFactory(api, coordinator);
  });
  afterAll(() => sharedApi.leave(api));

  describe('text with NUL or invalid Unicode is BAD_USER_INPUT naming the field', () => {
    const CREATE_ORGANISATION = `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`;

    it.each([
      ['NUL', NUL],
      ['a lone surrogate', LONE_SURROGATE],
    ])('%s in createOrganisation.name (an input object)', async (_case, name) => {
      expectRefused(await api.graphql(CREATE_ORGANISATION, { input: { name, sector: 'HEALTH' } }, coordinator), 'input.name');
      const [{ n }] = await api.owner.query(`select count(*)::int as n from organisation where tenant_id = $1`, [tenant.id]);
      expect(n).toBe(0);
    });

    it('in localities(nameContains), a primitive argument, as a variable or a literal', async () => {
      const query = `query($q: String) { localities(nameContains: $q) { nodes { id } } }`;
      expectRefused(await api.graphql(query, { q: NUL }, coordinator), 'nameContains');
      expectRefused(await api.graphql(`{ localities(nameContains: "x\\u0000") { nodes { id } } }`, {}, coordinator), 'nameContains');
    });

    it('in auditEvents(entityType)', async () => {
      const query = `query($t: String!, $id: ID!) { auditEvents(entityType: $t, entityId: $id) { nodes { id } } }`;
      expectRefused(await api.graphql(query, { t: `LOCALITY${NUL}`, id: tenant.adminId }, coordinator), 'entityType');
    });

    it.each(['email', 'tenant'])('in signIn.%s, without a token', async (field) => {
      const input = { tenant: tenant.slug, email: tenant.admin.email, password: tenant.admin.password, [field]: NUL };
      expectRefused(await api.graphql(SIGN_IN, { input }), `input.${field}`);
    });

    it('bounds text that has no limit of its own', async () => {
      const query = `query($t: String!, $id: ID!) { auditEvents(entityType: $t, entityId: $id) { nodes { id } } }`;
      const result = await api.graphql(query, { t: 'x'.repeat(10_001), id: tenant.adminId }, coordinator);
      expectRefused(result, 'entityType', /entityType is too long: at most 10000 characters/);
    });

    it('still accepts accents and characters outside the BMP', async () => {
      const name = `Café Ñandú \ud83c\udfe5 ${Date.now()}`;
      const created = await api.ok(CREATE_ORGANISATION, { input: { name, sector: 'HEALTH' } }, coordinator);
      expect(created.createOrganisation.id).toBeDefined();
    });
  });

  describe('cursors', () => {
    const ORGANISATIONS = `query($after: String) { organisations(first: 1, after: $after) { nodes { id } pageInfo { endCursor } } }`;

    it.each([
      ['a part that is not a uuid', cursor(['a', 'not-a-uuid'])],
      ['NUL in the text part', cursor(['a\u0000', '3f2504e0-4f89-41d3-9a0c-0305e82c3301'])],
      ['the wrong number of parts', cursor(['a'])],
      ['not base64 JSON at all', '%%%'],
    ])('refuses %s with BAD_USER_INPUT naming after', async (_case, after) => {
      expectRefused(await api.graphql(ORGANISATIONS, { after }, coordinator), 'after', /^The cursor is not one this list gave out\.$/);
    });

    it('a bad cursor does not poison sibling fields of the same operation', async () => {
      await make.locality();
      const result = await api.graphql(
        `query($after: String) {
          me { id }
          organisations(after: $after) { nodes { id } }
          localities { nodes { id } }
        }`,
        { after: cursor(['a', 'not-a-uuid']) },
        coordinator,
      );
      // The siblings ran and failed nothing (before, each failed with "current transaction is
      // aborted"); data is null only because organisations is non-null, so its null bubbles up.
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0]).toMatchObject({ path: ['organisations'], extensions: { code: 'BAD_USER_INPUT', field: 'after' } });
      expect(JSON.stringify(result)).not.toMatch(/INTERNAL_SERVER_ERROR|transaction is aborted/);
      // The same operation without the bad field answers in full.
      const clean = await api.ok(`{ me { id } localities { nodes { id } } }`, {}, coordinator);
      expect(clean.localities.nodes.length).toBeGreaterThan(0);
    });

    it('refuses an audit cursor whose timestamp is not a real time', async () => {
      const locality = await make.locality();
      const query = `query($id: ID!, $after: String) { auditEvents(entityType: "LOCALITY", entityId: $id, after: $after) { nodes { id } } }`;
      const after = cursor(['2026-02-31 10:00:00+00', locality.id]);
      expectRefused(await api.graphql(query, { id: locality.id, after }, coordinator), 'after', /cursor is not one this list gave out/);
    });

    it('still reads the cursors the lists give out (text, uuid and timestamp parts)', async () => {
      const locality = await make.locality('Cursor Town');
      for (const name of ['Cursor Town Two', 'Cursor Town Three']) {
        await api.ok(
          `mutation($input: RenameLocalityInput!) { renameLocality(input: $input) { id } }`,
          { input: { localityId: locality.id, name } },
          coordinator,
        );
      }
      const AUDIT = `query($id: ID!, $after: String) {
        auditEvents(entityType: "LOCALITY", entityId: $id, first: 1, after: $after) { nodes { action } pageInfo { endCursor } }
      }`;
      const actions: string[] = [];
      let after: string | undefined;
      do {
        const page = (await api.ok(AUDIT, { id: locality.id, after }, coordinator)).auditEvents;
        actions.push(...page.nodes.map((n: { action: string }) => n.action));
        after = page.pageInfo.endCursor ?? undefined;
      } while (after);
      expect(actions).toEqual(['locality.created', 'locality.renamed', 'locality.renamed']);

      await make.organisation();
      const first = (await api.ok(ORGANISATIONS, {}, coordinator)).organisations;
      const second = (await api.ok(ORGANISATIONS, { after: first.pageInfo.endCursor }, coordinator)).organisations;
      expect(second.nodes[0].id).not.toBe(first.nodes[0].id);

      const USERS = `query($after: String) { users(first: 1, after: $after) { nodes { id } pageInfo { endCursor } } }`;
      const users = (await api.ok(USERS, {}, tenant.adminToken)).users;
      expect((await api.ok(USERS, { after: users.pageInfo.endCursor }, tenant.adminToken)).users.nodes).toHaveLength(1);
    });
  });

  describe('a validly signed token with malformed claims is UNAUTHENTICATED', () => {
    const ME = `{ me { id } }`;

    async function tokenWith(overrides: Record<string, unknown>): Promise<string> {
      const session = await api.signIn(tenant.slug, tenant.admin.email, tenant.admin.password);
      const payload = JSON.parse(Buffer.from(session.accessToken.split('.')[1], 'base64url').toString());
      return new SignJWT({ ...payload, ...overrides })
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new TextEncoder().encode(api.config.jwtSecret));
    }

    it.each([
      ['tid', { tid: 'not-a-uuid' }],
      ['sub', { sub: 'not-a-uuid' }],
      ['sid', { sid: 'x\u0000' }],
      ['role', { role: 'EMPEROR' }],
    ])('%s', async (_claim, overrides) => {
      const result = await api.graphql(ME, {}, await tokenWith(overrides));
      expect(codeOf(result)).toBe('UNAUTHENTICATED');
    });
  });
});
