import {
  ConflictAction as A,
  ConflictState,
  ConflictStatus as S,
  allowedActions,
  isClosed,
  mayTake,
  notAllowedMessage,
  transition,
} from './conflict-lifecycle';

const open: ConflictState = { status: S.OPEN, currentStage: null, stageCount: null };
const acknowledged: ConflictState = { status: S.ACKNOWLEDGED, currentStage: null, stageCount: null };
const atStage = (currentStage: number, stageCount: number): ConflictState => ({ status: S.IN_RESOLUTION, currentStage, stageCount });
const resolved: ConflictState = { status: S.RESOLVED, currentStage: 2, stageCount: 3 };
const closedUnresolved: ConflictState = { status: S.CLOSED_UNRESOLVED, currentStage: null, stageCount: null };

const ALL = Object.values(A);

/** Every legal move: state, action, where it leads. */
const LEGAL: [string, ConflictState, A, S, number | null][] = [
  ['open', open, A.ACKNOWLEDGE, S.ACKNOWLEDGED, null],
  ['open', open, A.COMMENT, S.OPEN, null],
  ['acknowledged', acknowledged, A.START_RESOLUTION, S.IN_RESOLUTION, 1],
  ['acknowledged', acknowledged, A.RESOLVE, S.RESOLVED, null],
  ['acknowledged', acknowledged, A.CLOSE_UNRESOLVED, S.CLOSED_UNRESOLVED, null],
  ['acknowledged', acknowledged, A.COMMENT, S.ACKNOWLEDGED, null],
  ['stage 1 of 3', atStage(1, 3), A.ESCALATE, S.IN_RESOLUTION, 2],
  ['stage 2 of 3', atStage(2, 3), A.ESCALATE, S.IN_RESOLUTION, 3],
  ['stage 2 of 3', atStage(2, 3), A.RESOLVE, S.RESOLVED, 2],
  ['stage 2 of 3', atStage(2, 3), A.CLOSE_UNRESOLVED, S.CLOSED_UNRESOLVED, 2],
  ['stage 2 of 3', atStage(2, 3), A.COMMENT, S.IN_RESOLUTION, 2],
  ['stage 3 of 3', atStage(3, 3), A.RESOLVE, S.RESOLVED, 3],
  ['stage 3 of 3', atStage(3, 3), A.CLOSE_UNRESOLVED, S.CLOSED_UNRESOLVED, 3],
];

/** Every illegal move, and words its refusal must contain. */
const ILLEGAL: [string, ConflictState, A, RegExp][] = [
  ['open', open, A.START_RESOLUTION, /must be acknowledged.*Allowed now: acknowledge it, comment\./],
  ['open', open, A.ESCALATE, /must be acknowledged/],
  ['open', open, A.RESOLVE, /must be acknowledged/],
  ['open', open, A.CLOSE_UNRESOLVED, /must be acknowledged/],
  ['acknowledged', acknowledged, A.ACKNOWLEDGE, /already acknowledged.*Allowed now: start resolution/],
  ['acknowledged', acknowledged, A.ESCALATE, /no stage to escalate from/],
  ['stage 1 of 3', atStage(1, 3), A.ACKNOWLEDGE, /already in resolution, at stage 1 of 3/],
  ['stage 1 of 3', atStage(1, 3), A.START_RESOLUTION, /already in resolution.*Allowed now: escalate it to the next stage, resolve it/],
  ['stage 3 of 3', atStage(3, 3), A.ESCALATE, /stage 3 of 3, the last stage.*Allowed now: resolve it, close it unresolved, comment\./],
  ['stage 1 of 1', atStage(1, 1), A.ESCALATE, /stage 1 of 1, the last stage/],
  ...ALL.map((action): [string, ConflictState, A, RegExp] => ['resolved', resolved, action, /closed \(resolved\); nothing more/]),
  ...ALL.map((action): [string, ConflictState, A, RegExp] => [
    'closed unresolved',
    closedUnresolved,
    action,
    /closed \(closed unresolved\); nothing more/,
  ]),
];

describe('conflict lifecycle', () => {
  it.each(LEGAL.map(([label, state, action, status, stage]) => [label, action, state, status, stage] as const))(
    '%s: %s is allowed',
    (_label, action, state, status, stage) => {
      expect(transition(state, action)).toEqual({ ok: true, status, stage });
    },
  );

  it.each(ILLEGAL.map(([label, state, action, message]) => [label, action, state, message] as const))(
    '%s: %s is refused with what is allowed now',
    (_label, action, state, message) => {
      const result = transition(state, action);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.message).toMatch(message);
    },
  );

  it('covers every state and action pair exactly once (the tables above are complete)', () => {
    const states = [open, acknowledged, atStage(1, 3), atStage(2, 3), atStage(3, 3), resolved, closedUnresolved];
    for (const state of states) {
      for (const action of ALL) {
        const legal = allowedActions(state).includes(action);
        expect(transition(state, action).ok).toBe(legal);
      }
    }
    expect(allowedActions(resolved)).toEqual([]);
    expect(allowedActions(closedUnresolved)).toEqual([]);
    expect(isClosed(S.RESOLVED) && isClosed(S.CLOSED_UNRESOLVED) && !isClosed(S.IN_RESOLUTION)).toBe(true);
  });
});

describe('who may act', () => {
  const manager = { manager: true, raiser: false, party: false };
  const raiser = { manager: false, raiser: true, party: false };
  const party = { manager: false, raiser: false, party: true };
  const bystander = { manager: false, raiser: false, party: false };

  it('coordinators may take every action', () => {
    expect(ALL.every((action) => mayTake(manager, action))).toBe(true);
  });

  it('another party acknowledges; the raiser cannot acknowledge their own conflict', () => {
    expect(mayTake(party, A.ACKNOWLEDGE)).toBe(true);
    expect(mayTake(raiser, A.ACKNOWLEDGE)).toBe(false);
  });

  it('either side may start resolution, escalate and comment, but not record the outcome', () => {
    for (const actor of [raiser, party]) {
      expect([A.START_RESOLUTION, A.ESCALATE, A.COMMENT].map((a) => mayTake(actor, a))).toEqual([true, true, true]);
      expect([A.RESOLVE, A.CLOSE_UNRESOLVED].map((a) => mayTake(actor, a))).toEqual([false, false]);
    }
  });

  it('an organisation not involved may do nothing', () => {
    expect(ALL.some((action) => mayTake(bystander, action))).toBe(false);
  });

  it('names the bodies that may when refusing', () => {
    const bodies = { raiser: 'Gateshead Council', parties: ['Newcastle Hospitals', 'Northumbria Police'] };
    expect(notAllowedMessage(A.ACKNOWLEDGE, bodies)).toBe(
      'Only coordinators, tenant administrators and representatives of Newcastle Hospitals and Northumbria Police, the parties it was raised against, can acknowledge it.',
    );
    expect(notAllowedMessage(A.COMMENT, bodies)).toBe(
      'Only coordinators, tenant administrators and representatives of Gateshead Council, Newcastle Hospitals and Northumbria Police, the bodies involved, can comment on it.',
    );
  });
});
