import { ApiHarness, TestTenant, TestUser, codeOf, sharedApi } from '../support/api-harness';
import { ENDORSE, RegistryFactory } from '../support/registry-factory';

interface Setup {
  programmeId: string;
  nominationId: string;
  personId: string;
  reps: TestUser[];
  organisationIds: string[];
}

describe('single agreed leader', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: string;
  let make: RegistryFactory;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('leaders');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    make = new RegistryFactory(api, coordinator);
  });
  afterAll(() => sharedApi.leave(api));

  /** A programme of `size` organisations, each with a representative, and an open nomination. */
  async function nominated(size: number, programmeExtra: Record<string, unknown> = {}): Promise<Setup> {
    const locality = await make.locality();
    const organisations = await make.members(locality.id, size);
    const organisationIds = organisations.map((o) => o.id);
    const programme = await make.programme(locality.id, organisationIds, programmeExtra);
    const person = await make.person(organisationIds[0], 'Jo Leader');
    const nomination = await make.nominate(programme.id, person.id);
    const reps = [];
    for (const id of organisationIds) reps.push(await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', id));
    return { programmeId: programme.id, nominationId: nomination.id, personId: person.id, reps, organisationIds };
  }

  const endorse = (s: Setup, i: number, position: string, comment?: string) =>
    api.graphql(ENDORSE, { input: { nominationId: s.nominationId, organisationId: s.organisationIds[i], position, comment } }, s.reps[i].token);

  const leaderOf = async (programmeId: string) =>
    (
      await api.ok(
        `query($id: ID!) { programme(id: $id) { leader { person { id fullName } reconfirmBy } openNomination { id } } }`,
        { id: programmeId },
        coordinator,
      )
    ).programme;

  it('agrees unanimously once every organisation supports, counting changed endorsements', async () => {
    const s = await nominated(3);
    expect((await endorse(s, 0, 'SUPPORT')).data?.endorseNomination.tally).toMatchObject({ supporting: 1, pending: 2, agreed: false });
    await endorse(s, 1, 'OPPOSE', 'Not yet');
    const third = await endorse(s, 2, 'SUPPORT');
    expect(third.data?.endorseNomination).toMatchObject({ status: 'OPEN', tally: { supporting: 2, opposing: 1, agreed: false } });
    expect((await leaderOf(s.programmeId)).leader).toBeNull();

    const changed = await endorse(s, 1, 'SUPPORT', 'Persuaded');
    expect(changed.data?.endorseNomination.status).toBe('AGREED');
    const programme = await leaderOf(s.programmeId);
    expect(programme.leader.person).toEqual({ id: s.personId, fullName: 'Jo Leader' });
    expect(programme.openNomination).toBeNull();
    const due = new Date();
    due.setMonth(due.getMonth() + 12);
    expect(programme.leader.reconfirmBy.slice(0, 7)).toBe(due.toISOString().slice(0, 7));

    const history = await api.ok(
      `query($id: ID!) { programme(id: $id) { nominations { status endorsementHistory { position comment organisation { id } } } } }`,
      { id: s.programmeId },
      coordinator,
    );
    const positions = history.programme.nominations[0].endorsementHistory.map((e: { position: string }) => e.position);
    expect(positions).toEqual(['SUPPORT', 'OPPOSE', 'SUPPORT', 'SUPPORT']);

    const closed = await endorse(s, 0, 'OPPOSE');
    expect(codeOf(closed)).toBe('CONFLICT');
    expect(closed.errors?.[0].message).toMatch(/no longer open/);
  });

  it('agrees by qualified majority: two thirds supporting and nobody opposing', async () => {
    const s = await nominated(3, { agreementRule: { kind: 'QUALIFIED_MAJORITY', supportThreshold: 0.667, maxOpposing: 0 } });
    await endorse(s, 0, 'SUPPORT');
    await endorse(s, 2, 'OPPOSE');
    const blocked = await endorse(s, 1, 'SUPPORT');
    expect(blocked.data?.endorseNomination).toMatchObject({ status: 'OPEN', tally: { supporting: 2, opposing: 1, agreed: false } });
    const agreed = await endorse(s, 2, 'ABSTAIN');
    expect(agreed.data?.endorseNomination.status).toBe('AGREED');
    expect((await leaderOf(s.programmeId)).leader.person.id).toBe(s.personId);
  });

  it('gives one leader when two endorsements that each complete the agreement race', async () => {
    const s = await nominated(2, { agreementRule: { kind: 'QUALIFIED_MAJORITY', supportThreshold: 0.5 } });
    const results = await Promise.all([endorse(s, 0, 'SUPPORT'), endorse(s, 1, 'SUPPORT')]);
    const agreed = results.filter((r) => r.data?.endorseNomination.status === 'AGREED');
    expect(agreed).toHaveLength(1);
    const leaders = await api.owner.query(
      `select count(*)::int as n from programme_leader where programme_id = $1 and stepped_down_at is null`,
      [s.programmeId],
    );
    expect(leaders[0].n).toBe(1);
  });

  it('guarantees one current leader in the database itself', async () => {
    const s = await nominated(1);
    await endorse(s, 0, 'SUPPORT');
    const insertSecond = api.owner.query(
      `insert into programme_leader (tenant_id, programme_id, person_id, nomination_id, reconfirm_by)
       select tenant_id, programme_id, person_id, nomination_id, reconfirm_by from programme_leader where programme_id = $1`,
      [s.programmeId],
    );
    await expect(insertSecond).rejects.toThrow(/programme_leader_current_key/);
  });

  it('lets a representative endorse only for their own organisation', async () => {
    const s = await nominated(2);
    const forOther = await api.graphql(
      ENDORSE,
      { input: { nominationId: s.nominationId, organisationId: s.organisationIds[1], position: 'SUPPORT' } },
      s.reps[0].token,
    );
    expect(codeOf(forOther)).toBe('FORBIDDEN');
    const byCoordinator = await api.graphql(
      ENDORSE,
      { input: { nominationId: s.nominationId, organisationId: s.organisationIds[0], position: 'SUPPORT' } },
      coordinator,
    );
    expect(codeOf(byCoordinator)).toBe('FORBIDDEN');
    const rows = await api.owner.query(`select count(*)::int as n from endorsement where nomination_id = $1`, [s.nominationId]);
    expect(rows[0].n).toBe(0);
  });

  it('refuses a leader from a non-participating organisation and a second open nomination', async () => {
    const s = await nominated(2);
    const outsider = await make.organisation('BUSINESS');
    const person = await make.person(outsider.id);
    const result = await api.graphql(
      `mutation($input: NominateLeaderInput!) { nominateLeader(input: $input) { id } }`,
      { input: { programmeId: s.programmeId, personId: person.id } },
      coordinator,
    );
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/does not work for an organisation taking part/);
    const second = await api.graphql(
      `mutation($input: NominateLeaderInput!) { nominateLeader(input: $input) { id } }`,
      { input: { programmeId: s.programmeId, personId: s.personId } },
      coordinator,
    );
    expect(codeOf(second)).toBe('CONFLICT');
  });

  it('withdraws a nomination, and a leader can step down', async () => {
    const s = await nominated(1);
    const withdrawn = await api.ok(
      `mutation($id: ID!) { withdrawNomination(nominationId: $id) { status } }`,
      { id: s.nominationId },
      coordinator,
    );
    expect(withdrawn.withdrawNomination.status).toBe('WITHDRAWN');
    const again = await make.nominate(s.programmeId, s.personId, s.reps[0].token);
    await api.ok(ENDORSE, { input: { nominationId: again.id, organisationId: s.organisationIds[0], position: 'SUPPORT' } }, s.reps[0].token);
    const stepped = await api.ok(
      `mutation($input: StepDownLeaderInput!) { stepDownLeader(input: $input) { steppedDownAt stepDownReason } }`,
      { input: { programmeId: s.programmeId, reason: 'New role elsewhere' } },
      coordinator,
    );
    expect(stepped.stepDownLeader.stepDownReason).toBe('New role elsewhere');
    expect((await leaderOf(s.programmeId)).leader).toBeNull();
    const events = await api.owner.query(
      `select type from outbox_event where tenant_id = $1 and payload->>'programmeId' = $2 order by created_at`,
      [tenant.id, s.programmeId],
    );
    expect(events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['programme.created', 'leadership.nomination_changed', 'leadership.leader_agreed', 'leadership.leader_stepped_down']),
    );
  });
});
