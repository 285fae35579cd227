import { Barrier, GovernanceRule, GovernanceScanner, Severity, SubjectType } from '@joinedup/governance';
import { ApiHarness, TestTenant, TestUser, codeOf, sharedApi } from '../support/api-harness';
import { daysAfter } from '../support/governance-probe';
import { RegistryFactory } from '../support/registry-factory';

/**
 * A rule for these tests only: every locality is flagged, with its name as evidence, so a
 * rename changes the evidence and removing the locality's "Probe" marker clears the cause.
 */
const LOCALITY_PROBE: GovernanceRule = {
  code: 'TEST_LOCALITY_PROBE',
  barrier: Barrier.COMMUNICATION,
  subjectType: SubjectType.LOCALITY,
  severity: Severity.HIGH,
  description: 'Test rule.',
  thresholds: {},
  sql: (q) => `
    select l.id as subject_id, l.id as locality_id, null::uuid as programme_id, null::uuid as organisation_id,
           ${q.severity} as severity, 'Locality ' || l.name || ' is being probed.' as message,
           jsonb_build_object('name', l.name) as evidence
      from locality l where l.name like 'Probe%' and ${q.inScope('l.id')}`,
};

const FLAG_FIELDS = `id ruleCode barrier severity state subjectType subjectId message evidence firstRaisedAt lastSeenAt
  resolvedAt acknowledgedAt dismissedAt dismissalReason locality { id name } programme { id } organisation { id }`;
const FLAGS = `query($localityId: ID, $programmeId: ID, $barrier: [Barrier!], $severity: [FlagSeverity!], $state: [FlagState!], $first: Int, $after: String) {
  governanceFlags(localityId: $localityId, programmeId: $programmeId, barrier: $barrier, severity: $severity, state: $state, first: $first, after: $after) {
    nodes { ${FLAG_FIELDS} } pageInfo { hasNextPage endCursor }
  }
}`;
const FLAG = `query($id: ID!) { governanceFlag(id: $id) { ${FLAG_FIELDS} } }`;
const ACKNOWLEDGE = `mutation($input: AcknowledgeFlagInput!) { acknowledgeGovernanceFlag(input: $input) { id state acknowledgedAt } }`;
const DISMISS = `mutation($input: DismissFlagInput!) { dismissGovernanceFlag(input: $input) { id state dismissedAt dismissalReason } }`;
const RULES = `{ governanceRules { code barrier subjectType description enabled severity defaultSeverity tenantWide
  thresholds { name value default min max unit description } } }`;
const UPDATE_RULE = `mutation($input: UpdateGovernanceRuleInput!) { updateGovernanceRule(input: $input) {
  code enabled severity thresholds { name value default } } }`;
const REQUEST_SCAN = `mutation($localityId: ID) { requestGovernanceScan(localityId: $localityId) { id state trigger locality { id } queuedAt } }`;
const SCANS = `query($localityId: ID, $first: Int) { governanceScans(localityId: $localityId, first: $first) {
  nodes { id state trigger flagsRaised flagsUpdated flagsResolved openFlags durationMs asOf locality { id } } pageInfo { hasNextPage } } }`;
const TREND = `query($programmeId: ID, $localityId: ID, $from: String!, $to: String!) {
  healthTrend(programmeId: $programmeId, localityId: $localityId, from: $from, to: $to) {
    takenAt overall flexibility recognition communication conflictResolution roleFit leadership continuousImprovement openFlags } }`;
const LOCALITY_HEALTH = `query($id: ID!) { locality(id: $id) { id governanceHealth { overall communication openFlags scanId }
  programmes { id governanceHealth { overall } } } }`;
const RENAME = `mutation($input: RenameLocalityInput!) { renameLocality(input: $input) { id name } }`;

