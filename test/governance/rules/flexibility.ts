import { RulesPartnership } from '../../support/governance-probe';
import { sharedApi } from '../../support/api-harness';

const mutation = (name: string, inputType: string) => `mutation($input: ${inputType}!) { ${name}(input: $input) { id status } }`;
const REQUEST = mutation('requestAlignment', 'RequestAlignmentInput');
const AGREE = mutation('agreeAlignmentRequest', 'AgreeAlignmentRequestInput');
const DECLINE = mutation('declineAlignmentRequest', 'DeclineAlignmentRequestInput');
const ADAPTED = mutation('recordAlignmentAdapted', 'RecordAlignmentAdaptedInput');

/** R asks; T is asked to adapt; D declines often; U declined once. */
type Key = 'R' | 'T' | 'D' | 'U';

describe('governance rules: flexibility', () => {
  let { api, coordinator, probe, make, locality, org, rep, today, lateOn } = {} as RulesPartnership<Key>;
  let programme: { id: string };
  beforeAll(async () => {
    ({ api, coordinator, probe, make, locality, org, rep, today, lateOn } = await RulesPartnership.start('rules-flexibility', {
      bodies: ['R', 'T', 'D', 'U'],
      representatives: true,
    }));
    programme = await make.programme(locality.id, Object.values(org));
  });
  afterAll(() => sharedApi.leave(api));

  /** A request from R to `target`, its answer due today. */
  const request = async (target: Key): Promise<{ id: string }> =>
    (
      await api.ok(
        REQUEST,
        {
          input: {
            programmeId: programme.id,
            requestingOrganisationId: org.R,
            targetOrganisationId: org[target],
            kind: 'REFERRAL_PROCESS',
            title: 'Use the shared referral form',
            description: 'Accept hospital discharge referrals on the shared form.',
            responseDueOn: today,
          },
        },
        coordinator,
      )
    ).requestAlignment;
  const agree = (key: Key, requestId: string) => api.ok(AGREE, { input: { requestId, plannedOn: today } }, rep[key].token);
  const decline = (key: Key, requestId: string) => api.ok(DECLINE, { input: { requestId, reason: 'Our system cannot do it.' } }, rep[key].token);

  describe('FLEXIBILITY_REQUEST_UNANSWERED', () => {
    it('raises the day after the answer was due, not on the day, and resolves once answered', async () => {
      const asked = await request('T');
      await probe.scan(lateOn(0), locality.id);
      expect(await probe.flagAbout('FLEXIBILITY_REQUEST_UNANSWERED', asked.id)).toBeUndefined();

      await probe.scan(lateOn(1), locality.id);
      const flag = await probe.flagAbout('FLEXIBILITY_REQUEST_UNANSWERED', asked.id);
      expect(flag).toMatchObject({
        barrier: 'FLEXIBILITY',
        subjectType: 'ALIGNMENT_REQUEST',
        severity: 'MEDIUM',
        programmeId: programme.id,
        localityId: locality.id,
        organisationId: org.T,
      });
      expect(flag?.evidence).toEqual({
        requestId: asked.id,
        requestingOrganisationId: org.R,
        targetOrganisationId: org.T,
        requestedOn: today,
        responseDueOn: today,
      });
      expect(flag?.message).toContain(`due on ${today} (1 day overdue)`);

      await agree('T', asked.id);
      await probe.scan(lateOn(1), locality.id);
      expect(await probe.flagAbout('FLEXIBILITY_REQUEST_UNANSWERED', asked.id)).toBeUndefined();
      const [resolved] = (await probe.flags('FLEXIBILITY_REQUEST_UNANSWERED', { all: true })).filter((f) => f.subjectId === asked.id);
      expect(resolved).toMatchObject({ state: 'RESOLVED', resolvedAt: expect.any(Date) });
    });
  });

  describe('FLEXIBILITY_AGREED_NOT_ADAPTED', () => {
    it('raises more than 30 days after the planned date, not at 30, and resolves once adapted', async () => {
      const agreed = await request('T');
      await agree('T', agreed.id);
      await probe.scan(lateOn(30), locality.id);
      expect(await probe.flagAbout('FLEXIBILITY_AGREED_NOT_ADAPTED', agreed.id)).toBeUndefined();

      await probe.scan(lateOn(31), locality.id);
      const flag = await probe.flagAbout('FLEXIBILITY_AGREED_NOT_ADAPTED', agreed.id);
      expect(flag).toMatchObject({
        barrier: 'FLEXIBILITY',
        subjectType: 'ALIGNMENT_REQUEST',
        severity: 'MEDIUM',
        programmeId: programme.id,
        localityId: locality.id,
        organisationId: org.T,
      });
      expect(flag?.evidence).toEqual({
        requestId: agreed.id,
        requestingOrganisationId: org.R,
        targetOrganisationId: org.T,
        agreedOn: today,
        plannedOn: today,
      });

      await api.ok(ADAPTED, { input: { requestId: agreed.id } }, rep.T.token);
      await probe.scan(lateOn(31), locality.id);
      expect(await probe.flagAbout('FLEXIBILITY_AGREED_NOT_ADAPTED', agreed.id)).toBeUndefined();
      const [resolved] = (await probe.flags('FLEXIBILITY_AGREED_NOT_ADAPTED', { all: true })).filter((f) => f.subjectId === agreed.id);
      expect(resolved).toMatchObject({ state: 'RESOLVED', resolvedAt: expect.any(Date) });
    });
  });

  describe('FLEXIBILITY_HIGH_DECLINE_RATE', () => {
    it('raises at 2 of 4 declined, not for a single decline, drops answers after 365 days, and resolves below 47 %', async () => {
      const declined = [await request('D'), await request('D')];
      const agreed = [await request('D'), await request('D')];
      for (const r of declined) await decline('D', r.id);
      for (const r of agreed) await agree('D', r.id);
      // U declined everything it was asked, but only once: fewer than 2 declines.
      await decline('U', (await request('U')).id);

      await probe.scan(lateOn(0), locality.id);
      const flag = await probe.flagAbout('FLEXIBILITY_HIGH_DECLINE_RATE', org.D);
      expect(flag).toMatchObject({
        barrier: 'FLEXIBILITY',
        subjectType: 'ORGANISATION',
        severity: 'MEDIUM',
        programmeId: null,
        localityId: locality.id,
        organisationId: org.D,
      });
      const ids = (rs: { id: string }[]) => rs.map((r) => r.id).sort();
      expect(flag?.evidence).toEqual({
        organisationId: org.D,
        localityId: locality.id,
        declinedRequestIds: ids(declined),
        agreedRequestIds: ids(agreed),
      });
      expect(flag?.message).toContain('declined 2 of the 4 alignment requests');
      expect(await probe.flagAbout('FLEXIBILITY_HIGH_DECLINE_RATE', org.U)).toBeUndefined();

      // Answers count for 365 days from the day they were given.
      await probe.scan(lateOn(364), locality.id);
      expect(await probe.flagAbout('FLEXIBILITY_HIGH_DECLINE_RATE', org.D)).toBeDefined();
      await probe.scan(lateOn(365), locality.id);
      expect(await probe.flagAbout('FLEXIBILITY_HIGH_DECLINE_RATE', org.D)).toBeUndefined();

      // One more agreement today: 2 of 5 (40 %) is not more than 47 %.
      await probe.scan(lateOn(0), locality.id);
      expect(await probe.flagAbout('FLEXIBILITY_HIGH_DECLINE_RATE', org.D)).toBeDefined();
      await agree('D', (await request('D')).id);
      await probe.scan(lateOn(0), locality.id);
      expect(await probe.flagAbout('FLEXIBILITY_HIGH_DECLINE_RATE', org.D)).toBeUndefined();
      const flags = await probe.flags('FLEXIBILITY_HIGH_DECLINE_RATE', { all: true });
      expect(flags.filter((f) => f.subjectId === org.D).map((f) => f.state)).toEqual(['RESOLVED', 'RESOLVED']);
    });
  });
});
