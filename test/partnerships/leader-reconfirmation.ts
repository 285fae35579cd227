import { randomUUID } from 'node:crypto';
import { StatementCounter } from '@joinedup/database';
import { addMonths } from '@joinedup/programmes';
import { ApiHarness, TestTenant, TestUser, codeOf, sharedApi } from '../support/api-harness';
import { ENDORSE, RegistryFactory } from '../support/registry-factory';

const OPEN = `mutation($input: OpenLeaderReconfirmationInput!) {
  openLeaderReconfirmation(input: $input) { id kind status person { id } }
}`;

const LEADERSHIP = `query($id: ID!) { programme(id: $id) {
  leader { id person { id } reconfirmBy steppedDownAt
    reconfirmations { outcome dueOn decidedAt reconfirmedAt nextReconfirmBy nomination { id kind status } } }
  leaderHistory { id steppedDownAt stepDownReason }
  openNomination { id kind }
  nominations { id kind status decidedAt }
} }`;

interface Partnership {
  programmeId: string;
  leaderPersonId: string;
  organisationIds: string[];
  reps: TestUser[];
}

describe('leader re-confirmation', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: string;
  let make: RegistryFactory;
  /** Three member bodies of one locality, each with a representative; each test makes its own programme of them. */
  let localityId: string;
  let bodies: string[];
  let bodyReps: TestUser[];
  let leaderPersonId: string;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('reconfirm');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    make = new RegistryFactory(api, coordinator);
    localityId = (await make.locality()).id;
    bodies = (await make.members(localityId, 3)).map((o) => o.id);
    bodyReps = [];
    for (const id of bodies) bodyReps.push(await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', id));
    leaderPersonId = (await make.person(bodies[0], 'Jo Leader')).id;
  });
  afterAll(() => sharedApi.leave(api));

  /** A programme of `size` bodies and (unless `leader` is false) its agreed leader, Jo Leader. */
  async function partnership(size: number, programmeExtra: Record<string, unknown> = {}, leader = true): Promise<Partnership> {
    const organisationIds = bodies.slice(0, size);
    const programme = await make.programme(localityId, organisationIds, programmeExtra);
    const p = { programmeId: programme.id, leaderPersonId, organisationIds, reps: bodyReps.slice(0, size) };
    if (leader) {
      const nomination = await make.nominate(programme.id, leaderPersonId);
      for (let i = 0; i < size; i++) {
        if ((await endorse(p, nomination.id, i, 'SUPPORT')).endorseNomination.status === 'AGREED') break;
      }
    }
    return p;
  }

  const endorse = (p: Partnership, nominationId: string, i: number, position: string) =>
    api.ok(ENDORSE, { input: { nominationId, organisationId: p.organisationIds[i], position } }, p.reps[i].token);

  const open = async (p: Partnership, token = coordinator) =>
    (await api.ok(OPEN, { input: { programmeId: p.programmeId } }, token)).openLeaderReconfirmation;

  const leadership = async (p: Partnership) => (await api.ok(LEADERSHIP, { id: p.programmeId }, coordinator)).programme;

  const today = async (): Promise<string> => (await api.owner.query(`select current_date::text as d`))[0].d;

  const nominationCount = async (p: Partnership): Promise<number> =>
    (await api.owner.query(`select count(*)::int as n from leader_nomination where programme_id = $1`, [p.programmeId]))[0].n;

  const events = async (p: Partnership) =>
    api.owner.query(
      `select payload from outbox_event where tenant_id = $1 and type = 'leadership.reconfirmation_changed'
          and payload->>'programmeId' = $2 order by created_at, id`,
      [tenant.id, p.programmeId],
    );

  it('agreed unanimously: the same leader stays and reconfirmBy moves on by the term, with the history kept', async () => {
    const p = await partnership(3);
    const before = await leadership(p);
    const opened = await open(p);
    expect(opened).toEqual({ id: opened.id, kind: 'RECONFIRMATION', status: 'OPEN', person: { id: p.leaderPersonId } });
    expect((await leadership(p)).openNomination).toEqual({ id: opened.id, kind: 'RECONFIRMATION' });

    expect((await endorse(p, opened.id, 0, 'SUPPORT')).endorseNomination.status).toBe('OPEN');
    await endorse(p, opened.id, 1, 'ABSTAIN');
    await endorse(p, opened.id, 2, 'SUPPORT');
    const agreed = await endorse(p, opened.id, 1, 'SUPPORT');
    expect(agreed.endorseNomination).toMatchObject({ status: 'AGREED', tally: { supporting: 3, agreed: true } });

    const after = await leadership(p);
    // Re-confirmed before it was due: one term after the due date, on the same leader row.
    expect(after.leader).toMatchObject({ id: before.leader.id, person: { id: p.leaderPersonId }, steppedDownAt: null });
    expect(after.leader.reconfirmBy).toBe(addMonths(before.leader.reconfirmBy, 12));
    expect(after.leaderHistory).toHaveLength(1);
    expect(after.openNomination).toBeNull();
    expect(after.leader.reconfirmations).toEqual([
      {
        outcome: 'RECONFIRMED',
        dueOn: before.leader.reconfirmBy,
        decidedAt: expect.any(String),
        reconfirmedAt: expect.any(String),
        nextReconfirmBy: after.leader.reconfirmBy,
        nomination: { id: opened.id, kind: 'RECONFIRMATION', status: 'AGREED' },
      },
    ]);
    expect(after.leader.reconfirmations[0].reconfirmedAt).toBe(after.leader.reconfirmations[0].decidedAt);
    expect(after.nominations.map((n: { kind: string }) => n.kind)).toEqual(['LEADERSHIP', 'RECONFIRMATION']);

    const [localityId] = (await api.owner.query(`select locality_id from programme where id = $1`, [p.programmeId])).map(
      (r: { locality_id: string }) => r.locality_id,
    );
    expect((await events(p)).map((e: { payload: Record<string, unknown> }) => e.payload)).toEqual([
      expect.objectContaining({ change: 'OPENED', localityId, nominationId: opened.id, reconfirmBy: before.leader.reconfirmBy }),
      expect.objectContaining({ change: 'RECONFIRMED', localityId, nominationId: opened.id, reconfirmBy: after.leader.reconfirmBy }),
    ]);
    const audit = await api.owner.query(`select action from audit_event where tenant_id = $1 and entity_id = $2 and action = 'leader.reconfirmed'`, [
      tenant.id,
      p.programmeId,
    ]);
    expect(audit).toHaveLength(1);

    // Re-confirmed a term ahead, it cannot be pushed out another term yet.
    const early = await api.graphql(OPEN, { input: { programmeId: p.programmeId } }, coordinator);
    expect(codeOf(early)).toBe('CONFLICT');
    expect(early.errors?.[0].message).toMatch(/re-confirmed until .* can be opened from/);
  });

  it('agreed by qualified majority when overdue: a full term from the day, then opposed beyond the rule', async () => {
    const p = await partnership(3, {
      agreementRule: { kind: 'QUALIFIED_MAJORITY', supportThreshold: 0.667, maxOpposing: 1 },
      leaderTermMonths: 6,
    });
    const overdue = addMonths(await today(), -2);
    await api.owner.query(`update programme_leader set reconfirm_by = $2 where programme_id = $1`, [p.programmeId, overdue]);

    const first = await open(p);
    await endorse(p, first.id, 0, 'SUPPORT');
    await endorse(p, first.id, 2, 'OPPOSE');
    expect((await endorse(p, first.id, 1, 'SUPPORT')).endorseNomination.status).toBe('AGREED');
    const reconfirmed = await leadership(p);
    expect(reconfirmed.leader.reconfirmBy).toBe(addMonths(await today(), 6));

    // Opposition within the rule (one may oppose) keeps it open; beyond it, it closes.
    const second = await open(p);
    expect((await endorse(p, second.id, 0, 'OPPOSE')).endorseNomination).toMatchObject({ status: 'OPEN' });
    await endorse(p, second.id, 1, 'ABSTAIN');
    const closed = await endorse(p, second.id, 2, 'OPPOSE');
    expect(closed.endorseNomination).toMatchObject({ status: 'NOT_RECONFIRMED', tally: { opposing: 2, agreed: false } });

    const after = await leadership(p);
    expect(after.leader).toMatchObject({ id: reconfirmed.leader.id, reconfirmBy: reconfirmed.leader.reconfirmBy, steppedDownAt: null });
    expect(after.leader.reconfirmations.map((r: Record<string, unknown>) => [r.outcome, r.dueOn, r.nextReconfirmBy])).toEqual([
      ['RECONFIRMED', overdue, reconfirmed.leader.reconfirmBy],
      ['NOT_RECONFIRMED', reconfirmed.leader.reconfirmBy, null],
    ]);
    expect(after.leader.reconfirmations[1]).toMatchObject({ reconfirmedAt: null, nomination: { id: second.id, status: 'NOT_RECONFIRMED' } });
    expect(after.nominations[2].decidedAt).toEqual(expect.any(String));
  });

  it('opposed under a unanimous rule: closed NOT_RECONFIRMED, the leader stays until a successor is agreed', async () => {
    const p = await partnership(2);
    const before = await leadership(p);
    const opened = await open(p);
    await endorse(p, opened.id, 0, 'SUPPORT');
    expect((await endorse(p, opened.id, 1, 'OPPOSE')).endorseNomination.status).toBe('NOT_RECONFIRMED');

    const after = await leadership(p);
    expect(after.leader).toMatchObject({ id: before.leader.id, reconfirmBy: before.leader.reconfirmBy, steppedDownAt: null });
    expect(after.openNomination).toBeNull();
    const late = await api.graphql(
      ENDORSE,
      { input: { nominationId: opened.id, organisationId: p.organisationIds[1], position: 'SUPPORT' } },
      p.reps[1].token,
    );
    expect(codeOf(late)).toBe('CONFLICT');
    expect(late.errors?.[0].message).toMatch(/no longer open/);
    expect((await events(p)).map((e: { payload: { change: string } }) => e.payload.change)).toEqual(['OPENED', 'NOT_RECONFIRMED']);

    // A successor agreed as leader replaces them; their re-confirmation history stays with them.
    const successor = await make.person(p.organisationIds[1], 'Sam Successor');
    const nomination = await make.nominate(p.programmeId, successor.id);
    await endorse(p, nomination.id, 0, 'SUPPORT');
    await endorse(p, nomination.id, 1, 'SUPPORT');
    const replaced = await leadership(p);
    expect(replaced.leader).toMatchObject({ person: { id: successor.id }, reconfirmations: [] });
    expect(replaced.leaderHistory).toEqual([
      { id: before.leader.id, steppedDownAt: expect.any(String), stepDownReason: 'Succeeded by an agreed nomination' },
      { id: replaced.leader.id, steppedDownAt: null, stepDownReason: null },
    ]);
  });

  it('is refused without a current leader, and nothing is saved', async () => {
    const p = await partnership(1, {}, false);
    const none = await api.graphql(OPEN, { input: { programmeId: p.programmeId } }, coordinator);
    expect(codeOf(none)).toBe('CONFLICT');
    expect(none.errors?.[0].message).toMatch(/no agreed leader to re-confirm/);
    expect(await nominationCount(p)).toBe(0);

    const nomination = await make.nominate(p.programmeId, p.leaderPersonId);
    await endorse(p, nomination.id, 0, 'SUPPORT');
    await api.ok(`mutation($id: ID!) { stepDownLeader(input: { programmeId: $id }) { id } }`, { id: p.programmeId }, coordinator);
    const steppedDown = await api.graphql(OPEN, { input: { programmeId: p.programmeId } }, coordinator);
    expect(codeOf(steppedDown)).toBe('CONFLICT');
    expect(await nominationCount(p)).toBe(1);
  });

  it('is refused while another nomination is open, and blocks another nomination while open', async () => {
    const p = await partnership(1);
    const successor = await make.nominate(p.programmeId, (await make.person(p.organisationIds[0])).id);
    const blocked = await api.graphql(OPEN, { input: { programmeId: p.programmeId } }, coordinator);
    expect(codeOf(blocked)).toBe('CONFLICT');
    expect(blocked.errors?.[0].message).toMatch(/already has an open nomination/);
    expect(await nominationCount(p)).toBe(2);

    await api.ok(`mutation($id: ID!) { withdrawNomination(nominationId: $id) { id } }`, { id: successor.id }, coordinator);
    const opened = await open(p);
    const nominate = await api.graphql(
      `mutation($input: NominateLeaderInput!) { nominateLeader(input: $input) { id } }`,
      { input: { programmeId: p.programmeId, personId: p.leaderPersonId } },
      coordinator,
    );
    expect(codeOf(nominate)).toBe('CONFLICT');
    const again = await api.graphql(OPEN, { input: { programmeId: p.programmeId } }, coordinator);
    expect(codeOf(again)).toBe('CONFLICT');
    expect(await nominationCount(p)).toBe(3);

    // Withdrawn, the leader and their due date are untouched.
    const before = await leadership(p);
    const withdrawn = await api.ok(
      `mutation($id: ID!) { withdrawNomination(nominationId: $id) { status kind } }`,
      { id: opened.id },
      coordinator,
    );
    expect(withdrawn.withdrawNomination).toEqual({ status: 'WITHDRAWN', kind: 'RECONFIRMATION' });
    expect((await leadership(p)).leader).toEqual(before.leader);
    expect((await events(p)).map((e: { payload: { change: string } }) => e.payload.change)).toEqual(['OPENED', 'WITHDRAWN']);
  });

  it('opens one re-confirmation when two coordinators race', async () => {
    const p = await partnership(1);
    const results = await Promise.all([1, 2].map(() => api.graphql(OPEN, { input: { programmeId: p.programmeId } }, coordinator)));
    expect(results.map(codeOf).sort()).toEqual(['CONFLICT', undefined]);
    const stillOpen = await api.owner.query(
      `select count(*)::int as n from leader_nomination where programme_id = $1 and status = 'OPEN'`,
      [p.programmeId],
    );
    expect(stillOpen[0].n).toBe(1);
  });

  it('withdraws an open re-confirmation when the leader steps down', async () => {
    const p = await partnership(1);
    const opened = await open(p);
    await api.ok(`mutation($id: ID!) { stepDownLeader(input: { programmeId: $id, reason: "Retiring" }) { id } }`, { id: p.programmeId }, coordinator);
    const after = await leadership(p);
    expect(after.leader).toBeNull();
    expect(after.openNomination).toBeNull();
    expect(after.nominations[1]).toMatchObject({ id: opened.id, status: 'WITHDRAWN', decidedAt: expect.any(String) });
    expect((await events(p)).map((e: { payload: { change: string } }) => e.payload.change)).toEqual(['OPENED', 'WITHDRAWN']);
  });

  it('lets representatives endorse only for their own organisation', async () => {
    const p = await partnership(2);
    const opened = await open(p);
    const forOther = await api.graphql(
      ENDORSE,
      { input: { nominationId: opened.id, organisationId: p.organisationIds[1], position: 'OPPOSE' } },
      p.reps[0].token,
    );
    expect(codeOf(forOther)).toBe('FORBIDDEN');
    const byCoordinator = await api.graphql(
      ENDORSE,
      { input: { nominationId: opened.id, organisationId: p.organisationIds[0], position: 'SUPPORT' } },
      coordinator,
    );
    expect(codeOf(byCoordinator)).toBe('FORBIDDEN');
    const rows = await api.owner.query(`select count(*)::int as n from endorsement where nomination_id = $1`, [opened.id]);
    expect(rows[0].n).toBe(0);
  });

  it('is opened only by coordinators and tenant administrators, with a valid programme id', async () => {
    const p = await partnership(1);
    const reviewer = (await api.newUser(tenant, 'REVIEWER')).token;
    // A representative of a participating body may nominate a leader, but not open a re-confirmation.
    for (const token of [p.reps[0].token, reviewer]) {
      expect(codeOf(await api.graphql(OPEN, { input: { programmeId: p.programmeId } }, token))).toBe('FORBIDDEN');
    }
    expect(codeOf(await api.graphql(OPEN, { input: { programmeId: 'not-an-id' } }, coordinator))).toBe('BAD_USER_INPUT');
    expect(codeOf(await api.graphql(OPEN, { input: { programmeId: randomUUID() } }, coordinator))).toBe('NOT_FOUND');
    expect(await nominationCount(p)).toBe(1);
    expect((await open(p, tenant.adminToken)).kind).toBe('RECONFIRMATION');
  });

  it('guarantees in the database that a re-confirmation names the current leader of its own programme', async () => {
    const p = await partnership(1);
    const other = await make.person(p.organisationIds[0]);
    const [leader] = await api.owner.query(`select id, tenant_id from programme_leader where programme_id = $1`, [p.programmeId]);
    const insert = (personId: string, kind: string, leaderId: string | null) =>
      api.owner.query(
        `insert into leader_nomination (tenant_id, programme_id, person_id, kind, leader_id, nominated_by_user_id)
         values ($1, $2, $3, $4, $5, $1)`,
        [leader.tenant_id, p.programmeId, personId, kind, leaderId],
      );
    await expect(insert(other.id, 'RECONFIRMATION', leader.id)).rejects.toThrow(/leader_nomination_reconfirmed_leader_fk/);
    await expect(insert(p.leaderPersonId, 'RECONFIRMATION', null)).rejects.toThrow(/leader_nomination_kind_leader/);
    await expect(insert(p.leaderPersonId, 'LEADERSHIP', leader.id)).rejects.toThrow(/leader_nomination_kind_leader/);
    await expect(
      api.owner.query(`update leader_nomination set status = 'NOT_RECONFIRMED', decided_at = now() where programme_id = $1`, [p.programmeId]),
    ).rejects.toThrow(/leader_nomination_not_reconfirmed/);
  });

  it('reads the re-confirmation history of many programmes with the same number of statements', async () => {
    const locality = await make.locality();
    await make.addMember(locality.id, bodies[0]);
    const p: Partnership = { programmeId: '', leaderPersonId, organisationIds: [bodies[0]], reps: [bodyReps[0]] };
    const read = async () => {
      const before = StatementCounter.total;
      const data = await api.ok(
        `query($id: ID!) { locality(id: $id) { programmes { leader { reconfirmations { dueOn nomination { kind status } } } } } }`,
        { id: locality.id },
        coordinator,
      );
      return { data, statements: StatementCounter.total - before };
    };
    const addReconfirmedProgramme = async () => {
      p.programmeId = (await make.programme(locality.id, [bodies[0]])).id;
      const nomination = await make.nominate(p.programmeId, leaderPersonId);
      await endorse(p, nomination.id, 0, 'SUPPORT');
      await endorse(p, (await open(p)).id, 0, 'SUPPORT');
    };
    await addReconfirmedProgramme();
    const one = await read();
    await addReconfirmedProgramme();
    await addReconfirmedProgramme();
    const three = await read();
    expect(three.data.locality.programmes).toHaveLength(3);
    for (const programme of three.data.locality.programmes) {
      expect(programme.leader.reconfirmations).toEqual([{ dueOn: expect.any(String), nomination: { kind: 'RECONFIRMATION', status: 'AGREED' } }]);
    }
    expect(three.statements).toBe(one.statements);
  });

  describe('between tenants', () => {
    const b: Record<string, string> = {};
    // Tenant A is this file's tenant, its coordinator and the representative of its first body.
    const aCoordinator = () => coordinator;
    const aRep = () => bodyReps[0];
    const aOrganisationId = () => bodies[0];

    beforeAll(async () => {
      const tenantB = await api.newTenant('recon-b');
      const bCoordinator = (await api.newUser(tenantB, 'COORDINATOR')).token;
      const makeB = new RegistryFactory(api, bCoordinator);
      const bLocality = await makeB.locality();
      const [organisation] = await makeB.members(bLocality.id, 1);
      const bRep = await api.newUser(tenantB, 'MEMBER_REPRESENTATIVE', organisation.id);
      b.programme = (await makeB.programme(bLocality.id, [organisation.id])).id;
      const nomination = await makeB.nominate(b.programme, (await makeB.person(organisation.id)).id);
      await api.ok(ENDORSE, { input: { nominationId: nomination.id, organisationId: organisation.id, position: 'SUPPORT' } }, bRep.token);
      b.reconfirmation = (await api.ok(OPEN, { input: { programmeId: b.programme } }, bCoordinator)).openLeaderReconfirmation.id;
    });

    const probes = [
      { name: 'openLeaderReconfirmation', target: 'programme', query: OPEN, variables: (id: string) => ({ input: { programmeId: id } }), as: 'coordinator' },
      {
        name: 'endorseNomination (a re-confirmation)',
        target: 'reconfirmation',
        query: ENDORSE,
        variables: (id: string) => ({ input: { nominationId: id, organisationId: aOrganisationId(), position: 'OPPOSE' } }),
        as: 'rep',
      },
      {
        name: 'withdrawNomination (a re-confirmation)',
        target: 'reconfirmation',
        query: `mutation($id: ID!) { withdrawNomination(nominationId: $id) { id } }`,
        variables: (id: string) => ({ id }),
        as: 'coordinator',
      },
    ];

    it.each(probes.map((p) => [p.name, p] as const))('%s: another tenant’s id reads exactly like an unknown one', async (_name, probe) => {
      const token = probe.as === 'rep' ? aRep().token : aCoordinator();
      const theirs = await api.graphql(probe.query, probe.variables(b[probe.target]), token);
      const unknown = await api.graphql(probe.query, probe.variables(randomUUID()), token);
      expect(theirs.errors?.[0].extensions.code).toBe('NOT_FOUND');
      expect(theirs.errors?.map((e) => e.message)).toEqual(unknown.errors?.map((e) => e.message));
    });

    it('leaves the other tenant’s re-confirmation as it was', async () => {
      const [row] = await api.owner.query(
        `select n.status, (select count(*)::int from endorsement e where e.nomination_id = n.id) as endorsements
           from leader_nomination n where n.id = $1`,
        [b.reconfirmation],
      );
      expect(row).toEqual({ status: 'OPEN', endorsements: 0 });
    });
  });
});
