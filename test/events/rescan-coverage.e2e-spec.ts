import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { openDataSource } from '@joinedup/database';
import { GovernanceScanner } from '@joinedup/governance';
import { onboardingCsv } from '@joinedup/onboarding';
import { DOMAIN_EVENT, isDomainEventName, payloadMismatches, scopeOf } from '@joinedup/events';
import { ApiHarness, GraphQLResult, TestTenant } from '../support/api-harness';
import { PrivateDatabase, privateDatabase } from '../support/private-database';
import { RegistryFactory } from '../support/registry-factory';
import { ruleReads } from './rule-reads';

/**
 * What a rule reads decides which events rescan it. For every governance rule this derives,
 * from its SQL, the tables it reads; then runs mutations of the schema over HTTP, records
 * (with a row trigger on every table of a private database) which tables each one wrote and
 * which outbox events it recorded, and fails when a mutation wrote a table some rule reads
 * without recording a catalogued event that rescans that rule's scope: a locality for a
 * locality rule, the tenant for a tenant-wide one. Outbox rows written by database
 * triggers are checked against the catalogue on the way.
 */

/**
 * Mutations that may create a record nothing refers to yet: when every body and person event
 * of a run says CREATED, that run concerns no locality (and rescans nothing).
 */
const CREATES_UNREFERENCED = new Set(['createOrganisation', 'createPerson', 'applyOnboarding']);
const RECORD_EVENTS: string[] = [DOMAIN_EVENT.organisationChanged, DOMAIN_EVENT.personChanged];

/**
 * Every mutation of the schema is either run below or named here with why not: a new
 * mutation fails this test until it is one or the other.
 */
const NOT_RUN: Record<string, string> = {
  signIn: 'writes sessions only',
  refreshSession: 'writes sessions only',
  signOut: 'writes sessions only',
  registerWebhookEndpoint: 'webhooks: no rule reads them',
  updateWebhookEndpoint: 'webhooks: no rule reads them',
  rotateWebhookSecret: 'webhooks: no rule reads them',
  openSurveyRound: 'health check: no rule reads it',
  closeSurveyRound: 'health check: no rule reads it',
  inviteToSurveyRound: 'health check: no rule reads it',
  submitHealthCheck: 'health check: no rule reads it',
  changeHealthCheckAnswers: 'health check: no rule reads it',
  renewCalendarFeed: 'calendar feeds: no rule reads them',
  revokeCalendarFeed: 'calendar feeds: no rule reads them',
  updateMyMailPreferences: 'mail preferences: no rule reads them',
  revokeMyUnsubscribeLinks: 'mail preferences: no rule reads them',
  unsubscribeFromMail: 'mail preferences: no rule reads them',
  sendSignInLink: 'sign-in links: no rule reads them',
  setPasswordWithLink: 'sign-in links and sessions: no rule reads them',
};

interface Written {
  tables: Set<string>;
  events: { type: string; payload: Record<string, unknown> }[];
}

