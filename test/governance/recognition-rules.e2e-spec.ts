import { ApiHarness, TestTenant } from '../support/api-harness';
import { DAY, GovernanceProbe } from '../support/governance-probe';
import { RegistryFactory } from '../support/registry-factory';

const CREATE_MILESTONE = `mutation($input: CreateMilestoneInput!) { createMilestone(input: $input) { id achievedOn } }`;
const RECORD = `mutation($input: RecordRecognitionInput!) { recordRecognition(input: $input) { id givenOn } }`;

type Key = 'A' | 'B' | 'C';

describe('governance rules: recognition', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: string;
  let probe: GovernanceProbe;
  let make: RegistryFactory;
  let locality: { id: string };
  let today: string;
  const org = {} as Record<Key, string>;
  const person = {} as Record<Key, string>;

  beforeAll(async () => {
    api = await ApiHarness.start();
    tenant = await api.newTenant('rules-recognition');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    probe = new GovernanceProbe(api, tenant.id);
    make = new RegistryFactory(api, coordinator);
    locality = await make.locality();
    const members = await make.members(locality.id, 3);
    for (const [i, key] of (['A', 'B', 'C'] as Key[]).entries()) {
      org[key] = members[i].id;
      person[key] = (await make.person(members[i].id)).id;
    }
    [{ today }] = await api.owner.query(`select current_date::text as today`);
  });
  afterAll(() => api.stop());

  /** The day `offset` days from today (YYYY-MM-DD). */
  const day = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * DAY).toISOString().slice(0, 10);
  /** Late on the day `offset` days from today: everything this test made today happened before it. */
  const at = (offset: number) => new Date(Date.parse(`${today}T23:59:00Z`) + offset * DAY);
  let milestones = 0;
  const milestone = async (programmeId: string, achievedOn: string): Promise<{ id: string }> =>
    (await api.ok(CREATE_MILESTONE, { input: { programmeId, name: `Milestone ${++milestones}`, dueOn: achievedOn, achievedOn } }, coordinator))
      .createMilestone;
  /** A recognition given by A (as an organisation) to `credited`, recorded by the coordinator. */
  const recognise = async (programmeId: string, credited: Record<string, string>, givenOn = today): Promise<{ id: string }> =>
    (
      await api.ok(
        RECORD,
        { input: { programmeId, ...credited, reason: 'Led the data-sharing work', givenByOrganisationId: org.A, givenOn, visibleIn: ['OWN_ORGANISATION'] } },
        coordinator,
      )
    ).recordRecognition;

  describe('RECOGNITION_MILESTONE_UNRECOGNISED', () => {
    it('raises for a milestone achieved more than 30 days ago, not 30, and resolves once recognised', async () => {
      const programme = await make.programme(locality.id, [org.A, org.B]);
      const thirty = await milestone(programme.id, day(-30));
      const older = await milestone(programme.id, day(-31));

      await probe.scan(at(0), locality.id);
      expect(await probe.flagAbout('RECOGNITION_MILESTONE_UNRECOGNISED', thirty.id)).toBeUndefined();
      const flag = await probe.flagAbout('RECOGNITION_MILESTONE_UNRECOGNISED', older.id);
      expect(flag).toMatchObject({
        barrier: 'RECOGNITION',
        subjectType: 'MILESTONE',
        severity: 'LOW',
        programmeId: programme.id,
        localityId: locality.id,
        organisationId: null,
      });
      expect(flag?.evidence).toEqual({ milestoneId: older.id, achievedOn: day(-31) });
      expect(flag?.message).toContain(`achieved on ${day(-31)}, 31 days ago`);

      await recognise(programme.id, { creditedPersonId: person.B, milestoneId: older.id });
      await probe.scan(at(0), locality.id);
      expect(await probe.flagAbout('RECOGNITION_MILESTONE_UNRECOGNISED', older.id)).toBeUndefined();
      const [resolved] = (await probe.flags('RECOGNITION_MILESTONE_UNRECOGNISED', { all: true })).filter((f) => f.subjectId === older.id);
      expect(resolved).toMatchObject({ state: 'RESOLVED', resolvedAt: expect.any(Date) });
    });
  });

  describe('RECOGNITION_ORGANISATION_OVERLOOKED', () => {
    it('raises for a body not recognised within 365 days while its programme achieved milestones, and resolves once recognised', async () => {
      const programme = await make.programme(locality.id, [org.A, org.B, org.C]);
      // Achieved before any of them joined (today): not theirs to be recognised for.
      await milestone(programme.id, day(-5));
      const achieved = await milestone(programme.id, today);
      await recognise(programme.id, { creditedPersonId: person.A }, day(-10));
      const forB = await recognise(programme.id, { creditedOrganisationId: org.B }, day(-364));
      const flagOf = async (key: Key) =>
        (await probe.flags('RECOGNITION_ORGANISATION_OVERLOOKED')).find((f) => f.subjectId === org[key] && f.programmeId === programme.id);

      await probe.scan(at(0), locality.id);
      const flag = await flagOf('C');
      expect(flag).toMatchObject({
        barrier: 'RECOGNITION',
        subjectType: 'ORGANISATION',
        severity: 'MEDIUM',
        programmeId: programme.id,
        localityId: locality.id,
        organisationId: org.C,
      });
      expect(flag?.evidence).toEqual({
        programmeId: programme.id,
        organisationId: org.C,
        milestoneIds: [achieved.id],
        lastRecognitionId: null,
        lastRecognisedOn: null,
      });
      expect(flag?.message).toContain(`so far, while the programme achieved a milestone on ${today}`);
      // A's person was recognised 10 days ago; B 364 days ago, just inside the 365.
      expect(await flagOf('A')).toBeUndefined();
      expect(await flagOf('B')).toBeUndefined();

      await probe.scan(at(1), locality.id);
      expect((await flagOf('B'))?.evidence).toEqual({
        programmeId: programme.id,
        organisationId: org.B,
        milestoneIds: [achieved.id],
        lastRecognitionId: forB.id,
        lastRecognisedOn: day(-364),
      });

      await recognise(programme.id, { creditedPersonId: person.C });
      await recognise(programme.id, { creditedOrganisationId: org.B });
      await probe.scan(at(1), locality.id);
      expect(await flagOf('C')).toBeUndefined();
      expect(await flagOf('B')).toBeUndefined();
      const resolved = (await probe.flags('RECOGNITION_ORGANISATION_OVERLOOKED', { all: true })).filter((f) => f.programmeId === programme.id);
      expect(resolved.map((f) => `${f.organisationId}:${f.state}`).sort()).toEqual([`${org.B}:RESOLVED`, `${org.C}:RESOLVED`].sort());
    });
  });
});
