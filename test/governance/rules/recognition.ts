import { RulesPartnership } from '../../support/governance-probe';
import { sharedApi } from '../../support/api-harness';

const CREATE_MILESTONE = `mutation($input: CreateMilestoneInput!) { createMilestone(input: $input) { id achievedOn } }`;
const RECORD = `mutation($input: RecordRecognitionInput!) { recordRecognition(input: $input) { id givenOn } }`;

type Key = 'A' | 'B' | 'C';

describe('governance rules: recognition', () => {
  let { api, coordinator, probe, make, locality, org, person, today, day, lateOn } = {} as RulesPartnership<Key>;
  beforeAll(async () => {
    ({ api, coordinator, probe, make, locality, org, person, today, day, lateOn } = await RulesPartnership.start('rules-recognition', {
      bodies: ['A', 'B', 'C'],
      people: true,
    }));
  });
  afterAll(() => sharedApi.leave(api));

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

      await probe.scan(lateOn(0), locality.id);
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
      await probe.scan(lateOn(0), locality.id);
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

      await probe.scan(lateOn(0), locality.id);
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

      await probe.scan(lateOn(1), locality.id);
      expect((await flagOf('B'))?.evidence).toEqual({
        programmeId: programme.id,
        organisationId: org.B,
        milestoneIds: [achieved.id],
        lastRecognitionId: forB.id,
        lastRecognisedOn: day(-364),
      });

      await recognise(programme.id, { creditedPersonId: person.C });
      await recognise(programme.id, { creditedOrganisationId: org.B });
      await probe.scan(lateOn(1), locality.id);
      expect(await flagOf('C')).toBeUndefined();
      expect(await flagOf('B')).toBeUndefined();
      const resolved = (await probe.flags('RECOGNITION_ORGANISATION_OVERLOOKED', { all: true })).filter((f) => f.programmeId === programme.id);
      expect(resolved.map((f) => `${f.organisationId}:${f.state}`).sort()).toEqual([`${org.B}:RESOLVED`, `${org.C}:RESOLVED`].sort());
    });
  });
});
