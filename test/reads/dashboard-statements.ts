import { StatementCounter } from '@joinedup/database';
import { JsonReads } from '@joinedup/graphql-kit';
import { ApiHarness, TestTenant, codeOf, sharedApi } from '../support/api-harness';
import { ENDORSE, RegistryFactory } from '../support/registry-factory';

/** The dashboard read of the side-by-side benchmark (shared/bench/peer-read/ac.js), with ids to compare by. */
const DASHBOARD_FIELDS = `name code activeMemberCount
  members { joinedOn organisation { name sector people { fullName jobTitle } } }
  programmes { name status participants { name } leader { agreedAt reconfirmBy person { fullName } } }`;
const DASHBOARD = `query($id: ID!) { locality(id: $id) { ${DASHBOARD_FIELDS} } }`;
const DASHBOARDS = `query { localities(first: 5) { nodes { id ${DASHBOARD_FIELDS} } } }`;
const WITH_COMPETENCIES = `query($id: ID!) { locality(id: $id) {
  members { organisation { people { fullName competencies { name level } } } } } }`;
/** The levels the dashboard reads below its root, one loader statement each: members, organisation, people, programmes, participants, leader, person. */
const DASHBOARD_LEVELS = 7;
/** The statements around any operation: begin with the session check that sets the tenant, and commit. */
const FRAME = 2;

/** Root fields read by alias, a batch at a time (a query may use at most 30 aliases). */
async function readEach(api: ApiHarness, token: string, fields: string[]): Promise<Record<string, any>[]> {
  const read: Record<string, any>[] = [];
  for (let start = 0; start < fields.length; start += 25) {
    const batch = fields.slice(start, start + 25);
    const data = await api.ok(`query { ${batch.map((f, i) => `r${i}: ${f}`).join(' ')} }`, {}, token);
    read.push(...batch.map((_, i) => data[`r${i}`]));
  }
  return read;
}

interface Partnership {
  localityId: string;
  organisationIds: string[];
  programmeIds: string[];
  representative: string;
}

/**
 * The locality dashboard costs the same three statements for 1 and for 40 member bodies
 * (begin with the deadline and the session check that sets the tenant; the one statement
 * JsonReads compiles; commit), and returns exactly what the level-by-level loaders
 * return. Executed field by field (JsonReads off) it costs one statement per level of
 * the answer, whatever the number of member bodies: the loaders batch every parent of a
 * level into one statement.
 */
