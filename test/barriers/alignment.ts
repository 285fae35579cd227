import { randomUUID } from 'node:crypto';
import { StatementCounter } from '@joinedup/database';
import { ApiHarness, GraphQLResult, TestTenant, TestUser, codeOf, sharedApi } from '../support/api-harness';
import { RegistryFactory } from '../support/registry-factory';

const REQUEST_FIELDS = `
  id kind title description status requestedAt requestedOn responseDueOn responseOverdue
  response respondedAt respondedOn plannedOn declineReason adaptedOn withdrawnAt withdrawalReason
  programme { id } locality { id } requestingOrganisation { id } targetOrganisation { id }
  history { fromStatus toStatus plannedOn adaptedOn note actorUserId actorOrganisation { id } }
  allowedActions`;
const mutation = (name: string, inputType: string) => `mutation($input: ${inputType}!) { ${name}(input: $input) { ${REQUEST_FIELDS} } }`;
const REQUEST = mutation('requestAlignment', 'RequestAlignmentInput');
const AGREE = mutation('agreeAlignmentRequest', 'AgreeAlignmentRequestInput');
const DECLINE = mutation('declineAlignmentRequest', 'DeclineAlignmentRequestInput');
const ADAPTED = mutation('recordAlignmentAdapted', 'RecordAlignmentAdaptedInput');
const WITHDRAW = mutation('withdrawAlignmentRequest', 'WithdrawAlignmentRequestInput');
const READ = `query($id: ID!) { alignmentRequest(id: $id) { ${REQUEST_FIELDS} } }`;
const LIST = `query($programmeId: ID, $organisationId: ID, $direction: AlignmentDirection, $status: [AlignmentStatus!], $first: Int, $after: String) {
  alignmentRequests(programmeId: $programmeId, organisationId: $organisationId, direction: $direction, status: $status, first: $first, after: $after) {
    nodes { id status } pageInfo { hasNextPage endCursor }
  }
}`;
const RATE = `query($id: ID!, $from: String, $to: String, $programmeId: ID) {
  organisation(id: $id) { alignmentDeclineRate(from: $from, to: $to, programmeId: $programmeId) {
    from to responded agreed declined declineRate overdueNow organisation { id } } }
}`;

