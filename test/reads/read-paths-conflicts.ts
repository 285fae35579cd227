import { parse, print } from 'graphql';
import { CONFLICT_LOG, LOCALITY_PROCESS, MANAGE_CONFLICT, PROGRAMME_PROCESS } from '../../libs/web/src/conflicts/conflicts.documents';
import { CONFLICT } from '../../libs/web/src/member/member.documents';
import { CONFLICT_PROCESS_RECORD, CONFLICT_RECORD } from '../../libs/web/src/records/records.documents';
import { ApiHarness, TestTenant, sharedApi } from '../support/api-harness';
import { isJsonRead, sendRead } from '../support/read-both-ways';
import { RegistryFactory } from '../support/registry-factory';

/**
 * The conflict log's reads answered by one statement (ConflictJsonRead) answer byte for byte
 * what GraphQL execution answers, for every role: the details masked per conflict for a
 * representative who is not involved, the lists' filters and cursors, the history without
 * comments, and what each caller may do now.
 */
const UNUSUAL = 'Ann "Nan" O\'Neil \\ tab\tline\nŻaneta ✓ 😀';
const web = (document: string) => print(parse(document));

const CONFLICT_FIELDS = `__typename id category severity status detailsVisible title description openedAt acknowledgedAt
  resolutionStartedAt currentStage stageStartedOn stageDueOn stageOverdue closedAt outcome closeReason allowedActions
  locality { name } programme { id name } raisedByOrganisation { id name } parties { id name }
  processVersion { id version agreedOn stages { number name } process { id } } stage { number name owner timeLimitDays }
  history { __typename id kind fromStatus toStatus stage stageDueOn note actorUserId actorOrganisation { name } occurredAt }`;

const PROCESS_FIELDS = `__typename id createdAt locality { name } programme { id }
  agreedVersion { ...Version } draftVersion { ...Version } versions { ...Version }`;
const VERSION_FRAGMENT = `fragment Version on ConflictProcessVersion { id version agreedOn agreementRecordedAt
  agreementRecordedByUserId createdAt updatedAt process { id } stages { number name owner timeLimitDays } }`;

/** The shapes the slice names, beyond the web documents. */
const SHAPES = {
  conflict: `query($id: ID!) { conflict(id: $id) { ...C again: parties { name } } } fragment C on Conflict { ${CONFLICT_FIELDS} }`,
  conflictProcess: `query($id: ID!) { conflictProcess(id: $id) { ${PROCESS_FIELDS} } } ${VERSION_FRAGMENT}`,
  localityProcesses: `query($id: ID!) { locality(id: $id) { conflictProcess { ${PROCESS_FIELDS} }
    programmes { id conflictProcess { ${PROCESS_FIELDS} } applicableConflictProcess { ...Version }
      conflicts(first: 2, status: [OPEN, ACKNOWLEDGED, IN_RESOLUTION]) { nodes { id title } pageInfo { hasNextPage endCursor } } } } } ${VERSION_FRAGMENT}`,
  rootList: `query($l: ID, $p: ID, $o: ID, $first: Int!, $after: String, $status: [ConflictStatus!], $stage: [Int!], $x: Boolean!) {
    conflicts(localityId: $l, programmeId: $p, organisationId: $o, first: $first, after: $after, status: $status, stage: $stage) {
      __typename nodes { id title status allowedActions raisedByOrganisation { name } parties @include(if: $x) { name } }
      pageInfo { __typename hasNextPage endCursor } } }`,
};

