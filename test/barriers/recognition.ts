import { StatementCounter } from '@joinedup/database';
import { JsonReads } from '@joinedup/graphql-kit';
import { ApiHarness, GraphQLResult, TestTenant, TestUser, codeOf, sharedApi } from '../support/api-harness';
import { RegistryFactory } from '../support/registry-factory';

const MILESTONE_FIELDS = `id name dueOn achievedOn achieved overdue daysOverdue achievedByUserId`;
const CREATE = `mutation($input: CreateMilestoneInput!) { createMilestone(input: $input) { ${MILESTONE_FIELDS} } }`;
const UPDATE = `mutation($input: UpdateMilestoneInput!) {
  updateMilestone(input: $input) { ${MILESTONE_FIELDS} contributors { organisation { id } } }
}`;
const ACHIEVE = `mutation($input: AchieveMilestoneInput!) { achieveMilestone(input: $input) { ${MILESTONE_FIELDS} } }`;
const RECORD = `mutation($input: RecordRecognitionInput!) {
  recordRecognition(input: $input) {
    id reason givenOn visibleIn visibleInOwnOrganisation recordedOn recordedByUserId
    creditedPerson { id } creditedOrganisation { id } recipientOrganisation { id }
    givenByPerson { id } givenByOrganisation { id } giverOrganisation { id } milestone { id } programme { id }
  }
}`;
const READ = `query($id: ID!) {
  programme(id: $id) {
    milestones {
      name dueOn achievedOn achieved overdue daysOverdue
      contributors { recognised organisation { name } }
      recognitions { reason givenOn visibleIn creditedPerson { fullName } creditedOrganisation { name } giverOrganisation { name } }
    }
  }
}`;
const ORGANISATION_RECEIVED = `query($id: ID!, $from: String!, $to: String!, $includePeople: Boolean, $first: Int) {
  organisation(id: $id) {
    recognitionsReceived(from: $from, to: $to, includePeople: $includePeople, first: $first) {
      from to total visibleOnPartnershipBoard visibleInOwnOrganisation visiblePublicly
      recognitions { reason givenOn visibleIn creditedPerson { fullName } }
    }
  }
}`;
const PERSON_RECEIVED = `query($id: ID!, $from: String!, $to: String!) {
  person(id: $id) {
    recognitionsReceived(from: $from, to: $to) { total visibleInOwnOrganisation recognitions { reason givenOn } }
  }
}`;

/** YYYY-MM-DD `days` after `date`. */
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface Body {
  id: string;
  name: string;
  person: { id: string; fullName: string };
}

interface Setup {
  programmeId: string;
  programmeName: string;
  localityId: string;
  /** Two bodies taking part. */
  a: Body;
  b: Body;
  /** A member body of the locality that does not take part. */
  c: Body;
  repA: TestUser;
  repC: TestUser;
}