describe('rescans follow every change a rule reads', () => {
  let database: PrivateDatabase;
  let api: ApiHarness;
  let owner: DataSource;
  let tenant: TestTenant;
  let coordinator: string;
  let tables: string[];
  let reads: ReturnType<typeof ruleReads>;
  const ran = new Map<string, Written[]>();
  let mark = 0;

  beforeAll(async () => {
    database = await privateDatabase('rescans');
    owner = await openDataSource({ url: database.env.DATABASE_MIGRATION_URL, applicationName: 'joinedup-test', poolSize: 1 });
    tables = (
      (await owner.query(
        `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
      )) as { table_name: string }[]
    ).map((t) => t.table_name);
    // The log is written by a SECURITY DEFINER function, so the application role needs no grant on it.
    await owner.query(`create table write_log (id bigserial primary key, table_name text not null, event jsonb)`);
    await owner.query(`
      create function log_write() returns trigger language plpgsql security definer set search_path = public as $$
      begin
        insert into write_log (table_name, event)
        values (tg_table_name, case when tg_table_name = 'outbox_event' and tg_op = 'INSERT'
                                    then to_jsonb(new) - 'id' - 'tenant_id' - 'created_at' - 'dispatched_at' end);
        return null;
      end $$`);
    for (const table of tables) {
      await owner.query(`create trigger zz_log_write after insert or update or delete on "${table}" for each row execute function log_write()`);
    }
    api = await ApiHarness.start(database.env);
    tenant = await api.newTenant('rescans');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    reads = ruleReads(tables);
    mark = await lastLogged();
  });
  afterAll(async () => {
    await api?.stop();
    await owner?.destroy();
    await database?.drop();
  });

  const lastLogged = async () => Number((await owner.query(`select coalesce(max(id), 0) as id from write_log`))[0].id);

  /** Runs one mutation (it must succeed) and keeps what it wrote. */
  async function run<T = any>(name: string, query: string, input: Record<string, unknown>, token = coordinator): Promise<T> {
    mark = await lastLogged();
    const result: GraphQLResult = await api.graphql(query, { input }, token);
    if (result.errors?.length) throw new Error(`${name}: ${JSON.stringify(result.errors)}`);
    const rows = (await owner.query(`select table_name, event from write_log where id > $1 order by id`, [mark])) as {
      table_name: string;
      event: { type: string; payload: Record<string, unknown> } | null;
    }[];
    const written = { tables: new Set(rows.map((r) => r.table_name)), events: rows.flatMap((r) => (r.event ? [r.event] : [])) };
    ran.set(name, [...(ran.get(name) ?? []), written]);
    return (result.data as Record<string, T>)[name];
  }

  it('finds the tables each rule reads', () => {
    const byCode = new Map(reads.map((r) => [r.rule.code, r.tables]));
    expect(byCode.get('ROLE_LOW_FIT')).toEqual(expect.arrayContaining(['person_competency', 'role_assignment', 'programme_role_competency']));
    expect(byCode.get('ROLE_OVERLOAD')).toEqual(expect.arrayContaining(['role_assignment', 'programme_role', 'programme', 'person']));
    for (const { rule, tables: read } of reads) expect({ rule: rule.code, reads: read.length > 0 }).toEqual({ rule: rule.code, reads: true });
    // What the mutations not run write: sessions, webhooks, the health check. No rule reads any of it.
    const notRunWrites = /^(app_user|auth_session|refresh_token|sign_in_|webhook_|survey_|health_check)/;
    expect(tables.filter((t) => notRunWrites.test(t)).length).toBeGreaterThan(3);
    expect(reads.flatMap((r) => r.tables.filter((t) => notRunWrites.test(t)))).toEqual([]);
  });

  it('runs the mutations of a partnership’s life', async () => {
    const ok = (name: string, type: string, input: Record<string, unknown>, select = 'id') =>
      run(name, `mutation($input: ${type}!) { ${name}(input: $input) { ${select} } }`, input);
    const locality = await ok('createLocality', 'CreateLocalityInput', { name: 'Rescan town', code: `E${randomUUID().slice(0, 8)}`, region: 'North East' });
    await ok('renameLocality', 'RenameLocalityInput', { localityId: locality.id, name: 'Rescan city' });
    const organisations = [];
    for (let i = 0; i < 3; i++) {
      const organisation = await ok('createOrganisation', 'CreateOrganisationInput', { name: `Body ${randomUUID().slice(0, 8)}`, sector: 'HEALTH' });
      await ok('addMember', 'AddMemberInput', { localityId: locality.id, organisationId: organisation.id });
      organisations.push(organisation.id as string);
    }
    const [a, b, c] = organisations;
    const person = await ok('createPerson', 'CreatePersonInput', {
      organisationId: a,
      fullName: 'Pat Holder',
      competencies: [{ name: 'Budgeting', level: 2 }],
    });
    await ok('setPersonCompetencies', 'SetCompetenciesInput', { personId: person.id, competencies: [{ name: 'Budgeting', level: 4 }] });
    // A spreadsheet: a body joins the locality with a person and their competencies; then the
    // same file again, changing the body's sector and the person's job title and competencies.
    const importFile = async (sector: string, jobTitle: string, competencies: string) => {
      const csv = onboardingCsv([
        { kind: 'Member body', cells: { Name: 'Imported body', Sector: sector, 'External reference': 'IMP-1' } },
        { kind: 'Person', cells: { Name: 'Imported Person', 'Job title': jobTitle, Email: 'imported@rescans.test', Body: 'IMP-1', Competencies: competencies } },
      ]);
      const upload = { localityId: locality.id, fileName: 'bodies.csv', content: [Buffer.from(csv).toString('base64')] };
      const { onboardingPreview } = await api.ok(`query($input: OnboardingFileInput!) { onboardingPreview(input: $input) { planDigest } }`, { input: upload }, coordinator);
      await ok('applyOnboarding', 'ApplyOnboardingInput', { ...upload, planDigest: onboardingPreview.planDigest }, 'membershipsAdded');
    };
    await importFile('Voluntary', 'Officer', 'Budgeting: 3');
    await importFile('Health', 'Director', 'Budgeting: 5');
    const programme = await ok('createProgramme', 'CreateProgrammeInput', {
      localityId: locality.id,
      name: 'Rescans',
      status: 'DRAFT',
      participantIds: [a, b],
    });
    // Activation schedules the first review by trigger, which writes its own outbox event.
    await ok('updateProgramme', 'UpdateProgrammeInput', { programmeId: programme.id, status: 'ACTIVE' });
    await ok('addProgrammeParticipant', 'ProgrammeParticipantInput', { programmeId: programme.id, organisationId: c });
    const role = await ok('defineRole', 'DefineRoleInput', {
      programmeId: programme.id,
      title: 'Finance lead',
      requiredCompetencies: [{ name: 'Budgeting', minLevel: 3 }],
    });
    await ok('updateRole', 'UpdateRoleInput', { roleId: role.id, title: 'Finance lead', requiredCompetencies: [{ name: 'Budgeting', minLevel: 5 }] });
    await ok('assignRole', 'AssignRoleInput', { roleId: role.id, personId: person.id, selectionMethod: 'OPEN_SELECTION' });
    await ok('vacateRole', 'VacateRoleInput', { roleId: role.id, reason: 'Moved on to other work.' });
    const other = await ok('defineRole', 'DefineRoleInput', { programmeId: programme.id, title: 'Data lead' });
    const holder = await ok('createPerson', 'CreatePersonInput', { organisationId: c, fullName: 'Sam Other', competencies: [] });
    await ok('assignRole', 'AssignRoleInput', { roleId: other.id, personId: holder.id, selectionMethod: 'DEFAULTED', rationale: 'Nobody else applied.' });
    // The holder's organisation leaves: a trigger ends the assignment and writes its outbox event.
    await ok('removeProgrammeParticipant', 'ProgrammeParticipantInput', { programmeId: programme.id, organisationId: c });
    await ok('retireRole', 'RetireRoleInput', { roleId: other.id, reason: 'Merged' });
    const nomination = await ok('nominateLeader', 'NominateLeaderInput', { programmeId: programme.id, personId: person.id });
    const rep: Record<string, string> = {};
    for (const organisationId of [a, b]) {
      rep[organisationId] = (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', organisationId)).token;
      const endorse = `mutation($input: EndorseNominationInput!) { endorseNomination(input: $input) { id } }`;
      await run('endorseNomination', endorse, { nominationId: nomination.id, organisationId, position: 'SUPPORT' }, rep[organisationId]);
    }
    const as = (token: string) => (name: string, type: string, input: Record<string, unknown>, select = 'id') =>
      run(name, `mutation($input: ${type}!) { ${name}(input: $input) { ${select} } }`, input, token);
    const byId = (name: string, arg: string, id: string) => run(name, `mutation($input: ID!) { ${name}(${arg}: $input) { id } }`, id as never);
    const today = (await owner.query(`select current_date::text as d`))[0].d as string;
    const day = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

    // Leadership: a re-confirmation opened, then the leader steps down; a nomination withdrawn.
    await ok('openLeaderReconfirmation', 'OpenLeaderReconfirmationInput', { programmeId: programme.id });
    await ok('stepDownLeader', 'StepDownLeaderInput', { programmeId: programme.id, reason: 'New role elsewhere' }, 'steppedDownAt');
    const next = await ok('nominateLeader', 'NominateLeaderInput', { programmeId: programme.id, personId: person.id });
    await byId('withdrawNomination', 'nominationId', next.id);

    // Conflicts: a process agreed, one conflict through its stages, another closed unresolved.
    const stages = [
      { name: 'Talk', owner: 'Leads', timeLimitDays: 7 },
      { name: 'Board', owner: 'Chair', timeLimitDays: 14 },
    ];
    const process = await ok('setConflictProcess', 'SetConflictProcessInput', { localityId: locality.id, stages });
    await ok('agreeConflictProcess', 'AgreeConflictProcessInput', { processId: process.id });
    const raise = () =>
      as(rep[a])('raiseConflict', 'RaiseConflictInput', {
        localityId: locality.id,
        programmeId: programme.id,
        raisedByOrganisationId: a,
        partyIds: [b],
        category: 'RESOURCES',
        severity: 'MEDIUM',
        title: 'Rooms',
        description: 'Who provides rooms.',
      });
    const conflict = await raise();
    await as(rep[b])('acknowledgeConflict', 'ConflictTransitionInput', { conflictId: conflict.id });
    await ok('startConflictResolution', 'ConflictTransitionInput', { conflictId: conflict.id });
    await ok('escalateConflict', 'ConflictTransitionInput', { conflictId: conflict.id });
    await ok('commentOnConflict', 'CommentOnConflictInput', { conflictId: conflict.id, comment: 'Met on Tuesday.' });
    await ok('resolveConflict', 'ResolveConflictInput', { conflictId: conflict.id, outcome: 'Shared rooms.' });
    const unresolved = await raise();
    await as(rep[b])('acknowledgeConflict', 'ConflictTransitionInput', { conflictId: unresolved.id });
    await ok('closeConflictUnresolved', 'CloseConflictUnresolvedInput', { conflictId: unresolved.id, reason: 'No agreement.' });

    // Improvement: a measure, the scheduled review completed with an action, the action done.
    const measure = await ok('createMeasure', 'CreateMeasureInput', {
      programmeId: programme.id,
      name: 'Reach',
      unit: '%',
      target: 50,
      direction: 'HIGHER_IS_BETTER',
    });
    await ok('updateMeasure', 'UpdateMeasureInput', { measureId: measure.id, target: 60 });
    const reviewId = (await api.ok(`query($id: ID!) { programme(id: $id) { nextReview { id } } }`, { id: programme.id }, coordinator)).programme.nextReview.id;
    const review = await ok(
      'completeReview',
      'CompleteReviewInput',
      {
        reviewId,
        periodStart: day(-90),
        periodEnd: today,
        values: [{ measureId: measure.id, value: 40 }],
        effectivenessRating: 3,
        efficiencyRating: 3,
        findings: 'Behind plan.',
        actions: [{ description: 'Recruit', ownerPersonId: person.id, dueOn: day(14) }],
      },
      'id actions { id }',
    );
    await ok('updateImprovementAction', 'UpdateImprovementActionInput', { actionId: review.actions[0].id, status: 'DONE' });

    // Briefings, alignment requests, milestones and recognition.
    const briefing = await ok('issueBriefing', 'IssueBriefingInput', { programmeId: programme.id, title: 'Update', summary: 'What happened' });
    await as(rep[a])('acknowledgeBriefing', 'AcknowledgeBriefingInput', { briefingId: briefing.id, organisationId: a, cascade: 'MANAGERS' });
    const request = () =>
      as(rep[a])('requestAlignment', 'RequestAlignmentInput', {
        programmeId: programme.id,
        requestingOrganisationId: a,
        targetOrganisationId: b,
        kind: 'OTHER',
        title: 'Shared referral form',
        description: 'Adopt it.',
        responseDueOn: day(14),
      });
    const agreed = await request();
    await as(rep[b])('agreeAlignmentRequest', 'AgreeAlignmentRequestInput', { requestId: agreed.id, plannedOn: day(5) });
    await as(rep[b])('recordAlignmentAdapted', 'RecordAlignmentAdaptedInput', { requestId: agreed.id });
    await as(rep[b])('declineAlignmentRequest', 'DeclineAlignmentRequestInput', { requestId: (await request()).id, reason: 'No' });
    await as(rep[a])('withdrawAlignmentRequest', 'WithdrawAlignmentRequestInput', { requestId: (await request()).id, reason: 'Not needed' });
    const milestone = await ok('createMilestone', 'CreateMilestoneInput', { programmeId: programme.id, name: 'Launch', dueOn: day(10) });
    await ok('updateMilestone', 'UpdateMilestoneInput', { milestoneId: milestone.id, name: 'Launch day' });
    await ok('achieveMilestone', 'AchieveMilestoneInput', { milestoneId: milestone.id });
    await ok('recordRecognition', 'RecordRecognitionInput', {
      programmeId: programme.id,
      creditedOrganisationId: a,
      givenByOrganisationId: b,
      milestoneId: milestone.id,
      reason: 'Led the launch',
      visibleIn: ['PARTNERSHIP_BOARD'],
    });
    await ok('recordMemberLeft', 'RecordMemberLeftInput', { localityId: locality.id, organisationId: b });
    await run('archiveLocality', `mutation($input: ID!) { archiveLocality(localityId: $input) { id } }`, locality.id as never);
  });

  it('runs the mutations of users and of the engine', async () => {
    const admin = (name: string, type: string, input: Record<string, unknown>, select = 'id') =>
      run(name, `mutation($input: ${type}!) { ${name}(input: $input) { ${select} } }`, input, tenant.adminToken);
    const user = await admin('createUser', 'CreateUserInput', {
      email: `reviewer-${randomUUID().slice(0, 8)}@${tenant.slug}.test`,
      displayName: 'A reviewer',
      password: 'another long passphrase',
      role: 'REVIEWER',
    });
    await admin('changeUserRole', 'ChangeUserRoleInput', { userId: user.id, role: 'COORDINATOR' });
    await admin('deactivateUser', 'DeactivateUserInput', { userId: user.id });
    await admin('updateGovernanceRule', 'UpdateGovernanceRuleInput', { code: 'ROLE_OVERLOAD', thresholds: [{ name: 'maxRoles', value: 4 }] }, 'code');
    await run('requestGovernanceScan', `mutation($input: ID) { requestGovernanceScan(localityId: $input) { id } }`, null as never);
    await api.app.get(GovernanceScanner).scan({ tenantId: tenant.id });
    const [flag] = (await api.ok(`{ governanceFlags(first: 1) { nodes { id } } }`, {}, coordinator)).governanceFlags.nodes;
    await run('acknowledgeGovernanceFlag', `mutation($input: AcknowledgeFlagInput!) { acknowledgeGovernanceFlag(input: $input) { id } }`, {
      flagId: flag.id,
    });
    await run('dismissGovernanceFlag', `mutation($input: DismissFlagInput!) { dismissGovernanceFlag(input: $input) { id } }`, {
      flagId: flag.id,
      reason: 'Known and accepted.',
    });
  });

  it('records, for every write to a table a rule reads, an event that rescans the rule’s scope', () => {
    const missing: string[] = [];
    for (const [mutation, runs] of ran) {
      for (const written of runs) {
        const scopes = written.events.filter((e) => isDomainEventName(e.type)).map((e) => scopeOf(e.type, e.payload));
        for (const { rule, tables: read } of reads) {
          const touched = read.filter((t) => written.tables.has(t));
          if (!touched.length) continue;
          const rescanned = rule.tenantWide ? scopes.some((s) => s.tenantWide) : scopes.some((s) => s.localityIds.length > 0 || s.tenantWide);
          const recordEvents = written.events.filter((e) => RECORD_EVENTS.includes(e.type));
          const unreferenced = CREATES_UNREFERENCED.has(mutation) && recordEvents.length > 0 && recordEvents.every((e) => e.payload.change === 'CREATED');
          if (!rescanned && !unreferenced) missing.push(`${mutation} writes ${touched.join(', ')} (read by ${rule.code}) but rescans no ${rule.tenantWide ? 'tenant' : 'locality'}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('writes only catalogued events with their catalogued fields, each naming the localities its kind names (those of triggers too)', () => {
    const events = [...ran.values()].flat().flatMap((w) => w.events);
    expect(events.filter((e) => !isDomainEventName(e.type)).map((e) => e.type)).toEqual([]);
    expect(events.flatMap((e) => payloadMismatches(e.type, e.payload))).toEqual([]);
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    // A kind of event that names its locality names it every time, whoever wrote it.
    const namesLocality = new Set(events.filter((e) => typeof e.payload.localityId === 'string').map((e) => e.type));
    for (const e of events) {
      const { localityIds } = scopeOf(e.type, e.payload);
      expect({ type: e.type, localities: localityIds.every((id) => uuid.test(id)) }).toEqual({ type: e.type, localities: true });
      if (namesLocality.has(e.type)) expect({ type: e.type, named: localityIds.length }).toEqual({ type: e.type, named: 1 });
    }
    // The triggers' events were among them.
    expect(events.some((e) => e.type === DOMAIN_EVENT.reviewChanged && e.payload.change === 'SCHEDULED')).toBe(true);
    expect(events.some((e) => e.type === DOMAIN_EVENT.roleAssignmentChanged && e.payload.endCause === 'ORGANISATION_LEFT')).toBe(true);
  });

  it('runs every mutation of the schema, or says why not', async () => {
    const schema = await api.ok<{ __schema: { mutationType: { fields: { name: string }[] } } }>(
      `{ __schema { mutationType { fields { name } } } }`,
      {},
      coordinator,
    );
    const unaccounted = schema.__schema.mutationType.fields.map((f) => f.name).filter((name) => !ran.has(name) && !(name in NOT_RUN));
    expect(unaccounted).toEqual([]);
  });
});
