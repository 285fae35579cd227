import { historyLines, offeredActions, readManagerAction, recordedBy } from './conflict-view';

describe('a conflict for coordinators', () => {
  it('requires the outcome, the reason or the comment, and bounds every text', () => {
    expect(readManagerAction({ action: 'RESOLVE', note: '' }).form.errors).toEqual([{ href: '#note', text: 'Enter how the conflict was resolved' }]);
    expect(readManagerAction({ action: 'CLOSE_UNRESOLVED' }).form.errors).toEqual([{ href: '#note', text: 'Enter why it is closed without a resolution' }]);
    expect(readManagerAction({ action: 'COMMENT', note: 'x'.repeat(5001) }).form.errors).toEqual([{ href: '#note', text: 'Enter your comment in 5000 characters or fewer' }]);
    const escalate = readManagerAction({ action: 'ESCALATE', note: '' });
    expect([escalate.values, escalate.form.ok]).toEqual([{ action: 'ESCALATE', note: '' }, true]);
    expect(readManagerAction({ action: 'DELETE', note: 'x' }).form.errors).toEqual([{ href: '#action', text: 'Select what you do about the conflict' }]);
  });

  it('offers only what the API allows now', () => {
    expect(offeredActions(['START_RESOLUTION', 'RESOLVE', 'CLOSE_UNRESOLVED', 'COMMENT'], 'RESOLVE').map((a) => [a.value, a.checked])).toEqual([
      ['START_RESOLUTION', false],
      ['RESOLVE', true],
      ['CLOSE_UNRESOLVED', false],
      ['COMMENT', false],
    ]);
  });

  it('words the history with the stage entered and who acted, as far as the caller may know', () => {
    const at = '2026-12-05T10:30:00.000Z';
    const lines = historyLines(
      [
        { id: '1', kind: 'RAISED', stage: null, stageDueOn: null, note: null, actorUserId: 'u2', actorOrganisation: { name: 'Tynedale Council' }, occurredAt: at },
        { id: '2', kind: 'ESCALATED', stage: 2, stageDueOn: '2026-12-19', note: 'No agreement', actorUserId: 'me', actorOrganisation: null, occurredAt: at },
        { id: '3', kind: 'RESOLVED', stage: 2, stageDueOn: null, note: 'Split the cost', actorUserId: 'u3', actorOrganisation: null, occurredAt: at },
        { id: '4', kind: 'ACKNOWLEDGED', stage: null, stageDueOn: null, note: null, actorUserId: null, actorOrganisation: null, occurredAt: at },
      ],
      'me',
    );
    expect(lines.map((l) => l.what)).toEqual([
      'Raised by Tynedale Council',
      'Escalated by you: stage 2, due 19 December 2026',
      'Resolved by a coordinator or administrator',
      'Acknowledged',
    ]);
    expect(lines[1]).toMatchObject({ when: '5 December 2026 at 10:30 UTC', note: 'No agreement' });
    expect([recordedBy('me', 'me'), recordedBy('u2', 'me'), recordedBy(null, 'me')]).toEqual(['you', 'a coordinator or administrator', '']);
  });
});