describe('milestones and recognition', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: TestUser;
  let reviewer: TestUser;
  let make: RegistryFactory;
  let today: string;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('recog');
    coordinator = await api.newUser(tenant, 'COORDINATOR');
    reviewer = await api.newUser(tenant, 'REVIEWER');
    make = new RegistryFactory(api, coordinator.token);
    today = (await api.owner.query(`select current_date as d`))[0].d;
  });
  afterAll(() => sharedApi.leave(api));

  /** An active programme of bodies a and b, member body c outside it, a person of each, and representatives of a and c. */
  async function programme(extra: Record<string, unknown> = {}): Promise<Setup> {
    const locality = await make.locality();
    const bodies = await make.members(locality.id, 3);
    const created = await make.programme(locality.id, [bodies[0].id, bodies[1].id], extra);
    const withPeople: Body[] = [];
    for (const [i, body] of bodies.entries()) {
      const fullName = `${'ABC'[i]} person ${created.name}`;
      withPeople.push({ ...body, person: { id: (await make.person(body.id, fullName)).id, fullName } });
    }
    return {
      programmeId: created.id,
      programmeName: created.name,
      localityId: locality.id,
      a: withPeople[0],
      b: withPeople[1],
      c: withPeople[2],
      repA: await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', bodies[0].id),
      repC: await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', bodies[2].id),
    };
  }

  const create = (input: Record<string, unknown>, token = coordinator.token) => api.graphql(CREATE, { input }, token);
  const createOk = async (input: Record<string, unknown>, token = coordinator.token) => ok(await create(input, token)).createMilestone;
  const achieve = (input: Record<string, unknown>, token = coordinator.token) => api.graphql(ACHIEVE, { input }, token);
  const record = (input: Record<string, unknown>, token = coordinator.token) =>
    api.graphql(RECORD, { input: { reason: 'Led the data-sharing work', visibleIn: ['PARTNERSHIP_BOARD'], ...input } }, token);
  const recordOk = async (input: Record<string, unknown>, token = coordinator.token) => ok(await record(input, token)).recordRecognition;
  const read = async (programmeId: string, token = coordinator.token) => (await api.ok(READ, { id: programmeId }, token)).programme;

  function ok(result: GraphQLResult) {
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  }

  const eventsOf = async (programmeId: string, type: string) =>
    (
      (await api.owner.query(
        `select payload from outbox_event where tenant_id = $1 and type = $2 and payload->>'programmeId' = $3 order by created_at, id`,
        [tenant.id, type, programmeId],
      )) as { payload: Record<string, unknown> }[]
    ).map((e) => e.payload);

  /** Everything the milestone and recognition tables and the trails hold for a programme. */
  const snapshot = async (programmeId: string) => ({
    milestones: await api.owner.query(
      `select id, name, due_on, achieved_on, achieved_by_user_id from milestone where programme_id = $1 order by name`,
      [programmeId],
    ),
    contributors: await api.owner.query(
      `select milestone_id, organisation_id from milestone_contributor where programme_id = $1 order by milestone_id, organisation_id`,
      [programmeId],
    ),
    recognitions: await api.owner.query(`select id, given_on, reason from recognition where programme_id = $1 order by id`, [programmeId]),
    events: await api.owner.query(`select count(*)::int as n from outbox_event where tenant_id = $1 and type like 'recognition.%'`, [tenant.id]),
    audit: await api.owner.query(`select count(*)::int as n from audit_event where tenant_id = $1`, [tenant.id]),
  });

  it('achieves milestones with and without recognition, and reads them back with contributors, recognitions and overdue', async () => {
    const s = await programme();
    const shared = await createOk({ programmeId: s.programmeId, name: 'Shared referral form live', dueOn: addDays(today, -10), contributorIds: [s.a.id, s.b.id] });
    expect(shared).toMatchObject({ achieved: false, achievedOn: null, overdue: true, daysOverdue: 10, achievedByUserId: null });
    const late = await createOk({ programmeId: s.programmeId, name: 'Joint triage pilot', dueOn: addDays(today, -5) });
    const next = await createOk({ programmeId: s.programmeId, name: 'Annual report', dueOn: addDays(today, 30), contributorIds: [s.a.id] });
    expect(next).toMatchObject({ overdue: false, daysOverdue: 0 });

    const achieved = ok(await achieve({ milestoneId: shared.id, achievedOn: addDays(today, -3) })).achieveMilestone;
    expect(achieved).toMatchObject({ achieved: true, achievedOn: addDays(today, -3), overdue: false, daysOverdue: 7, achievedByUserId: coordinator.id });
    const onTime = ok(await achieve({ milestoneId: next.id })).achieveMilestone;
    expect(onTime).toMatchObject({ achievedOn: today, overdue: false, daysOverdue: 0 });

    const toPerson = await recordOk({
      programmeId: s.programmeId,
      milestoneId: shared.id,
      creditedPersonId: s.b.person.id,
      givenByOrganisationId: s.a.id,
      givenOn: addDays(today, -2),
      reason: 'Wrote the shared referral form',
      visibleIn: ['PUBLIC', 'OWN_ORGANISATION'],
    });
    expect(toPerson).toMatchObject({
      givenOn: addDays(today, -2),
      visibleIn: ['OWN_ORGANISATION', 'PUBLIC'],
      visibleInOwnOrganisation: true,
      recordedOn: today,
      recordedByUserId: coordinator.id,
      creditedPerson: { id: s.b.person.id },
      creditedOrganisation: null,
      recipientOrganisation: { id: s.b.id },
      givenByPerson: null,
      givenByOrganisation: { id: s.a.id },
      giverOrganisation: { id: s.a.id },
      milestone: { id: shared.id },
      programme: { id: s.programmeId },
    });
    const toBody = await recordOk({
      programmeId: s.programmeId,
      milestoneId: shared.id,
      creditedOrganisationId: s.a.id,
      givenByPersonId: s.b.person.id,
      reason: 'Hosted the workshops',
    });
    expect(toBody).toMatchObject({ givenOn: today, visibleIn: ['PARTNERSHIP_BOARD'], visibleInOwnOrganisation: false, giverOrganisation: { id: s.b.id } });

    const p = await read(s.programmeId);
    expect(p.milestones.map((m: { name: string }) => m.name)).toEqual(['Shared referral form live', 'Joint triage pilot', 'Annual report']);
    const [first, second, third] = p.milestones;
    expect(first).toMatchObject({ achieved: true, overdue: false, daysOverdue: 7 });
    expect(first.contributors).toEqual(
      [
        { recognised: true, organisation: { name: s.a.name } },
        { recognised: true, organisation: { name: s.b.name } },
      ].sort((x, y) => x.organisation.name.toLowerCase().localeCompare(y.organisation.name.toLowerCase())),
    );
    expect(first.recognitions).toEqual([
      { reason: 'Hosted the workshops', givenOn: today, visibleIn: ['PARTNERSHIP_BOARD'], creditedPerson: null, creditedOrganisation: { name: s.a.name }, giverOrganisation: { name: s.b.name } },
      {
        reason: 'Wrote the shared referral form',
        givenOn: addDays(today, -2),
        visibleIn: ['OWN_ORGANISATION', 'PUBLIC'],
        creditedPerson: { fullName: s.b.person.fullName },
        creditedOrganisation: null,
        giverOrganisation: { name: s.a.name },
      },
    ]);
    // Not achieved and past its due date: overdue, counted from the stored dates.
    expect(second).toMatchObject({ name: 'Joint triage pilot', achieved: false, overdue: true, daysOverdue: 5, contributors: [], recognitions: [] });
    // Achieved, and nobody recognised for it.
    expect(third).toMatchObject({ achieved: true, overdue: false, recognitions: [], contributors: [{ recognised: false, organisation: { name: s.a.name } }] });

    expect(await eventsOf(s.programmeId, 'recognition.milestone_changed')).toEqual([
      expect.objectContaining({ milestoneId: shared.id, change: 'CREATED', localityId: s.localityId, dueOn: addDays(today, -10), achievedOn: null }),
      expect.objectContaining({ milestoneId: late.id, change: 'CREATED', contributorIds: [] }),
      expect.objectContaining({ milestoneId: next.id, change: 'CREATED', contributorIds: [s.a.id] }),
      expect.objectContaining({ milestoneId: shared.id, change: 'ACHIEVED', achievedOn: addDays(today, -3) }),
      expect.objectContaining({ milestoneId: next.id, change: 'ACHIEVED', achievedOn: today }),
    ]);
    expect(await eventsOf(s.programmeId, 'recognition.recognition_changed')).toEqual([
      {
        programmeId: s.programmeId,
        localityId: s.localityId,
        recognitionId: toPerson.id,
        change: 'RECORDED',
        milestoneId: shared.id,
        recipientOrganisationId: s.b.id,
        creditedPersonId: s.b.person.id,
        giverOrganisationId: s.a.id,
        givenOn: addDays(today, -2),
        visibleIn: ['OWN_ORGANISATION', 'PUBLIC'],
      },
      expect.objectContaining({ recognitionId: toBody.id, recipientOrganisationId: s.a.id, creditedPersonId: null, giverOrganisationId: s.b.id }),
    ]);
    const trail = await api.ok(
      `query($m: ID!, $r: ID!) {
        m: auditEvents(entityType: "MILESTONE", entityId: $m, first: 10) { nodes { action } }
        r: auditEvents(entityType: "RECOGNITION", entityId: $r, first: 10) { nodes { action } }
      }`,
      { m: shared.id, r: toPerson.id },
      reviewer.token,
    );
    expect(trail.m.nodes.map((n: { action: string }) => n.action)).toEqual(['milestone.created', 'milestone.achieved']);
    expect(trail.r.nodes.map((n: { action: string }) => n.action)).toEqual(['recognition.recorded']);

    const one = await api.ok(`query($id: ID!) { milestone(id: $id) { name programme { id } } recognition(id: "${toBody.id}") { reason } }`, { id: late.id }, reviewer.token);
    expect(one).toEqual({ milestone: { name: 'Joint triage pilot', programme: { id: s.programmeId } }, recognition: { reason: 'Hosted the workshops' } });
  });

  it('takes contributors only from the organisations taking part, and replaces them on update', async () => {
    const s = await programme();
    const before = await snapshot(s.programmeId);
    const refused = await create({ programmeId: s.programmeId, name: 'Hub open', dueOn: today, contributorIds: [s.a.id, s.c.id] });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]).toMatchObject({
      message: `${s.c.name} does not take part in ${s.programmeName}; only organisations taking part can contribute to its milestones.`,
      extensions: { field: 'contributorIds' },
    });
    expect(await snapshot(s.programmeId)).toEqual(before);

    const m = await createOk({ programmeId: s.programmeId, name: 'Hub open', dueOn: today, contributorIds: [s.a.id] });
    const replaced = ok(await api.graphql(UPDATE, { input: { milestoneId: m.id, contributorIds: [s.b.id], dueOn: addDays(today, 1) } }, coordinator.token));
    expect(replaced.updateMilestone).toMatchObject({ dueOn: addDays(today, 1), contributors: [{ organisation: { id: s.b.id } }] });
    const adding = await api.graphql(UPDATE, { input: { milestoneId: m.id, contributorIds: [s.b.id, s.c.id], name: 'Renamed' } }, coordinator.token);
    expect([codeOf(adding), adding.errors?.[0].extensions.field]).toEqual(['BAD_USER_INPUT', 'contributorIds']);
    expect((await read(s.programmeId)).milestones[0]).toMatchObject({ name: 'Hub open', contributors: [{ organisation: { name: s.b.name } }] });

    // The database refuses a contributor that does not take part, whatever the code does.
    await expect(
      api.owner.query(`insert into milestone_contributor (tenant_id, milestone_id, programme_id, organisation_id) values ($1, $2, $3, $4)`, [
        tenant.id,
        m.id,
        s.programmeId,
        s.c.id,
      ]),
    ).rejects.toThrow(/take part/);

    // A name is unique in its programme.
    const twice = await create({ programmeId: s.programmeId, name: 'hub OPEN', dueOn: today });
    expect(codeOf(twice)).toBe('CONFLICT');
  });

  it('credits exactly one person or organisation taking part, and names exactly one giver', async () => {
    const s = await programme();
    const base = { programmeId: s.programmeId, givenByOrganisationId: s.a.id };
    const before = await snapshot(s.programmeId);
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ['both credited', { creditedPersonId: s.a.person.id, creditedOrganisationId: s.a.id }, 'creditedOrganisationId', /exactly one/],
      ['nobody credited', {}, 'creditedPersonId', /exactly one/],
      ['a person of a body not taking part', { creditedPersonId: s.c.person.id }, 'creditedPersonId', new RegExp(`${s.c.person.fullName} does not work for`)],
      ['a body not taking part', { creditedOrganisationId: s.c.id }, 'creditedOrganisationId', new RegExp(`${s.c.name} does not take part`)],
      ['two givers', { creditedOrganisationId: s.b.id, givenByPersonId: s.a.person.id }, 'givenByOrganisationId', /who gave it/],
    ];
    for (const [name, change, field, message] of cases) {
      const result = await record({ ...base, ...change });
      expect([name, codeOf(result), result.errors?.[0].extensions.field]).toEqual([name, 'BAD_USER_INPUT', field]);
      expect(result.errors?.[0].message).toMatch(message);
    }
    const noGiver = await record({ programmeId: s.programmeId, creditedOrganisationId: s.b.id });
    expect([codeOf(noGiver), noGiver.errors?.[0].extensions.field]).toEqual(['BAD_USER_INPUT', 'givenByOrganisationId']);
    expect(await snapshot(s.programmeId)).toEqual(before);

    // A giver need not take part: the person chairing a board of another body may give credit.
    const fromOutside = await recordOk({ programmeId: s.programmeId, creditedOrganisationId: s.b.id, givenByPersonId: s.c.person.id });
    expect(fromOutside.giverOrganisation).toEqual({ id: s.c.id });

    // The database holds the same rules on its own.
    const insert = (credited: [string | null, string | null], giver: string) =>
      api.owner.query(
        `insert into recognition (tenant_id, programme_id, credited_person_id, credited_organisation_id, reason, given_by_organisation_id,
                                  given_on, visible_on_partnership_board, visible_in_own_organisation, visible_publicly, recorded_by_user_id)
         values ($1, $2, $3, $4, 'x', $5, current_date, true, false, false, $6)`,
        [tenant.id, s.programmeId, credited[0], credited[1], giver, coordinator.id],
      );
    await expect(insert([s.a.person.id, s.a.id], s.a.id)).rejects.toThrow(/recognition_one_credited|recognition_recipient/);
    await expect(insert([null, s.c.id], s.a.id)).rejects.toThrow(/credited party must take part/);
    await expect(insert([s.c.person.id, null], s.a.id)).rejects.toThrow(/credited party must take part/);
  });

  it('links a recognition only to an achieved milestone of the same programme, on or after its achievement', async () => {
    const s = await programme();
    const other = await make.programme(s.localityId, [s.a.id]);
    const theirs = await createOk({ programmeId: other.id, name: 'Elsewhere', dueOn: today, achievedOn: addDays(today, -1) });
    const pending = await createOk({ programmeId: s.programmeId, name: 'Pending', dueOn: addDays(today, 10) });
    const done = await createOk({ programmeId: s.programmeId, name: 'Done', dueOn: today, achievedOn: addDays(today, -5) });
    expect(done).toMatchObject({ achievedOn: addDays(today, -5), achievedByUserId: coordinator.id });
    const base = { programmeId: s.programmeId, creditedOrganisationId: s.b.id, givenByOrganisationId: s.a.id };

    const before = await snapshot(s.programmeId);
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ['a milestone of another programme', { milestoneId: theirs.id }, 'milestoneId', new RegExp(`That is not a milestone of ${s.programmeName}`)],
      ['a milestone not yet achieved', { milestoneId: pending.id }, 'milestoneId', /has not been achieved yet/],
      ['given before the achievement', { milestoneId: done.id, givenOn: addDays(today, -6) }, 'givenOn', /before Done was achieved/],
      ['given in the future', { givenOn: addDays(today, 1) }, 'givenOn', /cannot be in the future/],
      ['not a calendar date', { givenOn: '2025-02-30' }, 'givenOn', /not a date in the calendar/],
    ];
    for (const [name, change, field, message] of cases) {
      const result = await record({ ...base, ...change });
      expect([name, codeOf(result), result.errors?.[0].extensions.field]).toEqual([name, 'BAD_USER_INPUT', field]);
      expect(result.errors?.[0].message).toMatch(message);
    }
    expect(await snapshot(s.programmeId)).toEqual(before);

    const onTheDay = await recordOk({ ...base, milestoneId: done.id, givenOn: addDays(today, -5) });
    expect(onTheDay.milestone).toEqual({ id: done.id });

    // The database: the milestone's programme must be the recognition's, and achieved by then.
    const insert = (milestoneId: string, givenOn: string) =>
      api.owner.query(
        `insert into recognition (tenant_id, programme_id, milestone_id, credited_organisation_id, reason, given_by_organisation_id,
                                  given_on, visible_on_partnership_board, visible_in_own_organisation, visible_publicly, recorded_by_user_id)
         values ($1, $2, $3, $4, 'x', $4, $5, true, false, false, $6)`,
        [tenant.id, s.programmeId, milestoneId, s.a.id, givenOn, coordinator.id],
      );
    await expect(insert(theirs.id, today)).rejects.toThrow(/recognition_tenant_id_milestone_id_programme_id_fkey/);
    await expect(insert(done.id, addDays(today, -6))).rejects.toThrow(/on or after the milestone was achieved/);
    await expect(insert(done.id, addDays(today, 1))).rejects.toThrow(/recognition_given_not_future/);

    // Moving the achievement after a recognition for it is refused, by the service and by the database.
    const moved = await achieve({ milestoneId: done.id, achievedOn: addDays(today, -4) });
    expect([codeOf(moved), moved.errors?.[0].extensions.field]).toEqual(['BAD_USER_INPUT', 'achievedOn']);
    expect(moved.errors?.[0].message).toMatch(/was given on/);
    await expect(api.owner.query(`update milestone set achieved_on = null where id = $1`, [done.id])).rejects.toThrow(/before its achievement/);
    const earlier = ok(await achieve({ milestoneId: done.id, achievedOn: addDays(today, -7) })).achieveMilestone;
    expect(earlier).toMatchObject({ achievedOn: addDays(today, -7) });
  });

  it('keeps a recognition and its milestone’s achievement in order when a correction and a recognition race', async () => {
    const s = await programme();
    for (let round = 0; round < 5; round++) {
      const m = await createOk({ programmeId: s.programmeId, name: `Race ${round}`, dueOn: today, achievedOn: addDays(today, -5) });
      const [recorded, moved] = await Promise.all([
        record({ programmeId: s.programmeId, milestoneId: m.id, creditedOrganisationId: s.a.id, givenByOrganisationId: s.b.id, givenOn: addDays(today, -5) }),
        achieve({ milestoneId: m.id, achievedOn: addDays(today, -2) }),
      ]);
      // Whichever comes first wins; the other would put the recognition before the achievement.
      expect([codeOf(recorded), codeOf(moved)].sort()).toEqual(['BAD_USER_INPUT', undefined]);
      const [row] = await api.owner.query(
        `select m.achieved_on, count(r.id)::int as n, min(r.given_on) as first_given
           from milestone m left join recognition r on r.milestone_id = m.id where m.id = $1 group by m.achieved_on`,
        [m.id],
      );
      expect(row.n === 0 || row.first_given >= row.achieved_on).toBe(true);
    }
  });

  it('keeps milestone dates in order: achieved not in the future, due within the programme, closed programmes unchanged', async () => {
    const s = await programme({ startsOn: addDays(today, -100), endsOn: addDays(today, 100) });
    const m = await createOk({ programmeId: s.programmeId, name: 'Board agreed', dueOn: today });
    const before = await snapshot(s.programmeId);
    const attempts: [string, Promise<GraphQLResult>, string][] = [
      ['achieved tomorrow', achieve({ milestoneId: m.id, achievedOn: addDays(today, 1) }), 'achievedOn'],
      ['achieved on no date', achieve({ milestoneId: m.id, achievedOn: '2025-13-01' }), 'achievedOn'],
      ['created achieved tomorrow', create({ programmeId: s.programmeId, name: 'X', dueOn: today, achievedOn: addDays(today, 1) }), 'achievedOn'],
      ['due before the programme starts', create({ programmeId: s.programmeId, name: 'X', dueOn: addDays(today, -101) }), 'dueOn'],
      ['due after it ends', create({ programmeId: s.programmeId, name: 'X', dueOn: addDays(today, 101) }), 'dueOn'],
      ['moved after it ends', api.graphql(UPDATE, { input: { milestoneId: m.id, dueOn: addDays(today, 101) } }, coordinator.token), 'dueOn'],
      ['an empty name', create({ programmeId: s.programmeId, name: ' ', dueOn: today }), 'name'],
      ['a contributor twice', create({ programmeId: s.programmeId, name: 'X', dueOn: today, contributorIds: [s.a.id, s.a.id] }), 'contributorIds'],
    ];
    for (const [name, attempt, field] of attempts) {
      const result = await attempt;
      expect([name, codeOf(result), result.errors?.[0].extensions.field]).toEqual([name, 'BAD_USER_INPUT', field]);
    }
    expect(await snapshot(s.programmeId)).toEqual(before);

    // The database refuses an achievement dated after the day it is recorded.
    await expect(
      api.owner.query(`update milestone set achieved_on = current_date + 1, achieved_by_user_id = $2 where id = $1`, [m.id, coordinator.id]),
    ).rejects.toThrow(/milestone_achieved_not_future/);

    ok(await achieve({ milestoneId: m.id }));
    const again = await achieve({ milestoneId: m.id });
    expect(codeOf(again)).toBe('CONFLICT');
    expect(again.errors?.[0].message).toBe(`Board agreed was already achieved on ${today}; give achievedOn to correct the date.`);

    // A closed programme's milestones no longer change, but its people can still be recognised.
    await api.ok(
      `mutation($input: UpdateProgrammeInput!) { updateProgramme(input: $input) { status } }`,
      { input: { programmeId: s.programmeId, status: 'CLOSED' } },
      coordinator.token,
    );
    expect(codeOf(await create({ programmeId: s.programmeId, name: 'Late', dueOn: today }))).toBe('CONFLICT');
    expect(codeOf(await achieve({ milestoneId: m.id, achievedOn: addDays(today, -1) }))).toBe('CONFLICT');
    await recordOk({ programmeId: s.programmeId, milestoneId: m.id, creditedPersonId: s.a.person.id, givenByOrganisationId: s.b.id });
  });

  it('reads recognitions received by an organisation and a person in a period, on known data', async () => {
    const s = await programme();
    const m = await createOk({ programmeId: s.programmeId, name: 'Launch', dueOn: addDays(today, -40), achievedOn: addDays(today, -40) });
    const given: [string, Record<string, unknown>, number, string[]][] = [
      ['A1 to body A', { creditedOrganisationId: s.a.id }, -30, ['PARTNERSHIP_BOARD']],
      ['A2 to A person', { creditedPersonId: s.a.person.id }, -20, ['OWN_ORGANISATION']],
      ['A3 to A person', { creditedPersonId: s.a.person.id, milestoneId: m.id }, -10, ['OWN_ORGANISATION', 'PUBLIC']],
      ['A4 to body A', { creditedOrganisationId: s.a.id }, 0, ['PUBLIC']],
      ['B1 to B person', { creditedPersonId: s.b.person.id }, -20, ['OWN_ORGANISATION']],
    ];
    for (const [reason, credited, days, visibleIn] of given) {
      await recordOk({ programmeId: s.programmeId, givenByOrganisationId: s.b.id, reason, givenOn: addDays(today, days), visibleIn, ...credited });
    }
    const organisation = async (from: number, to: number, extra: Record<string, unknown> = {}, token = coordinator.token) =>
      (await api.ok(ORGANISATION_RECEIVED, { id: s.a.id, from: addDays(today, from), to: addDays(today, to), ...extra }, token)).organisation
        .recognitionsReceived;

    const all = await organisation(-30, 0);
    expect(all).toMatchObject({ from: addDays(today, -30), to: today, total: 4, visibleOnPartnershipBoard: 1, visibleInOwnOrganisation: 2, visiblePublicly: 2 });
    expect(all.recognitions.map((r: { reason: string }) => r.reason)).toEqual(['A4 to body A', 'A3 to A person', 'A2 to A person', 'A1 to body A']);
    expect(all.recognitions[1]).toEqual({
      reason: 'A3 to A person',
      givenOn: addDays(today, -10),
      visibleIn: ['OWN_ORGANISATION', 'PUBLIC'],
      creditedPerson: { fullName: s.a.person.fullName },
    });
    // Both ends included; a narrower period; the organisation's own only.
    expect((await organisation(-20, -10)).recognitions.map((r: { reason: string }) => r.reason)).toEqual(['A3 to A person', 'A2 to A person']);
    expect(await organisation(-29, -21)).toMatchObject({ total: 0, visibleInOwnOrganisation: 0, recognitions: [] });
    const own = await organisation(-30, 0, { includePeople: false });
    expect(own).toMatchObject({ total: 2, visibleInOwnOrganisation: 0, visiblePublicly: 1 });
    // `first` shortens the list, not the counts.
    const short = await organisation(-30, 0, { first: 1 });
    expect(short).toMatchObject({ total: 4, recognitions: [{ reason: 'A4 to body A' }] });

    const person = (await api.ok(PERSON_RECEIVED, { id: s.a.person.id, from: addDays(today, -15), to: today }, coordinator.token)).person
      .recognitionsReceived;
    expect(person).toEqual({ total: 1, visibleInOwnOrganisation: 1, recognitions: [{ reason: 'A3 to A person', givenOn: addDays(today, -10) }] });
    const other = (await api.ok(PERSON_RECEIVED, { id: s.b.person.id, from: addDays(today, -30), to: today }, coordinator.token)).person
      .recognitionsReceived;
    expect(other.recognitions).toEqual([{ reason: 'B1 to B person', givenOn: addDays(today, -20) }]);

    const programmeWide = await api.ok(
      `query($id: ID!, $from: String!, $to: String!) { programme(id: $id) { recognitions(from: $from, to: $to) { total visibleInOwnOrganisation } } }`,
      { id: s.programmeId, from: addDays(today, -30), to: today },
      coordinator.token,
    );
    expect(programmeWide.programme.recognitions).toEqual({ total: 5, visibleInOwnOrganisation: 3 });

    for (const [vars, field] of [
      [{ from: today, to: addDays(today, -1) }, 'to'],
      [{ from: '2025-02-30', to: today }, 'from'],
      [{ from: 'yesterday', to: today }, 'from'],
      [{ from: today, to: today, first: 0 }, 'first'],
    ] as const) {
      const result = await api.graphql(ORGANISATION_RECEIVED, { id: s.a.id, ...vars }, coordinator.token);
      expect([vars, codeOf(result), result.errors?.[0].extensions.field]).toEqual([vars, 'BAD_USER_INPUT', field]);
    }
  });

  it('lets representatives record what their own organisation gives, in programmes it takes part in, and nothing else', async () => {
    const s = await programme();
    const m = await createOk({ programmeId: s.programmeId, name: 'Pathway agreed', dueOn: today, achievedOn: today, contributorIds: [s.a.id, s.b.id] });

    // Given by their organisation or one of its people, to anyone taking part (their own people included).
    const toOther = await recordOk({ programmeId: s.programmeId, milestoneId: m.id, creditedPersonId: s.b.person.id, givenByOrganisationId: s.a.id }, s.repA.token);
    expect(toOther.recordedByUserId).toBe(s.repA.id);
    await recordOk(
      { programmeId: s.programmeId, creditedPersonId: s.a.person.id, givenByPersonId: s.a.person.id, visibleIn: ['OWN_ORGANISATION'] },
      s.repA.token,
    );

    const before = await snapshot(s.programmeId);
    const refusals: [string, Promise<GraphQLResult>, string][] = [
      ['given by another body', record({ programmeId: s.programmeId, creditedOrganisationId: s.a.id, givenByOrganisationId: s.b.id }, s.repA.token), 'FORBIDDEN'],
      ['given by a person of another body', record({ programmeId: s.programmeId, creditedOrganisationId: s.a.id, givenByPersonId: s.b.person.id }, s.repA.token), 'FORBIDDEN'],
      ['by a body not taking part', record({ programmeId: s.programmeId, creditedOrganisationId: s.a.id, givenByOrganisationId: s.c.id }, s.repC.token), 'FORBIDDEN'],
      ['a representative adding a milestone', create({ programmeId: s.programmeId, name: 'Mine', dueOn: today }, s.repA.token), 'FORBIDDEN'],
      ['a representative achieving one', achieve({ milestoneId: m.id, achievedOn: today }, s.repA.token), 'FORBIDDEN'],
      ['a reviewer recording', record({ programmeId: s.programmeId, creditedOrganisationId: s.a.id, givenByOrganisationId: s.b.id }, reviewer.token), 'FORBIDDEN'],
      ['a reviewer adding a milestone', create({ programmeId: s.programmeId, name: 'Theirs', dueOn: today }, reviewer.token), 'FORBIDDEN'],
    ];
    for (const [name, attempt, code] of refusals) expect([name, codeOf(await attempt)]).toEqual([name, code]);
    expect(await snapshot(s.programmeId)).toEqual(before);

    // A tenant administrator manages milestones as a coordinator does.
    await createOk({ programmeId: s.programmeId, name: 'By the admin', dueOn: today }, tenant.adminToken);

    // Representatives read their localities' milestones and recognitions, not the audit trail.
    const seen = await read(s.programmeId, s.repC.token);
    expect(seen.milestones.find((x: { name: string }) => x.name === 'Pathway agreed').recognitions).toHaveLength(1);
    expect(codeOf(await api.graphql(`query($id: ID!) { auditEvents(entityType: "RECOGNITION", entityId: $id, first: 5) { nodes { id } } }`, { id: toOther.id }, s.repA.token))).toBe(
      'FORBIDDEN',
    );

    // A representative of a body outside the locality sees none of it, and cannot record there.
    const elsewhere = await make.locality();
    const [stranger] = await make.members(elsewhere.id, 1);
    const outsider = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', stranger.id);
    const hidden = await api.graphql(`query($id: ID!) { milestone(id: $id) { id } }`, { id: m.id }, outsider.token);
    expect([codeOf(hidden), hidden.errors?.[0].message]).toEqual(['NOT_FOUND', 'The milestone was not found.']);
    const hiddenRecognition = await api.graphql(`query($id: ID!) { recognition(id: $id) { id } }`, { id: toOther.id }, outsider.token);
    expect([codeOf(hiddenRecognition), hiddenRecognition.errors?.[0].message]).toEqual(['NOT_FOUND', 'The recognition was not found.']);
    const there = await record({ programmeId: s.programmeId, creditedOrganisationId: s.a.id, givenByOrganisationId: stranger.id }, outsider.token);
    expect(codeOf(there)).toBe('NOT_FOUND');
    const received = await api.ok(ORGANISATION_RECEIVED, { id: s.b.id, from: today, to: today }, outsider.token);
    expect(received.organisation.recognitionsReceived).toMatchObject({ total: 0, recognitions: [] });
    const receivedByRep = await api.ok(ORGANISATION_RECEIVED, { id: s.b.id, from: today, to: today }, s.repC.token);
    expect(receivedByRep.organisation.recognitionsReceived.total).toBe(1);
  });

  it('refuses bad input with the right code and leaves nothing behind', async () => {
    const s = await programme();
    const m = await createOk({ programmeId: s.programmeId, name: 'Data shared', dueOn: today, achievedOn: today });
    const valid = { programmeId: s.programmeId, creditedOrganisationId: s.b.id, givenByOrganisationId: s.a.id, milestoneId: m.id };
    const before = await snapshot(s.programmeId);
    const cases: [string, Record<string, unknown>, string][] = [
      ['no place', { visibleIn: [] }, 'visibleIn'],
      ['a place twice', { visibleIn: ['PUBLIC', 'PUBLIC'] }, 'visibleIn'],
      ['an empty reason', { reason: '  ' }, 'reason'],
      ['a reason too long', { reason: 'x'.repeat(2001) }, 'reason'],
      ['a malformed id', { creditedOrganisationId: 'not-an-id' }, 'creditedOrganisationId'],
      ['an unknown giver', { givenByOrganisationId: '00000000-0000-4000-8000-000000000000' }, 'givenByOrganisationId'],
      ['an unknown milestone', { milestoneId: '00000000-0000-4000-8000-000000000000' }, 'milestoneId'],
      ['a date not written YYYY-MM-DD', { givenOn: '1/2/2025' }, 'givenOn'],
    ];
    for (const [name, change, field] of cases) {
      const result = await record({ ...valid, ...change });
      expect([name, codeOf(result), result.errors?.[0].extensions.field]).toEqual([name, 'BAD_USER_INPUT', field]);
    }
    const unknownEnum = await record({ ...valid, visibleIn: ['INTRANET'] });
    expect(codeOf(unknownEnum)).toBe('BAD_USER_INPUT');
    const unknownProgramme = await record({ ...valid, programmeId: '00000000-0000-4000-8000-000000000000' });
    expect(codeOf(unknownProgramme)).toBe('NOT_FOUND');
    const unknownMilestone = await achieve({ milestoneId: '00000000-0000-4000-8000-000000000000' });
    expect([codeOf(unknownMilestone), unknownMilestone.errors?.[0].message]).toEqual(['NOT_FOUND', 'The milestone was not found.']);
    expect(await snapshot(s.programmeId)).toEqual(before);

    // The programme's milestone cap.
    for (let i = 0; i < 29; i++) await createOk({ programmeId: s.programmeId, name: `Step ${i}`, dueOn: today });
    const over = await create({ programmeId: s.programmeId, name: 'One too many', dueOn: today });
    expect([codeOf(over), over.errors?.[0].message]).toEqual(['CONFLICT', `${s.programmeName} already has 30 milestones, the most a programme may have.`]);
  });

  it('reads milestones, contributors and recognitions in the same number of statements for 1 and 40 organisations, executed or in one statement', async () => {
    const READ_ALL = `query($id: ID!, $from: String!, $to: String!) {
      programme(id: $id) {
        milestones {
          name overdue
          contributors { recognised organisation { name } }
          recognitions(first: 40) { reason creditedPerson { fullName organisation { name } } giverOrganisation { name } }
        }
        participants { name recognitionsReceived(from: $from, to: $to, first: 2) { total recognitions { creditedPerson { fullName } } } }
        recognitions(from: $from, to: $to, first: 50) { total visibleInOwnOrganisation recognitions { milestone { name } } }
      }
    }`;
    async function programmeWith(organisations: number): Promise<string> {
      const locality = await make.locality();
      const bodies = await make.members(locality.id, organisations);
      const p = await make.programme(
        locality.id,
        bodies.map((b) => b.id),
      );
      const m = await createOk({ programmeId: p.id, name: 'Delivered', dueOn: today, achievedOn: today, contributorIds: bodies.map((b) => b.id) });
      await createOk({ programmeId: p.id, name: 'Next', dueOn: addDays(today, 10), contributorIds: bodies.map((b) => b.id) });
      for (const body of bodies) {
        const person = await make.person(body.id);
        await recordOk({ programmeId: p.id, milestoneId: m.id, creditedPersonId: person.id, givenByOrganisationId: bodies[0].id, visibleIn: ['OWN_ORGANISATION'] });
      }
      return p.id;
    }
    /** The statements of the read, executed field by field or compiled (JsonReads). */
    const statementsFor = async (programmeId: string, compiled = false) => {
      api.app.get(JsonReads).enabled = compiled;
      try {
        const before = StatementCounter.total;
        const data = await api.ok(READ_ALL, { id: programmeId, from: addDays(today, -1), to: today }, coordinator.token);
        return { programme: data.programme, statements: StatementCounter.total - before };
      } finally {
        api.app.get(JsonReads).enabled = true;
      }
    };
    const [smallId, largeId] = [await programmeWith(1), await programmeWith(40)];
    const small = await statementsFor(smallId);
    const large = await statementsFor(largeId);
    // Compiled: the session check, the one read, commit (a background timer's statement may land among them).
    for (const id of [smallId, largeId]) expect((await statementsFor(id, true)).statements).toBeLessThanOrEqual(4);
    expect(large.programme.milestones[0].contributors).toHaveLength(40);
    expect(large.programme.milestones[0].contributors.every((c: { recognised: boolean }) => c.recognised)).toBe(true);
    expect(large.programme.milestones[0].recognitions).toHaveLength(40);
    expect(large.programme.milestones[1].contributors.every((c: { recognised: boolean }) => !c.recognised)).toBe(true);
    expect(large.programme.participants).toHaveLength(40);
    expect(large.programme.participants[0].recognitionsReceived.total).toBe(1);
    expect(large.programme.recognitions).toMatchObject({ total: 40, visibleInOwnOrganisation: 40 });
    expect(large.statements).toBe(small.statements);
    expect(small.statements).toBeGreaterThan(5);
    expect(small.statements).toBeLessThanOrEqual(20);
  });
});
