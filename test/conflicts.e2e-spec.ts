import { randomUUID } from 'node:crypto';
import { StatementCounter } from '@joinedup/database';
import { ApiHarness, GraphQLResult, TestTenant, TestUser, codeOf } from './support/api-harness';
import { RegistryFactory } from './support/registry-factory';

const SET_PROCESS = `mutation($input: SetConflictProcessInput!) {
  setConflictProcess(input: $input) {
    id locality { id } programme { id }
    agreedVersion { id version agreedOn }
    draftVersion { id version stages { number name owner timeLimitDays } }
    versions { id version agreedOn }
  }
}`;
const AGREE_PROCESS = `mutation($input: AgreeConflictProcessInput!) {
  agreeConflictProcess(input: $input) { id agreedVersion { id version agreedOn agreementRecordedByUserId stages { number timeLimitDays } } draftVersion { id } }
}`;
const CONFLICT_FIELDS = `
  id status category severity title description detailsVisible outcome closeReason
  openedAt acknowledgedAt resolutionStartedAt currentStage stageStartedOn stageDueOn stageOverdue closedAt
  raisedByOrganisation { id } parties { id } programme { id } locality { id }
  processVersion { id version } stage { number name owner timeLimitDays }
  history { kind fromStatus toStatus stage stageDueOn note actorUserId actorOrganisation { id } }
  allowedActions`;
const RAISE = `mutation($input: RaiseConflictInput!) { raiseConflict(input: $input) { ${CONFLICT_FIELDS} } }`;
const transitionMutation = (name: string, inputType: string) =>
  `mutation($input: ${inputType}!) { ${name}(input: $input) { ${CONFLICT_FIELDS} } }`;
