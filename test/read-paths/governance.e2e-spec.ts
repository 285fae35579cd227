import { Barrier, GovernanceRule, GovernanceScanner, Severity, SubjectType } from '@joinedup/governance';
import { FLAG_PAGE } from '../../libs/web/src/flags/flag.documents';
import { LOCALITIES_HEALTH, LOCALITY_HEALTH, PROGRAMME_HEALTH } from '../../libs/web/src/health/health.documents';
import { randomBytes } from 'node:crypto';
import { BOARD_PACK } from '../../libs/web/src/board-pack/board-pack.documents';
import { WEBHOOKS, WEBHOOK_DELIVERIES } from '../../libs/web/src/admin/admin.documents';
import { JsonReads } from '@joinedup/graphql-kit';
import { ApiHarness, TestTenant } from '../support/api-harness';
import { RegistryFactory } from '../support/registry-factory';
import { compareForRoles, compareReads, sendRead, withoutRoots } from '../support/read-both-ways';

/**
 * A rule for this test only: a flag about each locality whose evidence names records every
 * way rules do (ids, lists, nested objects and lists, an id twice, upper case, not an id,
 * more than the 50 listed), so the compiled evidenceRecords walks what evidenceRecords walks.
 */
const EVIDENCE_PROBE: GovernanceRule = {
  code: 'TEST_EVIDENCE_PROBE',
  barrier: Barrier.FLEXIBILITY,
  subjectType: SubjectType.LOCALITY,
  severity: Severity.MEDIUM,
  description: 'Test rule.',
  thresholds: {},
  sql: (q) => `
    select l.id as subject_id, l.id as locality_id, null::uuid as programme_id, null::uuid as organisation_id,
           ${q.severity} as severity, 'Locality ' || l.name || ' has evidence.' as message,
           jsonb_build_object(
             'localityId', l.id,
             'requestId', 'not-an-id',
             'opposingOrganisationIds', (select jsonb_agg(m.organisation_id) || jsonb_build_array(upper(min(m.organisation_id::text)), 7, null, jsonb_build_array(l.id))
                                           from membership m where m.locality_id = l.id),
             'assignments', (select jsonb_agg(jsonb_build_object('programmeId', p.id, 'personId', l.id, 'nested', jsonb_build_object('organisationId', p.id)))
                               from programme p where p.locality_id = l.id),
             'nominationId', l.id,
             'milestoneIds', (select jsonb_agg(md5(l.id::text || i)::uuid) from generate_series(1, 55) i),
             'deep', jsonb_build_array(jsonb_build_array(jsonb_build_object('briefingIds', jsonb_build_array(l.id, l.id))))) as evidence
      from locality l where ${q.inScope('l.id')}`,
};

const FLAG_FIELDS = `id ruleCode barrier severity state subjectType subjectId message firstRaisedAt lastSeenAt evidenceChangedAt
  resolvedAt acknowledgedAt acknowledgedByUserId dismissedAt dismissedByUserId dismissalReason
  locality { id name } programme { id name } organisation { id name } evidenceRecords { type id role } history { kind at actorUserId reason }`;