describe('alignment requests', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: string;
  let reviewer: string;
  let make: RegistryFactory;
  let locality: { id: string; name: string };
  let programme: { id: string; name: string };
  /** A, B and C take part in the programme; D is another member of the locality; E is a member elsewhere. */
  const org: Record<'A' | 'B' | 'C' | 'D' | 'E', string> = { A: '', B: '', C: '', D: '', E: '' };
  const rep = {} as Record<'A' | 'B' | 'C' | 'D' | 'E', TestUser>;

  const ok = (query: string, variables: Record<string, unknown>, token: string) => api.ok(query, variables, token);
  const input = (value: Record<string, unknown>) => ({ input: value });
  const today = async (plusDays = 0): Promise<string> =>
    (await api.owner.query(`select (current_date + $1::int)::text as d`, [plusDays]))[0].d;
  const count = async (sql: string, params: unknown[] = []): Promise<number> => (await api.owner.query(sql, params))[0].n;
  const requestCount = () => count(`select count(*)::int as n from alignment_request where tenant_id = $1`, [tenant.id]);
  const expectRefused = (result: GraphQLResult, code: string, message?: RegExp, field?: string) => {
    expect(codeOf(result)).toBe(code);
    if (message) expect(result.errors?.[0].message).toMatch(message);
    if (field) expect(result.errors?.[0].extensions.field).toBe(field);
  };

  /** A request from `A` to `B` in the programme unless said otherwise, made by `token`. */
  const requestAs = async (token: string, extra: Record<string, unknown> = {}) =>
    (
      await ok(
        REQUEST,
        input({
          programmeId: programme.id,
          targetOrganisationId: org.B,
          kind: 'REFERRAL_PROCESS',
          title: 'Use the shared referral form',
          description: 'Accept hospital discharge referrals on the shared form the council and the trust agreed.',
          responseDueOn: await today(14),
          ...extra,
        }),
        token,
      )
    ).requestAlignment;

  /** Tries a short request from `token`'s organisation to B in the programme, unless said otherwise; the raw result. */
  const tryRequest = async (token: string, extra: Record<string, unknown> = {}) =>
    api.graphql(
      REQUEST,
      input({ programmeId: programme.id, targetOrganisationId: org.B, kind: 'OTHER', title: 't', description: 'd', responseDueOn: await today(3), ...extra }),
      token,
    );

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('alignment');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    reviewer = (await api.newUser(tenant, 'REVIEWER')).token;
    make = new RegistryFactory(api, coordinator);
    locality = await make.locality('Alignment Town');
    const [a, b, c, d] = await make.members(locality.id, 4);
    const elsewhere = await make.locality('Elsewhere');
    const [e] = await make.members(elsewhere.id, 1);
    Object.assign(org, { A: a.id, B: b.id, C: c.id, D: d.id, E: e.id });
    for (const key of ['A', 'B', 'C', 'D', 'E'] as const) rep[key] = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', org[key]);
    programme = await make.programme(locality.id, [a.id, b.id, c.id]);
  });
  afterAll(() => sharedApi.leave(api));

  describe('making a request', () => {
    it('asks for the representative’s own organisation, with its history, audit trail and outbox event', async () => {
      const made = await requestAs(rep.A.token);
      expect(made).toMatchObject({
        kind: 'REFERRAL_PROCESS',
        status: 'REQUESTED',
        requestedOn: await today(),
        responseDueOn: await today(14),
        responseOverdue: false,
        response: null,
        respondedOn: null,
        plannedOn: null,
        programme: { id: programme.id },
        locality: { id: locality.id },
        requestingOrganisation: { id: org.A },
        targetOrganisation: { id: org.B },
      });
      expect(made.history).toEqual([
        { fromStatus: null, toStatus: 'REQUESTED', plannedOn: null, adaptedOn: null, note: null, actorUserId: rep.A.id, actorOrganisation: { id: org.A } },
      ]);
      // What each caller may do now.
      expect(made.allowedActions).toEqual(['WITHDRAW']);
      const allowedFor = async (token: string) => (await ok(READ, { id: made.id }, token)).alignmentRequest.allowedActions;
      expect(await allowedFor(rep.B.token)).toEqual(['AGREE', 'DECLINE']);
      expect(await allowedFor(coordinator)).toEqual(['WITHDRAW']);
      expect(await allowedFor(rep.C.token)).toEqual([]);
      expect(await allowedFor(reviewer)).toEqual([]);

      const [event] = await api.owner.query(
        `select payload from outbox_event where type = 'alignment.request_changed' and payload->>'requestId' = $1`,
        [made.id],
      );
      expect(event.payload).toEqual({
        programmeId: programme.id,
        localityId: locality.id,
        requestId: made.id,
        requestingOrganisationId: org.A,
        targetOrganisationId: org.B,
        change: 'REQUESTED',
        status: 'REQUESTED',
        kind: 'REFERRAL_PROCESS',
        responseDueOn: await today(14),
        plannedOn: null,
        adaptedOn: null,
      });
      const audit = await ok(
        `query($id: ID!) { auditEvents(entityType: "ALIGNMENT_REQUEST", entityId: $id) { nodes { action } } }`,
        { id: made.id },
        reviewer,
      );
      expect(audit.auditEvents.nodes).toEqual([{ action: 'alignment_request.requested' }]);
    });

    it('lets a coordinator ask naming the requesting organisation, and requires that name', async () => {
      const made = await requestAs(coordinator, { requestingOrganisationId: org.C, targetOrganisationId: org.A, kind: 'DATA_SHARING' });
      expect(made.requestingOrganisation.id).toBe(org.C);
      expect(made.history[0].actorOrganisation).toBeNull();
      const before = await requestCount();
      const missing = await api.graphql(
        REQUEST,
        input({ programmeId: programme.id, targetOrganisationId: org.A, kind: 'OTHER', title: 't', description: 'd', responseDueOn: await today(1) }),
        coordinator,
      );
      expectRefused(missing, 'BAD_USER_INPUT', /Name the organisation making the request/, 'requestingOrganisationId');
      expect(await requestCount()).toBe(before);
    });

    it('accepts a response date of today, and refuses one in the past or not in the calendar', async () => {
      expect((await requestAs(rep.A.token, { responseDueOn: await today() })).responseOverdue).toBe(false);
      const before = await requestCount();
      expectRefused(
        await tryRequest(rep.A.token, { responseDueOn: await today(-1) }),
        'BAD_USER_INPUT',
        /responseDueOn must not be in the past/,
        'responseDueOn',
      );
      for (const responseDueOn of ['2031-02-30', 'next week', '2031-2-1']) {
        const result = await api.graphql(
          REQUEST,
          input({ programmeId: programme.id, targetOrganisationId: org.B, kind: 'OTHER', title: 't', description: 'd', responseDueOn }),
          rep.A.token,
        );
        expectRefused(result, 'BAD_USER_INPUT', undefined, 'responseDueOn');
      }
      expect(await requestCount()).toBe(before);
    });

    it('requires both organisations to take part in the programme, and to differ', async () => {
      const before = await requestCount();
      // D is a member of the locality but does not take part; E is not even a member.
      for (const target of [org.D, org.E, randomUUID()]) {
        expectRefused(
          await tryRequest(rep.A.token, { targetOrganisationId: target }),
          'BAD_USER_INPUT',
          /does not take part in .*a request can only be addressed to an organisation taking part/,
          'targetOrganisationId',
        );
      }
      expectRefused(
        await tryRequest(rep.D.token, { targetOrganisationId: org.A }),
        'BAD_USER_INPUT',
        /does not take part in .*only organisations taking part can ask/,
        'requestingOrganisationId',
      );
      expectRefused(
        await tryRequest(rep.A.token, { targetOrganisationId: org.A }),
        'BAD_USER_INPUT',
        /cannot ask itself/,
        'targetOrganisationId',
      );
      // An organisation that has left the programme no longer takes part.
      const other = await make.programme(locality.id, [org.A, org.B, org.D]);
      await ok(
        `mutation($input: ProgrammeParticipantInput!) { removeProgrammeParticipant(input: $input) { id } }`,
        input({ programmeId: other.id, organisationId: org.D }),
        coordinator,
      );
      expectRefused(
        await tryRequest(rep.A.token, { programmeId: other.id, targetOrganisationId: org.D }),
        'BAD_USER_INPUT',
        undefined,
        'targetOrganisationId',
      );
      expect(await requestCount()).toBe(before);

      // The database refuses it too, whatever the application does.
      await expect(
        api.owner.query(
          `insert into alignment_request (tenant_id, programme_id, locality_id, requesting_organisation_id, target_organisation_id,
                                          kind, title, description, response_due_on)
           values ($1, $2, $3, $4, $5, 'OTHER', 't', 'd', current_date)`,
          [tenant.id, programme.id, locality.id, org.A, org.D],
        ),
      ).rejects.toThrow(/must take part in its programme/);
      await expect(
        api.owner.query(
          `insert into alignment_request (tenant_id, programme_id, locality_id, requesting_organisation_id, target_organisation_id,
                                          kind, title, description, response_due_on)
           values ($1, $2, $3, $4, $4, 'OTHER', 't', 'd', current_date)`,
          [tenant.id, programme.id, locality.id, org.A],
        ),
      ).rejects.toThrow(/alignment_request_other_organisation/);
    });
  });

  describe('the lifecycle', () => {
    it('agrees with a planned date, then records the adaptation', async () => {
      const made = await requestAs(rep.A.token);
      const planned = await today(30);
      const agreed = (await ok(AGREE, input({ requestId: made.id, plannedOn: planned, note: 'From the April release' }), rep.B.token))
        .agreeAlignmentRequest;
      expect(agreed).toMatchObject({ status: 'AGREED', response: 'AGREED', respondedOn: await today(), plannedOn: planned, declineReason: null });
      expect(agreed.respondedAt).not.toBeNull();
      expect(agreed.allowedActions).toEqual(['RECORD_ADAPTED']);
      expect((await ok(READ, { id: made.id }, rep.A.token)).alignmentRequest.allowedActions).toEqual(['WITHDRAW']);

      const adapted = (await ok(ADAPTED, input({ requestId: made.id, note: 'Live on the ward system' }), rep.B.token)).recordAlignmentAdapted;
      expect(adapted).toMatchObject({ status: 'ADAPTED', response: 'AGREED', plannedOn: planned, adaptedOn: await today(), allowedActions: [] });
      const byB = { actorUserId: rep.B.id, actorOrganisation: { id: org.B } };
      expect(adapted.history).toEqual([
        expect.objectContaining({ fromStatus: null, toStatus: 'REQUESTED' }),
        { ...byB, fromStatus: 'REQUESTED', toStatus: 'AGREED', plannedOn: planned, adaptedOn: null, note: 'From the April release' },
        { ...byB, fromStatus: 'AGREED', toStatus: 'ADAPTED', plannedOn: null, adaptedOn: await today(), note: 'Live on the ward system' },
      ]);
      const changes = await api.owner.query(
        `select payload->>'change' as change, payload->>'plannedOn' as planned, payload->>'adaptedOn' as adapted
           from outbox_event where type = 'alignment.request_changed' and payload->>'requestId' = $1 order by created_at, id`,
        [made.id],
      );
      expect(changes).toEqual([
        { change: 'REQUESTED', planned: null, adapted: null },
        { change: 'AGREED', planned, adapted: null },
        { change: 'ADAPTED', planned, adapted: await today() },
      ]);
      const audit = await ok(
        `query($id: ID!) { auditEvents(entityType: "ALIGNMENT_REQUEST", entityId: $id) { nodes { action } } }`,
        { id: made.id },
        coordinator,
      );
      expect(audit.auditEvents.nodes.map((n: { action: string }) => n.action).sort()).toEqual([
        'alignment_request.adapted',
        'alignment_request.agreed',
        'alignment_request.requested',
      ]);
      // The application's role may only read and append the history.
      const grants = await api.owner.query(
        `select privilege_type from information_schema.role_table_grants
          where table_name = 'alignment_request_event' and grantee = 'joinedup_app_rights' order by 1`,
      );
      expect(grants.map((g: { privilege_type: string }) => g.privilege_type)).toEqual(['INSERT', 'SELECT']);
    });

    it('records an adaptation on an earlier day, not before the agreement and not in the future', async () => {
      const made = await requestAs(rep.A.token);
      await ok(AGREE, input({ requestId: made.id, plannedOn: await today() }), rep.B.token);
      // Agreed today: yesterday is before the agreement.
      const adaptedOn = (date: string) => api.graphql(ADAPTED, input({ requestId: made.id, adaptedOn: date }), rep.B.token);
      expectRefused(await adaptedOn(await today(-1)), 'BAD_USER_INPUT', /must not be before .*the day the request was agreed/, 'adaptedOn');
      expectRefused(await adaptedOn(await today(1)), 'BAD_USER_INPUT', /must not be in the future/, 'adaptedOn');
      expectRefused(await adaptedOn('2026-02-30'), 'BAD_USER_INPUT', /not a date in the calendar/, 'adaptedOn');
      expect((await ok(READ, { id: made.id }, coordinator)).alignmentRequest).toMatchObject({ status: 'AGREED', adaptedOn: null });
      expect(await count(`select count(*)::int as n from alignment_request_event where request_id = $1`, [made.id])).toBe(2);
    });

    it('refuses a planned date before the day of the agreement, leaving the request waiting', async () => {
      const made = await requestAs(rep.A.token);
      const plannedOn = (date: string) => api.graphql(AGREE, input({ requestId: made.id, plannedOn: date }), rep.B.token);
      expectRefused(await plannedOn(await today(-1)), 'BAD_USER_INPUT', /plannedOn must not be before the day of the agreement/, 'plannedOn');
      expectRefused(await plannedOn('soon'), 'BAD_USER_INPUT', undefined, 'plannedOn');
      expect((await ok(READ, { id: made.id }, coordinator)).alignmentRequest).toMatchObject({ status: 'REQUESTED', response: null });
    });

    it('declines with a reason', async () => {
      const made = await requestAs(rep.A.token);
      const declined = (await ok(DECLINE, input({ requestId: made.id, reason: 'Our case system cannot take external forms this year.' }), rep.B.token))
        .declineAlignmentRequest;
      expect(declined).toMatchObject({
        status: 'DECLINED',
        response: 'DECLINED',
        respondedOn: await today(),
        declineReason: 'Our case system cannot take external forms this year.',
        plannedOn: null,
        allowedActions: [],
      });
      expect(declined.history[1]).toMatchObject({ fromStatus: 'REQUESTED', toStatus: 'DECLINED', note: 'Our case system cannot take external forms this year.' });
    });

    it('is withdrawn by the requester while waiting, or by a coordinator, or after an agreement falls through', async () => {
      const waiting = await requestAs(rep.A.token);
      const withdrawn = (await ok(WITHDRAW, input({ requestId: waiting.id, reason: 'We found another way.' }), rep.A.token)).withdrawAlignmentRequest;
      expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', response: null, withdrawalReason: 'We found another way.', allowedActions: [] });
      expect(withdrawn.withdrawnAt).not.toBeNull();

      const byCoordinator = await requestAs(rep.A.token);
      expect((await ok(WITHDRAW, input({ requestId: byCoordinator.id, reason: 'Superseded by the board decision' }), coordinator)).withdrawAlignmentRequest.status).toBe('WITHDRAWN');

      const agreed = await requestAs(rep.A.token);
      await ok(AGREE, input({ requestId: agreed.id, plannedOn: await today(10) }), rep.B.token);
      const fellThrough = (await ok(WITHDRAW, input({ requestId: agreed.id, reason: 'The funding for the change was cut.' }), rep.A.token)).withdrawAlignmentRequest;
      // The answer stays as given.
      expect(fellThrough).toMatchObject({ status: 'WITHDRAWN', response: 'AGREED', plannedOn: await today(10), withdrawalReason: 'The funding for the change was cut.' });
      expect(fellThrough.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['REQUESTED', 'AGREED', 'WITHDRAWN']);
    });

    it('refuses every illegal transition with CONFLICT saying what is allowed now, and changes nothing', async () => {
      const requested = await requestAs(rep.A.token);
      const agreed = await requestAs(rep.A.token);
      await ok(AGREE, input({ requestId: agreed.id, plannedOn: await today(5) }), rep.B.token);
      const declined = await requestAs(rep.A.token);
      await ok(DECLINE, input({ requestId: declined.id, reason: 'No' }), rep.B.token);
      const adapted = await requestAs(rep.A.token);
      await ok(AGREE, input({ requestId: adapted.id, plannedOn: await today() }), rep.B.token);
      await ok(ADAPTED, input({ requestId: adapted.id }), rep.B.token);
      const withdrawn = await requestAs(rep.A.token);
      await ok(WITHDRAW, input({ requestId: withdrawn.id, reason: 'Not needed' }), rep.A.token);

      const agree = async (id: string) => api.graphql(AGREE, input({ requestId: id, plannedOn: await today(5) }), rep.B.token);
      const decline = (id: string) => api.graphql(DECLINE, input({ requestId: id, reason: 'No' }), rep.B.token);
      const adapt = (id: string) => api.graphql(ADAPTED, input({ requestId: id }), rep.B.token);
      const withdraw = (id: string) => api.graphql(WITHDRAW, input({ requestId: id, reason: 'Changed our mind' }), rep.A.token);
      const everything = (id: string, message: RegExp) =>
        [agree, decline, adapt, withdraw].map((act): [string, Promise<GraphQLResult>, RegExp] => [id, act(id), message]);
      const illegal: [string, Promise<GraphQLResult>, RegExp][] = [
        [requested.id, adapt(requested.id), /not been agreed yet.*Allowed now: agree to it, decline it, withdraw it\./],
        [agreed.id, agree(agreed.id), /already been answered: it was agreed.*Allowed now: record that it was adapted, withdraw it\./],
        [agreed.id, decline(agreed.id), /already been answered/],
        ...everything(declined.id, /was declined; nothing more/),
        ...everything(adapted.id, /has adapted\. Nothing more/),
        ...everything(withdrawn.id, /was withdrawn; nothing more/),
      ];
      const events = await count(`select count(*)::int as n from alignment_request_event where tenant_id = $1`, [tenant.id]);
      for (const [, attempt, message] of illegal) expectRefused(await attempt, 'CONFLICT', message);
      expect(await count(`select count(*)::int as n from alignment_request_event where tenant_id = $1`, [tenant.id])).toBe(events);
      const statuses = await api.owner.query(
        `select id, status from alignment_request where id = any($1::uuid[])`,
        [[requested.id, agreed.id, declined.id, adapted.id, withdrawn.id]],
      );
      expect(Object.fromEntries(statuses.map((s: { id: string; status: string }) => [s.id, s.status]))).toEqual({
        [requested.id]: 'REQUESTED',
        [agreed.id]: 'AGREED',
        [declined.id]: 'DECLINED',
        [adapted.id]: 'ADAPTED',
        [withdrawn.id]: 'WITHDRAWN',
      });
    });

    it('keeps the lifecycle, what was asked and the answer in the database, whatever the application does', async () => {
      const declined = await requestAs(rep.A.token);
      await ok(DECLINE, input({ requestId: declined.id, reason: 'No' }), rep.B.token);
      await expect(api.owner.query(`update alignment_request set status = 'REQUESTED' where id = $1`, [declined.id])).rejects.toThrow(
        /A declined alignment request cannot change/,
      );
      const agreed = await requestAs(rep.A.token);
      await ok(AGREE, input({ requestId: agreed.id, plannedOn: await today(5) }), rep.B.token);
      await expect(api.owner.query(`update alignment_request set planned_on = planned_on + 30 where id = $1`, [agreed.id])).rejects.toThrow(
        /answer to an alignment request cannot change/,
      );
      await expect(api.owner.query(`update alignment_request set title = 'Something else' where id = $1`, [agreed.id])).rejects.toThrow(
        /What an alignment request asks cannot change/,
      );
      const waiting = await requestAs(rep.A.token);
      await expect(
        api.owner.query(`update alignment_request set status = 'ADAPTED', adapted_on = current_date, adapted_recorded_at = now() where id = $1`, [waiting.id]),
      ).rejects.toThrow(/alignment_request_status|Illegal alignment request transition/);
      // An answer without its date, or a plan before the answer, is refused by the constraints.
      await expect(
        api.owner.query(`update alignment_request set status = 'AGREED', response = 'AGREED', planned_on = current_date where id = $1`, [waiting.id]),
      ).rejects.toThrow(/alignment_request_response/);
      await expect(
        api.owner.query(
          `update alignment_request set status = 'AGREED', response = 'AGREED', responded_at = now(), responded_on = current_date,
                  planned_on = current_date - 1 where id = $1`,
          [waiting.id],
        ),
      ).rejects.toThrow(/alignment_request_dates/);
    });

    it('applies only one of concurrent transitions that exclude each other', async () => {
      const planned = await today(5);
      // Two answers at once, and an answer racing a withdrawal: each time exactly one applies.
      const answered = await requestAs(rep.A.token);
      const raced = await requestAs(rep.A.token);
      const [answers, race] = await Promise.all([
        Promise.all([
          api.graphql(AGREE, input({ requestId: answered.id, plannedOn: planned }), rep.B.token),
          api.graphql(DECLINE, input({ requestId: answered.id, reason: 'No' }), rep.B.token),
          api.graphql(AGREE, input({ requestId: answered.id, plannedOn: planned }), rep.B.token),
        ]),
        Promise.all([
          api.graphql(DECLINE, input({ requestId: raced.id, reason: 'No' }), rep.B.token),
          api.graphql(WITHDRAW, input({ requestId: raced.id, reason: 'Not needed' }), rep.A.token),
        ]),
      ]);
      for (const [results, made] of [
        [answers, answered],
        [race, raced],
      ] as const) {
        expect(results.filter((r) => !r.errors)).toHaveLength(1);
        for (const refused of results.filter((r) => r.errors)) expectRefused(refused, 'CONFLICT');
        expect(await count(`select count(*)::int as n from alignment_request_event where request_id = $1`, [made.id])).toBe(2);
        expect(
          await count(`select count(*)::int as n from outbox_event where type = 'alignment.request_changed' and payload->>'requestId' = $1`, [made.id]),
        ).toBe(2);
      }
    });
  });

  describe('reading back', () => {
    /** A programme of its own: X asks Y three times and Z once; Z asks X once. */
    let place: { id: string };
    let prog: { id: string };
    let x: string;
    let y: string;
    let z: string;
    let repX: TestUser;
    let repY: TestUser;
    let repZ: TestUser;
    const ids: string[] = [];

    beforeAll(async () => {
      place = await make.locality();
      const bodies = [];
      for (const name of ['Xylo Council', 'Yarrow Trust', 'Zephyr Police']) {
        const body = await make.organisation('LOCAL_AUTHORITY', `${name} ${randomUUID().slice(0, 4)}`);
        await make.addMember(place.id, body.id);
        bodies.push(body.id);
      }
      [x, y, z] = bodies;
      prog = await make.programme(place.id, bodies);
      repX = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', x);
      repY = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', y);
      repZ = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', z);
      const ask = async (token: string, target: string) => (await requestAs(token, { programmeId: prog.id, targetOrganisationId: target })).id;
      ids.push(await ask(repX.token, y), await ask(repX.token, y), await ask(repX.token, z), await ask(repZ.token, x), await ask(repX.token, y));
      await ok(AGREE, input({ requestId: ids[1], plannedOn: await today(9) }), repY.token);
      await ok(DECLINE, input({ requestId: ids[2], reason: 'No' }), repZ.token);
    });

    it('lists a programme’s requests newest first, filtered by status, page by page', async () => {
      const all = (await ok(LIST, { programmeId: prog.id }, coordinator)).alignmentRequests;
      expect(all.nodes.map((n: { id: string }) => n.id)).toEqual([...ids].reverse());
      const waiting = (await ok(LIST, { programmeId: prog.id, status: ['REQUESTED'] }, coordinator)).alignmentRequests.nodes;
      expect(waiting.map((n: { id: string }) => n.id)).toEqual([ids[4], ids[3], ids[0]]);
      const answered = (await ok(LIST, { programmeId: prog.id, status: ['AGREED', 'DECLINED'] }, coordinator)).alignmentRequests.nodes;
      expect(answered.map((n: { id: string }) => n.id)).toEqual([ids[2], ids[1]]);

      const first = (await ok(LIST, { programmeId: prog.id, first: 2 }, coordinator)).alignmentRequests;
      expect(first.nodes.map((n: { id: string }) => n.id)).toEqual([ids[4], ids[3]]);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = (await ok(LIST, { programmeId: prog.id, first: 2, after: first.pageInfo.endCursor }, coordinator)).alignmentRequests;
      expect(second.nodes.map((n: { id: string }) => n.id)).toEqual([ids[2], ids[1]]);
      const third = (await ok(LIST, { programmeId: prog.id, first: 2, after: second.pageInfo.endCursor }, coordinator)).alignmentRequests;
      expect(third).toEqual({ nodes: [expect.objectContaining({ id: ids[0] })], pageInfo: { hasNextPage: false, endCursor: expect.any(String) } });

      const crafted = Buffer.from(JSON.stringify(['not a time', randomUUID()])).toString('base64url');
      expectRefused(await api.graphql(LIST, { programmeId: prog.id, after: crafted }, coordinator), 'BAD_USER_INPUT', undefined, 'after');
      expectRefused(await api.graphql(LIST, { programmeId: prog.id, first: 101 }, coordinator), 'BAD_USER_INPUT');
      expectRefused(await api.graphql(LIST, {}, coordinator), 'BAD_USER_INPUT', /Give programmeId, organisationId or both/);
      expectRefused(await api.graphql(LIST, { programmeId: prog.id, direction: 'MADE' }, coordinator), 'BAD_USER_INPUT', undefined, 'direction');
      expectRefused(await api.graphql(LIST, { programmeId: randomUUID() }, coordinator), 'NOT_FOUND');
    });

    it('lists an organisation’s requests made, received or both, also within one programme and as nested fields', async () => {
      const idsOf = async (variables: Record<string, unknown>) =>
        (await ok(LIST, variables, coordinator)).alignmentRequests.nodes.map((n: { id: string }) => n.id);
      expect(await idsOf({ organisationId: x, direction: 'MADE' })).toEqual([ids[4], ids[2], ids[1], ids[0]]);
      expect(await idsOf({ organisationId: x, direction: 'RECEIVED' })).toEqual([ids[3]]);
      expect(await idsOf({ organisationId: x })).toEqual([...ids].reverse());
      expect(await idsOf({ organisationId: y, direction: 'RECEIVED', status: ['AGREED'] })).toEqual([ids[1]]);
      expect(await idsOf({ organisationId: x, programmeId: programme.id })).toEqual([]);
      expect(await idsOf({ organisationId: y, programmeId: prog.id, direction: 'RECEIVED' })).toEqual([ids[4], ids[1], ids[0]]);

      const nested = await ok(
        `query($x: ID!, $p: ID!) {
          organisation(id: $x) {
            alignmentRequestsMade(first: 2) { nodes { id targetOrganisation { id } } pageInfo { hasNextPage } }
            alignmentRequestsReceived { nodes { id requestingOrganisation { id } } }
          }
          programme(id: $p) { alignmentRequests(status: [DECLINED]) { nodes { id declineReason } } }
        }`,
        { x, p: prog.id },
        coordinator,
      );
      expect(nested.organisation.alignmentRequestsMade).toEqual({
        nodes: [
          { id: ids[4], targetOrganisation: { id: y } },
          { id: ids[2], targetOrganisation: { id: z } },
        ],
        pageInfo: { hasNextPage: true },
      });
      expect(nested.organisation.alignmentRequestsReceived.nodes).toEqual([{ id: ids[3], requestingOrganisation: { id: z } }]);
      expect(nested.programme.alignmentRequests.nodes).toEqual([{ id: ids[2], declineReason: 'No' }]);
    });

    it('shows a request past its response date without an answer as overdue, computed from the stored dates', async () => {
      // Made ten days ago with an answer due yesterday, as the demo data would store it.
      const [row] = await api.owner.query(
        `insert into alignment_request (tenant_id, programme_id, locality_id, requesting_organisation_id, target_organisation_id,
                                        kind, title, description, requested_at, requested_on, response_due_on)
         values ($1, $2, $3, $4, $5, 'IT_SYSTEM', 'Share the case system', 'Open read access to the shared case system.',
                 now() - interval '10 days', current_date - 10, current_date - 1)
         returning id`,
        [tenant.id, prog.id, place.id, y, x],
      );
      const overdue = (await ok(READ, { id: row.id }, coordinator)).alignmentRequest;
      expect(overdue).toMatchObject({ status: 'REQUESTED', responseDueOn: await today(-1), responseOverdue: true });
      // Due today is not overdue yet.
      const dueToday = await requestAs(repY.token, { programmeId: prog.id, targetOrganisationId: x, responseDueOn: await today() });
      expect(dueToday.responseOverdue).toBe(false);
      expect((await ok(RATE, { id: x }, coordinator)).organisation.alignmentDeclineRate.overdueNow).toBe(1);

      // Answered late, it is no longer overdue (the dates stay as they were).
      const answered = (await ok(AGREE, input({ requestId: row.id, plannedOn: await today(20) }), repX.token)).agreeAlignmentRequest;
      expect(answered).toMatchObject({ responseOverdue: false, respondedOn: await today(), responseDueOn: await today(-1) });
      expect((await ok(RATE, { id: x }, coordinator)).organisation.alignmentDeclineRate.overdueNow).toBe(0);
    });
  });

  describe('decline rates', () => {
    let place: { id: string };
    let prog: { id: string };
    let answering: { id: string; name: string };
    let asking: { id: string; name: string };
    let quiet: { id: string; name: string };

    beforeAll(async () => {
      place = await make.locality();
      answering = await make.organisation('HEALTH', `Answering Trust ${randomUUID().slice(0, 4)}`);
      asking = await make.organisation('LOCAL_AUTHORITY', `Asking Council ${randomUUID().slice(0, 4)}`);
      quiet = await make.organisation('VOLUNTARY', `Quiet Group ${randomUUID().slice(0, 4)}`);
      for (const body of [answering, asking, quiet]) await make.addMember(place.id, body.id);
      prog = await make.programme(place.id, [answering.id, asking.id, quiet.id]);
      const [repAnswering, repAsking] = [
        await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', answering.id),
        await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', asking.id),
      ];
      const ask = async () => (await requestAs(repAsking.token, { programmeId: prog.id, targetOrganisationId: answering.id })).id;
      // Agreed then adapted, agreed then withdrawn: both count as agreed.
      const adapted = await ask();
      await ok(AGREE, input({ requestId: adapted, plannedOn: await today() }), repAnswering.token);
      await ok(ADAPTED, input({ requestId: adapted }), repAnswering.token);
      const fellThrough = await ask();
      await ok(AGREE, input({ requestId: fellThrough, plannedOn: await today(3) }), repAnswering.token);
      await ok(WITHDRAW, input({ requestId: fellThrough, reason: 'Fell through' }), repAsking.token);
      for (let i = 0; i < 3; i++) await ok(DECLINE, input({ requestId: await ask(), reason: 'No capacity' }), repAnswering.token);
      // Withdrawn before an answer, and still waiting: not counted.
      await ok(WITHDRAW, input({ requestId: await ask(), reason: 'Not needed' }), repAsking.token);
      await ask();
      // Declined 400 days ago: outside the default period of a year.
      await api.owner.query(
        `insert into alignment_request (tenant_id, programme_id, locality_id, requesting_organisation_id, target_organisation_id,
                                        kind, title, description, requested_at, requested_on, response_due_on,
                                        status, response, responded_at, responded_on, decline_reason)
         values ($1, $2, $3, $4, $5, 'BUDGET', 'Pool the budget', 'Pool the falls budget.', now() - interval '410 days', current_date - 410,
                 current_date - 400, 'DECLINED', 'DECLINED', now() - interval '400 days', current_date - 400, 'Not this year')`,
        [tenant.id, prog.id, place.id, asking.id, answering.id],
      );
    });

    it('counts answers by the day they were given: declined over responded, in the period', async () => {
      const rate = async (variables: Record<string, unknown>) => (await ok(RATE, { id: answering.id, ...variables }, coordinator)).organisation.alignmentDeclineRate;
      const [{ yearAgo }] = await api.owner.query(`select (current_date - interval '1 year')::date::text as "yearAgo"`);
      // By default the year up to today.
      expect(await rate({})).toEqual({
        from: yearAgo,
        to: await today(),
        responded: 5,
        agreed: 2,
        declined: 3,
        declineRate: 0.6,
        overdueNow: 0,
        organisation: { id: answering.id },
      });
      expect(await rate({ from: await today(-500) })).toMatchObject({ responded: 6, agreed: 2, declined: 4, declineRate: 0.667 });
      expect(await rate({ from: await today(-500), to: await today(-1) })).toMatchObject({ responded: 1, declined: 1, declineRate: 1 });
      expect(await rate({ from: await today(-30), to: await today(-1) })).toMatchObject({ responded: 0, declineRate: null });
      expect(await rate({ programmeId: programme.id })).toMatchObject({ responded: 0, declineRate: null });
      expect(await rate({ programmeId: prog.id })).toMatchObject({ responded: 5, declineRate: 0.6 });
      // The asker never answered anything.
      expect((await ok(RATE, { id: asking.id }, coordinator)).organisation.alignmentDeclineRate).toMatchObject({ responded: 0, declineRate: null });
    });

    it('lists every organisation of a programme with its rate, by name', async () => {
      const data = await ok(
        `query($id: ID!, $from: String) { programme(id: $id) { alignmentDeclineRates(from: $from) {
          organisation { id } responded agreed declined declineRate } } }`,
        { id: prog.id },
        reviewer,
      );
      expect(data.programme.alignmentDeclineRates).toEqual([
        { organisation: { id: answering.id }, responded: 5, agreed: 2, declined: 3, declineRate: 0.6 },
        { organisation: { id: asking.id }, responded: 0, agreed: 0, declined: 0, declineRate: null },
        { organisation: { id: quiet.id }, responded: 0, agreed: 0, declined: 0, declineRate: null },
      ]);
    });

    it('refuses a period that ends before it starts, or a day not in the calendar', async () => {
      const rate = (variables: Record<string, unknown>) => api.graphql(RATE, { id: answering.id, ...variables }, coordinator);
      expectRefused(await rate({ from: await today(), to: await today(-1) }), 'BAD_USER_INPUT', /must not be after to/, 'from');
      expectRefused(await rate({ from: await today(1) }), 'BAD_USER_INPUT', /must not be after to .*today/, 'from');
      expectRefused(await rate({ to: '2026-02-30' }), 'BAD_USER_INPUT', undefined, 'to');
      expectRefused(await rate({ to: 'yesterday' }), 'BAD_USER_INPUT', undefined, 'to');
      expectRefused(await rate({ programmeId: randomUUID() }), 'NOT_FOUND');
    });

    it('counts for a representative only requests in localities their organisation is a member of', async () => {
      const outsider = (await ok(RATE, { id: answering.id }, rep.E.token)).organisation.alignmentDeclineRate;
      expect(outsider).toMatchObject({ responded: 0, declineRate: null });
      expectRefused(await api.graphql(RATE, { id: answering.id, programmeId: prog.id }, rep.E.token), 'NOT_FOUND');
    });
  });

  describe('permissions and bad input', () => {
    it('lets each role and organisation do only its part, and changes nothing when refused', async () => {
      const made = await requestAs(rep.A.token);
      const planned = await today(5);
      const refusals: [GraphQLResult, string, RegExp?][] = [
        // Reviewers read; they make and answer nothing.
        [await tryRequest(reviewer, { requestingOrganisationId: org.A, responseDueOn: planned }), 'FORBIDDEN'],
        [await api.graphql(WITHDRAW, input({ requestId: made.id, reason: 'r' }), reviewer), 'FORBIDDEN'],
        // Coordinators and administrators do not answer for a member body.
        [await api.graphql(AGREE, input({ requestId: made.id, plannedOn: planned }), coordinator), 'FORBIDDEN'],
        [await api.graphql(DECLINE, input({ requestId: made.id, reason: 'r' }), tenant.adminToken), 'FORBIDDEN'],
        // The requester cannot answer its own request; another body cannot answer or withdraw it.
        [await api.graphql(AGREE, input({ requestId: made.id, plannedOn: planned }), rep.A.token), 'FORBIDDEN', /to which the request is addressed/],
        [await api.graphql(DECLINE, input({ requestId: made.id, reason: 'r' }), rep.C.token), 'FORBIDDEN', /to which the request is addressed/],
        [await api.graphql(WITHDRAW, input({ requestId: made.id, reason: 'r' }), rep.C.token), 'FORBIDDEN', /which made the request/],
        [await api.graphql(WITHDRAW, input({ requestId: made.id, reason: 'r' }), rep.B.token), 'FORBIDDEN', /which made the request/],
        // A representative asks only for their own organisation.
        [await tryRequest(rep.A.token, { requestingOrganisationId: org.C, responseDueOn: planned }), 'FORBIDDEN', /^You act only for .+: you can ask for alignment only for /],
        // A body that is not a member of the locality does not know the request or the programme exist.
        [await api.graphql(READ, { id: made.id }, rep.E.token), 'NOT_FOUND'],
        [await api.graphql(AGREE, input({ requestId: made.id, plannedOn: planned }), rep.E.token), 'NOT_FOUND'],
        [await api.graphql(WITHDRAW, input({ requestId: made.id, reason: 'r' }), rep.E.token), 'NOT_FOUND'],
        [await api.graphql(LIST, { programmeId: programme.id }, rep.E.token), 'NOT_FOUND'],
        [await tryRequest(rep.E.token, { responseDueOn: planned }), 'NOT_FOUND'],
      ];
      for (const [result, code, message] of refusals) expectRefused(result, code, message);
      expect((await ok(READ, { id: made.id }, coordinator)).alignmentRequest).toMatchObject({ status: 'REQUESTED', history: [expect.anything()] });

      // A member of the locality that does not take part reads it, like the programme; the outsider lists nothing.
      expect((await ok(READ, { id: made.id }, rep.D.token)).alignmentRequest.title).toBe('Use the shared referral form');
      const outsiderList = await ok(LIST, { organisationId: org.A, direction: 'MADE' }, rep.E.token);
      expect(outsiderList.alignmentRequests.nodes).toEqual([]);
      // Administrators withdraw like coordinators.
      expect((await ok(WITHDRAW, input({ requestId: made.id, reason: 'Tidy up' }), tenant.adminToken)).withdrawAlignmentRequest.status).toBe('WITHDRAWN');
    });

    it('refuses bad input with the field named, and saves nothing', async () => {
      const valid = {
        programmeId: programme.id,
        targetOrganisationId: org.B,
        kind: 'POLICY',
        title: 'Align the lone-working policy',
        description: 'Adopt the shared lone-working policy.',
        responseDueOn: await today(7),
      };
      const before = await requestCount();
      const cases: [Record<string, unknown>, string][] = [
        [{ ...valid, title: '   ' }, 'title'],
        [{ ...valid, title: 'x'.repeat(201) }, 'title'],
        [{ ...valid, description: 'x'.repeat(5001) }, 'description'],
        [{ ...valid, description: '' }, 'description'],
        [{ ...valid, programmeId: 'not-an-id' }, 'programmeId'],
        [{ ...valid, targetOrganisationId: 'nope' }, 'targetOrganisationId'],
        [{ ...valid, responseDueOn: '07/01/2031' }, 'responseDueOn'],
      ];
      for (const [value, field] of cases) {
        const result = await api.graphql(REQUEST, input(value), rep.A.token);
        expect([codeOf(result), result.errors?.[0].extensions.field]).toEqual(['BAD_USER_INPUT', field]);
      }
      expect(codeOf(await api.graphql(REQUEST, input({ ...valid, kind: 'WHIM' }), rep.A.token))).toBe('BAD_USER_INPUT');
      expectRefused(await api.graphql(REQUEST, input({ ...valid, programmeId: randomUUID() }), rep.A.token), 'NOT_FOUND');
      const made = await requestAs(rep.A.token);
      for (const [query, value, field] of [
        [DECLINE, { requestId: made.id, reason: ' ' }, 'reason'],
        [WITHDRAW, { requestId: made.id, reason: 'x'.repeat(5001) }, 'reason'],
        [AGREE, { requestId: made.id, plannedOn: await today(3), note: 'x'.repeat(5001) }, 'note'],
        [AGREE, { requestId: 'nope', plannedOn: await today(3) }, 'requestId'],
      ] as const) {
        const result = await api.graphql(query, input(value), query === WITHDRAW ? rep.A.token : rep.B.token);
        expect([codeOf(result), result.errors?.[0].extensions.field]).toEqual(['BAD_USER_INPUT', field]);
      }
      expectRefused(await api.graphql(AGREE, input({ requestId: randomUUID(), plannedOn: await today(3) }), rep.B.token), 'NOT_FOUND');
      expect(await requestCount()).toBe(before + 1);
      expect((await ok(READ, { id: made.id }, coordinator)).alignmentRequest.status).toBe('REQUESTED');
    });

    it('takes no new requests in a closed programme', async () => {
      const closed = await make.programme(locality.id, [org.A, org.B]);
      await ok(`mutation($input: UpdateProgrammeInput!) { updateProgramme(input: $input) { id } }`, input({ programmeId: closed.id, status: 'CLOSED' }), coordinator);
      const before = await requestCount();
      expectRefused(
        await tryRequest(rep.A.token, { programmeId: closed.id }),
        'CONFLICT',
        /is closed; it takes no new alignment requests/,
      );
      expect(await requestCount()).toBe(before);
    });
  });

  it('reads 1 or 40 organisations with their requests and decline rates in the same number of statements', async () => {
    const place = await make.locality();
    const tag = randomUUID().slice(0, 6);
    const bodies: string[] = [];
    for (let i = 0; i < 40; i++) {
      const body = await make.organisation('COMMUNITY', `Scale ${tag} ${String(i).padStart(2, '0')}`);
      await make.addMember(place.id, body.id);
      bodies.push(body.id);
    }
    const prog = await make.programme(place.id, bodies);
    const due = await today(10);
    for (let i = 0; i < 40; i++) {
      const made = await requestAs(coordinator, { programmeId: prog.id, requestingOrganisationId: bodies[i], targetOrganisationId: bodies[(i + 1) % 40], responseDueOn: due });
      if (i % 2 === 0) await ok(WITHDRAW, input({ requestId: made.id, reason: 'Not needed' }), coordinator);
    }
    const READ_ALL = `query($n: Int!, $name: String!, $p: ID!) {
      organisations(first: $n, nameContains: $name) { nodes { name
        alignmentDeclineRate { responded declineRate overdueNow }
        alignmentRequestsMade { nodes { title status targetOrganisation { name } programme { name } history { toStatus actorOrganisation { name } } allowedActions } }
        alignmentRequestsReceived(status: [REQUESTED]) { nodes { requestingOrganisation { name } locality { name } } }
      } }
      programme(id: $p) { alignmentDeclineRates { organisation { name } declineRate } }
    }`;
    const statementsFor = async (n: number) => {
      const before = StatementCounter.total;
      const data = await ok(READ_ALL, { n, name: `Scale ${tag}`, p: prog.id }, coordinator);
      return { data, statements: StatementCounter.total - before };
    };
    const one = await statementsFor(1);
    const forty = await statementsFor(40);
    expect(one.data.organisations.nodes).toHaveLength(1);
    expect(forty.data.organisations.nodes).toHaveLength(40);
    expect(forty.data.organisations.nodes[1].alignmentRequestsMade.nodes[0]).toMatchObject({
      status: 'REQUESTED',
      targetOrganisation: { name: `Scale ${tag} 02` },
      history: [{ toStatus: 'REQUESTED', actorOrganisation: null }],
    });
    expect(forty.data.organisations.nodes[2].alignmentRequestsReceived.nodes).toEqual([
      { requestingOrganisation: { name: `Scale ${tag} 01` }, locality: { name: expect.any(String) } },
    ]);
    expect(forty.data.programme.alignmentDeclineRates).toHaveLength(40);
    // One statement per field that loads, whatever the number of organisations: the transaction (2: begin with its
    // settings and the caller's session check, commit), the programme, the organisations, today, made, received, the
    // programme's and the organisation's rates, organisations (asked by three fields), programmes, history and
    // localities. DataLoader may merge the organisation loads of the three fields into fewer statements when their
    // parents arrive together.
    const BOUND = 15;
    expect(one.statements).toBeLessThanOrEqual(BOUND);
    expect(forty.statements).toBeLessThanOrEqual(BOUND);
    expect(forty.statements).toBeGreaterThanOrEqual(BOUND - 2);
  });
});
