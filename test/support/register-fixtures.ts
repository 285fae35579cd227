import { ApiHarness, TestTenant, TestUser } from './api-harness';
import { RegistryFactory } from './registry-factory';

/** A name a spreadsheet would run as a formula, were the CSV writer not to neutralise it. */
export const FORMULA_NAME = '=HYPERLINK("http://evil.example","Council")';

/** A locality with a row in every register (or two), as the export tests read it. */
export interface RegisterFixture {
  localityId: string;
  localityCode: string;
  bodies: { id: string; name: string }[];
  programme: { id: string; name: string };
  personName: string;
  conflictTitle: string;
  representative: TestUser;
}

/**
 * Builds the fixture over GraphQL as its users would (a coordinator, and a representative
 * to acknowledge a briefing); the flag, which only scans raise, is written as a scan would.
 * The first body's name looks like a formula.
 */
export async function registerFixture(api: ApiHarness, tenant: TestTenant, coordinator: string): Promise<RegisterFixture> {
  const make = new RegistryFactory(api, coordinator);
  const locality = await make.locality();
  const [{ code: localityCode }] = await api.owner.query(`select code from locality where id = $1`, [locality.id]);
  const bodies = await make.members(locality.id, 2, [FORMULA_NAME, 'Gateshead Health']);
  const personName = 'Ann Example';
  const person = await make.person(bodies[0].id, personName);
  const other = await make.person(bodies[1].id, 'Bob Example');
  const programme = await make.programme(locality.id, bodies.map((b) => b.id));
  const representative = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', bodies[0].id);
  const today = new Date().toISOString().slice(0, 10);

  const role = await api.ok(
    `mutation($input: DefineRoleInput!) { defineRole(input: $input) { id } }`,
    { input: { programmeId: programme.id, title: 'Data lead', requiredCompetencies: [{ name: 'Programme management', minLevel: 3 }, { name: 'Data protection', minLevel: 2 }] } },
    coordinator,
  );
  await api.ok(
    `mutation($input: AssignRoleInput!) { assignRole(input: $input) { id } }`,
    { input: { roleId: role.defineRole.id, personId: person.id, selectionMethod: 'APPOINTED', rationale: 'Agreed at the board' } },
    coordinator,
  );

  const conflictTitle = '+Shared referral budget';
  await api.ok(
    `mutation($input: RaiseConflictInput!) { raiseConflict(input: $input) { id } }`,
    {
      input: {
        localityId: locality.id,
        programmeId: programme.id,
        raisedByOrganisationId: bodies[0].id,
        partyIds: [bodies[1].id],
        category: 'CULTURE',
        severity: 'MEDIUM',
        title: conflictTitle,
        description: 'Who pays for the shared form.',
      },
    },
    coordinator,
  );

  const measure = await api.ok(
    `mutation($input: CreateMeasureInput!) { createMeasure(input: $input) { id } }`,
    { input: { programmeId: programme.id, name: 'Referrals answered in 5 days', unit: '%', target: 80, direction: 'HIGHER_IS_BETTER' } },
    coordinator,
  );
  const next = await api.ok(`query($id: ID!) { programme(id: $id) { nextReview { id } } }`, { id: programme.id }, coordinator);
  await api.ok(
    `mutation($input: CompleteReviewInput!) { completeReview(input: $input) { id } }`,
    {
      input: {
        reviewId: next.programme.nextReview.id,
        periodStart: today,
        periodEnd: today,
        values: [{ measureId: measure.createMeasure.id, value: 85 }],
        effectivenessRating: 4,
        efficiencyRating: 3,
        findings: 'Faster, with one form.',
      },
    },
    coordinator,
  );

  const briefing = await api.ok(
    `mutation($input: IssueBriefingInput!) { issueBriefing(input: $input) { id } }`,
    { input: { programmeId: programme.id, title: 'Spring update', summary: 'What changed this spring.' } },
    coordinator,
  );
  await api.ok(
    `mutation($input: AcknowledgeBriefingInput!) { acknowledgeBriefing(input: $input) { id } }`,
    { input: { briefingId: briefing.issueBriefing.id, organisationId: bodies[0].id, cascade: 'MANAGERS' } },
    representative.token,
  );

  await api.ok(
    `mutation($input: RequestAlignmentInput!) { requestAlignment(input: $input) { id } }`,
    {
      input: {
        programmeId: programme.id,
        requestingOrganisationId: bodies[0].id,
        targetOrganisationId: bodies[1].id,
        kind: 'REFERRAL_PROCESS',
        title: 'Adopt the shared referral form',
        description: 'One form for both.',
        responseDueOn: today,
      },
    },
    coordinator,
  );

  await api.ok(
    `mutation($input: RecordRecognitionInput!) { recordRecognition(input: $input) { id } }`,
    { input: { programmeId: programme.id, creditedPersonId: other.id, givenByOrganisationId: bodies[0].id, reason: 'Ran the pilot', visibleIn: ['PARTNERSHIP_BOARD'] } },
    coordinator,
  );

  await api.owner.query(
    `insert into governance_flag (tenant_id, rule_code, barrier, subject_type, subject_id, locality_id, programme_id, severity, message,
                                  evidence, first_raised_at, last_seen_at, evidence_changed_at)
     values ($1, 'TEST_EXPORT', 'LEADERSHIP', 'PROGRAMME', $3, $2, $3, 'HIGH', 'No agreed leader.', '{}', now(), now(), now())`,
    [tenant.id, locality.id, programme.id],
  );

  return { localityId: locality.id, localityCode, bodies, programme, personName, conflictTitle, representative };
}
