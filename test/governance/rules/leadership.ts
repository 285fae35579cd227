import { RulesPartnership, daysAfter, noonOf } from '../../support/governance-probe';
import { sharedApi } from '../../support/api-harness';
import { ENDORSE } from '../../support/registry-factory';

const NOMINATE = `mutation($input: NominateLeaderInput!) { nominateLeader(input: $input) { id nominatedAt } }`;
const OPEN_RECONFIRMATION = `mutation($input: OpenLeaderReconfirmationInput!) { openLeaderReconfirmation(input: $input) { id } }`;
const STEP_DOWN = `mutation($input: StepDownLeaderInput!) { stepDownLeader(input: $input) { steppedDownAt } }`;
const UPDATE_PROGRAMME = `mutation($input: UpdateProgrammeInput!) { updateProgramme(input: $input) { id status } }`;

type Key = 'A' | 'B' | 'C';

describe('governance rules: leadership', () => {
  /** Three member bodies, each with a representative and a person who could lead. */
  let { api, coordinator, probe, make, locality, org, rep, person, today } = {} as RulesPartnership<Key>;
  beforeAll(async () => {
    ({ api, coordinator, probe, make, locality, org, rep, person, today } = await RulesPartnership.start('rules-leadership', {
      bodies: ['A', 'B', 'C'],
      representatives: true,
      people: true,
    }));
  });
  afterAll(() => sharedApi.leave(api));

  const endorse = (nominationId: string, by: Key, position: 'SUPPORT' | 'OPPOSE' | 'ABSTAIN') =>
    api.ok(ENDORSE, { input: { nominationId, organisationId: org[by], position } }, rep[by].token);

  const nominate = async (programmeId: string, personId: string) =>
    (await api.ok(NOMINATE, { input: { programmeId, personId } }, coordinator)).nominateLeader as { id: string; nominatedAt: string };

  /** A nomination of `personId` supported by every body until agreed. */
  const agreeLeader = async (programmeId: string, personId: string, bodies: Key[]) => {
    const nomination = await nominate(programmeId, personId);
    for (const body of bodies) await endorse(nomination.id, body, 'SUPPORT');
    const [leader] = await api.owner.query(
      `select id, reconfirm_by::text as "reconfirmBy" from programme_leader where programme_id = $1 and stepped_down_at is null`,
      [programmeId],
    );
    expect(leader).toBeDefined();
    return leader as { id: string; reconfirmBy: string };
  };

  describe('LEADERSHIP_NO_AGREED_LEADER', () => {
    it('flags an ACTIVE programme without a leader, MEDIUM until 30 days after its start and HIGH from then; resolves once a leader is agreed', async () => {
      const programme = await make.programme(locality.id, [org.A, org.B], { startsOn: today });
      const draft = await make.programme(locality.id, [org.A, org.B], { startsOn: today, status: 'DRAFT' });

      await probe.scan(noonOf(today, 29), locality.id);
      const early = await probe.flagAbout('LEADERSHIP_NO_AGREED_LEADER', programme.id);
      expect(early).toMatchObject({
        barrier: 'LEADERSHIP',
        subjectType: 'PROGRAMME',
        severity: 'MEDIUM',
        programmeId: programme.id,
        localityId: locality.id,
        organisationId: null,
      });
      expect(early?.evidence).toEqual({ programmeId: programme.id, startedOn: today });
      expect(early?.message).toContain(`since it started on ${today} (29 days)`);
      // A DRAFT programme is not judged.
      expect(await probe.flagAbout('LEADERSHIP_NO_AGREED_LEADER', draft.id)).toBeUndefined();

      await probe.scan(noonOf(today, 30), locality.id);
      expect(await probe.flagAbout('LEADERSHIP_NO_AGREED_LEADER', programme.id)).toMatchObject({ id: early?.id, severity: 'HIGH' });

      const leader = await agreeLeader(programme.id, person.A, ['A', 'B']);
      await probe.scan(noonOf(today, 30), locality.id);
      expect(await probe.flagAbout('LEADERSHIP_NO_AGREED_LEADER', programme.id)).toBeUndefined();
      const [resolved] = (await probe.flags('LEADERSHIP_NO_AGREED_LEADER', { all: true })).filter((f) => f.subjectId === programme.id);
      expect(resolved).toMatchObject({ state: 'RESOLVED', resolvedAt: expect.any(Date) });

      // The leader steps down: a new flag says since when, with the leader who left.
      await api.ok(STEP_DOWN, { input: { programmeId: programme.id, reason: 'Moved on' } }, coordinator);
      await probe.scan(noonOf(today, 31), locality.id);
      const again = await probe.flagAbout('LEADERSHIP_NO_AGREED_LEADER', programme.id);
      expect(again).toMatchObject({ severity: 'HIGH' });
      expect(again?.id).not.toBe(resolved.id);
      expect(again?.evidence).toEqual({
        programmeId: programme.id,
        startedOn: today,
        previousLeaderId: leader.id,
        previousLeaderSteppedDownAt: expect.any(String),
      });
      expect(again?.message).toContain('stepped down on');
    });
  });

  describe('LEADERSHIP_NOMINATION_STALLED', () => {
    it('flags a nomination open more than 21 days, not just before, nor in a CLOSED programme; resolves once agreed', async () => {
      const programme = await make.programme(locality.id, [org.A, org.B, org.C]);
      const nomination = await nominate(programme.id, person.B);
      await endorse(nomination.id, 'A', 'SUPPORT');
      const closed = await make.programme(locality.id, [org.A, org.B]);
      await nominate(closed.id, person.A);
      await api.ok(UPDATE_PROGRAMME, { input: { programmeId: closed.id, status: 'CLOSED' } }, coordinator);

      await probe.scan(daysAfter(nomination.nominatedAt, 21 - 1 / 24), locality.id);
      expect(await probe.flagAbout('LEADERSHIP_NOMINATION_STALLED', nomination.id)).toBeUndefined();

      await probe.scan(daysAfter(nomination.nominatedAt, 21 + 1 / 24), locality.id);
      const flag = await probe.flagAbout('LEADERSHIP_NOMINATION_STALLED', nomination.id);
      expect(flag).toMatchObject({
        barrier: 'LEADERSHIP',
        subjectType: 'NOMINATION',
        severity: 'MEDIUM',
        programmeId: programme.id,
        localityId: locality.id,
        organisationId: null,
      });
      expect(flag?.evidence).toEqual({
        nominationId: nomination.id,
        kind: 'LEADERSHIP',
        programmeId: programme.id,
        personId: person.B,
        nominatedAt: expect.any(String),
      });
      expect(new Date(flag?.evidence.nominatedAt).getTime()).toBe(new Date(nomination.nominatedAt).getTime());
      expect(flag?.message).toContain('1 of 3 participating organisations support it');
      // Only the open programme's nomination: the CLOSED programme's raises nothing.
      expect((await probe.flags('LEADERSHIP_NOMINATION_STALLED')).map((f) => f.programmeId)).toEqual([programme.id]);

      await endorse(nomination.id, 'B', 'SUPPORT');
      await endorse(nomination.id, 'C', 'SUPPORT');
      await probe.scan(daysAfter(nomination.nominatedAt, 22), locality.id);
      expect(await probe.flagAbout('LEADERSHIP_NOMINATION_STALLED', nomination.id)).toBeUndefined();
    });
  });

  describe('LEADERSHIP_NOMINATION_OPPOSED', () => {
    it('flags an open nomination while a participating organisation currently opposes it, naming them; resolves when none does', async () => {
      const programme = await make.programme(locality.id, [org.A, org.B, org.C]);
      const nomination = await nominate(programme.id, person.C);
      await endorse(nomination.id, 'A', 'SUPPORT');
      await endorse(nomination.id, 'B', 'ABSTAIN');

      // Support and abstention are not opposition.
      await probe.scan(daysAfter(nomination.nominatedAt, 1), locality.id);
      expect(await probe.flagAbout('LEADERSHIP_NOMINATION_OPPOSED', nomination.id)).toBeUndefined();

      await endorse(nomination.id, 'C', 'OPPOSE');
      await endorse(nomination.id, 'B', 'OPPOSE');
      await probe.scan(daysAfter(nomination.nominatedAt, 1), locality.id);
      const flag = await probe.flagAbout('LEADERSHIP_NOMINATION_OPPOSED', nomination.id);
      expect(flag).toMatchObject({
        barrier: 'LEADERSHIP',
        subjectType: 'NOMINATION',
        severity: 'MEDIUM',
        programmeId: programme.id,
        localityId: locality.id,
        organisationId: null,
      });
      expect(flag?.evidence).toEqual({
        nominationId: nomination.id,
        kind: 'LEADERSHIP',
        programmeId: programme.id,
        personId: person.C,
        opposingOrganisationIds: [org.B, org.C].sort(),
        opposedSince: expect.any(String),
      });

      // Positions change: the latest endorsement of each organisation counts.
      await endorse(nomination.id, 'B', 'SUPPORT');
      await probe.scan(daysAfter(nomination.nominatedAt, 1), locality.id);
      expect((await probe.flagAbout('LEADERSHIP_NOMINATION_OPPOSED', nomination.id))?.evidence.opposingOrganisationIds).toEqual([org.C]);

      await endorse(nomination.id, 'C', 'ABSTAIN');
      await probe.scan(daysAfter(nomination.nominatedAt, 1), locality.id);
      expect(await probe.flagAbout('LEADERSHIP_NOMINATION_OPPOSED', nomination.id)).toBeUndefined();
    });
  });

  describe('LEADERSHIP_RECONFIRMATION_DUE', () => {
    it('flags a leader past the re-confirm-by date, not on it; resolves once re-confirmed; says when the partnership declined', async () => {
      const programme = await make.programme(locality.id, [org.A, org.B]);
      const leader = await agreeLeader(programme.id, person.A, ['A', 'B']);

      await probe.scan(noonOf(leader.reconfirmBy), locality.id);
      expect(await probe.flagAbout('LEADERSHIP_RECONFIRMATION_DUE', programme.id)).toBeUndefined();

      await probe.scan(noonOf(leader.reconfirmBy, 1), locality.id);
      const flag = await probe.flagAbout('LEADERSHIP_RECONFIRMATION_DUE', programme.id);
      expect(flag).toMatchObject({
        barrier: 'LEADERSHIP',
        subjectType: 'PROGRAMME',
        severity: 'MEDIUM',
        programmeId: programme.id,
        localityId: locality.id,
        organisationId: null,
      });
      expect(flag?.evidence).toEqual({ programmeId: programme.id, leaderId: leader.id, personId: person.A, reconfirmBy: leader.reconfirmBy });
      expect(flag?.message).toContain(`ended on ${leader.reconfirmBy} (1 day ago)`);

      const reconfirmation = (await api.ok(OPEN_RECONFIRMATION, { input: { programmeId: programme.id } }, coordinator)).openLeaderReconfirmation;
      await endorse(reconfirmation.id, 'A', 'SUPPORT');
      await endorse(reconfirmation.id, 'B', 'SUPPORT');
      await probe.scan(noonOf(leader.reconfirmBy, 1), locality.id);
      expect(await probe.flagAbout('LEADERSHIP_RECONFIRMATION_DUE', programme.id)).toBeUndefined();

      // A re-confirmation the partnership turned down leaves the leader in post, unconfirmed.
      const declinedProgramme = await make.programme(locality.id, [org.B, org.C]);
      const declinedLeader = await agreeLeader(declinedProgramme.id, person.B, ['B', 'C']);
      const declined = (await api.ok(OPEN_RECONFIRMATION, { input: { programmeId: declinedProgramme.id } }, coordinator))
        .openLeaderReconfirmation;
      await endorse(declined.id, 'C', 'OPPOSE');
      await probe.scan(noonOf(declinedLeader.reconfirmBy, 1), locality.id);
      const unconfirmed = await probe.flagAbout('LEADERSHIP_RECONFIRMATION_DUE', declinedProgramme.id);
      expect(unconfirmed?.evidence).toMatchObject({ leaderId: declinedLeader.id, notReconfirmedNominationId: declined.id });
      expect(unconfirmed?.message).toContain('the partnership declined to re-confirm them on');
    });
  });
});
