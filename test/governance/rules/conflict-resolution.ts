import { RulesPartnership, daysAfter, noonOf } from '../../support/governance-probe';
import { sharedApi } from '../../support/api-harness';

const RAISE = `mutation($input: RaiseConflictInput!) { raiseConflict(input: $input) { id openedAt } }`;
const ACKNOWLEDGE = `mutation($input: ConflictTransitionInput!) { acknowledgeConflict(input: $input) { id status } }`;
const START_RESOLUTION = `mutation($input: ConflictTransitionInput!) { startConflictResolution(input: $input) { id stageStartedOn stageDueOn } }`;
const ESCALATE = `mutation($input: ConflictTransitionInput!) { escalateConflict(input: $input) { id stageDueOn } }`;
const RESOLVE = `mutation($input: ResolveConflictInput!) { resolveConflict(input: $input) { id closedAt } }`;
const CLOSE_UNRESOLVED = `mutation($input: CloseConflictUnresolvedInput!) { closeConflictUnresolved(input: $input) { id closedAt } }`;
const SET_PROCESS = `mutation($input: SetConflictProcessInput!) { setConflictProcess(input: $input) { id } }`;
const AGREE_PROCESS = `mutation($input: AgreeConflictProcessInput!) { agreeConflictProcess(input: $input) { id } }`;
const STAGES = [
  { name: 'Discussion between the leads', owner: 'Programme leads', timeLimitDays: 10 },
  { name: 'Partnership board', owner: 'Board chair', timeLimitDays: 60 },
];