describe('conflict reads answered by one statement', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: string;
  const readers: Record<string, string> = {};
  let localityId: string;
  let programmeId: string;
  let processId: string;
  let programmeProcessId: string;
  const body: Record<string, string> = {};
  const conflicts: Record<string, string> = {};

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('read-conflicts');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    const make = new RegistryFactory(api, coordinator);
    localityId = (await make.locality()).id;
    const [raiser, party, bystander, other, another] = await make.members(localityId, 5, [
      'Raiser body', `Party ${UNUSUAL}`, 'Bystander body', 'Other body', 'Another body',
    ]);
    Object.assign(body, { raiser: raiser.id, party: party.id, bystander: bystander.id, other: other.id });
    programmeId = (await make.programme(localityId, [raiser.id, party.id])).id;
    const elsewhere = await make.locality();
    const [stranger] = await make.members(elsewhere.id, 1);

    readers.TENANT_ADMIN = tenant.adminToken;
    readers.COORDINATOR = coordinator;
    readers.REVIEWER = (await api.newUser(tenant, 'REVIEWER')).token;
    readers['MEMBER_REPRESENTATIVE (raiser)'] = (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', raiser.id)).token;
    readers['MEMBER_REPRESENTATIVE (party)'] = (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', party.id)).token;
    readers['MEMBER_REPRESENTATIVE (uninvolved member)'] = (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', bystander.id)).token;
    readers['MEMBER_REPRESENTATIVE (other locality)'] = (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', stranger.id)).token;

    const stages = [
      { name: 'Talk between the leads', owner: 'Leads', timeLimitDays: 7 },
      { name: 'Partnership board', owner: UNUSUAL, timeLimitDays: 30 },
    ];
    const set = async (input: Record<string, unknown>) =>
      (await api.ok(`mutation($input: SetConflictProcessInput!) { setConflictProcess(input: $input) { id } }`, { input }, coordinator))
        .setConflictProcess.id as string;
    processId = await set({ localityId, stages });
    await api.ok(`mutation($id: ID!) { agreeConflictProcess(input: { processId: $id }) { id } }`, { id: processId }, coordinator);
    await set({ localityId, stages: stages.slice(0, 1) }); // a draft over the agreed version
    programmeProcessId = await set({ programmeId, stages: stages.slice(1) }); // never agreed: the locality's applies

    const raise = async (title: string, extra: Record<string, unknown> = {}) => {
      const input = {
        localityId, programmeId, raisedByOrganisationId: raiser.id, partyIds: [party.id],
        category: 'DATA_SHARING', severity: 'HIGH', title, description: `About ${title}: ${UNUSUAL}`, ...extra,
      };
      return (await api.ok(`mutation($input: RaiseConflictInput!) { raiseConflict(input: $input) { id } }`, { input }, coordinator)).raiseConflict.id as string;
    };
    const step = (mutation: string, id: string, extra = '', token = coordinator) =>
      api.ok(`mutation($id: ID!) { ${mutation}(input: { conflictId: $id${extra} }) { id } }`, { id }, token);

    conflicts.open = await raise('Open');
    await step('commentOnConflict', conflicts.open, `, comment: ${JSON.stringify(UNUSUAL)}`, readers['MEMBER_REPRESENTATIVE (raiser)']);
    conflicts.acknowledged = await raise('Acknowledged', { programmeId: null, severity: 'LOW', category: 'CULTURE' });
    await step('acknowledgeConflict', conflicts.acknowledged, ', note: "Seen"', readers['MEMBER_REPRESENTATIVE (party)']);
    conflicts.stageOne = await raise('At stage one');
    await step('acknowledgeConflict', conflicts.stageOne);
    await step('startConflictResolution', conflicts.stageOne);
    // Overdue: its stage started 40 days ago and was due 10 days ago.
    await api.owner.query(`update conflict set stage_started_on = current_date - 40, stage_due_on = current_date - 10 where id = $1`, [conflicts.stageOne]);
    conflicts.resolved = await raise('Resolved');
    await step('acknowledgeConflict', conflicts.resolved);
    await step('startConflictResolution', conflicts.resolved);
    await step('escalateConflict', conflicts.resolved);
    await step('resolveConflict', conflicts.resolved, ', outcome: "Shared the form"');
    conflicts.others = await raise('Between others', { raisedByOrganisationId: other.id, partyIds: [another.id], programmeId: null });
    await step('commentOnConflict', conflicts.others, ', comment: "Only for the parties"');
  }, 60_000);
  afterAll(() => sharedApi.leave(api));

  const read = (query: string, variables: Record<string, unknown>, token: string, executed = false) =>
    sendRead(api, query, variables, token, !executed);

  /** For every reader: the one-statement answer is execution's, and compiled wherever the reader may read it. */
  async function expectSameForEveryone(query: string, variables: Record<string, unknown>): Promise<Record<string, Record<string, unknown>>> {
    const answers: Record<string, Record<string, unknown>> = {};
    for (const [reader, token] of Object.entries(readers)) {
      const whole = await read(query, variables, token);
      const fieldByField = await read(query, variables, token, true);
      expect({ reader, body: whole.body }).toEqual({ reader, body: fieldByField.body });
      const answer = JSON.parse(whole.body);
      if (!answer.errors) {
        expect({ reader, statements: whole.statements.length, reads: whole.statements.filter(isJsonRead).length }).toEqual({ reader, statements: 3, reads: 1 });
      }
      answers[reader] = answer;
    }
    return answers;
  }

  it('answers the conflict log page (web) for every role, page by page and filtered', async () => {
    const log = web(CONFLICT_LOG);
    const first = await expectSameForEveryone(log, { localityId, first: 2 });
    expect(first.COORDINATOR.data).toMatchObject({ locality: { conflicts: { pageInfo: { hasNextPage: true } } } });
    const uninvolved = (first['MEMBER_REPRESENTATIVE (uninvolved member)'].data as { locality: { conflicts: { nodes: { title: string | null }[] } } })
      .locality.conflicts.nodes;
    expect(uninvolved.map((n) => n.title)).toEqual([null, null]);
    for (const [reader, token] of Object.entries(readers)) {
      const cursor = (JSON.parse((await read(log, { localityId, first: 2 }, token)).body).data?.locality?.conflicts.pageInfo.endCursor as string) ?? null;
      if (!cursor) continue;
      const next = await read(log, { localityId, first: 2, after: cursor }, token);
      expect({ reader, body: next.body }).toEqual({ reader, body: (await read(log, { localityId, first: 2, after: cursor }, token, true)).body });
      expect(next.statements.filter(isJsonRead)).toHaveLength(1);
    }
    await expectSameForEveryone(log, { localityId, first: 20, status: ['OPEN', 'IN_RESOLUTION', 'RESOLVED'], severity: ['HIGH'], category: ['DATA_SHARING'], stage: [1, 2] });
    await expectSameForEveryone(log, { localityId, first: 20, stage: [0] }); // refused by the resolver
    await expectSameForEveryone(log, { localityId, first: 20, after: 'not a cursor' });
  });

  it("answers a conflict's page (web) and every field of a conflict, masked as the reader may read it", async () => {
    for (const id of Object.values(conflicts)) {
      await expectSameForEveryone(web(MANAGE_CONFLICT), { id });
      await expectSameForEveryone(SHAPES.conflict, { id });
    }
    for (const id of [conflicts.stageOne, conflicts.others]) {
      for (const document of [CONFLICT, CONFLICT_RECORD]) await expectSameForEveryone(web(document), { id });
    }
    const answers = await expectSameForEveryone(SHAPES.conflict, { id: conflicts.others });
    expect(answers['MEMBER_REPRESENTATIVE (raiser)'].data).toMatchObject({
      conflict: { detailsVisible: false, title: null, parties: [], raisedByOrganisation: null, allowedActions: [] },
    });
    const open = await expectSameForEveryone(web(MANAGE_CONFLICT), { id: conflicts.open });
    const actions = (reader: string) => (open[reader].data as { conflict: { allowedActions: string[] } }).conflict.allowedActions;
    expect(actions('COORDINATOR')).toEqual(['ACKNOWLEDGE', 'COMMENT']);
    expect(actions('MEMBER_REPRESENTATIVE (party)')).toEqual(['ACKNOWLEDGE', 'COMMENT']);
    expect(actions('MEMBER_REPRESENTATIVE (raiser)')).toEqual(['COMMENT']);
    expect(actions('REVIEWER')).toEqual([]);
    const stageOne = await expectSameForEveryone(web(MANAGE_CONFLICT), { id: conflicts.stageOne });
    expect(stageOne.COORDINATOR.data).toMatchObject({ conflict: { stageOverdue: true, stage: { name: 'Talk between the leads' } } });
    expect((stageOne.COORDINATOR.data as { conflict: { allowedActions: string[] } }).conflict.allowedActions).toContain('ESCALATE');
  });

  it('answers the conflict process pages and every field of a process, its versions and stages', async () => {
    await expectSameForEveryone(web(LOCALITY_PROCESS), { localityId });
    await expectSameForEveryone(web(PROGRAMME_PROCESS), { programmeId });
    for (const id of [processId, programmeProcessId]) {
      await expectSameForEveryone(SHAPES.conflictProcess, { id });
      await expectSameForEveryone(web(CONFLICT_PROCESS_RECORD), { id });
    }
    await expectSameForEveryone(SHAPES.localityProcesses, { id: localityId });
  });

  it("executes a locality's process, its versions, their stages and process by their descriptions: one batch statement a field", async () => {
    const query = `query($id: ID!) { locality(id: $id) { conflictProcess { id
      agreedVersion { version process { id } stages { number name } } draftVersion { id } versions { version } } } }`;
    const executed = await read(query, { id: localityId }, readers.COORDINATOR, true);
    expect(JSON.parse(executed.body).errors).toBeUndefined();
    expect(executed.body).toBe((await read(query, { id: localityId }, readers.COORDINATOR)).body);
    // Locality.conflictProcess; ConflictProcess.agreedVersion, draftVersion and versions; ConflictProcessVersion.process and stages.
    const described = executed.statements.filter((sql) => sql.startsWith('select r0.id as described_parent'));
    expect(described).toHaveLength(6);
    expect(described.filter((sql) => sql.includes('from locality r0'))).toHaveLength(1);
    expect(described.filter((sql) => sql.includes('from conflict_process_version r0'))).toHaveLength(2);
    expect(described.filter((sql) => /from \(select p\.tenant_id, p\.id, .*\) r0/s.test(sql))).toHaveLength(3);
  });

  it('answers the root list of a locality, a programme or an organisation, and leaves its refusals to the resolver', async () => {
    const list = (keys: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ first: 2, x: true, ...keys, ...extra });
    await expectSameForEveryone(SHAPES.rootList, list({ l: localityId }));
    await expectSameForEveryone(SHAPES.rootList, list({ p: programmeId }, { status: ['OPEN', 'RESOLVED'], x: false }));
    for (const o of Object.values(body)) await expectSameForEveryone(SHAPES.rootList, list({ o }, { first: 5 }));
    await expectSameForEveryone(SHAPES.rootList, list({ l: localityId }, { stage: [1, 2] }));
    // Refused: no key, two keys, an unknown one.
    await expectSameForEveryone(SHAPES.rootList, list({}));
    await expectSameForEveryone(SHAPES.rootList, list({ l: localityId, p: programmeId }));
    await expectSameForEveryone(SHAPES.rootList, list({ l: '0b6c8f0e-5d0c-4a57-8e0a-1f2b3c4d5e6f' }));
    await expectSameForEveryone(SHAPES.rootList, list({ o: '0b6c8f0e-5d0c-4a57-8e0a-1f2b3c4d5e6f' }));
  });

  it("keeps another tenant's conflicts out", async () => {
    const other = await api.newTenant('read-conflicts-other');
    const theirs = (await api.newUser(other, 'COORDINATOR')).token;
    const answer = JSON.parse((await read(SHAPES.conflict, { id: conflicts.open }, theirs)).body);
    expect(answer.errors[0].extensions.code).toBe('NOT_FOUND');
  });
});
