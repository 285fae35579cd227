import { cascadeSummary, dueTag, MyBody, toDoList } from './my-body';

describe('the to-do list', () => {
  it('tags alignment requests by when they are due', () => {
    expect(dueTag('2026-12-01', true, '2026-12-05')).toEqual({ text: 'Overdue', classes: 'govuk-tag--red' });
    expect(dueTag('2026-12-05', false, '2026-12-05').text).toBe('Due today');
    expect(dueTag('2026-12-06', false, '2026-12-05').text).toBe('Due tomorrow');
    expect(dueTag('2026-12-12', false, '2026-12-05')).toEqual({ text: 'Due in 7 days', classes: 'govuk-tag--yellow' });
    expect(dueTag('2027-01-05', false, '2026-12-05')).toEqual({ text: 'Due in 31 days', classes: 'govuk-tag--grey' });
  });

  it('says how far the bodies that acknowledged a briefing passed it on', () => {
    expect(cascadeSummary([{ cascade: 'LEADERSHIP_ONLY', count: 0 }, { cascade: 'MANAGERS', count: 2 }, { cascade: 'WHOLE_ORGANISATION', count: 1 }])).toBe(
      'passed on: 2 to managers, 1 to the whole organisation',
    );
    expect(cascadeSummary([{ cascade: 'MANAGERS', count: 0 }])).toBe('not passed on by any body yet');
  });

  it('keeps the conflicts the body can act on and the programmes it takes part in', () => {
    const data: MyBody = {
      organisation: {
        id: 'me',
        name: 'Me',
        briefingAcknowledgement: { unacknowledgedCount: 0, unacknowledged: { nodes: [] } },
        alignmentRequestsReceived: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } },
        nominationsToEndorse: { count: 0, nodes: [] },
      },
      conflicts: {
        nodes: [
          { id: 'a', title: 'A', status: 'OPEN', severity: 'LOW', detailsVisible: true, allowedActions: ['COMMENT'] },
          { id: 'b', title: 'B', status: 'OPEN', severity: 'LOW', detailsVisible: true, allowedActions: ['ACKNOWLEDGE', 'COMMENT'] },
        ],
        pageInfo: { hasNextPage: false, endCursor: null },
      },
      localities: {
        nodes: [
          {
            id: 'l',
            name: 'Tyne',
            programmes: [
              { id: 'p1', name: 'Ours', status: 'ACTIVE', participants: [{ id: 'me' }] },
              { id: 'p2', name: 'Theirs', status: 'ACTIVE', participants: [{ id: 'them' }] },
            ],
          },
        ],
      },
    };
    const list = toDoList(data, '2026-12-05');
    expect(list.conflicts.map((c) => c.id)).toEqual(['b']);
    expect(list.programmes).toEqual([{ id: 'p1', name: 'Ours', status: 'ACTIVE', locality: 'Tyne' }]);
  });
});
