import { randomUUID } from 'node:crypto';
import { StatementCounter } from '@joinedup/database';
import { ApiHarness, GraphQLResult, TestTenant, TestUser, codeOf, sharedApi } from '../support/api-harness';
import { ENDORSE, RegistryFactory } from '../support/registry-factory';

const BRIEFING_FIELDS = `
  id title summary issuedOn link issuedByUserId issuedAt
  programme { id } issuedByOrganisation { id }
  acknowledgementCounts { recipients acknowledged pending rate byCascade { cascade count } }
  recipients { organisation { id name } firstAcknowledgedAt acknowledgement { id cascade note acknowledgedAt } history { cascade note } }
  acknowledgements { cascade note organisation { id } }`;
const ISSUE = `mutation($input: IssueBriefingInput!) { issueBriefing(input: $input) { ${BRIEFING_FIELDS} } }`;
const ACKNOWLEDGE = `mutation($input: AcknowledgeBriefingInput!) {
  acknowledgeBriefing(input: $input) { id cascade note acknowledgedByUserId acknowledgedAt organisation { id } briefing { id } }
}`;
const READ = `query($id: ID!) { briefing(id: $id) { ${BRIEFING_FIELDS} } }`;
const LIST = `query($id: ID!, $first: Int, $after: String) {
  programme(id: $id) { briefings(first: $first, after: $after) {
    nodes { id title issuedOn acknowledgementCounts { recipients acknowledged pending rate byCascade { cascade count } } }
    pageInfo { hasNextPage endCursor } } }
}`;
const RECORD = `query($organisationId: ID!, $from: String!, $to: String!, $first: Int) {
  briefingAcknowledgement(organisationId: $organisationId, from: $from, to: $to) {
    organisation { id } from to received acknowledged unacknowledgedCount rate byCascade { cascade count }
    unacknowledged(first: $first) { nodes { id title issuedOn } pageInfo { hasNextPage } }
  }
}`;

type Key = 'A' | 'B' | 'C' | 'D' | 'E';

