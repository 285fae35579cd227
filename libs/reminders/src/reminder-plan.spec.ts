import { DeadlineKind } from '@joinedup/deadlines';
import { MAIL_KINDS } from '@joinedup/mail';
import { REMINDER_PLAN, reminderMomentDue, reminderWindow } from './reminder-plan';

const today = '2026-12-05';
const due = (kind: DeadlineKind, dueOn: string) => reminderMomentDue(kind, dueOn, today)?.name;

describe('the reminder plan', () => {
  it('reminds every deadline kind a user can switch off, and no other', () => {
    expect(Object.keys(REMINDER_PLAN).sort()).toEqual(MAIL_KINDS.filter((kind) => kind !== 'DIGEST').sort());
  });

  it('reminds a conflict stage from 2 days before to its due day, then once overdue', () => {
    expect(due(DeadlineKind.CONFLICT_STAGE_DUE, '2026-12-08')).toBeUndefined();
    expect(due(DeadlineKind.CONFLICT_STAGE_DUE, '2026-12-07')).toBe('before-2');
    expect(due(DeadlineKind.CONFLICT_STAGE_DUE, '2026-12-05')).toBe('before-2');
    expect(due(DeadlineKind.CONFLICT_STAGE_DUE, '2026-12-04')).toBe('overdue');
    expect(due(DeadlineKind.CONFLICT_STAGE_DUE, '2026-11-27')).toBe('overdue');
    expect(due(DeadlineKind.CONFLICT_STAGE_DUE, '2026-11-26')).toBeUndefined();
  });

  it('reminds reviews 7 days ahead, re-confirmations 30, alignment answers 2, and actions only once overdue', () => {
    expect(due(DeadlineKind.IMPROVEMENT_REVIEW_DUE, '2026-12-12')).toBe('before-7');
    expect(due(DeadlineKind.IMPROVEMENT_REVIEW_DUE, '2026-12-13')).toBeUndefined();
    expect(due(DeadlineKind.IMPROVEMENT_REVIEW_DUE, '2026-12-04')).toBeUndefined();
    expect(due(DeadlineKind.LEADER_RECONFIRMATION_DUE, '2027-01-04')).toBe('before-30');
    expect(due(DeadlineKind.LEADER_RECONFIRMATION_DUE, '2027-01-05')).toBeUndefined();
    expect(due(DeadlineKind.ALIGNMENT_ANSWER_DUE, '2026-12-07')).toBe('before-2');
    expect(due(DeadlineKind.IMPROVEMENT_ACTION_DUE, '2026-12-05')).toBeUndefined();
    expect(due(DeadlineKind.IMPROVEMENT_ACTION_DUE, '2026-12-04')).toBe('overdue');
  });

  it('reminds a nomination waiting for endorsement on its due day (7 days after it was made), not before', () => {
    expect(due(DeadlineKind.ENDORSEMENT_WAITING, '2026-12-06')).toBeUndefined();
    expect(due(DeadlineKind.ENDORSEMENT_WAITING, '2026-12-05')).toBe('due');
    expect(due(DeadlineKind.ENDORSEMENT_WAITING, '2026-11-28')).toBe('due');
  });

  it('never reminds a health-check round (its mail goes to the people asked)', () => {
    expect(due(DeadlineKind.HEALTH_CHECK_ROUND_CLOSES, '2026-12-05')).toBeUndefined();
  });

  it('reads the due days from the longest catch-up back to the longest notice ahead', () => {
    expect(reminderWindow(new Date('2026-12-05T23:59:00Z'))).toEqual({ from: '2026-11-27', to: '2027-01-04' });
  });
});
