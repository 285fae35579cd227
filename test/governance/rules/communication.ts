import { RulesPartnership } from '../../support/governance-probe';
import { sharedApi } from '../../support/api-harness';

const ISSUE = `mutation($input: IssueBriefingInput!) { issueBriefing(input: $input) { id issuedOn } }`;
const ACKNOWLEDGE = `mutation($input: AcknowledgeBriefingInput!) { acknowledgeBriefing(input: $input) { id } }`;
const UPDATE_PROGRAMME = `mutation($input: UpdateProgrammeInput!) { updateProgramme(input: $input) { id status } }`;

type Key = 'A' | 'B' | 'C';

describe('governance rules: communication', () => {
  let { api, coordinator, probe, make, locality, org, rep, today, day, lateOn } = {} as RulesPartnership<Key>;
  beforeAll(async () => {
    ({ api, coordinator, probe, make, locality, org, rep, today, day, lateOn } = await RulesPartnership.start('rules-communication', {
      bodies: ['A', 'B', 'C'],
      representatives: true,
    }));
  });
  afterAll(() => sharedApi.leave(api));

  const issue = async (programmeId: string, issuedOn: string): Promise<{ id: string; issuedOn: string }> =>
    (await api.ok(ISSUE, { input: { programmeId, title: 'Winter plan', summary: 'Who does what this winter.', issuedOn } }, coordinator))
      .issueBriefing;
  const acknowledge = (key: Key, briefingId: string) =>
    api.ok(ACKNOWLEDGE, { input: { briefingId, organisationId: org[key], cascade: 'MANAGERS' } }, rep[key].token);
  /** The API activates programmes today only; an older activation is back-dated as the database owner. */
  const backDate = (programmeId: string, days: number) =>
    api.owner.query(
      `update programme set created_at = created_at - make_interval(days => $2), activated_at = activated_at - make_interval(days => $2)
        where id = $1`,
      [programmeId, days],
    );

  describe('COMMUNICATION_NO_BRIEFING', () => {
    it('raises when the last briefing is more than 60 days old, not at 60, and resolves when one is issued', async () => {
      const programme = await make.programme(locality.id, [org.A, org.B]);
      await backDate(programme.id, 200);
      const last = await issue(programme.id, day(-60));

      await probe.scan(lateOn(0), locality.id);
      expect(await probe.flagAbout('COMMUNICATION_NO_BRIEFING', programme.id)).toBeUndefined();

      await probe.scan(lateOn(1), locality.id);
      const flag = await probe.flagAbout('COMMUNICATION_NO_BRIEFING', programme.id);
      expect(flag).toMatchObject({
        barrier: 'COMMUNICATION',
        subjectType: 'PROGRAMME',
        severity: 'MEDIUM',
        programmeId: programme.id,
        localityId: locality.id,
        organisationId: null,
      });
      expect(flag?.evidence).toEqual({ programmeId: programme.id, activeSince: day(-200), lastBriefingId: last.id, lastIssuedOn: day(-60) });
      expect(flag?.message).toContain(`the last was issued on ${day(-60)}`);

      await issue(programme.id, today);
      await probe.scan(lateOn(1), locality.id);
      expect(await probe.flagAbout('COMMUNICATION_NO_BRIEFING', programme.id)).toBeUndefined();
      const [resolved] = (await probe.flags('COMMUNICATION_NO_BRIEFING', { all: true })).filter((f) => f.subjectId === programme.id);
      expect(resolved).toMatchObject({ state: 'RESOLVED', resolvedAt: expect.any(Date) });
    });

    it('judges a programme from when it became ACTIVE, and never a DRAFT or CLOSED one', async () => {
      const created = await make.programme(locality.id, [org.A]);
      // Created long ago as a DRAFT (back-dated), made ACTIVE today: judged from today, not from its creation.
      const activated = await make.programme(locality.id, [org.A], { status: 'DRAFT' });
      await backDate(activated.id, 200);
      await api.ok(UPDATE_PROGRAMME, { input: { programmeId: activated.id, status: 'ACTIVE' } }, coordinator);
      const draft = await make.programme(locality.id, [org.A], { status: 'DRAFT' });
      await backDate(draft.id, 200);
      const closed = await make.programme(locality.id, [org.A]);
      await backDate(closed.id, 200);
      await api.ok(UPDATE_PROGRAMME, { input: { programmeId: closed.id, status: 'CLOSED' } }, coordinator);

      await probe.scan(lateOn(60), locality.id);
      for (const p of [created, activated, draft, closed]) expect(await probe.flagAbout('COMMUNICATION_NO_BRIEFING', p.id)).toBeUndefined();

      await probe.scan(lateOn(61), locality.id);
      for (const p of [created, activated]) {
        const flag = await probe.flagAbout('COMMUNICATION_NO_BRIEFING', p.id);
        expect(flag?.evidence).toEqual({ programmeId: p.id, activeSince: today, lastBriefingId: null, lastIssuedOn: null });
        expect(flag?.message).toContain(`since it became active on ${today} (61 days)`);
      }
      for (const p of [draft, closed]) expect(await probe.flagAbout('COMMUNICATION_NO_BRIEFING', p.id)).toBeUndefined();
    });
  });

  describe('COMMUNICATION_LOW_ACKNOWLEDGEMENT', () => {
    it('raises under half acknowledged, not at half, counts a briefing after 7 days, and resolves on acknowledgement', async () => {
      const programme = await make.programme(locality.id, [org.A, org.B, org.C]);
      const older = await issue(programme.id, day(-20));
      const newer = await issue(programme.id, day(-10));
      const fresh = await issue(programme.id, today);
      await acknowledge('A', older.id);
      await acknowledge('A', newer.id);
      await acknowledge('B', older.id);
      const flagOf = async (key: Key) =>
        (await probe.flags('COMMUNICATION_LOW_ACKNOWLEDGEMENT')).find((f) => f.subjectId === org[key] && f.programmeId === programme.id);

      // C acknowledged none of the two counted; B exactly half (not under); the fresh one does not count yet.
      await probe.scan(lateOn(0), locality.id);
      const flag = await flagOf('C');
      expect(flag).toMatchObject({
        barrier: 'COMMUNICATION',
        subjectType: 'ORGANISATION',
        severity: 'LOW',
        programmeId: programme.id,
        localityId: locality.id,
        organisationId: org.C,
      });
      expect(flag?.evidence).toEqual({
        programmeId: programme.id,
        organisationId: org.C,
        briefingIds: [older.id, newer.id],
        unacknowledgedBriefingIds: [older.id, newer.id],
      });
      expect(flag?.message).toContain(`0 of the 2 briefings`);
      expect(await flagOf('B')).toBeUndefined();
      expect(await flagOf('A')).toBeUndefined();

      // The fresh briefing counts once it is 7 days old: B then has 1 of 3.
      await probe.scan(lateOn(6), locality.id);
      expect(await flagOf('B')).toBeUndefined();
      await probe.scan(lateOn(7), locality.id);
      expect((await flagOf('B'))?.evidence).toEqual({
        programmeId: programme.id,
        organisationId: org.B,
        briefingIds: [older.id, newer.id, fresh.id],
        unacknowledgedBriefingIds: [newer.id, fresh.id],
      });

      await acknowledge('C', older.id);
      await acknowledge('C', newer.id);
      await acknowledge('B', fresh.id);
      await probe.scan(lateOn(7), locality.id);
      expect(await flagOf('C')).toBeUndefined();
      expect(await flagOf('B')).toBeUndefined();
      const resolved = (await probe.flags('COMMUNICATION_LOW_ACKNOWLEDGEMENT', { all: true })).filter((f) => f.programmeId === programme.id);
      expect(resolved.map((f) => [f.organisationId, f.state]).sort()).toEqual([
        [org.B, 'RESOLVED'],
        [org.C, 'RESOLVED'],
      ].sort());
    });
  });
});
