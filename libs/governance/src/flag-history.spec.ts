import { FLAG_AUDIT, flagHistory } from './flag-history';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 9, minute));

describe('flag history', () => {
  it('is raised, then the audit trail in time order, then resolved; only dismissals carry a reason', () => {
    const events = [
      { flagId: 'f', at: at(3), actorUserId: null, action: FLAG_AUDIT.reopened, reason: null },
      { flagId: 'f', at: at(1), actorUserId: 'u', action: FLAG_AUDIT.acknowledged, reason: 'ignored' },
      { flagId: 'f', at: at(2), actorUserId: 'u', action: FLAG_AUDIT.dismissed, reason: 'Not ours' },
      { flagId: 'f', at: at(2), actorUserId: 'u', action: 'governance_flag.unknown', reason: null },
    ];
    expect(flagHistory({ firstRaisedAt: at(0), resolvedAt: at(4) }, events)).toEqual([
      { kind: 'RAISED', at: at(0), actorUserId: null, reason: null },
      { kind: 'ACKNOWLEDGED', at: at(1), actorUserId: 'u', reason: null },
      { kind: 'DISMISSED', at: at(2), actorUserId: 'u', reason: 'Not ours' },
      { kind: 'REOPENED', at: at(3), actorUserId: null, reason: null },
      { kind: 'RESOLVED', at: at(4), actorUserId: null, reason: null },
    ]);
    expect(flagHistory({ firstRaisedAt: at(0), resolvedAt: null }, []).map((e) => e.kind)).toEqual(['RAISED']);
  });
});
