import { ConflictAction, ConflictStatus } from '@joinedup/conflicts';
import { conflictTimeline } from './demo-conflict-timeline';
import { COORDINATOR, DEMO_CONFLICT_PROCESSES, DEMO_CONFLICTS, DemoConflict, DemoConflictProcess } from './demo-conflicts.data';
import { DEMO_ORGANISATIONS, DEMO_REPRESENTED, GATESHEAD, SUNDERLAND } from './demo-partnership.data';
import { programmeByName } from './demo-programmes.data';

const membersOf = (code: string) => new Set(DEMO_ORGANISATIONS.filter((o) => o.localities.includes(code)).map((o) => o.key));
const processOf = (owner: Partial<DemoConflictProcess>) =>
  DEMO_CONFLICT_PROCESSES.find((p) => p.locality === owner.locality && p.programme === owner.programme);

describe('demo conflict resolution processes', () => {
  it.each(DEMO_CONFLICT_PROCESSES.map((p) => [p.programme ?? p.locality, p]))('%s: versions and stages are consistent', (_name, p) => {
    const process = p as DemoConflictProcess;
    if (process.programme) expect(programmeByName(process.programme).locality).toBe(process.locality);
    expect(process.versions.length).toBeGreaterThan(0);
    let previous = -Infinity;
    process.versions.forEach((version, i) => {
      // Only the latest version may be a draft; agreed ones were agreed after they were drafted, in order.
      if (i < process.versions.length - 1) expect(version.agreedOn).toBeDefined();
      expect(version.createdOn).toBeGreaterThan(previous);
      previous = version.createdOn;
      if (version.agreedOn !== undefined) {
        expect(version.agreedOn).toBeGreaterThanOrEqual(version.createdOn);
        expect(version.agreedOn).toBeLessThanOrEqual(0);
        previous = version.agreedOn;
      }
      expect(version.stages.length).toBeGreaterThanOrEqual(1);
      expect(version.stages.length).toBeLessThanOrEqual(10);
      for (const stage of version.stages) {
        expect(stage.timeLimitDays).toBeGreaterThanOrEqual(1);
        expect(stage.timeLimitDays).toBeLessThanOrEqual(365);
        expect(stage.name.length).toBeLessThanOrEqual(200);
      }
    });
  });

  it('has an agreed process in Sunderland (with a later draft) and none in Gateshead', () => {
    const sunderland = processOf({ locality: SUNDERLAND })!;
    expect(sunderland.versions[0]).toEqual(expect.objectContaining({ agreedOn: expect.any(Number) }));
    expect(sunderland.versions[0].stages).toHaveLength(3);
    expect(sunderland.versions[sunderland.versions.length - 1].agreedOn).toBeUndefined();
    expect(DEMO_CONFLICT_PROCESSES.filter((p) => p.locality === GATESHEAD)).toEqual([]);
    expect(processOf({ locality: SUNDERLAND, programme: 'Safer Streets' })!.versions[0].stages).toHaveLength(1);
  });
});

