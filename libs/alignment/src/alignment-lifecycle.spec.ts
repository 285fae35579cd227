import {
  AlignmentAction as A,
  AlignmentActor,
  AlignmentStatus as S,
  allowedActions,
  isFinal,
  mayTake,
  notAllowedMessage,
  transition,
} from './alignment-lifecycle';

const ALL_ACTIONS = Object.values(A);
const ALL_STATUSES = Object.values(S);

/** Every legal move: from, action, to. */
const LEGAL: [S, A, S][] = [
  [S.REQUESTED, A.AGREE, S.AGREED],
  [S.REQUESTED, A.DECLINE, S.DECLINED],
  [S.REQUESTED, A.WITHDRAW, S.WITHDRAWN],
  [S.AGREED, A.RECORD_ADAPTED, S.ADAPTED],
  [S.AGREED, A.WITHDRAW, S.WITHDRAWN],
];

/** Every illegal move, and words its refusal must contain. */
const ILLEGAL: [S, A, RegExp][] = [
  [S.REQUESTED, A.RECORD_ADAPTED, /not been agreed yet.*Allowed now: agree to it, decline it, withdraw it\./],
  [S.AGREED, A.AGREE, /already been answered: it was agreed.*Allowed now: record that it was adapted, withdraw it\./],
  [S.AGREED, A.DECLINE, /already been answered: it was agreed.*Allowed now: record that it was adapted, withdraw it\./],
  ...ALL_ACTIONS.map((a): [S, A, RegExp] => [S.DECLINED, a, /was declined; nothing more can be done/]),
  ...ALL_ACTIONS.map((a): [S, A, RegExp] => [S.ADAPTED, a, /complete: the target organisation has adapted\. Nothing more/]),
  ...ALL_ACTIONS.map((a): [S, A, RegExp] => [S.WITHDRAWN, a, /was withdrawn; nothing more can be done/]),
];

describe('alignment request lifecycle', () => {
  it.each(LEGAL)('%s: %s leads to %s', (from, action, to) => {
    expect(transition(from, action)).toEqual({ ok: true, status: to });
  });

  it.each(ILLEGAL)('%s: %s is refused, saying what is allowed now', (from, action, message) => {
    const result = transition(from, action);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });

  it('lists every status and action pair exactly once (the tables above are complete)', () => {
    const pairs = [...LEGAL.map(([s, a]) => `${s}/${a}`), ...ILLEGAL.map(([s, a]) => `${s}/${a}`)];
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(pairs.length).toBe(ALL_STATUSES.length * ALL_ACTIONS.length);
    for (const status of ALL_STATUSES) {
      for (const action of ALL_ACTIONS) {
        expect(transition(status, action).ok).toBe(allowedActions(status).includes(action));
      }
    }
  });

  it('allows withdrawal while waiting for an answer and after an agreement, never after a decline or an adaptation', () => {
    expect(ALL_STATUSES.filter((s) => allowedActions(s).includes(A.WITHDRAW))).toEqual([S.REQUESTED, S.AGREED]);
  });

  it('treats declined, adapted and withdrawn as final', () => {
    expect(ALL_STATUSES.filter(isFinal)).toEqual([S.DECLINED, S.ADAPTED, S.WITHDRAWN]);
    for (const status of ALL_STATUSES.filter(isFinal)) expect(allowedActions(status)).toEqual([]);
  });
});

describe('who may act on an alignment request', () => {
  const actor = (who: Partial<AlignmentActor>): AlignmentActor => ({ manager: false, requester: false, target: false, ...who });
  const may = (who: Partial<AlignmentActor>) => ALL_ACTIONS.filter((a) => mayTake(actor(who), a));

  it("lets only the target's representatives answer and record the adaptation", () => {
    expect(may({ target: true })).toEqual([A.AGREE, A.DECLINE, A.RECORD_ADAPTED]);
  });

  it("lets the requester's representatives and coordinators withdraw, and nothing else", () => {
    expect(may({ requester: true })).toEqual([A.WITHDRAW]);
    expect(may({ manager: true })).toEqual([A.WITHDRAW]);
  });

  it('lets an organisation that is neither side do nothing', () => {
    expect(may({})).toEqual([]);
  });

  it('says who may do it when refusing', () => {
    const names = { requester: 'Gateshead Council', target: 'Newcastle Hospitals' };
    expect(notAllowedMessage(A.AGREE, names)).toBe(
      'Only representatives of Newcastle Hospitals, to which the request is addressed, can answer it or record that it adapted.',
    );
    expect(notAllowedMessage(A.WITHDRAW, names)).toBe(
      'Only representatives of Gateshead Council, which made the request, coordinators and tenant administrators can withdraw it.',
    );
  });
});