describe('governance rules: conflict resolution', () => {
  let { api, coordinator, probe, make, locality, org, rep } = {} as RulesPartnership<'A' | 'B'>;
  let programme: { id: string };
  beforeAll(async () => {
    ({ api, coordinator, probe, make, locality, org, rep } = await RulesPartnership.start('rules-conflict', {
      bodies: ['A', 'B'],
      representatives: true,
    }));
    programme = await make.programme(locality.id, [org.A, org.B]);
  });
  afterAll(() => sharedApi.leave(api));

  const raise = async ({ severity = 'HIGH', localityId = locality.id, programmeId = programme.id as string | null } = {}) =>
    (
      await api.ok(
        RAISE,
        {
          input: {
            localityId,
            programmeId,
            partyIds: [org.B],
            category: 'RESOURCES',
            severity,
            title: 'Funding for the shared team',
            description: 'Who pays for the shared team.',
          },
        },
        rep.A.token,
      )
    ).raiseConflict as { id: string; openedAt: string };

  describe('CONFLICT_UNACKNOWLEDGED', () => {
    it('raises after 5 days OPEN, not just before, and resolves once acknowledged', async () => {
      const conflict = await raise();
      await probe.scan(daysAfter(conflict.openedAt, 5 - 1 / 24), locality.id);
      expect(await probe.flagAbout('CONFLICT_UNACKNOWLEDGED', conflict.id)).toBeUndefined();

      const scan = await probe.scan(daysAfter(conflict.openedAt, 5 + 1 / 24), locality.id);
      const flag = await probe.flagAbout('CONFLICT_UNACKNOWLEDGED', conflict.id);
      expect(flag).toMatchObject({ barrier: 'CONFLICT_RESOLUTION', subjectType: 'CONFLICT', severity: 'MEDIUM', programmeId: programme.id });
      expect(flag?.evidence).toEqual({ conflictId: conflict.id, openedAt: expect.any(String) });
      expect(scan.raised).toBeGreaterThanOrEqual(1);

      // The same scan again changes nothing.
      const again = await probe.scan(daysAfter(conflict.openedAt, 5 + 1 / 24), locality.id);
      expect(again).toMatchObject({ raised: 0, updated: 0, resolved: 0 });

      await api.ok(ACKNOWLEDGE, { input: { conflictId: conflict.id } }, rep.B.token);
      await probe.scan(daysAfter(conflict.openedAt, 6), locality.id);
      expect(await probe.flagAbout('CONFLICT_UNACKNOWLEDGED', conflict.id)).toBeUndefined();
      const [resolved] = (await probe.flags('CONFLICT_UNACKNOWLEDGED', { all: true })).filter((f) => f.subjectId === conflict.id);
      expect(resolved).toMatchObject({ state: 'RESOLVED', resolvedAt: expect.any(Date) });
    });
  });
  /** A process of stages for a locality or a programme, agreed (unless `agree` is false) today. */
  const setProcess = async (owner: { localityId: string } | { programmeId: string }, agree = true) => {
    const id = (await api.ok(SET_PROCESS, { input: { ...owner, stages: STAGES } }, coordinator)).setConflictProcess.id as string;
    if (agree) await api.ok(AGREE_PROCESS, { input: { processId: id } }, coordinator);
    return id;
  };

  /** A new locality where bodies A and B are members. */
  const localityOfAB = async () => {
    const made = await make.locality();
    await make.addMember(made.id, org.A);
    await make.addMember(made.id, org.B);
    return made;
  };

  describe('CONFLICT_NO_PROCESS', () => {
    it("flags an ACTIVE programme until its own or its locality's process has an agreed version", async () => {
      const here = await localityOfAB();
      const own = await make.programme(here.id, [org.A, org.B]);
      const other = await make.programme(here.id, [org.A, org.B]);
      const draft = await make.programme(here.id, [org.A, org.B], { status: 'DRAFT' });
      const asOf = daysAfter(new Date(), 1);

      await probe.scan(asOf, here.id);
      const flag = await probe.flagAbout('CONFLICT_NO_PROCESS', own.id);
      expect(flag).toMatchObject({
        barrier: 'CONFLICT_RESOLUTION',
        subjectType: 'PROGRAMME',
        severity: 'MEDIUM',
        programmeId: own.id,
        localityId: here.id,
        organisationId: null,
      });
      expect(flag?.evidence).toEqual({ programmeId: own.id, unagreedProcessIds: [] });
      expect(flag?.message).toContain('neither the programme nor');
      expect(await probe.flagAbout('CONFLICT_NO_PROCESS', other.id)).toBeDefined();
      // A DRAFT programme is not judged.
      expect(await probe.flagAbout('CONFLICT_NO_PROCESS', draft.id)).toBeUndefined();

      // A process drafted but never agreed does not count.
      const ownProcess = await setProcess({ programmeId: own.id }, false);
      await probe.scan(asOf, here.id);
      const drafted = await probe.flagAbout('CONFLICT_NO_PROCESS', own.id);
      expect(drafted?.evidence).toEqual({ programmeId: own.id, unagreedProcessIds: [ownProcess] });
      expect(drafted?.message).toContain('its own process was drafted');

      await api.ok(AGREE_PROCESS, { input: { processId: ownProcess } }, coordinator);
      await probe.scan(asOf, here.id);
      expect(await probe.flagAbout('CONFLICT_NO_PROCESS', own.id)).toBeUndefined();
      expect(await probe.flagAbout('CONFLICT_NO_PROCESS', other.id)).toBeDefined();

      // The locality's agreed process applies to its programmes without one of their own.
      await setProcess({ localityId: here.id });
      await probe.scan(asOf, here.id);
      expect(await probe.flagAbout('CONFLICT_NO_PROCESS', other.id)).toBeUndefined();
      expect((await probe.flags('CONFLICT_NO_PROCESS', { all: true })).filter((f) => f.localityId === here.id && f.state === 'RESOLVED'))
        .toHaveLength(2);
    });
  });

  describe('CONFLICT_STAGE_OVERDUE', () => {
    /** A conflict of the main programme in resolution at stage 1 (due 10 days from today). */
    const inResolution = async (severity: string) => {
      const conflict = await raise({ severity });
      await api.ok(ACKNOWLEDGE, { input: { conflictId: conflict.id } }, rep.B.token);
      const started = (await api.ok(START_RESOLUTION, { input: { conflictId: conflict.id } }, coordinator)).startConflictResolution;
      return { id: conflict.id, stageStartedOn: started.stageStartedOn as string, stageDueOn: started.stageDueOn as string };
    };

    it('flags a conflict past its stage due date, one step up after 14 days overdue or for a HIGH conflict; resolves when it moves on', async () => {
      await setProcess({ localityId: locality.id });
      const medium = await inResolution('MEDIUM');
      const high = await inResolution('HIGH');
      const due = medium.stageDueOn;

      await probe.scan(noonOf(due, 0), locality.id);
      expect(await probe.flagAbout('CONFLICT_STAGE_OVERDUE', medium.id)).toBeUndefined();
      expect(await probe.flagAbout('CONFLICT_STAGE_OVERDUE', high.id)).toBeUndefined();

      await probe.scan(noonOf(due, 1), locality.id);
      const flag = await probe.flagAbout('CONFLICT_STAGE_OVERDUE', medium.id);
      expect(flag).toMatchObject({
        barrier: 'CONFLICT_RESOLUTION',
        subjectType: 'CONFLICT',
        severity: 'MEDIUM',
        programmeId: programme.id,
        localityId: locality.id,
        organisationId: org.A,
      });
      expect(flag?.evidence).toEqual({
        conflictId: medium.id,
        processVersionId: expect.any(String),
        stage: 1,
        stageStartedOn: medium.stageStartedOn,
        stageDueOn: due,
      });
      expect(flag?.message).toContain(`due on ${due} and is 1 day overdue`);
      // The conflict's own severity HIGH raises the flag one step.
      expect(await probe.flagAbout('CONFLICT_STAGE_OVERDUE', high.id)).toMatchObject({ severity: 'HIGH' });

      await probe.scan(noonOf(due, 14), locality.id);
      expect(await probe.flagAbout('CONFLICT_STAGE_OVERDUE', medium.id)).toMatchObject({ id: flag?.id, severity: 'MEDIUM' });
      await probe.scan(noonOf(due, 15), locality.id);
      expect(await probe.flagAbout('CONFLICT_STAGE_OVERDUE', medium.id)).toMatchObject({ id: flag?.id, severity: 'HIGH' });

      // Escalated to stage 2 (60 days from today): no longer overdue.
      await api.ok(ESCALATE, { input: { conflictId: medium.id } }, coordinator);
      await probe.scan(noonOf(due, 15), locality.id);
      expect(await probe.flagAbout('CONFLICT_STAGE_OVERDUE', medium.id)).toBeUndefined();
      expect(await probe.flagAbout('CONFLICT_STAGE_OVERDUE', high.id)).toBeDefined();

      await api.ok(RESOLVE, { input: { conflictId: high.id, outcome: 'Shared the cost.' } }, coordinator);
      await probe.scan(noonOf(due, 15), locality.id);
      expect(await probe.flagAbout('CONFLICT_STAGE_OVERDUE', high.id)).toBeUndefined();
    });
  });

  describe('CONFLICT_UNRESOLVED_RATE', () => {
    it('flags a locality where more than 25 % of the conflicts closed in 180 days ended unresolved; resolves as the share falls', async () => {
      const here = await localityOfAB();
      const close = async (how: 'RESOLVED' | 'UNRESOLVED') => {
        const conflict = await raise({ severity: 'LOW', localityId: here.id, programmeId: null });
        await api.ok(ACKNOWLEDGE, { input: { conflictId: conflict.id } }, coordinator);
        const closed =
          how === 'RESOLVED'
            ? (await api.ok(RESOLVE, { input: { conflictId: conflict.id, outcome: 'Agreed a way forward.' } }, coordinator)).resolveConflict
            : (await api.ok(CLOSE_UNRESOLVED, { input: { conflictId: conflict.id, reason: 'No agreement.' } }, coordinator)).closeConflictUnresolved;
        return closed as { id: string; closedAt: string };
      };
      const first = await close('UNRESOLVED');
      for (let i = 0; i < 3; i++) await close('RESOLVED');

      // One in four is exactly 25 %: not more.
      await probe.scan(daysAfter(new Date(), 1 / 24), here.id);
      expect(await probe.flagAbout('CONFLICT_UNRESOLVED_RATE', here.id)).toBeUndefined();

      const second = await close('UNRESOLVED');
      await probe.scan(daysAfter(new Date(), 1 / 24), here.id);
      const flag = await probe.flagAbout('CONFLICT_UNRESOLVED_RATE', here.id);
      expect(flag).toMatchObject({
        barrier: 'CONFLICT_RESOLUTION',
        subjectType: 'LOCALITY',
        severity: 'MEDIUM',
        localityId: here.id,
        programmeId: null,
        organisationId: null,
      });
      expect(flag?.evidence).toEqual({
        localityId: here.id,
        closedUnresolvedConflictIds: [first.id, second.id].sort(),
        closedConflictCount: 5,
      });
      expect(flag?.message).toContain('2 of the 5 conflicts closed in the last 180 days were closed unresolved (40%');

      // Conflicts closed more than 180 days before the instant judged no longer count.
      await probe.scan(daysAfter(second.closedAt, 179), here.id);
      expect(await probe.flagAbout('CONFLICT_UNRESOLVED_RATE', here.id)).toBeDefined();
      await probe.scan(daysAfter(second.closedAt, 181), here.id);
      expect(await probe.flagAbout('CONFLICT_UNRESOLVED_RATE', here.id)).toBeUndefined();

      // Back to today, raised again; three more resolved conflicts bring it to 2 in 8.
      await probe.scan(daysAfter(new Date(), 1 / 24), here.id);
      expect(await probe.flagAbout('CONFLICT_UNRESOLVED_RATE', here.id)).toBeDefined();
      for (let i = 0; i < 3; i++) await close('RESOLVED');
      await probe.scan(daysAfter(new Date(), 1 / 24), here.id);
      expect(await probe.flagAbout('CONFLICT_UNRESOLVED_RATE', here.id)).toBeUndefined();
    });
  });
});