describe('the locality dashboard in a fixed number of statements', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let make: RegistryFactory;
  let coordinator: string;
  let small: Partnership;
  let large: Partnership;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('dashboard');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    make = new RegistryFactory(api, coordinator);
    small = await partnership(1);
    large = await partnership(40);
    // 40 bodies with their people and programmes, made through the API: slow on a busy machine.
  }, 120_000);
  afterAll(() => sharedApi.leave(api));

  /** `members` bodies with two people each; one programme with an agreed leader, one with every body and none. */
  async function partnership(members: number): Promise<Partnership> {
    const locality = await make.locality();
    const organisations = await make.members(locality.id, members);
    const ids = organisations.map((o) => o.id);
    for (const id of ids) {
      await make.person(id);
      await make.person(id);
    }
    const led = await make.programme(locality.id, ids.slice(0, 1));
    const nomination = await make.nominate(led.id, (await make.person(ids[0], 'Agreed Leader')).id);
    const representative = (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', ids[0])).token;
    await api.ok(ENDORSE, { input: { nominationId: nomination.id, organisationId: ids[0], position: 'SUPPORT' } }, representative);
    const open = await make.programme(locality.id, ids);
    return { localityId: locality.id, organisationIds: ids, programmeIds: [led.id, open.id], representative };
  }

  async function counted<T>(query: string, variables: Record<string, unknown>, token: string) {
    const before = StatementCounter.total;
    const data = await api.ok<T>(query, variables, token);
    return { data, statements: StatementCounter.total - before };
  }

  /** `counted`, with every operation executed field by field instead of compiled. */
  async function executed<T>(query: string, variables: Record<string, unknown>, token: string) {
    const reads = api.app.get(JsonReads);
    reads.enabled = false;
    try {
      return await counted<T>(query, variables, token);
    } finally {
      reads.enabled = true;
    }
  }

  /** The locality's active members as (body, joining date), in the order the API lists them: by date, then the body's name. */
  async function membersInOrder(p: Partnership): Promise<{ organisationId: string; joinedOn: string }[]> {
    const rows: { organisation_id: string; joined_on: string }[] = await api.owner.query(
      `select m.organisation_id, m.joined_on from membership m
         join organisation o on o.tenant_id = m.tenant_id and o.id = m.organisation_id
        where m.locality_id = $1 and m.left_on is null order by m.joined_on, o.name`,
      [p.localityId],
    );
    return rows.map((r) => ({ organisationId: r.organisation_id, joinedOn: r.joined_on }));
  }

  /**
   * The same dashboard read level by level, from root fields that look nothing ahead: each
   * organisation with its people, each programme with its participants and leader.
   */
  async function levelByLevel(p: Partnership, token: string) {
    const { locality } = await api.ok(`query($id: ID!) { locality(id: $id) { name code activeMemberCount } }`, { id: p.localityId }, token);
    const members = await membersInOrder(p);
    const organisations = await readEach(
      api,
      token,
      members.map((m) => `organisation(id: "${m.organisationId}") { name sector people { fullName jobTitle } }`),
    );
    const programmes = await readEach(
      api,
      token,
      p.programmeIds.map((id) => `programme(id: "${id}") { name status participants { name } leader { agreedAt reconfirmBy person { fullName } } }`),
    );
    return {
      ...locality,
      members: members.map((m, i) => ({ joinedOn: m.joinedOn, organisation: organisations[i] })),
      // Programmes come by name ('Programme 3c4d…': code-point order is PostgreSQL's here).
      programmes: programmes.sort((a, b) => (a.name < b.name ? -1 : 1)),
    };
  }

  it('costs at most 3 statements for a coordinator, the same for 1 and for 40 member bodies, and matches the level-by-level read', async () => {
    const one = await counted<{ locality: Record<string, any> }>(DASHBOARD, { id: small.localityId }, coordinator);
    const forty = await counted<{ locality: Record<string, any> }>(DASHBOARD, { id: large.localityId }, coordinator);

    expect(forty.data.locality.members).toHaveLength(40);
    // Two people per body, and the agreed leader in the first body as well.
    const peopleCounts = forty.data.locality.members.map((m: { organisation: { people: unknown[] } }) => m.organisation.people.length);
    expect(peopleCounts.sort()).toEqual([...Array(39).fill(2), 3]);
    expect(forty.data.locality.programmes.map((p: { participants: unknown[] }) => p.participants.length).sort()).toEqual([1, 40]);
    const led = forty.data.locality.programmes.find((p: { leader: unknown }) => p.leader);
    expect(led.leader.person.fullName).toBe('Agreed Leader');

    expect(one.statements).toBeLessThanOrEqual(3);
    expect(forty.statements).toBe(one.statements);
    expect(one.data.locality).toEqual(await levelByLevel(small, coordinator));
    expect(forty.data.locality).toEqual(await levelByLevel(large, coordinator));
  });

  it('reads the same for a member representative of the locality, in as many statements', async () => {
    const coordinators = await counted<{ locality: unknown }>(DASHBOARD, { id: large.localityId }, coordinator);
    const representatives = await counted<{ locality: unknown }>(DASHBOARD, { id: large.localityId }, large.representative);

    expect(representatives.statements).toBe(coordinators.statements);
    expect(representatives.data.locality).toEqual(coordinators.data.locality);
    expect(representatives.data.locality).toEqual(await levelByLevel(large, large.representative));
  });

  it('still hides a locality from a member representative whose body is not a member there', async () => {
    const outsider = small.representative;
    expect(codeOf(await api.graphql(DASHBOARD, { id: large.localityId }, outsider))).toBe('NOT_FOUND');

    const { localities } = await api.ok(DASHBOARDS, {}, outsider);
    expect(localities.nodes.map((l: { id: string }) => l.id)).toEqual([small.localityId]);
  });

  it('executes the dashboard in one statement per level, the same for 1 and for 40 member bodies, with the compiled answer', async () => {
    const one = await executed<{ locality: unknown }>(DASHBOARD, { id: small.localityId }, coordinator);
    const forty = await executed<{ locality: unknown }>(DASHBOARD, { id: large.localityId }, coordinator);

    expect(forty.statements).toBe(one.statements);
    expect(forty.statements).toBe(FRAME + 1 + DASHBOARD_LEVELS);
    expect(forty.data).toEqual((await counted(DASHBOARD, { id: large.localityId }, coordinator)).data);
    expect(one.data).toEqual((await counted(DASHBOARD, { id: small.localityId }, coordinator)).data);

    const representatives = await executed<{ locality: unknown }>(DASHBOARD, { id: large.localityId }, large.representative);
    expect(representatives.statements).toBe(forty.statements);
    expect(representatives.data).toEqual(forty.data);
  });

  it('reads every locality of a list in no more statements than one locality executed, each as its own read', async () => {
    const single = await executed(DASHBOARD, { id: small.localityId }, coordinator);
    const list = await counted<{ localities: { nodes: ({ id: string } & Record<string, unknown>)[] } }>(DASHBOARDS, {}, coordinator);

    expect(list.data.localities.nodes).toHaveLength(2);
    expect(list.statements).toBeLessThanOrEqual(single.statements);
    const nodes = new Map(list.data.localities.nodes.map(({ id, ...dashboard }) => [id, dashboard]));
    expect(nodes.get(small.localityId)).toEqual((await api.ok(DASHBOARD, { id: small.localityId }, coordinator)).locality);
    expect(nodes.get(large.localityId)).toEqual((await api.ok(DASHBOARD, { id: large.localityId }, coordinator)).locality);
  });

  it("reads as far as people's competencies in as many statements for 1 and 40 bodies, compiled or executed, as the per-person loader returns them", async () => {
    const one = await counted<{ locality: Record<string, any> }>(WITH_COMPETENCIES, { id: small.localityId }, coordinator);
    const forty = await counted<{ locality: Record<string, any> }>(WITH_COMPETENCIES, { id: large.localityId }, coordinator);
    const executedOne = await executed(WITH_COMPETENCIES, { id: small.localityId }, coordinator);
    const executedForty = await executed(WITH_COMPETENCIES, { id: large.localityId }, coordinator);

    expect(forty.statements).toBe(one.statements);
    expect(executedForty.statements).toBe(executedOne.statements);
    expect(executedForty.data).toEqual(forty.data);
    const members = await membersInOrder(large);
    const organisations = await readEach(
      api,
      coordinator,
      members.map((m) => `organisation(id: "${m.organisationId}") { people { fullName competencies { name level } } }`),
    );
    expect(forty.data.locality).toEqual({ members: organisations.map((organisation) => ({ organisation })) });
    expect(forty.data.locality.members[0].organisation.people[0].competencies).toEqual([{ name: 'Programme management', level: 4 }]);
  });
});