const ACKNOWLEDGE = transitionMutation('acknowledgeConflict', 'ConflictTransitionInput');
const START = transitionMutation('startConflictResolution', 'ConflictTransitionInput');
const ESCALATE = transitionMutation('escalateConflict', 'ConflictTransitionInput');
const RESOLVE = transitionMutation('resolveConflict', 'ResolveConflictInput');
const CLOSE = transitionMutation('closeConflictUnresolved', 'CloseConflictUnresolvedInput');
const COMMENT = transitionMutation('commentOnConflict', 'CommentOnConflictInput');
const READ = `query($id: ID!) { conflict(id: $id) { ${CONFLICT_FIELDS} } }`;
const LIST = `query($localityId: ID, $programmeId: ID, $organisationId: ID, $status: [ConflictStatus!], $severity: [ConflictSeverity!],
                    $category: [ConflictCategory!], $stage: [Int!], $first: Int, $after: String) {
  conflicts(localityId: $localityId, programmeId: $programmeId, organisationId: $organisationId, status: $status,
            severity: $severity, category: $category, stage: $stage, first: $first, after: $after) {
    nodes { id title status severity category detailsVisible raisedByOrganisation { id } parties { id } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const THREE_STAGES = [
  { name: 'Discussion between the leads', owner: 'Programme leads', timeLimitDays: 7 },
  { name: 'Mediation by the partnership coordinator', owner: 'Partnership coordinator', timeLimitDays: 14 },
  { name: 'Partnership board', owner: 'Chair of the partnership board', timeLimitDays: 28 },
];

describe('conflict resolution processes and the conflict log', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: string;
  let coordinatorId: string;
  let reviewer: string;
  let make: RegistryFactory;
  let locality: { id: string; name: string };
  let programme: { id: string; name: string };
  /** A raises; B and C are the other parties; D is another member of the locality; E is not a member. */
  const org: Record<'A' | 'B' | 'C' | 'D' | 'E', string> = { A: '', B: '', C: '', D: '', E: '' };
  const rep = {} as Record<'A' | 'B' | 'C' | 'D' | 'E', TestUser>;
  let localityProcessId: string;

  const ok = async (query: string, variables: Record<string, unknown>, token: string) => api.ok(query, variables, token);
  const input = (value: Record<string, unknown>) => ({ input: value });
  const today = async (plusDays = 0): Promise<string> =>
    (await api.owner.query(`select (current_date + $1::int)::text as d`, [plusDays]))[0].d;
  const count = async (sql: string, params: unknown[] = []): Promise<number> => (await api.owner.query(sql, params))[0].n;
  const expectRefused = (result: GraphQLResult, code: string, message?: RegExp) => {
    expect(codeOf(result)).toBe(code);
    if (message) expect(result.errors?.[0].message).toMatch(message);
  };

  const raiseAs = async (token: string, extra: Record<string, unknown> = {}) =>
    (
      await ok(
        RAISE,
        input({
          localityId: locality.id,
          programmeId: programme.id,
          partyIds: [org.B, org.C],
          category: 'RESOURCES',
          severity: 'HIGH',
          title: 'Funding for the shared team',
          description: 'The council expects the trust to fund half of the shared team; the trust says it never agreed.',
          ...extra,
        }),
        token,
      )
    ).raiseConflict;

  beforeAll(async () => {
    api = await ApiHarness.start();
    tenant = await api.newTenant('conflicts');
    ({ token: coordinator, id: coordinatorId } = await api.newUser(tenant, 'COORDINATOR'));
    reviewer = (await api.newUser(tenant, 'REVIEWER')).token;
    make = new RegistryFactory(api, coordinator);
    locality = await make.locality('Conflict Town');
    const [a, b, c, d] = await make.members(locality.id, 4);
    const elsewhere = await make.locality('Elsewhere');
    const [e] = await make.members(elsewhere.id, 1);
    Object.assign(org, { A: a.id, B: b.id, C: c.id, D: d.id, E: e.id });
    for (const key of ['A', 'B', 'C', 'D', 'E'] as const) rep[key] = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', org[key]);
    programme = await make.programme(locality.id, [a.id, b.id, c.id]);

    const set = await ok(SET_PROCESS, input({ localityId: locality.id, stages: THREE_STAGES }), coordinator);
    localityProcessId = set.setConflictProcess.id;
    await ok(AGREE_PROCESS, input({ processId: localityProcessId }), coordinator);
  });
  afterAll(() => api.stop());

  describe('processes', () => {
    it('drafts, changes the draft, agrees it with the date, and versions an edit of an agreed process', async () => {
      const place = await make.locality();
      const first = await ok(SET_PROCESS, input({ localityId: place.id, stages: THREE_STAGES.slice(0, 1) }), coordinator);
      const process = first.setConflictProcess;
      expect(process.locality.id).toBe(place.id);
      expect(process.programme).toBeNull();
      expect(process.agreedVersion).toBeNull();
      expect(process.draftVersion.version).toBe(1);

      // A draft changes in place.
      const changed = await ok(SET_PROCESS, input({ localityId: place.id, stages: THREE_STAGES }), coordinator);
      expect(changed.setConflictProcess.id).toBe(process.id);
      expect(changed.setConflictProcess.versions).toHaveLength(1);
      expect(changed.setConflictProcess.draftVersion.stages).toEqual(THREE_STAGES.map((s, i) => ({ number: i + 1, ...s })));

      const yesterday = await today(-1);
      const agreed = await ok(AGREE_PROCESS, input({ processId: process.id, agreedOn: yesterday }), coordinator);
      expect(agreed.agreeConflictProcess.agreedVersion).toMatchObject({ version: 1, agreedOn: yesterday, agreementRecordedByUserId: coordinatorId });
      expect(agreed.agreeConflictProcess.draftVersion).toBeNull();

      const again = await api.graphql(AGREE_PROCESS, input({ processId: process.id }), coordinator);
      expectRefused(again, 'CONFLICT', /Version 1 of this process is already agreed \(on \d{4}-\d{2}-\d{2}\)\. Change its stages/);

      // Editing the agreed process makes version 2, a draft; version 1 stays agreed and unchanged.
      const edited = await ok(SET_PROCESS, input({ localityId: place.id, stages: THREE_STAGES.slice(1) }), coordinator);
      expect(edited.setConflictProcess.agreedVersion).toMatchObject({ version: 1, agreedOn: yesterday });
      expect(edited.setConflictProcess.draftVersion.version).toBe(2);
      expect(edited.setConflictProcess.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);

      // Agreed before version 1 was, or in the future: refused, and nothing agreed.
      const early = await api.graphql(AGREE_PROCESS, input({ processId: process.id, agreedOn: await today(-2) }), coordinator);
      expectRefused(early, 'BAD_USER_INPUT', /must not be before .*, when version 1 was agreed/);
      const future = await api.graphql(AGREE_PROCESS, input({ processId: process.id, agreedOn: await today(1) }), coordinator);
      expectRefused(future, 'BAD_USER_INPUT', /must not be in the future/);
      expect(await count(`select count(*)::int as n from conflict_process_version where process_id = $1 and agreed_on is null`, [process.id])).toBe(1);

      const read = await ok(
        `query($id: ID!) { locality(id: $id) { conflictProcess { id agreedVersion { version } draftVersion { version } } } }`,
        { id: place.id },
        coordinator,
      );
      expect(read.locality.conflictProcess).toEqual({ id: process.id, agreedVersion: { version: 1 }, draftVersion: { version: 2 } });
    });

    it('keeps an agreed version frozen in the database, whatever the application does', async () => {
      const [version] = await api.owner.query(
        `select v.id from conflict_process_version v where v.process_id = $1 and v.agreed_on is not null`,
        [localityProcessId],
      );
      await expect(
        api.owner.query(`update conflict_process_stage set time_limit_days = 1 where version_id = $1`, [version.id]),
      ).rejects.toThrow(/agreed conflict resolution process cannot change/);
      await expect(api.owner.query(`delete from conflict_process_stage where version_id = $1`, [version.id])).rejects.toThrow(
        /cannot change/,
      );
      await expect(api.owner.query(`update conflict_process_version set agreed_on = null where id = $1`, [version.id])).rejects.toThrow(
        /cannot change/,
      );
    });

    it("lets a programme's own agreed process override its locality's, and shows which applies", async () => {
      const other = await make.programme(locality.id, [org.A, org.B]);
      const query = `query($id: ID!) { programme(id: $id) { conflictProcess { id } applicableConflictProcess { id version process { id } } } }`;
      const before = await ok(query, { id: other.id }, rep.A.token);
      expect(before.programme.conflictProcess).toBeNull();
      expect(before.programme.applicableConflictProcess.process.id).toBe(localityProcessId);

      const own = await ok(SET_PROCESS, input({ programmeId: other.id, stages: [{ name: 'Board', owner: 'Board', timeLimitDays: 10 }] }), coordinator);
      expect(own.setConflictProcess.programme.id).toBe(other.id);
      expect(own.setConflictProcess.locality.id).toBe(locality.id);
      // A draft does not apply yet.
      expect((await ok(query, { id: other.id }, coordinator)).programme.applicableConflictProcess.process.id).toBe(localityProcessId);
      await ok(AGREE_PROCESS, input({ processId: own.setConflictProcess.id }), coordinator);
      const after = await ok(query, { id: other.id }, coordinator);
      expect(after.programme.conflictProcess.id).toBe(own.setConflictProcess.id);
      expect(after.programme.applicableConflictProcess.process.id).toBe(own.setConflictProcess.id);

      const conflict = await raiseAs(rep.A.token, { programmeId: other.id, partyIds: [org.B] });
      await ok(ACKNOWLEDGE, input({ conflictId: conflict.id }), rep.B.token);
      const started = (await ok(START, input({ conflictId: conflict.id }), rep.B.token)).startConflictResolution;
      expect(started.stage).toEqual({ number: 1, name: 'Board', owner: 'Board', timeLimitDays: 10 });
      expect(started.stageDueOn).toBe(await today(10));
      // One stage: nothing to escalate to; a party may only comment now.
      expect(started.allowedActions).toEqual(['COMMENT']);
    });

    it('refuses bad stages and an unclear owner, leaving nothing', async () => {
      const place = await make.locality();
      const before = await count(`select count(*)::int as n from conflict_process`);
      const cases: [Record<string, unknown>, string][] = [
        [{ localityId: place.id, stages: [] }, 'stages'],
        [{ localityId: place.id, stages: Array.from({ length: 11 }, () => THREE_STAGES[0]) }, 'stages'],
        [{ localityId: place.id, stages: [{ ...THREE_STAGES[0], timeLimitDays: 0 }] }, 'stages.0.timeLimitDays'],
        [{ localityId: place.id, stages: [{ ...THREE_STAGES[0], timeLimitDays: -3 }] }, 'stages.0.timeLimitDays'],
        [{ localityId: place.id, stages: [{ ...THREE_STAGES[0], name: '  ' }] }, 'stages.0.name'],
        [{ localityId: place.id, stages: [{ ...THREE_STAGES[0], owner: 'x'.repeat(201) }] }, 'stages.0.owner'],
        [{ stages: THREE_STAGES }, 'localityId'],
        [{ localityId: place.id, programmeId: programme.id, stages: THREE_STAGES }, 'programmeId'],
      ];
      for (const [value, field] of cases) {
        const result = await api.graphql(SET_PROCESS, input(value), coordinator);
        expect([codeOf(result), result.errors?.[0].extensions.field]).toEqual(['BAD_USER_INPUT', field]);
      }
      expect(await count(`select count(*)::int as n from conflict_process`)).toBe(before);
    });
  });

  describe('the lifecycle', () => {
    it('raises a conflict for the representative’s own organisation, open, with its history', async () => {
      const raised = await raiseAs(rep.A.token);
      expect(raised).toMatchObject({
        status: 'OPEN',
        category: 'RESOURCES',
        severity: 'HIGH',
        detailsVisible: true,
        title: 'Funding for the shared team',
        raisedByOrganisation: { id: org.A },
        programme: { id: programme.id },
        locality: { id: locality.id },
        currentStage: null,
        stageDueOn: null,
        processVersion: null,
        acknowledgedAt: null,
      });
      expect(raised.parties.map((p: { id: string }) => p.id).sort()).toEqual([org.B, org.C].sort());
      expect(raised.history).toEqual([
        { kind: 'RAISED', fromStatus: null, toStatus: 'OPEN', stage: null, stageDueOn: null, note: null, actorUserId: rep.A.id, actorOrganisation: { id: org.A } },
      ]);
      // The raiser cannot acknowledge their own conflict; another party can.
      expect(raised.allowedActions).toEqual(['COMMENT']);
      expect((await ok(READ, { id: raised.id }, rep.B.token)).conflict.allowedActions).toEqual(['ACKNOWLEDGE', 'COMMENT']);
      expect((await ok(READ, { id: raised.id }, coordinator)).conflict.allowedActions).toEqual(['ACKNOWLEDGE', 'COMMENT']);

      const [event] = await api.owner.query(
        `select payload from outbox_event where type = 'conflicts.conflict_changed' and payload->>'conflictId' = $1`,
        [raised.id],
      );
      expect(event.payload).toEqual({
        localityId: locality.id,
        programmeId: programme.id,
        conflictId: raised.id,
        change: 'RAISED',
        status: 'OPEN',
        stage: null,
        stageDueOn: null,
      });
      const audit = await ok(
        `query($id: ID!) { auditEvents(entityType: "CONFLICT", entityId: $id) { nodes { action } } }`,
        { id: raised.id },
        reviewer,
      );
      expect(audit.auditEvents.nodes).toEqual([{ action: 'conflict.raised' }]);
    });

    it('lets a coordinator raise one naming the raising organisation, and requires that name', async () => {
      const raised = await raiseAs(coordinator, { raisedByOrganisationId: org.C, partyIds: [org.A], programmeId: null });
      expect(raised.raisedByOrganisation.id).toBe(org.C);
      expect(raised.history[0].actorOrganisation).toBeNull();
      const missing = await api.graphql(
        RAISE,
        input({ localityId: locality.id, partyIds: [org.A], category: 'OTHER', severity: 'LOW', title: 'x', description: 'y' }),
        coordinator,
      );
      expect([codeOf(missing), missing.errors?.[0].extensions.field]).toEqual(['BAD_USER_INPUT', 'raisedByOrganisationId']);
    });

    it('moves through every stage with due dates from the version it started under, even after the process is revised', async () => {
      const raised = await raiseAs(rep.A.token);
      const ack = (await ok(ACKNOWLEDGE, input({ conflictId: raised.id, note: 'We will look at it' }), rep.B.token)).acknowledgeConflict;
      expect(ack.status).toBe('ACKNOWLEDGED');
      expect(ack.acknowledgedAt).not.toBeNull();
      expect(ack.allowedActions).toEqual(['START_RESOLUTION', 'COMMENT']);

      const started = (await ok(START, input({ conflictId: raised.id }), rep.A.token)).startConflictResolution;
      const agreedV1 = started.processVersion;
      expect(started).toMatchObject({
        status: 'IN_RESOLUTION',
        currentStage: 1,
        stageStartedOn: await today(),
        stageDueOn: await today(7),
        stageOverdue: false,
        stage: { number: 1, ...THREE_STAGES[0] },
      });
      expect(started.resolutionStartedAt).not.toBeNull();

      // The partnership revises its process mid-way: two short stages, agreed.
      await ok(
        SET_PROCESS,
        input({
          localityId: locality.id,
          stages: [
            { name: 'Talk', owner: 'Leads', timeLimitDays: 3 },
            { name: 'Board', owner: 'Board', timeLimitDays: 5 },
          ],
        }),
        coordinator,
      );
      const v2 = (await ok(AGREE_PROCESS, input({ processId: localityProcessId }), coordinator)).agreeConflictProcess.agreedVersion;
      expect(v2.version).toBe(agreedV1.version + 1);

      await ok(COMMENT, input({ conflictId: raised.id, comment: 'The leads met on Tuesday; no agreement.' }), rep.C.token);
      const second = (await ok(ESCALATE, input({ conflictId: raised.id, note: 'No agreement between the leads' }), rep.C.token))
        .escalateConflict;
      expect(second).toMatchObject({
        currentStage: 2,
        processVersion: agreedV1,
        stageStartedOn: await today(),
        stageDueOn: await today(14),
        stage: { number: 2, ...THREE_STAGES[1] },
      });
      const third = (await ok(ESCALATE, input({ conflictId: raised.id }), coordinator)).escalateConflict;
      expect(third).toMatchObject({ currentStage: 3, processVersion: agreedV1, stageDueOn: await today(28) });
      expect(third.allowedActions).toEqual(['RESOLVE', 'CLOSE_UNRESOLVED', 'COMMENT']);

      const past = await api.graphql(ESCALATE, input({ conflictId: raised.id }), coordinator);
      expectRefused(past, 'CONFLICT', /stage 3 of 3, the last stage of its process.*Allowed now: resolve it, close it unresolved, comment/);

      const resolved = (await ok(RESOLVE, input({ conflictId: raised.id, outcome: 'The board split the cost 60/40.' }), coordinator))
        .resolveConflict;
      expect(resolved).toMatchObject({ status: 'RESOLVED', outcome: 'The board split the cost 60/40.', currentStage: 3, allowedActions: [] });
      expect(resolved.closedAt).not.toBeNull();
      expect(
        resolved.history.map((e: { kind: string; fromStatus: string; toStatus: string; stage: number; stageDueOn: string }) => [
          e.kind,
          e.fromStatus,
          e.toStatus,
          e.stage,
          e.stageDueOn,
        ]),
      ).toEqual([
        ['RAISED', null, 'OPEN', null, null],
        ['ACKNOWLEDGED', 'OPEN', 'ACKNOWLEDGED', null, null],
        ['RESOLUTION_STARTED', 'ACKNOWLEDGED', 'IN_RESOLUTION', 1, await today(7)],
        ['COMMENTED', 'IN_RESOLUTION', 'IN_RESOLUTION', 1, await today(7)],
        ['ESCALATED', 'IN_RESOLUTION', 'IN_RESOLUTION', 2, await today(14)],
        ['ESCALATED', 'IN_RESOLUTION', 'IN_RESOLUTION', 3, await today(28)],
        ['RESOLVED', 'IN_RESOLUTION', 'RESOLVED', 3, await today(28)],
      ]);
      expect(resolved.history.map((e: { note: string | null }) => e.note)).toEqual([
        null,
        'We will look at it',
        null,
        'The leads met on Tuesday; no agreement.',
        'No agreement between the leads',
        null,
        'The board split the cost 60/40.',
      ]);

      // A closed conflict takes nothing more.
      for (const [doc, value] of [
        [COMMENT, { comment: 'One more thing' }],
        [ESCALATE, {}],
        [CLOSE, { reason: 'x' }],
        [ACKNOWLEDGE, {}],
      ] as const) {
        expectRefused(await api.graphql(doc, input({ conflictId: raised.id, ...value }), coordinator), 'CONFLICT', /closed \(resolved\); nothing more/);
      }

      // A conflict that starts now follows version 2.
      const next = await raiseAs(rep.B.token, { partyIds: [org.A] });
      await ok(ACKNOWLEDGE, input({ conflictId: next.id }), rep.A.token);
      const nextStarted = (await ok(START, input({ conflictId: next.id }), coordinator)).startConflictResolution;
      expect(nextStarted).toMatchObject({ processVersion: { id: v2.id }, stageDueOn: await today(3), stage: { name: 'Talk' } });
      const outbox = await api.owner.query(
        `select payload->>'change' as change, payload->>'stageDueOn' as due from outbox_event
          where type = 'conflicts.conflict_changed' and payload->>'conflictId' = $1 order by created_at, id`,
        [next.id],
      );
      expect(outbox).toEqual([
        { change: 'RAISED', due: null },
        { change: 'ACKNOWLEDGED', due: null },
        { change: 'RESOLUTION_STARTED', due: await today(3) },
      ]);
    });

    it('closes unresolved from acknowledged or in resolution, and resolves straight from acknowledged', async () => {
      const a = await raiseAs(rep.A.token);
      await ok(ACKNOWLEDGE, input({ conflictId: a.id }), coordinator);
      const closed = (await ok(CLOSE, input({ conflictId: a.id, reason: 'The programme ended.' }), coordinator)).closeConflictUnresolved;
      expect(closed).toMatchObject({ status: 'CLOSED_UNRESOLVED', closeReason: 'The programme ended.', outcome: null, currentStage: null });

      const b = await raiseAs(rep.A.token);
      await ok(ACKNOWLEDGE, input({ conflictId: b.id }), rep.C.token);
      await ok(START, input({ conflictId: b.id }), rep.C.token);
      const closedInResolution = (await ok(CLOSE, input({ conflictId: b.id, reason: 'No way forward.' }), coordinator))
        .closeConflictUnresolved;
      expect(closedInResolution).toMatchObject({ status: 'CLOSED_UNRESOLVED', currentStage: 1 });

      const c = await raiseAs(rep.A.token);
      await ok(ACKNOWLEDGE, input({ conflictId: c.id }), rep.B.token);
      const resolved = (await ok(RESOLVE, input({ conflictId: c.id, outcome: 'Sorted out informally.' }), coordinator)).resolveConflict;
      expect(resolved).toMatchObject({ status: 'RESOLVED', currentStage: null, processVersion: null });
    });

    it('refuses illegal transitions with what is allowed now, changing nothing', async () => {
      const raised = await raiseAs(rep.A.token);
      const refusals: [string, Record<string, unknown>, RegExp][] = [
        [RESOLVE, { outcome: 'Done' }, /open and has not been acknowledged yet.*Allowed now: acknowledge it, comment/],
        [CLOSE, { reason: 'Done' }, /must be acknowledged/],
        [START, {}, /must be acknowledged/],
        [ESCALATE, {}, /must be acknowledged/],
      ];
      for (const [doc, value, message] of refusals) {
        expectRefused(await api.graphql(doc, input({ conflictId: raised.id, ...value }), coordinator), 'CONFLICT', message);
      }
      await ok(ACKNOWLEDGE, input({ conflictId: raised.id }), coordinator);
      expectRefused(await api.graphql(ACKNOWLEDGE, input({ conflictId: raised.id }), rep.B.token), 'CONFLICT', /already acknowledged/);
      expectRefused(await api.graphql(ESCALATE, input({ conflictId: raised.id }), coordinator), 'CONFLICT', /no stage to escalate from/);
      await ok(START, input({ conflictId: raised.id }), coordinator);
      expectRefused(await api.graphql(START, input({ conflictId: raised.id }), coordinator), 'CONFLICT', /already in resolution, at stage 1 of/);

      const read = (await ok(READ, { id: raised.id }, coordinator)).conflict;
      expect(read.status).toBe('IN_RESOLUTION');
      expect(read.history.map((e: { kind: string }) => e.kind)).toEqual(['RAISED', 'ACKNOWLEDGED', 'RESOLUTION_STARTED']);
    });

    it('refuses the same illegal changes in the database, whatever the application does', async () => {
      const open = await raiseAs(rep.A.token);
      await expect(
        api.owner.query(`update conflict set status = 'RESOLVED', closed_at = now(), outcome = 'x' where id = $1`, [open.id]),
      ).rejects.toThrow(/Illegal conflict transition from OPEN to RESOLVED/);
      await expect(
        api.owner.query(`insert into conflict_party (tenant_id, conflict_id, organisation_id) values ($1, $2, $3)`, [tenant.id, open.id, org.A]),
      ).rejects.toThrow(/not one of its other parties/);
      await ok(ACKNOWLEDGE, input({ conflictId: open.id }), coordinator);
      await ok(RESOLVE, input({ conflictId: open.id, outcome: 'Agreed' }), coordinator);
      await expect(api.owner.query(`update conflict set outcome = 'Rewritten' where id = $1`, [open.id])).rejects.toThrow(
        /closed conflict cannot change/,
      );
      // The application's role may only read and append the history.
      const grants = await api.owner.query(
        `select privilege_type from information_schema.role_table_grants where table_name = 'conflict_event' and grantee = 'joinedup_app_rights' order by 1`,
      );
      expect(grants.map((g: { privilege_type: string }) => g.privilege_type)).toEqual(['INSERT', 'SELECT']);
    });

    it('refuses to start resolution without an agreed process, with a clear message', async () => {
      const place = await make.locality('No Process Town');
      const [x, y] = await make.members(place.id, 2);
      const repX = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', x.id);
      const raised = await raiseAs(repX.token, { localityId: place.id, programmeId: null, partyIds: [y.id] });
      await ok(ACKNOWLEDGE, input({ conflictId: raised.id }), coordinator);
      const none = await api.graphql(START, input({ conflictId: raised.id }), coordinator);
      expectRefused(none, 'CONFLICT', /no agreed conflict resolution process.*record that the partnership agreed it/);
      // A draft is not agreed.
      await ok(SET_PROCESS, input({ localityId: place.id, stages: THREE_STAGES }), coordinator);
      expectRefused(await api.graphql(START, input({ conflictId: raised.id }), coordinator), 'CONFLICT', /no agreed conflict resolution process/);
      expect((await ok(READ, { id: raised.id }, coordinator)).conflict).toMatchObject({ status: 'ACKNOWLEDGED', currentStage: null });
    });

    it('applies only one of two concurrent transitions', async () => {
      const raised = await raiseAs(rep.A.token);
      const results = await Promise.all([
        api.graphql(ACKNOWLEDGE, input({ conflictId: raised.id }), rep.B.token),
        api.graphql(ACKNOWLEDGE, input({ conflictId: raised.id }), rep.C.token),
        api.graphql(ACKNOWLEDGE, input({ conflictId: raised.id }), coordinator),
      ]);
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      for (const refused of results.filter((r) => r.errors)) expectRefused(refused, 'CONFLICT', /already acknowledged/);
      expect(await count(`select count(*)::int as n from conflict_event where conflict_id = $1 and kind = 'ACKNOWLEDGED'`, [raised.id])).toBe(1);

      await ok(START, input({ conflictId: raised.id }), coordinator);
      const escalations = await Promise.all([
        api.graphql(ESCALATE, input({ conflictId: raised.id }), rep.A.token),
        api.graphql(ESCALATE, input({ conflictId: raised.id }), rep.B.token),
      ]);
      // Both may go through one after the other (stage 1 → 2 → 3), never to the same stage twice.
      const stages = escalations.filter((r) => !r.errors).map((r) => r.data!.escalateConflict.currentStage);
      expect(new Set(stages).size).toBe(stages.length);
      expect(await count(`select count(*)::int as n from conflict_event where conflict_id = $1 and kind = 'ESCALATED'`, [raised.id])).toBe(
        stages.length,
      );
    });
  });

  describe('confidentiality', () => {
    const SECRET_TITLE = `Secret title ${randomUUID()}`;
    const SECRET_TEXT = `Secret description ${randomUUID()}`;
    const SECRET_COMMENT = `Secret comment ${randomUUID()}`;
    const SECRET_OUTCOME = `Secret outcome ${randomUUID()}`;
    let conflictId: string;

    beforeAll(async () => {
      const raised = await raiseAs(rep.A.token, { title: SECRET_TITLE, description: SECRET_TEXT, severity: 'CRITICAL', category: 'DATA_SHARING' });
      conflictId = raised.id;
      await ok(ACKNOWLEDGE, input({ conflictId, note: SECRET_COMMENT }), rep.B.token);
      await ok(COMMENT, input({ conflictId, comment: SECRET_COMMENT }), rep.A.token);
      await ok(RESOLVE, input({ conflictId, outcome: SECRET_OUTCOME }), coordinator);
    });

    const EVERYTHING = `query($id: ID!, $loc: ID!, $prog: ID!, $org: ID!) {
      conflict(id: $id) { ${CONFLICT_FIELDS} }
      byLocality: conflicts(localityId: $loc, first: 30) { nodes { ${CONFLICT_FIELDS} } }
      byProgramme: conflicts(programmeId: $prog, first: 30) { nodes { ${CONFLICT_FIELDS} } }
      byOrganisation: conflicts(organisationId: $org, first: 30) { nodes { id } }
    }`;
    const NESTED = `query($loc: ID!) {
      locality(id: $loc) { conflicts(first: 30) { nodes { ${CONFLICT_FIELDS} } } programmes { conflicts(first: 5) { nodes { ${CONFLICT_FIELDS} } } } }
    }`;

    it('shows everything to the organisations involved, coordinators, administrators and reviewers', async () => {
      for (const token of [rep.A.token, rep.B.token, rep.C.token, coordinator, reviewer, tenant.adminToken]) {
        const read = (await ok(READ, { id: conflictId }, token)).conflict;
        expect(read).toMatchObject({ detailsVisible: true, title: SECRET_TITLE, description: SECRET_TEXT, outcome: SECRET_OUTCOME });
        expect(read.history.map((e: { note: string | null }) => e.note)).toContain(SECRET_COMMENT);
        expect(read.raisedByOrganisation).toEqual({ id: org.A });
      }
    });

    it('shows another member body of the locality that it exists, and not one word of it, in any field or list', async () => {
      const result = await api.graphql(EVERYTHING, { id: conflictId, loc: locality.id, prog: programme.id, org: org.A }, rep.D.token);
      const nested = await api.graphql(NESTED, { loc: locality.id }, rep.D.token);
      expect([result.errors, nested.errors]).toEqual([undefined, undefined]);
      const text = JSON.stringify([result, nested]);
      for (const secret of [SECRET_TITLE, SECRET_TEXT, SECRET_COMMENT, SECRET_OUTCOME, org.A, org.B, org.C, rep.A.id, rep.B.id]) {
        expect(text).not.toContain(secret);
      }
      const read = result.data!.conflict;
      expect(read).toMatchObject({
        detailsVisible: false,
        status: 'RESOLVED',
        category: 'DATA_SHARING',
        severity: 'CRITICAL',
        title: null,
        description: null,
        outcome: null,
        raisedByOrganisation: null,
        parties: [],
        allowedActions: [],
      });
      expect(read.openedAt).not.toBeNull();
      expect(read.closedAt).not.toBeNull();
      // Transitions without notes or who acted; no comments at all.
      expect(read.history.map((e: { kind: string; note: null; actorUserId: null }) => [e.kind, e.note, e.actorUserId])).toEqual([
        ['RAISED', null, null],
        ['ACKNOWLEDGED', null, null],
        ['RESOLVED', null, null],
      ]);
      expect(result.data!.byLocality.nodes.map((n: { id: string }) => n.id)).toContain(conflictId);
      expect(result.data!.byOrganisation.nodes).toEqual([]);

      expectRefused(await api.graphql(COMMENT, input({ conflictId, comment: 'Me too' }), rep.D.token), 'FORBIDDEN');
    });

    it('shows a body that is not a member of the locality nothing, exactly like an unknown id', async () => {
      const theirs = await api.graphql(READ, { id: conflictId }, rep.E.token);
      const unknown = await api.graphql(READ, { id: randomUUID() }, rep.E.token);
      expectRefused(theirs, 'NOT_FOUND');
      expect(theirs.errors?.map((e) => e.message)).toEqual(unknown.errors?.map((e) => e.message));
      expectRefused(await api.graphql(LIST, { localityId: locality.id }, rep.E.token), 'NOT_FOUND');
      expectRefused(await api.graphql(LIST, { programmeId: programme.id }, rep.E.token), 'NOT_FOUND');
      expect((await ok(LIST, { organisationId: org.A }, rep.E.token)).conflicts.nodes).toEqual([]);
      expectRefused(await api.graphql(COMMENT, input({ conflictId, comment: 'Hello' }), rep.E.token), 'NOT_FOUND');
    });
  });

  describe('lists', () => {
    let place: { id: string };
    let ids: string[];
    let x: string;

    beforeAll(async () => {
      place = await make.locality('List Town');
      const [p, q] = await make.members(place.id, 2);
      x = p.id;
      const specs: [string, string][] = [
        ['LOW', 'RESOURCES'],
        ['HIGH', 'PRIORITIES'],
        ['HIGH', 'CULTURE'],
        ['CRITICAL', 'CULTURE'],
        ['MEDIUM', 'OTHER'],
      ];
      ids = [];
      for (const [severity, category] of specs) {
        const raised = await raiseAs(coordinator, {
          localityId: place.id,
          programmeId: null,
          raisedByOrganisationId: p.id,
          partyIds: [q.id],
          severity,
          category,
        });
        ids.push(raised.id);
      }
      await ok(ACKNOWLEDGE, input({ conflictId: ids[2] }), coordinator);
    });

    it('pages newest first with a typed cursor and a bounded first', async () => {
      const first = (await ok(LIST, { localityId: place.id, first: 2 }, coordinator)).conflicts;
      expect(first.nodes.map((n: { id: string }) => n.id)).toEqual([ids[4], ids[3]]);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = (await ok(LIST, { localityId: place.id, first: 2, after: first.pageInfo.endCursor }, coordinator)).conflicts;
      expect(second.nodes.map((n: { id: string }) => n.id)).toEqual([ids[2], ids[1]]);
      const third = (await ok(LIST, { localityId: place.id, first: 2, after: second.pageInfo.endCursor }, coordinator)).conflicts;
      expect(third).toEqual({ nodes: [expect.objectContaining({ id: ids[0] })], pageInfo: { hasNextPage: false, endCursor: expect.any(String) } });

      const crafted = Buffer.from(JSON.stringify(['not a time', randomUUID()])).toString('base64url');
      const bad = await api.graphql(LIST, { localityId: place.id, after: crafted }, coordinator);
      expect([codeOf(bad), bad.errors?.[0].extensions.field]).toEqual(['BAD_USER_INPUT', 'after']);
      expectRefused(await api.graphql(LIST, { localityId: place.id, first: 101 }, coordinator), 'BAD_USER_INPUT');
      expectRefused(await api.graphql(LIST, {}, coordinator), 'BAD_USER_INPUT', /exactly one of localityId, programmeId or organisationId/);
      expectRefused(await api.graphql(LIST, { localityId: place.id, organisationId: x }, coordinator), 'BAD_USER_INPUT');
    });

    it('filters by status, severity and category, also on the locality and by organisation', async () => {
      const idsOf = async (variables: Record<string, unknown>) =>
        (await ok(LIST, { localityId: place.id, ...variables }, coordinator)).conflicts.nodes.map((n: { id: string }) => n.id);
      expect(await idsOf({ severity: ['HIGH'] })).toEqual([ids[2], ids[1]]);
      expect(await idsOf({ category: ['CULTURE'], severity: ['CRITICAL', 'LOW'] })).toEqual([ids[3]]);
      expect(await idsOf({ status: ['ACKNOWLEDGED'] })).toEqual([ids[2]]);
      expect(await idsOf({ status: ['OPEN'], category: ['CULTURE'] })).toEqual([ids[3]]);
      expect(await idsOf({ status: ['RESOLVED'] })).toEqual([]);

      const byOrganisation = (await ok(LIST, { organisationId: x, severity: ['HIGH'] }, coordinator)).conflicts.nodes;
      expect(byOrganisation.map((n: { id: string }) => n.id)).toEqual([ids[2], ids[1]]);
      const nested = await ok(
        `query($id: ID!) { locality(id: $id) { conflicts(first: 1, category: [CULTURE]) { nodes { id } pageInfo { hasNextPage } } } }`,
        { id: place.id },
        coordinator,
      );
      expect(nested.locality.conflicts).toEqual({ nodes: [{ id: ids[3] }], pageInfo: { hasNextPage: true } });
    });

    it('filters by the stage a conflict is at, and refuses a stage outside the bounds', async () => {
      const staged = await make.locality('Stage Town');
      const [p, q] = await make.members(staged.id, 2);
      const set = await ok(SET_PROCESS, input({ localityId: staged.id, stages: THREE_STAGES }), coordinator);
      await ok(AGREE_PROCESS, input({ processId: set.setConflictProcess.id }), coordinator);
      const raised: string[] = [];
      for (let i = 0; i < 3; i++) {
        raised.push((await raiseAs(coordinator, { localityId: staged.id, programmeId: null, raisedByOrganisationId: p.id, partyIds: [q.id] })).id);
      }
      for (const id of raised.slice(1)) {
        await ok(ACKNOWLEDGE, input({ conflictId: id }), coordinator);
        await ok(START, input({ conflictId: id }), coordinator);
      }
      await ok(ESCALATE, input({ conflictId: raised[2] }), coordinator);
      const idsOf = async (stage: number[]) =>
        (await ok(LIST, { localityId: staged.id, stage }, coordinator)).conflicts.nodes.map((n: { id: string }) => n.id);
      expect(await idsOf([1])).toEqual([raised[1]]);
      expect(await idsOf([2])).toEqual([raised[2]]);
      expect(await idsOf([1, 2])).toEqual([raised[2], raised[1]]);
      expect(await idsOf([3])).toEqual([]);
      const nested = await ok(`query($id: ID!) { locality(id: $id) { conflicts(stage: [2]) { nodes { id } } } }`, { id: staged.id }, coordinator);
      expect(nested.locality.conflicts.nodes).toEqual([{ id: raised[2] }]);
      for (const stage of [[0], [11], Array.from({ length: 11 }, () => 1)]) {
        expectRefused(await api.graphql(LIST, { localityId: staged.id, stage }, coordinator), 'BAD_USER_INPUT');
      }
    });

    it('reads the conflicts of every programme of a locality with a flat statement count', async () => {
      /** A locality of `size` bodies and programmes, each programme with `size` conflicts. */
      const partnership = async (size: number) => {
        const place = await make.locality();
        const bodies = await make.members(place.id, size + 1);
        for (let i = 0; i < size; i++) {
          const prog = await make.programme(place.id, bodies.map((b) => b.id));
          for (let j = 0; j < size; j++) {
            const raised = await raiseAs(coordinator, {
              localityId: place.id,
              programmeId: prog.id,
              raisedByOrganisationId: bodies[0].id,
              partyIds: bodies.slice(1).map((b) => b.id),
            });
            await ok(COMMENT, input({ conflictId: raised.id, comment: 'Noted' }), coordinator);
          }
        }
        return place.id;
      };
      const READ_ALL = `query($id: ID!) { locality(id: $id) {
        conflictProcess { agreedVersion { stages { name } } }
        conflicts(first: 20) { nodes { id } }
        programmes { applicableConflictProcess { version } conflicts(first: 20) { nodes {
          title raisedByOrganisation { name } parties { name } processVersion { version } stage { name }
          history { kind note actorOrganisation { name } } allowedActions } } } } }`;
      const statementsFor = async (id: string) => {
        const before = StatementCounter.total;
        const data = await ok(READ_ALL, { id }, coordinator);
        return { data, statements: StatementCounter.total - before };
      };
      const small = await statementsFor(await partnership(1));
      const large = await statementsFor(await partnership(3));
      expect(large.data.locality.programmes).toHaveLength(3);
      for (const p of large.data.locality.programmes) {
        expect(p.conflicts.nodes).toHaveLength(3);
        expect(p.conflicts.nodes[0].parties).toHaveLength(3);
        expect(p.conflicts.nodes[0].history.map((e: { kind: string }) => e.kind)).toEqual(['RAISED', 'COMMENTED']);
      }
      expect(large.statements).toBe(small.statements);
    });
  });

  describe('permissions and bad input', () => {
    it('lets each role do only its part', async () => {
      const raised = await raiseAs(rep.A.token);
      expectRefused(await api.graphql(RAISE, input({ localityId: locality.id, partyIds: [org.B], category: 'OTHER', severity: 'LOW', title: 't', description: 'd' }), reviewer), 'FORBIDDEN');
      expectRefused(
        await api.graphql(RAISE, input({ localityId: locality.id, raisedByOrganisationId: org.B, partyIds: [org.C], category: 'OTHER', severity: 'LOW', title: 't', description: 'd' }), rep.A.token),
        'FORBIDDEN',
        /^You act only for .+: you can raise a conflict only for /,
      );
      expectRefused(await api.graphql(SET_PROCESS, input({ localityId: locality.id, stages: THREE_STAGES }), rep.A.token), 'FORBIDDEN');
      expectRefused(await api.graphql(AGREE_PROCESS, input({ processId: localityProcessId }), reviewer), 'FORBIDDEN');
      expectRefused(await api.graphql(ACKNOWLEDGE, input({ conflictId: raised.id }), rep.A.token), 'FORBIDDEN', /, the part(y|ies) it was raised against, can acknowledge it\./);
      expectRefused(await api.graphql(ACKNOWLEDGE, input({ conflictId: raised.id }), rep.D.token), 'FORBIDDEN');
      expectRefused(await api.graphql(ACKNOWLEDGE, input({ conflictId: raised.id }), reviewer), 'FORBIDDEN');
      await ok(ACKNOWLEDGE, input({ conflictId: raised.id }), rep.C.token);
      expectRefused(await api.graphql(START, input({ conflictId: raised.id }), rep.D.token), 'FORBIDDEN');
      expectRefused(await api.graphql(RESOLVE, input({ conflictId: raised.id, outcome: 'Done' }), rep.B.token), 'FORBIDDEN');
      expectRefused(await api.graphql(CLOSE, input({ conflictId: raised.id, reason: 'Done' }), reviewer), 'FORBIDDEN');
      await ok(COMMENT, input({ conflictId: raised.id, comment: 'From the raiser' }), rep.A.token);
      await ok(COMMENT, input({ conflictId: raised.id, comment: 'From a party' }), rep.B.token);
      await ok(COMMENT, input({ conflictId: raised.id, comment: 'From the coordinator' }), coordinator);
      expectRefused(await api.graphql(COMMENT, input({ conflictId: raised.id, comment: 'From a reviewer' }), reviewer), 'FORBIDDEN');
      expect((await ok(READ, { id: raised.id }, reviewer)).conflict.history.filter((e: { kind: string }) => e.kind === 'COMMENTED')).toHaveLength(3);
    });

    it('refuses bad input with the field named, and saves nothing', async () => {
      const before = {
        conflicts: await count(`select count(*)::int as n from conflict`),
        events: await count(`select count(*)::int as n from conflict_event`),
        outbox: await count(`select count(*)::int as n from outbox_event where type like 'conflicts.%'`),
      };
      const other = await make.programme((await make.locality()).id, []);
      const base = {
        localityId: locality.id,
        partyIds: [org.B],
        category: 'RESOURCES',
        severity: 'LOW',
        title: 'A title',
        description: 'A description',
      };
      const cases: [Record<string, unknown>, string][] = [
        [{ partyIds: [] }, 'partyIds'],
        [{ partyIds: [org.B, org.B] }, 'partyIds'],
        [{ partyIds: [org.A] }, 'partyIds'],
        [{ partyIds: [org.E] }, 'partyIds'],
        [{ partyIds: ['not-an-id'] }, 'partyIds'],
        [{ programmeId: other.id }, 'programmeId'],
        [{ title: '   ' }, 'title'],
        [{ title: 'x'.repeat(201) }, 'title'],
        [{ description: 'x'.repeat(5001) }, 'description'],
      ];
      for (const [value, field] of cases) {
        const result = await api.graphql(RAISE, input({ ...base, ...value }), rep.A.token);
        expect([value, codeOf(result), result.errors?.[0].extensions.field]).toEqual([value, 'BAD_USER_INPUT', field]);
      }
      const unknownCategory = await api.graphql(RAISE, input({ ...base, category: 'GOSSIP' }), rep.A.token);
      expect(unknownCategory.errors).toBeDefined();
      const notMember = await api.graphql(RAISE, input({ ...base, partyIds: [org.B] }), rep.E.token);
      expectRefused(notMember, 'NOT_FOUND');

      const raised = await raiseAs(rep.A.token);
      const afterRaise = await count(`select count(*)::int as n from conflict_event`);
      for (const [doc, value, field] of [
        [RESOLVE, { outcome: ' ' }, 'outcome'],
        [CLOSE, { reason: '' }, 'reason'],
        [COMMENT, { comment: 'x'.repeat(5001) }, 'comment'],
        [ACKNOWLEDGE, { note: 'x'.repeat(5001) }, 'note'],
      ] as const) {
        const result = await api.graphql(doc, input({ conflictId: raised.id, ...value }), coordinator);
        expect([codeOf(result), result.errors?.[0].extensions.field]).toEqual(['BAD_USER_INPUT', field]);
      }
      expect(await count(`select count(*)::int as n from conflict`)).toBe(before.conflicts + 1);
      expect(afterRaise).toBe(before.events + 1);
      expect(await count(`select count(*)::int as n from conflict_event`)).toBe(afterRaise);
      expect(await count(`select count(*)::int as n from outbox_event where type like 'conflicts.%'`)).toBe(before.outbox + 1);
    });
  });
});