describe('demo conflicts', () => {
  it.each(DEMO_CONFLICTS.map((c) => [c.title, c]))('%s: parties, steps and dates are consistent', (_name, c) => {
    const conflict = c as DemoConflict;
    const members = membersOf(conflict.locality);
    expect(members).toContain(conflict.raisedBy);
    for (const party of conflict.parties) expect(members).toContain(party);
    expect(conflict.parties.length).toBeGreaterThan(0);
    expect(new Set(conflict.parties).size).toBe(conflict.parties.length);
    expect(conflict.parties).not.toContain(conflict.raisedBy);
    if (conflict.programme) {
      const programme = programmeByName(conflict.programme);
      expect(programme.locality).toBe(conflict.locality);
      expect(programme.participants).toContain(conflict.raisedBy);
    }
    expect(conflict.openedOn).toBeLessThan(0);
    expect(conflict.title.length).toBeLessThanOrEqual(200);
    // Organisations act through their demo representatives; others through the coordinator.
    for (const step of conflict.steps) {
      expect(step.on).toBeLessThan(0);
      if (step.by !== COORDINATOR) expect(DEMO_REPRESENTED).toContain(step.by);
    }
    // Every step is one the conflicts service would allow that actor to take, in that state.
    const state = conflictTimeline(conflict);
    expect(state.events).toHaveLength(conflict.steps.length + 1);
    if (state.stageDueOn !== null) expect(state.stageDueOn).toBeGreaterThan(state.stageStartedOn!);
  });

  it('names each conflict once per locality', () => {
    const keys = DEMO_CONFLICTS.map((c) => `${c.locality}/${c.title.toLowerCase()}`);
    expect(new Set(keys).size).toBe(keys.length);
    // The guided tour raises this one itself.
    expect(keys).not.toContain(`${GATESHEAD}/funding of the tenancy sustainment officers`);
  });

  it('covers every state, one stuck past its stage’s due date and one never acknowledged for weeks', () => {
    const states = DEMO_CONFLICTS.map((c) => ({ conflict: c, state: conflictTimeline(c) }));
    expect(new Set(states.map((s) => s.state.status))).toEqual(new Set(Object.values(ConflictStatus)));
    const inResolution = states.filter((s) => s.state.status === ConflictStatus.IN_RESOLUTION);
    expect(inResolution.some((s) => s.state.stageDueOn! < 0 && s.conflict.locality === SUNDERLAND)).toBe(true);
    expect(inResolution.some((s) => s.state.stageDueOn! > 0)).toBe(true);
    expect(states.some((s) => s.state.status === ConflictStatus.OPEN && s.conflict.openedOn <= -14)).toBe(true);
    expect(states.find((s) => s.state.status === ConflictStatus.RESOLVED)!.state.outcome).toBeTruthy();
    expect(states.find((s) => s.state.status === ConflictStatus.CLOSED_UNRESOLVED)!.state.closeReason).toBeTruthy();
    // Gateshead has no process, so none of its conflicts ever entered resolution.
    for (const s of states.filter((s) => s.conflict.locality === GATESHEAD)) expect(s.state.process).toBeNull();
    // One in Safer Streets follows its own process, one that started before it was agreed the locality's.
    const saferStreets = states.filter((s) => s.conflict.programme === 'Safer Streets' && s.state.process);
    expect(new Set(saferStreets.map((s) => s.state.process!.process.programme ?? 'locality'))).toEqual(
      new Set(['Safer Streets', 'locality']),
    );
  });

  it('involves represented bodies, so other representatives see the restricted view', () => {
    for (const code of [GATESHEAD, SUNDERLAND]) {
      const conflicts = DEMO_CONFLICTS.filter((c) => c.locality === code);
      const involved = (c: DemoConflict) => [c.raisedBy, ...c.parties];
      expect(conflicts.some((c) => involved(c).some((key) => DEMO_REPRESENTED.includes(key)))).toBe(true);
      // A represented member of the locality that is not involved in some conflict there.
      const members = membersOf(code);
      expect(conflicts.some((c) => DEMO_REPRESENTED.some((key) => members.has(key) && !involved(c).includes(key)))).toBe(true);
    }
  });
});

describe('conflictTimeline', () => {
  const base: DemoConflict = { ...DEMO_CONFLICTS.find((c) => c.title === 'Room hire for partnership meetings at community centres')! };
  const withSteps = (steps: DemoConflict['steps'], overrides: Partial<DemoConflict> = {}) => ({ ...base, ...overrides, steps });
  const { ACKNOWLEDGE, START_RESOLUTION, ESCALATE, RESOLVE } = ConflictAction;

  it('gives each stage its due date from the version the conflict started under', () => {
    const state = conflictTimeline(
      withSteps([
        { action: ACKNOWLEDGE, on: -137, by: 'sunderland-council' },
        { action: START_RESOLUTION, on: -135, by: COORDINATOR },
        { action: ESCALATE, on: -120, by: 'back-on-the-map' },
      ]),
    );
    expect(state).toEqual(
      expect.objectContaining({ status: ConflictStatus.IN_RESOLUTION, currentStage: 2, stageStartedOn: -120, stageDueOn: -99 }),
    );
    expect(state.process).toEqual(expect.objectContaining({ version: 1 }));
    expect(state.events.map((e) => [e.kind, e.stage, e.stageDueOn])).toEqual([
      ['RAISED', null, null],
      ['ACKNOWLEDGED', null, null],
      ['RESOLUTION_STARTED', 1, -121],
      ['ESCALATED', 2, -99],
    ]);
  });

  it('refuses what the service would refuse', () => {
    expect(() => conflictTimeline(withSteps([{ action: RESOLVE, on: -130, by: COORDINATOR, note: 'Settled' }]))).toThrow(/not been acknowledged/);
    expect(() => conflictTimeline(withSteps([{ action: ACKNOWLEDGE, on: -130, by: 'back-on-the-map' }]))).toThrow(/may not/);
    expect(() => conflictTimeline(withSteps([{ action: ACKNOWLEDGE, on: -130, by: 'gentoo' }]))).toThrow(/not involved/);
    expect(() =>
      conflictTimeline(
        withSteps(
          [
            { action: ACKNOWLEDGE, on: -130, by: 'gateshead-council' },
            { action: START_RESOLUTION, on: -129, by: 'gateshead-council' },
          ],
          { locality: GATESHEAD, raisedBy: 'gateshead-housing', parties: ['gateshead-council'] },
        ),
      ),
    ).toThrow(/no agreed process/);
    expect(() =>
      conflictTimeline(
        withSteps([
          { action: ACKNOWLEDGE, on: -137, by: 'sunderland-council' },
          { action: START_RESOLUTION, on: -135, by: COORDINATOR },
          { action: ESCALATE, on: -130, by: COORDINATOR },
          { action: ESCALATE, on: -125, by: COORDINATOR },
          { action: ESCALATE, on: -120, by: COORDINATOR },
        ]),
      ),
    ).toThrow(/last stage/);
  });
});