describe('governance reads: compiled answers are the executed ones, for every role', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  const tokens: Record<string, string> = {};
  let localityId: string;
  let programmeId: string;
  let flagIds: string[];
  let scanId: string;
  let endpointId: string;

  beforeAll(async () => {
    api = await ApiHarness.start({ WEBHOOK_SECRET_KEY: randomBytes(32).toString('base64'), WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' });
    tenant = await api.newTenant('read-governance');
    tokens.TENANT_ADMIN = tenant.adminToken;
    tokens.COORDINATOR = (await api.newUser(tenant, 'COORDINATOR')).token;
    tokens.REVIEWER = (await api.newUser(tenant, 'REVIEWER')).token;
    const make = new RegistryFactory(api, tokens.COORDINATOR);
    localityId = (await make.locality('Read Town')).id;
    const bodies = await make.members(localityId, 3);
    programmeId = (await make.programme(localityId, bodies.map((b) => b.id).slice(0, 2))).id;
    const other = await make.programme(localityId, [bodies[0].id, bodies[2].id]);
    // A person with more roles than ROLE_OVERLOAD allows: a flag of no locality, shown under this one.
    const busy = await make.person(bodies[0].id);
    for (const id of [programmeId, programmeId, other.id, other.id]) {
      const role = (await api.ok(`mutation($i: DefineRoleInput!) { defineRole(input: $i) { id } }`, { i: { programmeId: id, title: `Role ${Math.random()}` } }, tokens.COORDINATOR)).defineRole;
      await api.ok(`mutation($i: AssignRoleInput!) { assignRole(input: $i) { id } }`, { i: { roleId: role.id, personId: busy.id, selectionMethod: 'OPEN_SELECTION' } }, tokens.COORDINATOR);
    }
    tokens.REPRESENTATIVE = (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', bodies[0].id)).token;
    const elsewhere = await make.locality('Elsewhere');
    const [stranger] = await make.members(elsewhere.id, 1);
    tokens.OUTSIDER = (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', stranger.id)).token;

    const scanner = api.app.get(GovernanceScanner);
    await scanner.scan({ tenantId: tenant.id, asOf: new Date(Date.now() - 86_400_000) });
    await scanner.scan({ tenantId: tenant.id, asOf: new Date(Date.now() - 3_600_000) }, [EVIDENCE_PROBE]);
    await scanner.scan({ tenantId: tenant.id, localityId, asOf: new Date() });
    const flags = await api.ok(
      `query($l: ID) { governanceFlags(localityId: $l, state: [OPEN, ACKNOWLEDGED, DISMISSED, RESOLVED], first: 100) { nodes { id ruleCode } } }`,
      { l: localityId },
      tokens.COORDINATOR,
    );
    flagIds = flags.governanceFlags.nodes.map((f: { id: string }) => f.id);
    expect(flags.governanceFlags.nodes.length).toBeGreaterThan(3);
    expect(flags.governanceFlags.nodes.map((f: { ruleCode: string }) => f.ruleCode)).toContain('ROLE_OVERLOAD');
    const [first, second] = flagIds.filter((id) => id !== flags.governanceFlags.nodes.find((f: { ruleCode: string }) => f.ruleCode === EVIDENCE_PROBE.code)?.id);
    await api.ok(`mutation($i: AcknowledgeFlagInput!) { acknowledgeGovernanceFlag(input: $i) { id } }`, { i: { flagId: first } }, tokens.COORDINATOR);
    await api.ok(`mutation($i: DismissFlagInput!) { dismissGovernanceFlag(input: $i) { id } }`, { i: { flagId: second, reason: 'Known: "quoted" \\ reason ✓' } }, tokens.COORDINATOR);
    const hook = await api.ok(`mutation($i: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $i) { endpoint { id } } }`,
      { i: { url: 'http://127.0.0.1:9/hook', events: ['FLAG_RAISED', 'HEALTH_CHANGED'], description: 'Board "inbox"' } }, tokens.TENANT_ADMIN);
    endpointId = hook.registerWebhookEndpoint.endpoint.id;
    await api.owner.query(
      `insert into webhook_delivery (tenant_id, endpoint_id, event_type, payload, state, attempts, last_status_code, last_error, last_attempt_at, delivered_at, created_at)
       select $1, $2, (array['flag.raised', 'health.changed'])[1 + i % 2], '{"n": 1}', s, i % 3, case when s = 'FAILED' then 500 end,
              case when s = 'FAILED' then 'Could not deliver' end, case when s <> 'PENDING' then now() end, case when s = 'DELIVERED' then now() end,
              now() - i * interval '1 minute'
         from generate_series(1, 5) i, lateral (select (array['PENDING', 'DELIVERED', 'FAILED'])[1 + i % 3] as s) st`,
      [tenant.id, endpointId],
    );
    scanId = (await api.ok(`mutation($l: ID) { requestGovernanceScan(localityId: $l) { id } }`, { l: localityId }, tokens.COORDINATOR)).requestGovernanceScan.id;
  });
  afterAll(() => api.stop());

  const READERS = ['TENANT_ADMIN', 'COORDINATOR', 'REVIEWER'];

  const check = (query: string, variables: Record<string, unknown>, compiledFor: (role: string) => boolean) =>
    compareForRoles(api, tokens, query, variables, compiledFor);
  const readers = (role: string) => READERS.includes(role);
  /** Readers, once other libraries describe these fields (`Type.field`) too. */
  const readersOnceDescribed =
    (...fields: string[]) =>
    (role: string) =>
      readers(role) && fields.every((field) => api.app.get(JsonReads).describes(...(field.split('.') as [string, string])));
  const nobody = () => false;

  it('answers the flag page for every flag (its governanceFlag in one statement)', async () => {
    for (const id of flagIds) {
      await check(FLAG_PAGE, { id }, readersOnceDescribed('Query.me', 'User.id', 'User.role'));
      const bodies = await check(withoutRoots(FLAG_PAGE, ['me']), { id }, readers);
      expect(JSON.parse(bodies.COORDINATOR).data.governanceFlag.id).toBe(id);
    }
    const probe = JSON.parse((await compareReads(api, `query($id: ID!) { governanceFlag(id: $id) { ${FLAG_FIELDS} } }`, { id: flagIds[0] }, tokens.COORDINATOR)).body);
    expect(probe.data.governanceFlag.history[0].kind).toBe('RAISED');
  });

  it('lists every record the evidence names, as evidenceRecords walks it', async () => {
    const query = `query($l: ID) { governanceFlags(localityId: $l, state: [OPEN, ACKNOWLEDGED, DISMISSED, RESOLVED], first: 100) { nodes { ${FLAG_FIELDS} } } }`;
    const bodies = await check(query, { l: localityId }, readers);
    const nodes = JSON.parse(bodies.COORDINATOR).data.governanceFlags.nodes;
    const probe = nodes.find((n: { ruleCode: string }) => n.ruleCode === EVIDENCE_PROBE.code);
    expect(probe.evidenceRecords).toHaveLength(50);
    expect(nodes.some((n: { history: unknown[] }) => n.history.length > 1)).toBe(true);
  });

  it('answers the health pages (their governance roots in one statement)', async () => {
    const days = { from: '2025-01-01', to: new Date().toISOString().slice(0, 10) };
    const monthAgo = '2025-11-06';
    await check(LOCALITIES_HEALTH, { first: 20, monthAgo }, readersOnceDescribed('Query.localities'));
    await check(LOCALITY_HEALTH, { localityId, ...days }, nobody);
    await check(PROGRAMME_HEALTH, { programmeId, ...days }, nobody);
    const localityPage = withoutRoots(LOCALITY_HEALTH, ['latestHealthCheckResults']);
    const bodies = await check(localityPage, { localityId, ...days }, readers);
    expect(JSON.parse(bodies.COORDINATOR).data.healthTrend.length).toBeGreaterThan(0);
    await check(withoutRoots(PROGRAMME_HEALTH, ['latestHealthCheckResults', 'programme']), { programmeId, ...days }, readers);
    // A member representative reads the locality (its governance fields null) in one statement too.
    const directory = `query($id: ID!, $day: String!) { locality(id: $id) { name governanceHealth { overall } governanceHealthAsOf(day: $day) { overall takenAt }
      governanceFlagCounts { high medium low } } }`;
    const asRepresentative = await check(directory, { id: localityId, day: days.to }, (role) => role !== 'OUTSIDER');
    expect(JSON.parse(asRepresentative.REPRESENTATIVE).data.locality.governanceHealth).toBeNull();
    expect(JSON.parse(asRepresentative.COORDINATOR).data.locality.governanceHealth).not.toBeNull();
    await check(directory, { id: localityId, day: '2026-3-1' }, nobody);
    await check(LOCALITIES_HEALTH.replace(/localities[\s\S]*?\n  governanceFlags/, 'governanceFlags'), { first: 20, monthAgo }, nobody);
  });

  it('copies the records each flag keeps as json text for `{ type id role }`, and writes any other selection of them', async () => {
    const query = (records: string) =>
      `query($l: ID) { governanceFlags(localityId: $l, state: [OPEN, ACKNOWLEDGED, DISMISSED, RESOLVED], first: 100) { nodes { id evidenceRecords { ${records} } } } }`;
    const stored = JSON.parse((await check(query('type id role'), { l: localityId }, readers)).COORDINATOR).data.governanceFlags.nodes;
    const read = await sendRead(api, query('type id role'), { l: localityId }, tokens.COORDINATOR, true);
    expect(read.statements.some((sql) => sql.includes('.evidence_records_json'))).toBe(true);
    // Reordered, aliased, partial, with __typename or a fragment: written from the records, the same values.
    for (const records of ['id type role', 'type id kind: role', 'type id', 'type id role __typename', '...on FlagEvidenceRecord { type id role }']) {
      const nodes = JSON.parse((await check(query(records), { l: localityId }, readers)).COORDINATOR).data.governanceFlags.nodes;
      const written = await sendRead(api, query(records), { l: localityId }, tokens.COORDINATOR, true);
      expect([records, written.statements.some((sql) => sql.includes('.evidence_records_json'))]).toEqual([records, records.startsWith('...')]);
      expect(nodes.map((n: { evidenceRecords: { id: string }[] }) => n.evidenceRecords.map((r) => r.id))).toEqual(
        stored.map((n: { evidenceRecords: { id: string }[] }) => n.evidenceRecords.map((r) => r.id)),
      );
    }
  });

  it('executes the described relations by their description: one statement per relation and level, the compiled bytes', async () => {
    const query = `query($l: ID!, $day: String!) {
      governanceFlags(localityId: $l, state: [OPEN, ACKNOWLEDGED, DISMISSED, RESOLVED], first: 100) { nodes { id evidenceRecords { type id role } history { kind at actorUserId reason } } }
      locality(id: $l) { governanceHealth { overall takenAt } governanceHealthAsOf(day: $day) { overall } before: governanceHealthAsOf(day: "2025-01-01") { overall }
        governanceFlagCounts { high medium low } programmes { id governanceHealth { overall openFlags } } } }`;
    const variables = { l: localityId, day: new Date().toISOString().slice(0, 10) };
    const executed = await sendRead(api, query, variables, tokens.COORDINATOR, false);
    expect(JSON.parse(executed.body).errors).toBeUndefined();
    expect(executed.body).toBe((await sendRead(api, query, variables, tokens.COORDINATOR, true)).body);
    const described = executed.statements.filter((sql) => sql.startsWith('select r0.id as described_parent'));
    // GovernanceFlag.evidenceRecords and history; Locality.programmes, governanceHealth, governanceHealthAsOf (two days), governanceFlagCounts; Programme.governanceHealth.
    expect(described).toHaveLength(8);
    expect(described.filter((sql) => sql.includes('from (select governance_flag.*'))).toHaveLength(2);
    expect(described.filter((sql) => sql.includes('from locality r0'))).toHaveLength(5);
    expect(described.filter((sql) => sql.includes('from programme r0'))).toHaveLength(1);
    // A member representative reads them as null, without a statement.
    const directory = `query($l: ID!, $day: String!) { locality(id: $l) { governanceHealth { overall } governanceHealthAsOf(day: $day) { overall } governanceFlagCounts { high } } }`;
    const asRepresentative = await sendRead(api, directory, variables, tokens.REPRESENTATIVE, false);
    expect(JSON.parse(asRepresentative.body).data.locality).toEqual({ governanceHealth: null, governanceHealthAsOf: null, governanceFlagCounts: null });
    expect(asRepresentative.statements.filter((sql) => sql.startsWith('select r0.id as described_parent'))).toHaveLength(0);
  });

  it('pages flags and scans with the cursors execution gives, filters and aliases included', async () => {
    const page = `query($first: Int!, $after: String, $b: [Barrier!], $s: [FlagSeverity!]) {
      a: governanceFlags(first: $first, after: $after, barrier: $b, severity: $s) { __typename nodes { id __typename ... on GovernanceFlag { at: firstRaisedAt } } pageInfo { hasNextPage endCursor } }
      scans: governanceScans(localityId: "${localityId}", first: 2) { nodes { id trigger state queuedAt startedAt finishedAt asOf attempts flagsRaised flagsUpdated flagsResolved openFlags durationMs error locality { name } } pageInfo { endCursor hasNextPage } }
      one: governanceScan(id: "${scanId}") { id state locality { id } } }`;
    const first = JSON.parse((await check(page, { first: 2 }, readers)).COORDINATOR).data;
    expect(first.a.pageInfo.hasNextPage).toBe(true);
    await check(page, { first: 2, after: first.a.pageInfo.endCursor }, readers);
    await check(page, { first: 100, b: ['LEADERSHIP', 'FLEXIBILITY'], s: [] }, readers);
    await check(page, { first: 2, after: 'not-a-cursor' }, nobody);
    await check(page, { first: 101 }, nobody);
  });

  it("answers the bench's open flags read, the board pack's governance roots and the webhook pages", async () => {
    const benchFlags = `query($id: ID!) { governanceFlags(localityId: $id, state: [OPEN], first: 30) {
      nodes { id ruleCode barrier severity message firstRaisedAt evidenceRecords { type id role } programme { id name } organisation { id name } }
      pageInfo { hasNextPage endCursor } } }`;
    await check(benchFlags, { id: localityId }, readers);
    const days = { localityId, from: '2025-01-01', to: '2026-12-31' };
    await check(BOARD_PACK, days, nobody);
    await check(withoutRoots(BOARD_PACK, ['locality', 'latestHealthCheckResults']), days, readers);
    const admin = (role: string) => role === 'TENANT_ADMIN';
    const hooks = JSON.parse((await check(WEBHOOKS, {}, admin)).TENANT_ADMIN).data.webhookEndpoints;
    expect(hooks[0]).toMatchObject({ events: ['FLAG_RAISED', 'HEALTH_CHANGED'], active: true });
    const log = JSON.parse((await check(WEBHOOK_DELIVERIES, { endpointId, first: 2 }, admin)).TENANT_ADMIN).data.webhookDeliveries;
    await check(WEBHOOK_DELIVERIES, { endpointId, first: 2, after: log.pageInfo.endCursor }, admin);
    await check(WEBHOOK_DELIVERIES, { endpointId, first: 10, state: 'FAILED' }, admin);
    await check(WEBHOOK_DELIVERIES, { endpointId: scanId, first: 10 }, nobody);
  });

  it('leaves to execution what only the resolvers refuse, with their errors', async () => {
    const trend = `query($p: ID, $l: ID, $from: String!, $to: String!) { healthTrend(programmeId: $p, localityId: $l, from: $from, to: $to) { takenAt overall } }`;
    await check(trend, { p: programmeId, from: '2025-01-01', to: '2026-12-31' }, readers);
    await check(trend, { p: programmeId, l: localityId, from: '2025-01-01', to: '2026-12-31' }, nobody);
    await check(trend, { from: '2025-01-01', to: '2026-12-31' }, nobody);
    await check(trend, { l: localityId, from: '2026-12-31', to: '2025-01-01' }, nobody);
    await check(trend, { l: localityId, from: '2020-01-01', to: '2026-12-31' }, nobody);
    await check(trend, { l: '0b6c8f0e-5d0c-4a57-8e0a-1f2b3c4d5e6f', from: '2025-01-01', to: '2026-12-31' }, nobody);
    await check(`query { governanceFlag(id: "0b6c8f0e-5d0c-4a57-8e0a-1f2b3c4d5e6f") { id } }`, {}, nobody);
    const other = await api.newTenant('read-governance-other');
    const theirs = await compareReads(api, `query($id: ID!) { governanceFlag(id: $id) { id } }`, { id: flagIds[0] }, other.adminToken);
    expect(theirs.compiled).toBe(false);
    expect(JSON.parse(theirs.body).errors[0].extensions.code).toBe('NOT_FOUND');
  });
});