describe('briefings and their acknowledgement', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: string;
  let reviewer: string;
  let make: RegistryFactory;
  let locality: { id: string; name: string };
  let programme: { id: string; name: string };
  /** A, B and C take part in the programme (A's person leads it); D is another member of the locality; E is elsewhere. */
  const org = {} as Record<Key, string>;
  const rep = {} as Record<Key, TestUser>;

  const input = (value: Record<string, unknown>) => ({ input: value });
  const today = async (plusDays = 0): Promise<string> =>
    (await api.owner.query(`select (current_date + $1::int)::text as d`, [plusDays]))[0].d;
  const count = async (sql: string, params: unknown[] = []): Promise<number> => (await api.owner.query(sql, params))[0].n;
  const briefingRows = () =>
    count(`select count(*)::int as n from briefing b join programme p on p.id = b.programme_id where p.locality_id = $1`, [locality.id]);
  const ackRows = () =>
    count(
      `select count(*)::int as n from briefing_acknowledgement a join briefing b on b.id = a.briefing_id
         join programme p on p.id = b.programme_id where p.locality_id = $1`,
      [locality.id],
    );
  const expectRefused = (result: GraphQLResult, code: string, message?: RegExp) => {
    expect(codeOf(result)).toBe(code);
    if (message) expect(result.errors?.[0].message).toMatch(message);
  };
  const issue = async (token: string, extra: Record<string, unknown> = {}, programmeId = programme.id) =>
    (
      await api.ok(
        ISSUE,
        input({ programmeId, title: 'Winter pressures plan', summary: 'What the partnership agreed for the winter, and who does what.', ...extra }),
        token,
      )
    ).issueBriefing;
  const acknowledge = (key: Key, briefingId: string, cascade: string, note?: string) =>
    api.graphql(ACKNOWLEDGE, input({ briefingId, organisationId: org[key], cascade, note }), rep[key].token);
  const cascades = (counts: { byCascade: { cascade: string; count: number }[] }) =>
    Object.fromEntries(counts.byCascade.map((c) => [c.cascade, c.count]));

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('briefings');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    reviewer = (await api.newUser(tenant, 'REVIEWER')).token;
    make = new RegistryFactory(api, coordinator);
    locality = await make.locality('Briefing Town');
    const [a, b, c, d] = await make.members(locality.id, 4);
    const [e] = await make.members((await make.locality('Elsewhere')).id, 1);
    Object.assign(org, { A: a.id, B: b.id, C: c.id, D: d.id, E: e.id });
    for (const key of ['A', 'B', 'C', 'D', 'E'] as const) rep[key] = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', org[key]);
    programme = await make.programme(locality.id, [a.id, b.id, c.id]);
    // A's person becomes the agreed leader: every participant supports.
    const leader = await make.person(a.id, 'Lead Person');
    const nomination = await make.nominate(programme.id, leader.id);
    for (const key of ['A', 'B', 'C'] as const) {
      await api.ok(ENDORSE, input({ nominationId: nomination.id, organisationId: org[key], position: 'SUPPORT' }), rep[key].token);
    }
  });
  afterAll(() => sharedApi.leave(api));

  describe('issuing', () => {
    it('issues a briefing to every organisation taking part, with nothing acknowledged yet, audited and in the outbox', async () => {
      const issuedOn = await today(-1);
      const briefing = await issue(coordinator, { issuedOn, link: 'https://partnership.example.org/briefings/winter' });
      expect(briefing).toMatchObject({
        title: 'Winter pressures plan',
        issuedOn,
        link: 'https://partnership.example.org/briefings/winter',
        programme: { id: programme.id },
        issuedByOrganisation: null,
        acknowledgementCounts: { recipients: 3, acknowledged: 0, pending: 3, rate: 0 },
        acknowledgements: [],
      });
      expect(cascades(briefing.acknowledgementCounts)).toEqual({ LEADERSHIP_ONLY: 0, MANAGERS: 0, FRONT_LINE: 0, WHOLE_ORGANISATION: 0 });
      expect(briefing.recipients.map((r: { organisation: { id: string } }) => r.organisation.id).sort()).toEqual([org.A, org.B, org.C].sort());
      const untouched = (r: { acknowledgement: unknown; history: unknown[] }) => r.acknowledgement === null && !r.history.length;
      expect(briefing.recipients.every(untouched)).toBe(true);

      const audit = await api.ok(
        `query($id: ID!) { auditEvents(entityType: "BRIEFING", entityId: $id, first: 10) { nodes { action after } } }`,
        { id: briefing.id },
        coordinator,
      );
      expect(audit.auditEvents.nodes).toHaveLength(1);
      expect(audit.auditEvents.nodes[0].action).toBe('briefing.issued');
      expect(audit.auditEvents.nodes[0].after.recipientIds).toEqual([org.A, org.B, org.C].sort());
      const [event] = await api.owner.query(`select type, payload from outbox_event where payload->>'briefingId' = $1`, [briefing.id]);
      expect(event).toEqual({
        type: 'briefings.briefing_changed',
        payload: { programmeId: programme.id, localityId: locality.id, briefingId: briefing.id, change: 'ISSUED', issuedOn, recipientCount: 3 },
      });
    });

    it('dates a briefing today when no date is given', async () => {
      const briefing = await issue(coordinator);
      expect(briefing.issuedOn).toBe(await today());
      expect(briefing.link).toBeNull();
    });

    it('lets the representative of the lead organisation issue one, recorded as theirs, and nobody else of the bodies', async () => {
      const briefing = await issue(rep.A.token, { title: 'From the lead' });
      expect(briefing.issuedByOrganisation).toEqual({ id: org.A });
      expect(briefing.issuedByUserId).toBe(rep.A.id);

      const before = await briefingRows();
      // The refusal names the body that may.
      const [lead] = await api.owner.query(`select name from organisation where id = $1`, [org.A]);
      const onlyLead = `Only coordinators, tenant administrators and representatives of ${lead.name}, whose person leads ${programme.name}, can issue its briefings.`;
      expect((await api.graphql(ISSUE, input({ programmeId: programme.id, title: 'x', summary: 'y' }), rep.B.token)).errors?.[0]).toMatchObject({
        message: onlyLead,
        extensions: { code: 'FORBIDDEN', reason: 'NOT_THE_LEADING_BODY' },
      });
      expectRefused(await api.graphql(ISSUE, input({ programmeId: programme.id, title: 'x', summary: 'y' }), rep.D.token), 'FORBIDDEN', /leads/);
      expectRefused(await api.graphql(ISSUE, input({ programmeId: programme.id, title: 'x', summary: 'y' }), reviewer), 'FORBIDDEN');
      // A body of another locality does not learn the programme exists.
      const elsewhere = await api.graphql(ISSUE, input({ programmeId: programme.id, title: 'x', summary: 'y' }), rep.E.token);
      const unknown = await api.graphql(ISSUE, input({ programmeId: randomUUID(), title: 'x', summary: 'y' }), rep.E.token);
      expectRefused(elsewhere, 'NOT_FOUND');
      expect(elsewhere.errors?.[0].message).toBe(unknown.errors?.[0].message);
      expect(await briefingRows()).toBe(before);
    });

    it('fixes the recipients when issued: a body that joins later does not receive an old briefing, one that leaves keeps it', async () => {
      const place = await make.locality();
      const [x, y, z] = await make.members(place.id, 3);
      const repZ = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', z.id);
      const repX = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', x.id);
      const later = await make.programme(place.id, [x.id, y.id]);
      const old = await issue(coordinator, { title: 'Before Z joined' }, later.id);

      await api.ok(
        `mutation($input: ProgrammeParticipantInput!) { addProgrammeParticipant(input: $input) { id } }`,
        input({ programmeId: later.id, organisationId: z.id }),
        coordinator,
      );
      await api.ok(
        `mutation($input: ProgrammeParticipantInput!) { removeProgrammeParticipant(input: $input) { id } }`,
        input({ programmeId: later.id, organisationId: x.id }),
        coordinator,
      );
      const fresh = await issue(coordinator, { title: 'After Z joined' }, later.id);

      const recipientsOf = async (id: string) =>
        (await api.ok(READ, { id }, coordinator)).briefing.recipients.map((r: { organisation: { id: string } }) => r.organisation.id).sort();
      expect(await recipientsOf(old.id)).toEqual([x.id, y.id].sort());
      expect(await recipientsOf(fresh.id)).toEqual([y.id, z.id].sort());

      // Z cannot acknowledge the old one; X, which has left, still can.
      const refused = await api.graphql(ACKNOWLEDGE, input({ briefingId: old.id, organisationId: z.id, cascade: 'MANAGERS' }), repZ.token);
      expectRefused(refused, 'FORBIDDEN', /was not sent to your organisation/);
      await api.ok(ACKNOWLEDGE, input({ briefingId: fresh.id, organisationId: z.id, cascade: 'MANAGERS' }), repZ.token);
      await api.ok(ACKNOWLEDGE, input({ briefingId: old.id, organisationId: x.id, cascade: 'FRONT_LINE' }), repX.token);

      // The database refuses a recipient added after the briefing was issued, whoever writes it.
      await expect(
        api.owner.query(`insert into briefing_recipient (tenant_id, briefing_id, organisation_id) values ($1, $2, $3)`, [tenant.id, old.id, z.id]),
      ).rejects.toThrow(/fixed when it is issued/);
      expect(await recipientsOf(old.id)).toEqual([x.id, y.id].sort());
    });
  });

  describe('acknowledging', () => {
    let briefing: { id: string };
    beforeAll(async () => {
      briefing = await issue(coordinator, { title: 'Acknowledge me' });
    });

    it('records an acknowledgement, then replaces it with a later one, keeping the history', async () => {
      const first = await acknowledge('B', briefing.id, 'MANAGERS', 'Shared at the senior managers meeting');
      expect(first.errors).toBeUndefined();
      expect(first.data!.acknowledgeBriefing).toMatchObject({
        cascade: 'MANAGERS',
        note: 'Shared at the senior managers meeting',
        acknowledgedByUserId: rep.B.id,
        organisation: { id: org.B },
        briefing: { id: briefing.id },
      });
      const second = (await acknowledge('B', briefing.id, 'FRONT_LINE', 'Now in the team briefings too')).data!.acknowledgeBriefing;
      expect(second.cascade).toBe('FRONT_LINE');

      const read = (await api.ok(READ, { id: briefing.id }, rep.D.token)).briefing;
      expect(read.acknowledgementCounts).toMatchObject({ recipients: 3, acknowledged: 1, pending: 2, rate: 0.333 });
      expect(cascades(read.acknowledgementCounts)).toEqual({ LEADERSHIP_ONLY: 0, MANAGERS: 0, FRONT_LINE: 1, WHOLE_ORGANISATION: 0 });
      const b = read.recipients.find((r: { organisation: { id: string } }) => r.organisation.id === org.B);
      expect(b.acknowledgement).toMatchObject({ id: second.id, cascade: 'FRONT_LINE', note: 'Now in the team briefings too' });
      expect(b.firstAcknowledgedAt).toBe(first.data!.acknowledgeBriefing.acknowledgedAt);
      expect(b.history).toEqual([
        { cascade: 'MANAGERS', note: 'Shared at the senior managers meeting' },
        { cascade: 'FRONT_LINE', note: 'Now in the team briefings too' },
      ]);
      expect(read.acknowledgements.map((a: { cascade: string }) => a.cascade)).toEqual(['MANAGERS', 'FRONT_LINE']);

      // Stored: two rows of history, the recipient pointing at the latest.
      const [recipient] = await api.owner.query(
        `select acknowledgement_id, cascade_level, first_acknowledged_at < acknowledged_at as later
           from briefing_recipient where briefing_id = $1 and organisation_id = $2`,
        [briefing.id, org.B],
      );
      expect(recipient).toEqual({ acknowledgement_id: second.id, cascade_level: 'FRONT_LINE', later: true });
      expect(await count(`select count(*)::int as n from briefing_acknowledgement where briefing_id = $1`, [briefing.id])).toBe(2);

      const events = await api.owner.query(
        `select payload from outbox_event where type = 'briefings.acknowledgement_changed' and payload->>'briefingId' = $1 order by created_at`,
        [briefing.id],
      );
      expect(events.map((e: { payload: Record<string, string> }) => [e.payload.change, e.payload.cascade])).toEqual([
        ['ACKNOWLEDGED', 'MANAGERS'],
        ['REACKNOWLEDGED', 'FRONT_LINE'],
      ]);
      expect(events[0].payload).toMatchObject({ programmeId: programme.id, localityId: locality.id, organisationId: org.B });
      const audit = await api.ok(
        `query($id: ID!) { auditEvents(entityType: "BRIEFING", entityId: $id, first: 10) { nodes { action before after } } }`,
        { id: briefing.id },
        coordinator,
      );
      const acknowledged = audit.auditEvents.nodes.filter((n: { action: string }) => n.action === 'briefing.acknowledged');
      expect(acknowledged.map((n: { before: { cascade: string } | null }) => n.before?.cascade ?? null)).toEqual([null, 'MANAGERS']);
    });

    it('lets only a recipient’s representative acknowledge, for their own organisation, and saves nothing otherwise', async () => {
      const before = await ackRows();
      const body = (organisationId: string) => input({ briefingId: briefing.id, organisationId, cascade: 'MANAGERS' });
      // A coordinator may not acknowledge on behalf of a body; nor may a reviewer.
      expectRefused(await api.graphql(ACKNOWLEDGE, body(org.C), coordinator), 'FORBIDDEN');
      expectRefused(await api.graphql(ACKNOWLEDGE, body(org.C), reviewer), 'FORBIDDEN');
      expectRefused(await api.graphql(ACKNOWLEDGE, body(org.C), tenant.adminToken), 'FORBIDDEN');
      // A representative acts for their own organisation only.
      expectRefused(await api.graphql(ACKNOWLEDGE, body(org.C), rep.A.token), 'FORBIDDEN', /^You act only for .+: you can acknowledge a briefing only for /);
      // D is a member of the locality (it sees the briefing) but was not sent it.
      expectRefused(await api.graphql(ACKNOWLEDGE, body(org.D), rep.D.token), 'FORBIDDEN', /was not sent to your organisation/);
      // E is of another locality: it may not know the briefing exists.
      const elsewhere = await api.graphql(ACKNOWLEDGE, body(org.E), rep.E.token);
      const unknown = await api.graphql(ACKNOWLEDGE, input({ briefingId: randomUUID(), organisationId: org.E, cascade: 'MANAGERS' }), rep.E.token);
      expectRefused(elsewhere, 'NOT_FOUND');
      expect(elsewhere.errors?.[0].message).toBe(unknown.errors?.[0].message);
      expect(await ackRows()).toBe(before);

      // The database lets only a recipient acknowledge, whoever writes.
      await expect(
        api.owner.query(
          `insert into briefing_acknowledgement (tenant_id, briefing_id, organisation_id, cascade_level, acknowledged_by_user_id)
           values ($1, $2, $3, 'MANAGERS', $4)`,
          [tenant.id, briefing.id, org.D, rep.D.id],
        ),
      ).rejects.toThrow(/foreign key/);
      // …and keeps the recipient's current acknowledgement the latest one.
      await expect(
        api.owner.query(`update briefing_recipient set acknowledgement_id = null where briefing_id = $1 and organisation_id = $2`, [
          briefing.id,
          org.B,
        ]),
      ).rejects.toThrow(/latest/);
      const [[forced]] = await api.owner.query(
        `update briefing_recipient set cascade_level = 'WHOLE_ORGANISATION' where briefing_id = $1 and organisation_id = $2 returning cascade_level`,
        [briefing.id, org.B],
      );
      expect(forced).toEqual({ cascade_level: 'FRONT_LINE' });
    });

    it('is visible to the bodies of the locality, not to others', async () => {
      expect((await api.ok(READ, { id: briefing.id }, rep.D.token)).briefing.id).toBe(briefing.id);
      expect((await api.ok(READ, { id: briefing.id }, reviewer)).briefing.id).toBe(briefing.id);
      const elsewhere = await api.graphql(READ, { id: briefing.id }, rep.E.token);
      const unknown = await api.graphql(READ, { id: randomUUID() }, rep.E.token);
      expectRefused(elsewhere, 'NOT_FOUND');
      expect(elsewhere.errors?.[0].message).toBe(unknown.errors?.[0].message);
    });
  });

  describe('counts and rates on known data', () => {
    /** X acknowledges everything, Y two of four, Z nothing. Briefings 40, 20, 10 and 0 days ago. */
    const o = {} as Record<'X' | 'Y' | 'Z', string>;
    const reps = {} as Record<'X' | 'Y' | 'Z', TestUser>;
    const ids: string[] = [];
    let dates: string[];
    let repElsewhere: TestUser;
    let knownProgramme: string;

    beforeAll(async () => {
      const place = await make.locality();
      const [x, y, z] = await make.members(place.id, 3);
      Object.assign(o, { X: x.id, Y: y.id, Z: z.id });
      for (const key of ['X', 'Y', 'Z'] as const) reps[key] = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', o[key]);
      const known = await make.programme(place.id, [x.id, y.id, z.id]);
      dates = [await today(-40), await today(-20), await today(-10), await today()];
      for (const [i, issuedOn] of dates.entries()) ids.push((await issue(coordinator, { title: `Briefing ${i + 1}`, issuedOn }, known.id)).id);
      const ack = (key: 'X' | 'Y', id: string, cascade: string) =>
        api.ok(ACKNOWLEDGE, input({ briefingId: id, organisationId: o[key], cascade }), reps[key].token);
      await ack('X', ids[0], 'LEADERSHIP_ONLY');
      await ack('X', ids[1], 'MANAGERS');
      await ack('X', ids[2], 'FRONT_LINE');
      await ack('X', ids[3], 'WHOLE_ORGANISATION');
      await ack('Y', ids[0], 'MANAGERS');
      await ack('Y', ids[2], 'LEADERSHIP_ONLY');
      await ack('Y', ids[2], 'WHOLE_ORGANISATION');
      repElsewhere = rep.E;
      knownProgramme = known.id;
    });

    it('lists a programme’s briefings newest first with their counts, page by page', async () => {
      const id = knownProgramme;
      const first = (await api.ok(LIST, { id, first: 2 }, coordinator)).programme.briefings;
      expect(first.nodes.map((n: { title: string }) => n.title)).toEqual(['Briefing 4', 'Briefing 3']);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const [four, three] = first.nodes;
      expect(four.acknowledgementCounts).toMatchObject({ recipients: 3, acknowledged: 1, pending: 2, rate: 0.333 });
      expect(cascades(four.acknowledgementCounts)).toMatchObject({ WHOLE_ORGANISATION: 1 });
      expect(three.acknowledgementCounts).toMatchObject({ recipients: 3, acknowledged: 2, pending: 1, rate: 0.667 });
      expect(cascades(three.acknowledgementCounts)).toEqual({ LEADERSHIP_ONLY: 0, MANAGERS: 0, FRONT_LINE: 1, WHOLE_ORGANISATION: 1 });

      const second = (await api.ok(LIST, { id, first: 2, after: first.pageInfo.endCursor }, coordinator)).programme.briefings;
      expect(second.nodes.map((n: { title: string; issuedOn: string }) => [n.title, n.issuedOn])).toEqual([
        ['Briefing 2', dates[1]],
        ['Briefing 1', dates[0]],
      ]);
      expect(second.pageInfo.hasNextPage).toBe(false);
      expect(second.nodes[1].acknowledgementCounts).toMatchObject({ acknowledged: 2, rate: 0.667 });
    });

    it('gives each organisation’s rate over a period and the briefings it has not acknowledged', async () => {
      const record = async (key: 'X' | 'Y' | 'Z', from: string, to: string, token = coordinator) =>
        (await api.ok(RECORD, { organisationId: o[key], from, to, first: 10 }, token)).briefingAcknowledgement;
      const [from, to] = [await today(-30), await today()];

      const x = await record('X', from, to);
      expect(x).toMatchObject({ organisation: { id: o.X }, from, to, received: 3, acknowledged: 3, unacknowledgedCount: 0, rate: 1 });
      expect(cascades(x)).toEqual({ LEADERSHIP_ONLY: 0, MANAGERS: 1, FRONT_LINE: 1, WHOLE_ORGANISATION: 1 });
      expect(x.unacknowledged.nodes).toEqual([]);

      const y = await record('Y', from, to);
      expect(y).toMatchObject({ received: 3, acknowledged: 1, unacknowledgedCount: 2, rate: 0.333 });
      expect(cascades(y)).toMatchObject({ WHOLE_ORGANISATION: 1, LEADERSHIP_ONLY: 0 });
      expect(y.unacknowledged.nodes.map((n: { title: string }) => n.title)).toEqual(['Briefing 4', 'Briefing 2']);

      const z = await record('Z', from, to);
      expect(z).toMatchObject({ received: 3, acknowledged: 0, unacknowledgedCount: 3, rate: 0 });
      expect(z.unacknowledged.nodes.map((n: { title: string }) => n.title)).toEqual(['Briefing 4', 'Briefing 3', 'Briefing 2']);

      // Over all four: Y acknowledged 2 of 4. Both dates count.
      expect(await record('Y', dates[0], dates[3])).toMatchObject({ received: 4, acknowledged: 2, rate: 0.5 });
      expect(await record('Y', dates[2], dates[2])).toMatchObject({ received: 1, acknowledged: 1, rate: 1 });
      // A period with no briefing has no rate.
      expect(await record('Z', await today(-100), await today(-50))).toMatchObject({ received: 0, acknowledged: 0, rate: null });
      // Its representative reads the same; a body of another locality sees none of these programmes.
      expect(await record('Z', from, to, reps.Z.token)).toMatchObject({ received: 3, rate: 0 });
      expect(await record('Z', from, to, repElsewhere.token)).toMatchObject({ received: 0, rate: null, unacknowledged: { nodes: [] } });

      // The same through the organisation.
      const viaOrganisation = await api.ok(
        `query($id: ID!, $from: String!, $to: String!) {
          organisation(id: $id) { briefingAcknowledgement(from: $from, to: $to) { received acknowledged rate } } }`,
        { id: o.Y, from, to },
        coordinator,
      );
      expect(viaOrganisation.organisation.briefingAcknowledgement).toEqual({ received: 3, acknowledged: 1, rate: 0.333 });
    });

    it('pages through what an organisation has not acknowledged', async () => {
      const data = await api.ok(
        `query($id: ID!, $from: String!, $to: String!) { briefingAcknowledgement(organisationId: $id, from: $from, to: $to) {
          unacknowledged(first: 2) { nodes { title } pageInfo { hasNextPage endCursor } } } }`,
        { id: o.Z, from: dates[0], to: dates[3] },
        coordinator,
      );
      const page = data.briefingAcknowledgement.unacknowledged;
      expect(page.nodes.map((n: { title: string }) => n.title)).toEqual(['Briefing 4', 'Briefing 3']);
      expect(page.pageInfo.hasNextPage).toBe(true);
      const next = await api.ok(
        `query($id: ID!, $from: String!, $to: String!, $after: String) { briefingAcknowledgement(organisationId: $id, from: $from, to: $to) {
          unacknowledged(first: 2, after: $after) { nodes { title } pageInfo { hasNextPage } } } }`,
        { id: o.Z, from: dates[0], to: dates[3], after: page.pageInfo.endCursor },
        coordinator,
      );
      expect(next.briefingAcknowledgement.unacknowledged.nodes.map((n: { title: string }) => n.title)).toEqual(['Briefing 2', 'Briefing 1']);
      expect(next.briefingAcknowledgement.unacknowledged.pageInfo.hasNextPage).toBe(false);
    });
  });

  describe('bad input and states', () => {
    it('refuses bad briefings with BAD_USER_INPUT naming the field, and saves nothing', async () => {
      const before = await briefingRows();
      const cases: [Record<string, unknown>, string][] = [
        [{ title: '' }, 'title'],
        [{ title: 'x'.repeat(201) }, 'title'],
        [{ summary: '   ' }, 'summary'],
        [{ summary: 'x'.repeat(5001) }, 'summary'],
        [{ link: 'http://partnership.example.org/briefing' }, 'link'],
        [{ link: 'javascript:alert(1)' }, 'link'],
        [{ link: 'https://user:secret@example.org/x' }, 'link'],
        [{ link: `https://example.org/${'x'.repeat(2000)}` }, 'link'],
        [{ issuedOn: '2025-02-30' }, 'issuedOn'],
        [{ issuedOn: '1 March 2025' }, 'issuedOn'],
        [{ issuedOn: await today(1) }, 'issuedOn'],
        [{ issuedOn: '1999-12-31' }, 'issuedOn'],
        [{ programmeId: 'not-an-id' }, 'programmeId'],
      ];
      for (const [change, field] of cases) {
        const result = await api.graphql(ISSUE, input({ programmeId: programme.id, title: 'A title', summary: 'A summary', ...change }), coordinator);
        expect([field, codeOf(result)]).toEqual([field, 'BAD_USER_INPUT']);
        expect(result.errors?.[0].extensions.field).toBe(field);
      }
      expect(await briefingRows()).toBe(before);
    });

    it('refuses bad acknowledgements and periods with BAD_USER_INPUT, and saves nothing', async () => {
      const briefing = await issue(coordinator, { title: 'Bad input' });
      const before = await ackRows();
      const note = await acknowledge('C', briefing.id, 'MANAGERS', 'x'.repeat(2001));
      expectRefused(note, 'BAD_USER_INPUT');
      expect(note.errors?.[0].extensions.field).toBe('note');
      expectRefused(await acknowledge('C', briefing.id, 'EVERYONE'), 'BAD_USER_INPUT');
      const badId = await api.graphql(ACKNOWLEDGE, input({ briefingId: 'nope', organisationId: org.C, cascade: 'MANAGERS' }), rep.C.token);
      expect([codeOf(badId), badId.errors?.[0].extensions.field]).toEqual(['BAD_USER_INPUT', 'briefingId']);
      expect(await ackRows()).toBe(before);

      const period = async (from: string, to: string) => api.graphql(RECORD, { organisationId: org.A, from, to }, coordinator);
      const reversed = await period(await today(), await today(-1));
      expect([codeOf(reversed), reversed.errors?.[0].extensions.field]).toEqual(['BAD_USER_INPUT', 'to']);
      const unreal = await period('2025-02-30', '2025-03-31');
      expect([codeOf(unreal), unreal.errors?.[0].extensions.field]).toEqual(['BAD_USER_INPUT', 'from']);
      expectRefused(await api.graphql(RECORD, { organisationId: randomUUID(), from: '2025-01-01', to: '2025-12-31' }, coordinator), 'NOT_FOUND');
      const cursor = await api.graphql(LIST, { id: programme.id, first: 2, after: 'not-a-cursor' }, coordinator);
      expect([codeOf(cursor), cursor.errors?.[0].extensions.field]).toEqual(['BAD_USER_INPUT', 'after']);
      const tooMany = await api.graphql(LIST, { id: programme.id, first: 101 }, coordinator);
      expectRefused(tooMany, 'BAD_USER_INPUT');
    });

    it('refuses a briefing on a closed programme or one nobody takes part in (CONFLICT), and saves nothing', async () => {
      const empty = await make.programme(locality.id, []);
      const closed = await make.programme(locality.id, [org.A]);
      await api.ok(
        `mutation($input: UpdateProgrammeInput!) { updateProgramme(input: $input) { id } }`,
        input({ programmeId: closed.id, status: 'CLOSED' }),
        coordinator,
      );
      const before = await briefingRows();
      expectRefused(await api.graphql(ISSUE, input({ programmeId: empty.id, title: 'x', summary: 'y' }), coordinator), 'CONFLICT', /nobody to brief/);
      expectRefused(await api.graphql(ISSUE, input({ programmeId: closed.id, title: 'x', summary: 'y' }), coordinator), 'CONFLICT', /closed/);
      expect(await briefingRows()).toBe(before);
    });

    it('refuses a representative whose organisation no longer leads the programme', async () => {
      await api.ok(
        `mutation($input: StepDownLeaderInput!) { stepDownLeader(input: $input) { id } }`,
        input({ programmeId: programme.id }),
        coordinator,
      );
      const before = await briefingRows();
      expectRefused(await api.graphql(ISSUE, input({ programmeId: programme.id, title: 'x', summary: 'y' }), rep.A.token), 'FORBIDDEN', /leads/);
      expect(await briefingRows()).toBe(before);
    });
  });

  it('reads briefings, recipients, histories and rates for 40 organisations with as many statements as for 1', async () => {
    const READ_ALL = `query($locality: ID!, $programme: ID!, $from: String!, $to: String!) {
      locality(id: $locality) { members { organisation { name briefingAcknowledgement(from: $from, to: $to) {
        received acknowledged rate byCascade { cascade count } unacknowledged(first: 3) { nodes { title issuedOn } } } } } }
      programme(id: $programme) { briefings(first: 10) { nodes {
        title issuedByOrganisation { name } programme { name }
        acknowledgementCounts { recipients acknowledged pending rate byCascade { cascade count } }
        recipients { organisation { name briefingAcknowledgement(from: $from, to: $to) { rate unacknowledged(first: 2) { nodes { title } } } }
                     acknowledgement { cascade note organisation { name } } history { cascade } }
        acknowledgements { cascade organisation { name } briefing { title } } } } }
    }`;
    const partnership = async (size: number) => {
      const place = await make.locality();
      const members = await make.members(place.id, size);
      const shared = await make.programme(place.id, members.map((m) => m.id));
      const briefings = [
        await issue(coordinator, { title: 'First', issuedOn: await today(-3) }, shared.id),
        await issue(coordinator, { title: 'Second' }, shared.id),
      ];
      // Up to three bodies acknowledge, one of them twice.
      for (const member of members.slice(0, 3)) {
        const representative = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', member.id);
        for (const b of briefings) {
          await api.ok(ACKNOWLEDGE, input({ briefingId: b.id, organisationId: member.id, cascade: 'MANAGERS' }), representative.token);
        }
        await api.ok(ACKNOWLEDGE, input({ briefingId: briefings[0].id, organisationId: member.id, cascade: 'FRONT_LINE' }), representative.token);
      }
      return { locality: place.id, programme: shared.id };
    };
    const statementsFor = async (ids: { locality: string; programme: string }) => {
      const variables = { ...ids, from: await today(-30), to: await today() };
      const before = StatementCounter.total;
      const data = await api.ok(READ_ALL, variables, coordinator);
      return { data, statements: StatementCounter.total - before };
    };

    const small = await statementsFor(await partnership(1));
    const large = await statementsFor(await partnership(40));
    const [second, first] = large.data.programme.briefings.nodes;
    expect([second.title, first.title]).toEqual(['Second', 'First']);
    expect(first.recipients).toHaveLength(40);
    expect(first.acknowledgementCounts).toMatchObject({ recipients: 40, acknowledged: 3, pending: 37, rate: 0.075 });
    expect(cascades(first.acknowledgementCounts)).toMatchObject({ FRONT_LINE: 3, MANAGERS: 0 });
    expect(first.acknowledgements).toHaveLength(6);
    expect(large.data.locality.members).toHaveLength(40);
    type Member = { organisation: { briefingAcknowledgement: { rate: number } } };
    const rates = large.data.locality.members.map((m: Member) => m.organisation.briefingAcknowledgement.rate);
    expect(rates.filter((r: number) => r === 1)).toHaveLength(3);
    expect(rates.filter((r: number) => r === 0)).toHaveLength(37);

    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(20);
  });
});
