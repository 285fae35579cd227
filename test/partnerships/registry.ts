import { ApiHarness, TestTenant, codeOf, sharedApi } from '../support/api-harness';
import { RegistryFactory } from '../support/registry-factory';

describe('partnership registry', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: string;
  let make: RegistryFactory;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('registry');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    make = new RegistryFactory(api, coordinator);
  });
  afterAll(() => sharedApi.leave(api));

  const activeMembers = async (localityId: string): Promise<number> =>
    (
      await api.owner.query(`select count(*)::int as n from membership where locality_id = $1 and left_on is null`, [
        localityId,
      ])
    )[0].n;

  it('refuses the 41st member: of 10 concurrent additions at 35 members exactly 5 succeed', async () => {
    const locality = await make.locality('Gateshead');
    await make.members(locality.id, 35);
    const candidates = await Promise.all(Array.from({ length: 10 }, () => make.organisation('VOLUNTARY')));
    const results = await Promise.all(
      candidates.map((o) =>
        api.graphql(
          `mutation($input: AddMemberInput!) { addMember(input: $input) { id } }`,
          { input: { localityId: locality.id, organisationId: o.id } },
          coordinator,
        ),
      ),
    );
    const refused = results.filter((r) => r.errors);
    expect(results.filter((r) => !r.errors)).toHaveLength(5);
    expect(refused).toHaveLength(5);
    for (const r of refused) {
      expect(codeOf(r)).toBe('CONFLICT');
      expect(r.errors?.[0].message).toMatch(/Gateshead already has 40 active member bodies/);
    }
    expect(await activeMembers(locality.id)).toBe(40);
    const read = await api.ok(`query($id: ID!) { locality(id: $id) { activeMemberCount } }`, { id: locality.id }, coordinator);
    expect(read.locality.activeMemberCount).toBe(40);
  });

  it('refuses adding a member twice, and allows re-joining after leaving', async () => {
    const locality = await make.locality();
    const [body] = await make.members(locality.id, 1);
    const again = await api.graphql(
      `mutation($input: AddMemberInput!) { addMember(input: $input) { id } }`,
      { input: { localityId: locality.id, organisationId: body.id } },
      coordinator,
    );
    expect(codeOf(again)).toBe('CONFLICT');
    expect(again.errors?.[0].message).toMatch(/already an active member/);
    expect(await activeMembers(locality.id)).toBe(1);

    await api.ok(
      `mutation($input: RecordMemberLeftInput!) { recordMemberLeft(input: $input) { leftOn } }`,
      { input: { localityId: locality.id, organisationId: body.id } },
      coordinator,
    );
    expect(await activeMembers(locality.id)).toBe(0);
    await make.addMember(locality.id, body.id);
    expect(await activeMembers(locality.id)).toBe(1);
  });

  it('gives clear errors for bad input and writes nothing', async () => {
    const before = (await api.owner.query(`select count(*)::int as n from locality where tenant_id = $1`, [tenant.id]))[0].n;
    const create = (input: Record<string, unknown>) =>
      api.graphql(`mutation($input: CreateLocalityInput!) { createLocality(input: $input) { id } }`, { input }, coordinator);

    const empty = await create({ name: '   ', code: 'E1' });
    expect(codeOf(empty)).toBe('BAD_USER_INPUT');
    expect(empty.errors?.[0].extensions.field).toBe('name');
    const long = await create({ name: 'x'.repeat(201), code: 'E2' });
    expect(long.errors?.[0].message).toMatch(/name must be 1 to 200 characters long/);
    const badCode = await create({ name: 'Somewhere', code: 'not a code!' });
    expect(badCode.errors?.[0].extensions.field).toBe('code');
    await create({ name: 'Twice', code: 'E08000099' });
    const duplicate = await create({ name: 'Twice again', code: 'e08000099' });
    expect(codeOf(duplicate)).toBe('CONFLICT');

    const sector = await api.graphql(
      `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
      { input: { name: 'Odd', sector: 'SPACE_AGENCY' } },
      coordinator,
    );
    expect(codeOf(sector)).toBe('BAD_USER_INPUT');
    expect(sector.errors?.[0].message).toMatch(/SPACE_AGENCY/);

    const after = (await api.owner.query(`select count(*)::int as n from locality where tenant_id = $1`, [tenant.id]))[0].n;
    expect(after).toBe(before + 1);
  });

  it('refuses programme dates out of order and participants that are not active members', async () => {
    const locality = await make.locality('Sunderland');
    const [member] = await make.members(locality.id, 1);
    const outsider = await make.organisation('POLICE', `Outsider ${Date.now()}`);
    const create = (input: Record<string, unknown>) =>
      api.graphql(
        `mutation($input: CreateProgrammeInput!) { createProgramme(input: $input) { id } }`,
        { input: { localityId: locality.id, name: 'Safer Streets', ...input } },
        coordinator,
      );

    const dates = await create({ startsOn: '2027-04-01', endsOn: '2027-03-31' });
    expect(codeOf(dates)).toBe('BAD_USER_INPUT');
    expect(dates.errors?.[0].extensions.field).toBe('endsOn');
    const badDate = await create({ startsOn: '2027-13-01' });
    expect(badDate.errors?.[0].message).toMatch(/startsOn must be a date written YYYY-MM-DD/);
    const outside = await create({ participantIds: [member.id, outsider.id] });
    expect(codeOf(outside)).toBe('BAD_USER_INPUT');
    expect(outside.errors?.[0].message).toBe(
      `${outsider.name} is not an active member of Sunderland; only its active member bodies can take part.`,
    );
    const count = await api.owner.query(`select count(*)::int as n from programme where locality_id = $1`, [locality.id]);
    expect(count[0].n).toBe(0);
  });

  it('takes a body that leaves a locality out of its programmes there', async () => {
    const locality = await make.locality();
    const [a, b] = await make.members(locality.id, 2);
    const programme = await make.programme(locality.id, [a.id, b.id]);
    await api.ok(
      `mutation($input: RecordMemberLeftInput!) { recordMemberLeft(input: $input) { id } }`,
      { input: { localityId: locality.id, organisationId: b.id } },
      coordinator,
    );
    const read = await api.ok(`query($id: ID!) { programme(id: $id) { participants { id } } }`, { id: programme.id }, coordinator);
    expect(read.programme.participants).toEqual([{ id: a.id }]);
  });

  it('lets member representatives read only their own localities, and not manage them', async () => {
    const mine = await make.locality('Mine');
    const other = await make.locality('Not mine');
    const [body] = await make.members(mine.id, 1);
    const rep = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', body.id);
    const listed = await api.ok(`{ localities(first: 100) { nodes { id } } }`, {}, rep.token);
    expect(listed.localities.nodes).toEqual([{ id: mine.id }]);
    const hidden = await api.graphql(`query($id: ID!) { locality(id: $id) { id } }`, { id: other.id }, rep.token);
    expect(codeOf(hidden)).toBe('NOT_FOUND');
    const manage = await api.graphql(
      `mutation($input: CreateLocalityInput!) { createLocality(input: $input) { id } }`,
      { input: { name: 'Sneaky', code: 'X1' } },
      rep.token,
    );
    expect(codeOf(manage)).toBe('FORBIDDEN');
    const reviewer = await api.newUser(tenant, 'REVIEWER');
    expect((await api.ok(`query($id: ID!) { locality(id: $id) { id } }`, { id: other.id }, reviewer.token)).locality.id).toBe(other.id);
  });

  it('binds a member representative to an organisation of the tenant', async () => {
    const result = await api.graphql(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      {
        input: {
          email: `rep-${Date.now()}@example.org`,
          displayName: 'Rep',
          password: 'long enough password',
          role: 'MEMBER_REPRESENTATIVE',
          organisationId: '00000000-0000-4000-8000-000000000000',
        },
      },
      tenant.adminToken,
    );
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions.field).toBe('organisationId');
  });

  it('pages localities by name with a filter', async () => {
    await make.locality('Zeta Pagination One');
    await make.locality('Zeta Pagination Two');
    await make.locality('Zeta Pagination Three');
    const first = await api.ok(
      `{ localities(first: 2, nameContains: "zeta pagination") { nodes { name } pageInfo { hasNextPage endCursor } } }`,
      {},
      coordinator,
    );
    expect(first.localities.nodes.map((n: { name: string }) => n.name)).toEqual(['Zeta Pagination One', 'Zeta Pagination Three']);
    const rest = await api.ok(
      `query($after: String) { localities(first: 2, nameContains: "zeta pagination", after: $after) { nodes { name } pageInfo { hasNextPage } } }`,
      { after: first.localities.pageInfo.endCursor },
      coordinator,
    );
    expect(rest.localities.nodes.map((n: { name: string }) => n.name)).toEqual(['Zeta Pagination Two']);
    expect(rest.localities.pageInfo.hasNextPage).toBe(false);
  });

  it('writes an audit event for every change, which the application cannot rewrite', async () => {
    const locality = await make.locality('Audited');
    await api.ok(
      `mutation($input: RenameLocalityInput!) { renameLocality(input: $input) { name } }`,
      { input: { localityId: locality.id, name: 'Audited Again' } },
      coordinator,
    );
    const trail = await api.ok(
      `query($id: ID!) { auditEvents(entityType: "LOCALITY", entityId: $id, first: 10) { nodes { action actorUserId before after } } }`,
      { id: locality.id },
      coordinator,
    );
    expect(trail.auditEvents.nodes.map((e: { action: string }) => e.action)).toEqual(['locality.created', 'locality.renamed']);
    expect(trail.auditEvents.nodes[1].before.name).toBe('Audited');
    expect(trail.auditEvents.nodes[1].after.name).toBe('Audited Again');
    expect(trail.auditEvents.nodes[1].actorUserId).toBeTruthy();

    const { Client } = await import('pg');
    const client = new Client({ connectionString: api.config.databaseUrl });
    await client.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('app.tenant_id', $1, true)`, [tenant.id]);
      await expect(client.query(`update audit_event set action = 'forged'`)).rejects.toThrow(/permission denied/);
      await client.query('rollback');
      await client.query('begin');
      await client.query(`select set_config('app.tenant_id', $1, true)`, [tenant.id]);
      await expect(client.query(`delete from audit_event`)).rejects.toThrow(/permission denied/);
      await client.query('rollback');
    } finally {
      await client.end();
    }
  });
});