describe('governance flags, rules, scans and health over GraphQL', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let other: TestTenant;
  let coordinator: string;
  let reviewer: string;
  let rep: TestUser;
  let locality: { id: string; name: string };
  let quiet: { id: string; name: string };
  let programme: { id: string };
  const scan = (asOf: Date, rules?: GovernanceRule[], tenantId = tenant.id) =>
    api.app.get(GovernanceScanner).scan({ tenantId, asOf }, rules);
  const probeFlag = async () =>
    (await api.ok(FLAGS, { localityId: locality.id, barrier: ['COMMUNICATION'], state: ['OPEN', 'ACKNOWLEDGED', 'DISMISSED'] }, coordinator))
      .governanceFlags.nodes.find((f: { ruleCode: string }) => f.ruleCode === LOCALITY_PROBE.code);

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('governance-api');
    other = await api.newTenant('governance-other');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    reviewer = (await api.newUser(tenant, 'REVIEWER')).token;
    const make = new RegistryFactory(api, coordinator);
    locality = await make.locality('Probe Town');
    quiet = await make.locality('Quiet Town');
    const [a, b] = await make.members(locality.id, 2);
    rep = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', a.id);
    programme = await make.programme(locality.id, [a.id, b.id]);
  });
  afterAll(() => sharedApi.leave(api));

  it('shows a raised flag with its subject, evidence and places, to readers but not to member representatives', async () => {
    await scan(new Date(), [LOCALITY_PROBE]);
    const flag = await probeFlag();
    expect(flag).toMatchObject({
      barrier: 'COMMUNICATION',
      severity: 'HIGH',
      state: 'OPEN',
      subjectType: 'LOCALITY',
      subjectId: locality.id,
      message: 'Locality Probe Town is being probed.',
      evidence: { name: 'Probe Town' },
      locality: { id: locality.id, name: 'Probe Town' },
      programme: null,
      organisation: null,
    });
    expect((await api.ok(FLAG, { id: flag.id }, reviewer)).governanceFlag.id).toBe(flag.id);
    expect(codeOf(await api.graphql(FLAGS, {}, rep.token))).toBe('FORBIDDEN');
    // Another tenant cannot tell the flag exists.
    expect(codeOf(await api.graphql(FLAG, { id: flag.id }, other.adminToken))).toBe('NOT_FOUND');
    expect(codeOf(await api.graphql(ACKNOWLEDGE, { input: { flagId: flag.id } }, other.adminToken))).toBe('NOT_FOUND');
    expect((await api.ok(FLAGS, {}, other.adminToken)).governanceFlags.nodes).toEqual([]);
  });

  it('filters by barrier, severity and state, newest first, a page at a time', async () => {
    const page1 = (await api.ok(FLAGS, { barrier: ['COMMUNICATION'], severity: ['HIGH'], first: 1 }, coordinator)).governanceFlags;
    expect(page1.nodes).toHaveLength(1);
    expect(page1.nodes[0].barrier).toBe('COMMUNICATION');
    const none = (await api.ok(FLAGS, { barrier: ['COMMUNICATION'], severity: ['LOW'] }, coordinator)).governanceFlags;
    expect(none.nodes.filter((f: { ruleCode: string }) => f.ruleCode === LOCALITY_PROBE.code)).toEqual([]);
    const resolvedOnly = (await api.ok(FLAGS, { localityId: locality.id, state: ['RESOLVED'] }, coordinator)).governanceFlags;
    expect(resolvedOnly.nodes.every((f: { state: string }) => f.state === 'RESOLVED')).toBe(true);
    expect(codeOf(await api.graphql(FLAGS, { after: 'not-a-cursor' }, coordinator))).toBe('BAD_USER_INPUT');
    expect(codeOf(await api.graphql(FLAGS, { first: 1000 }, coordinator))).toBe('BAD_USER_INPUT');
  });

  it('lets coordinators acknowledge and dismiss (audited); a dismissed flag opens again when its evidence changes', async () => {
    const flag = await probeFlag();
    expect(codeOf(await api.graphql(ACKNOWLEDGE, { input: { flagId: flag.id } }, reviewer))).toBe('FORBIDDEN');
    const acknowledged = (await api.ok(ACKNOWLEDGE, { input: { flagId: flag.id } }, coordinator)).acknowledgeGovernanceFlag;
    expect(acknowledged).toMatchObject({ state: 'ACKNOWLEDGED', acknowledgedAt: expect.any(String) });

    expect(codeOf(await api.graphql(DISMISS, { input: { flagId: flag.id, reason: '  ' } }, coordinator))).toBe('BAD_USER_INPUT');
    const dismissed = (await api.ok(DISMISS, { input: { flagId: flag.id, reason: 'A test locality.' } }, coordinator))
      .dismissGovernanceFlag;
    expect(dismissed).toMatchObject({ state: 'DISMISSED', dismissalReason: 'A test locality.' });
    expect((await api.graphql(ACKNOWLEDGE, { input: { flagId: flag.id } }, coordinator)).errors?.[0].extensions).toEqual({ code: 'CONFLICT', reason: 'FLAG_ALREADY_DISMISSED' });
    const audit = await api.owner.query(
      `select action from audit_event where tenant_id = $1 and entity_id = $2 order by occurred_at, id`,
      [tenant.id, flag.id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['governance_flag.acknowledged', 'governance_flag.dismissed']);

    // The same evidence: still dismissed, and no longer counted in the health score. The
    // scan did not rewrite the flag, yet it counts as having seen it.
    const [stored] = await api.owner.query(`select last_seen_at from governance_flag where id = $1`, [flag.id]);
    const unchanged = await scan(new Date(), [LOCALITY_PROBE]);
    expect(unchanged).toMatchObject({ raised: 0, updated: 0, resolved: 0 });
    expect(await probeFlag()).toMatchObject({ state: 'DISMISSED', lastSeenAt: unchanged.asOf.toISOString() });
    expect(await api.owner.query(`select last_seen_at from governance_flag where id = $1`, [flag.id])).toEqual([stored]);
    const health = (await api.ok(LOCALITY_HEALTH, { id: locality.id }, coordinator)).locality.governanceHealth;
    expect(health.communication).toBe(100);

    // New evidence: the same flag opens again.
    await api.ok(RENAME, { input: { localityId: locality.id, name: 'Probe Town North' } }, coordinator);
    await scan(new Date(), [LOCALITY_PROBE]);
    const reopened = await probeFlag();
    expect(reopened).toMatchObject({ id: flag.id, state: 'OPEN', dismissedAt: null, evidence: { name: 'Probe Town North' } });

    // The cause cleared: resolved, and a later return raises a new flag.
    await api.ok(RENAME, { input: { localityId: locality.id, name: 'North Town' } }, coordinator);
    const cleared = await scan(new Date(), [LOCALITY_PROBE]);
    expect(cleared.resolved).toBe(1);
    expect(await probeFlag()).toBeUndefined();
    expect((await api.graphql(DISMISS, { input: { flagId: flag.id, reason: 'late' } }, coordinator)).errors?.[0].extensions).toEqual({ code: 'CONFLICT', reason: 'FLAG_RESOLVED' });
    await api.ok(RENAME, { input: { localityId: locality.id, name: 'Probe Town' } }, coordinator);
    await scan(new Date(), [LOCALITY_PROBE]);
    const raisedAgain = await probeFlag();
    expect(raisedAgain.id).not.toBe(flag.id);
  });

  it('scores health per programme and locality after each scan, and reads the trend', async () => {
    const data = (await api.ok(LOCALITY_HEALTH, { id: locality.id }, coordinator)).locality;
    expect(data.governanceHealth).toMatchObject({ communication: 80, openFlags: expect.any(Number) });
    expect(data.programmes[0].governanceHealth.overall).toEqual(expect.any(Number));
    // Member representatives read the locality, not its health.
    expect((await api.ok(LOCALITY_HEALTH, { id: locality.id }, rep.token)).locality.governanceHealth).toBeNull();

    const today = new Date().toISOString().slice(0, 10);
    const trend = (await api.ok(TREND, { localityId: locality.id, from: today, to: today }, reviewer)).healthTrend;
    expect(trend.length).toBeGreaterThanOrEqual(4);
    expect(trend.map((p: { takenAt: string }) => p.takenAt)).toEqual([...trend.map((p: { takenAt: string }) => p.takenAt)].sort());
    expect(trend.at(-1).communication).toBe(80);
    expect(trend.some((p: { communication: number }) => p.communication === 100)).toBe(true);

    expect(codeOf(await api.graphql(TREND, { from: today, to: today }, reviewer))).toBe('BAD_USER_INPUT');
    expect(codeOf(await api.graphql(TREND, { localityId: locality.id, from: today, to: '2020-01-01' }, reviewer))).toBe('BAD_USER_INPUT');
    expect(codeOf(await api.graphql(TREND, { programmeId: programme.id, from: today, to: today }, other.adminToken))).toBe('NOT_FOUND');
    expect(codeOf(await api.graphql(TREND, { localityId: locality.id, from: today, to: today }, rep.token))).toBe('FORBIDDEN');
  });

  it("gives a locality's health as it stood at the end of a day, and its flags that count by severity", async () => {
    // Snapshots of past scans of the quiet locality (a scan cannot be run in the past over the API).
    const snapshot = (takenAt: Date, overall: number) =>
      api.owner.query(
        `with scan as (insert into governance_scan (tenant_id, locality_id, trigger) values ($1, $2, 'REQUEST') returning id)
         insert into health_snapshot (tenant_id, scan_id, subject_type, subject_id, locality_id, taken_at, overall, flexibility,
                                      recognition, communication, conflict_resolution, role_fit, leadership, continuous_improvement, open_flags)
         select $1, scan.id, 'LOCALITY', $2, $2, $3, $4, 90, 90, 90, 90, 90, 90, 90, 0 from scan`,
        [tenant.id, quiet.id, takenAt, overall],
      );
    const now = new Date();
    await snapshot(daysAfter(now, -40), 60);
    await snapshot(daysAfter(now, -10), 75);
    const dayOf = (days: number) => daysAfter(now, days).toISOString().slice(0, 10);
    const AS_OF = `query($day: String!) { localities(first: 10) { nodes { id
      governanceHealthAsOf(day: $day) { overall } governanceFlagCounts { high medium low } } } }`;
    const asOf = async (day: string, token = reviewer) => {
      const nodes = (await api.ok(AS_OF, { day }, token)).localities.nodes as any[];
      return Object.fromEntries(nodes.map((n) => [n.id, n]));
    };
    expect((await asOf(dayOf(-30)))[quiet.id].governanceHealthAsOf).toEqual({ overall: 60 });
    expect((await asOf(dayOf(-5)))[quiet.id].governanceHealthAsOf).toEqual({ overall: 75 });
    expect((await asOf(dayOf(-50)))[quiet.id].governanceHealthAsOf).toBeNull();

    // The counts are those governanceFlags lists (open and acknowledged), by severity.
    await scan(new Date(), [LOCALITY_PROBE]);
    const listed = (await api.ok(FLAGS, { localityId: locality.id, first: 100 }, coordinator)).governanceFlags.nodes as { severity: string }[];
    const count = (severity: string) => listed.filter((f) => f.severity === severity).length;
    expect(listed.length).toBeGreaterThan(0);
    const both = await asOf(dayOf(0));
    expect(both[locality.id].governanceFlagCounts).toEqual({ high: count('HIGH'), medium: count('MEDIUM'), low: count('LOW') });
    expect(both[quiet.id].governanceFlagCounts).toEqual({ high: 0, medium: 0, low: 0 });

    // Member representatives read their localities as a directory only; a day must be a day.
    const asRep = await asOf(dayOf(-5), rep.token);
    expect([asRep[locality.id].governanceHealthAsOf, asRep[locality.id].governanceFlagCounts]).toEqual([null, null]);
    expect(codeOf(await api.graphql(AS_OF, { day: '2026-02-30x' }, reviewer))).toBe('BAD_USER_INPUT');
  });

  it('lists rules with their settings; tenant administrators change them (audited, bounded), from the next scan on', async () => {
    const rules = (await api.ok(RULES, {}, reviewer)).governanceRules;
    const rule = rules.find((r: { code: string }) => r.code === 'CONFLICT_UNACKNOWLEDGED');
    expect(rule).toMatchObject({ barrier: 'CONFLICT_RESOLUTION', enabled: true, severity: 'MEDIUM', defaultSeverity: 'MEDIUM' });
    expect(rule.thresholds).toEqual([expect.objectContaining({ name: 'days', value: 5, default: 5 })]);

    const input = { code: 'CONFLICT_UNACKNOWLEDGED', severity: 'HIGH', thresholds: [{ name: 'days', value: 10 }] };
    expect(codeOf(await api.graphql(UPDATE_RULE, { input }, coordinator))).toBe('FORBIDDEN');
    for (const bad of [
      { code: 'NO_SUCH_RULE', enabled: false },
      { code: 'CONFLICT_UNACKNOWLEDGED', thresholds: [{ name: 'weeks', value: 2 }] },
      { code: 'CONFLICT_UNACKNOWLEDGED', thresholds: [{ name: 'days', value: 100000 }] },
      { code: 'CONFLICT_UNACKNOWLEDGED', thresholds: [{ name: 'days', value: 2.5 }] },
      { code: 'CONFLICT_UNACKNOWLEDGED' },
    ]) {
      const result = await api.graphql(UPDATE_RULE, { input: bad }, tenant.adminToken);
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
    }
    const updated = (await api.ok(UPDATE_RULE, { input }, tenant.adminToken)).updateGovernanceRule;
    expect(updated).toMatchObject({ severity: 'HIGH', thresholds: [{ name: 'days', value: 10, default: 5 }] });
    // Other tenants keep the defaults.
    const theirs = (await api.ok(RULES, {}, other.adminToken)).governanceRules.find((r: { code: string }) => r.code === input.code);
    expect(theirs.thresholds[0].value).toBe(5);

    // A conflict open 6 days: not flagged under the tenant's 10 days, flagged (HIGH) after 11.
    const [conflict] = await api.owner.query(
      `insert into conflict (tenant_id, locality_id, programme_id, raised_by_organisation_id, raised_by_user_id, category, severity, title, description)
       select $1, $2, $3, pp.organisation_id, $4, 'RESOURCES', 'LOW', 'Test', 'Test'
         from programme_participant pp where pp.programme_id = $3 limit 1
       returning id, opened_at`,
      [tenant.id, locality.id, programme.id, tenant.adminId],
    );
    const flagged = async (asOf: Date) => {
      await scan(asOf);
      const [row] = await api.owner.query(
        `select severity from governance_flag where tenant_id = $1 and subject_id = $2 and resolved_at is null`,
        [tenant.id, conflict.id],
      );
      return row?.severity ?? null;
    };
    expect(await flagged(daysAfter(conflict.opened_at, 6))).toBeNull();
    expect(await flagged(daysAfter(conflict.opened_at, 11))).toBe('HIGH');

    const reset = (await api.ok(UPDATE_RULE, { input: { code: input.code, resetToDefaults: true, enabled: false } }, tenant.adminToken))
      .updateGovernanceRule;
    expect(reset).toMatchObject({ enabled: false, severity: 'MEDIUM', thresholds: [{ name: 'days', value: 5 }] });
    // A disabled rule's flags resolve at the next scan.
    expect(await flagged(daysAfter(conflict.opened_at, 11))).toBeNull();
    const audit = await api.owner.query(
      `select count(*)::int as n from audit_event where tenant_id = $1 and action = 'governance_rule.updated'`,
      [tenant.id],
    );
    expect(audit[0].n).toBe(2);
  });

  it('queues one requested scan per scope while it waits, and lists scans newest first', async () => {
    expect(codeOf(await api.graphql(REQUEST_SCAN, { localityId: locality.id }, reviewer))).toBe('FORBIDDEN');
    expect(codeOf(await api.graphql(REQUEST_SCAN, { localityId: locality.id }, other.adminToken))).toBe('NOT_FOUND');
    expect(codeOf(await api.graphql(REQUEST_SCAN, { localityId: 'nope' }, coordinator))).toBe('BAD_USER_INPUT');
    const first = (await api.ok(REQUEST_SCAN, { localityId: quiet.id }, coordinator)).requestGovernanceScan;
    expect(first).toMatchObject({ state: 'QUEUED', trigger: 'REQUEST', locality: { id: quiet.id } });
    const again = (await api.ok(REQUEST_SCAN, { localityId: quiet.id }, coordinator)).requestGovernanceScan;
    expect(again.id).toBe(first.id);
    const full = (await api.ok(REQUEST_SCAN, {}, coordinator)).requestGovernanceScan;
    expect(full).toMatchObject({ state: 'QUEUED', locality: null });
    const events = await api.owner.query(
      `select payload from outbox_event where tenant_id = $1 and type = 'governance.scan_requested' order by created_at`,
      [tenant.id],
    );
    expect(events.map((e: { payload: unknown }) => e.payload)).toEqual([
      { scanId: first.id, localityId: quiet.id },
      { scanId: full.id, localityId: null },
    ]);

    const scans = (await api.ok(SCANS, { localityId: quiet.id, first: 50 }, reviewer)).governanceScans.nodes;
    expect(scans[0]).toMatchObject({ id: full.id, state: 'QUEUED' });
    expect(scans.map((s: { id: string }) => s.id)).toContain(first.id);
    // Scans run in this file (all full scans) are listed as SUCCEEDED with what they did.
    expect(scans.find((s: { state: string }) => s.state === 'SUCCEEDED')).toMatchObject({
      flagsRaised: expect.any(Number),
      durationMs: expect.any(Number),
      asOf: expect.any(String),
    });
    expect((await api.ok(SCANS, {}, other.adminToken)).governanceScans.nodes).toEqual([]);
  });
});
