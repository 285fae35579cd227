import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { definedReasons } from '@joinedup/errors';
import { ApiHarness, GraphQLResult, TestTenant, sharedApi } from '../support/api-harness';
import { RegistryFactory } from '../support/registry-factory';

/** The first error as a coordinator's client sees it. */
const errorOf = (result: GraphQLResult) => {
  const error = result.errors?.[0];
  return { code: error?.extensions.code, reason: error?.extensions.reason, message: error?.message, field: error?.extensions.field };
};

const SECTORS =
  'LOCAL_AUTHORITY, HEALTH, CENTRAL_GOVERNMENT, POLICE, FIRE_AND_RESCUE, EDUCATION, HOUSING, PRIVATE, BUSINESS, COMMUNITY, VOLUNTARY';

/** Refusals say who or what would be allowed, with a reason code of the library that refused beside the stable code. */
describe('messages a coordinator can act on', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let factory: RegistryFactory;
  let gateshead: { id: string; name: string };
  let other: { id: string; name: string };
  let representative: string;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('messages');
    factory = new RegistryFactory(api, tenant.adminToken);
    gateshead = await factory.organisation('LOCAL_AUTHORITY', `Gateshead Council ${randomUUID().slice(0, 4)}`);
    other = await factory.organisation('HEALTH');
    representative = (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', gateshead.id)).token;
  });
  afterAll(() => sharedApi.leave(api));

  describe('enum values', () => {
    it('lists the allowed values of an enum literal, not a guess (refused before anything runs: HTTP 400)', async () => {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.adminToken}` },
        body: JSON.stringify({ query: `{ organisations(sector: HEALT) { nodes { id } } }` }),
      });
      expect(response.status).toBe(400);
      const result = (await response.json()) as GraphQLResult;
      expect(errorOf(result)).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'NOT_AN_ENUM_VALUE',
        message: `Value "HEALT" does not exist in "Sector" enum. Allowed values: ${SECTORS}.`,
        field: undefined,
      });
    });

    it('names the input field of a variable holding a wrong value, and changes nothing', async () => {
      const name = `Not created ${randomUUID()}`;
      const result = await api.graphql(
        `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
        { input: { name, sector: 'health' } },
        tenant.adminToken,
      );
      expect(errorOf(result)).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'NOT_AN_ENUM_VALUE',
        message: expect.stringMatching(/^Variable "\$input" got invalid value "health" at "input\.sector"; .* Allowed values: LOCAL_AUTHORITY, HEALTH, .*, VOLUNTARY\.$/),
        field: 'input.sector',
      });
      const found = await api.owner.query(`select 1 from organisation where tenant_id = $1 and name = $2`, [tenant.id, name]);
      expect(found).toEqual([]);
    });
  });

  describe('a member representative acting for another body is told the body they act for', () => {
    const own = (action: string) => `You act only for ${gateshead.name}: you can ${action} only for ${gateshead.name}.`;

    it('raising a conflict (conflicts)', async () => {
      const locality = await factory.locality();
      const result = await api.graphql(
        `mutation($input: RaiseConflictInput!) { raiseConflict(input: $input) { id } }`,
        {
          input: {
            localityId: locality.id,
            raisedByOrganisationId: other.id,
            partyIds: [gateshead.id],
            category: 'RESOURCES',
            severity: 'LOW',
            title: 'Shared budget',
            description: 'Who pays for the shared post.',
          },
        },
        representative,
      );
      expect(errorOf(result)).toEqual({ code: 'FORBIDDEN', reason: 'OWN_ORGANISATION_ONLY', message: own('raise a conflict'), field: undefined });
    });

    it('endorsing a nomination (programmes)', async () => {
      const result = await api.graphql(
        `mutation($input: EndorseNominationInput!) { endorseNomination(input: $input) { id } }`,
        { input: { nominationId: randomUUID(), organisationId: other.id, position: 'SUPPORT' } },
        representative,
      );
      expect(errorOf(result)).toEqual({ code: 'FORBIDDEN', reason: 'OWN_ORGANISATION_ONLY', message: own('endorse a nomination'), field: undefined });
    });

    it('asking for alignment (alignment)', async () => {
      const result = await api.graphql(
        `mutation($input: RequestAlignmentInput!) { requestAlignment(input: $input) { id } }`,
        {
          input: {
            programmeId: randomUUID(),
            requestingOrganisationId: other.id,
            targetOrganisationId: gateshead.id,
            kind: 'DATA_SHARING',
            title: 'Shared referral form',
            description: 'Adopt the shared form.',
            responseDueOn: '2031-01-01',
          },
        },
        representative,
      );
      expect(errorOf(result)).toEqual({ code: 'FORBIDDEN', reason: 'OWN_ORGANISATION_ONLY', message: own('ask for alignment'), field: undefined });
    });
  });

  describe("each library's own reasons beside the stable code", () => {
    it('registry: a locality code already used, and an archived locality taking a member', async () => {
      const code = `E${randomUUID().slice(0, 8)}`;
      const create = `mutation($input: CreateLocalityInput!) { createLocality(input: $input) { id } }`;
      const input = { name: 'Gateshead', code, region: 'North East' };
      const { createLocality } = await api.ok(create, { input }, tenant.adminToken);
      expect(errorOf(await api.graphql(create, { input }, tenant.adminToken))).toMatchObject({ code: 'CONFLICT', reason: 'LOCALITY_CODE_TAKEN' });

      await api.ok(`mutation($id: ID!) { archiveLocality(localityId: $id) { id } }`, { id: createLocality.id }, tenant.adminToken);
      const add = await api.graphql(
        `mutation($input: AddMemberInput!) { addMember(input: $input) { id } }`,
        { input: { localityId: createLocality.id, organisationId: gateshead.id } },
        tenant.adminToken,
      );
      expect(errorOf(add)).toMatchObject({ code: 'CONFLICT', reason: 'LOCALITY_ARCHIVED', message: 'Gateshead is archived; it takes no new members.' });
    });

    it('auth: no token, a wrong password, an email already used', async () => {
      expect(errorOf(await api.graphql(`{ me { id } }`))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SIGN_IN_REQUIRED' });
      const signIn = await api.graphql(`mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }`, {
        input: { tenant: tenant.slug, email: tenant.admin.email, password: 'not the password at all' },
      });
      expect(errorOf(signIn)).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'CREDENTIALS_INVALID' });
      const again = await api.graphql(
        `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
        { input: { email: tenant.admin.email, displayName: 'Twin', password: 'another long passphrase', role: 'REVIEWER' } },
        tenant.adminToken,
      );
      expect(errorOf(again)).toMatchObject({ code: 'CONFLICT', reason: 'EMAIL_TAKEN' });
    });

    it('graphql-kit: an id that is no id, a cursor the list did not give out, an input field out of its rule', async () => {
      const id = await api.graphql(`{ organisation(id: "42") { id } }`, {}, tenant.adminToken);
      expect(errorOf(id)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_ID', field: 'id' });
      const cursor = await api.graphql(`{ organisations(first: 1, after: "bm90IGEgY3Vyc29y") { nodes { id } } }`, {}, tenant.adminToken);
      expect(errorOf(cursor)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_CURSOR', field: 'after' });
      const field = await api.graphql(
        `mutation($input: CreateLocalityInput!) { createLocality(input: $input) { id } }`,
        { input: { name: '', code: `E${randomUUID().slice(0, 8)}`, region: 'North East' } },
        tenant.adminToken,
      );
      expect(errorOf(field)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_FIELD', field: 'name' });
    });

    it('access: a role the operation does not admit', async () => {
      const reviewer = (await api.newUser(tenant, 'REVIEWER')).token;
      const result = await api.graphql(`mutation { requestGovernanceScan { id } }`, {}, reviewer);
      expect(errorOf(result)).toEqual({
        code: 'FORBIDDEN',
        reason: 'ROLE_NOT_ALLOWED',
        message: 'Only coordinators and tenant administrators can request a governance scan.',
        field: undefined,
      });
    });
  });

  it("documents every reason in the GraphQL reference's Errors section (docs/graphql.md) with its code, and no other", () => {
    const reference = readFileSync(join(__dirname, '..', '..', 'docs', 'graphql.md'), 'utf8');
    const start = reference.indexOf('\n## Errors\n');
    expect(start).toBeGreaterThan(0);
    const end = reference.indexOf('\n## ', start + 1);
    const section = reference.slice(start, end === -1 ? undefined : end);
    const documented = [...section.matchAll(/^\| `([A-Z_]+)` \| `([A-Z_]+)` \|/gm)].map(([, reason, code]) => ({ reason, code }));
    const defined = definedReasons().map(({ reason, code }) => ({ reason, code }));
    expect(defined.length).toBeGreaterThan(30);
    const byName = (a: { reason: string }, b: { reason: string }) => a.reason.localeCompare(b.reason);
    expect([...documented].sort(byName)).toEqual([...defined].sort(byName));
  });
});
