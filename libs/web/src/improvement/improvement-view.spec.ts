import { actionRow, dueReviewOf, measureRow, nextPageOf, reviewRow } from './improvement-view';

describe('improvement view', () => {
  const measure = { id: 'm', name: 'Falls admissions', unit: 'per month', baseline: 1200, target: 100, direction: 'LOWER_IS_BETTER' as const, active: true, retiredOn: null };

  it('shows a measure with its latest value, met or missed, or retired', () => {
    expect(measureRow({ ...measure, latestValue: { value: 95.5, met: true, periodEnd: '2026-05-31' } })).toEqual({
      id: 'm',
      name: 'Falls admissions',
      baseline: '1,200 per month',
      target: '100 per month',
      direction: 'Lower is better',
      latest: '95.5 per month (period to 31 May 2026)',
      tag: { text: 'Met', classes: 'govuk-tag--green' },
    });
    expect(measureRow({ ...measure, baseline: null, latestValue: { value: 120, met: false, periodEnd: '2026-05-31' } })).toMatchObject({
      baseline: 'None',
      tag: { text: 'Missed' },
    });
    expect(measureRow({ ...measure, latestValue: null })).toMatchObject({ latest: 'No value yet', tag: undefined });
    expect(measureRow({ ...measure, active: false, retiredOn: '2026-06-01', latestValue: null }).tag).toEqual({ text: 'Retired', classes: 'govuk-tag--grey' });
  });

  it('marks the due review and open actions that are overdue, and not closed ones', () => {
    expect(dueReviewOf(null)).toBeUndefined();
    expect(dueReviewOf({ id: 'r', dueOn: '2026-06-01', daysOverdue: 0 })).toEqual({ due: '1 June 2026', tag: undefined });
    expect(dueReviewOf({ id: 'r', dueOn: '2026-06-01', daysOverdue: 1 })?.tag?.text).toBe('Overdue by 1 day');

    const action = {
      id: 'a',
      description: 'Recruit two connectors',
      dueOn: '2026-06-30',
      status: 'OPEN' as const,
      daysOverdue: 4,
      closedOn: null,
      note: null,
      owner: { fullName: 'Ada Owner', organisation: { name: 'Gateshead Council' } },
    };
    expect(actionRow(action)).toEqual({
      id: 'a',
      description: 'Recruit two connectors',
      owner: 'Ada Owner (Gateshead Council)',
      due: '30 June 2026',
      status: { text: 'Open', classes: 'govuk-tag--blue' },
      overdue: { text: 'Overdue by 4 days', classes: 'govuk-tag--red' },
      note: '',
    });
    expect(actionRow({ ...action, status: 'DONE', closedOn: '2026-07-04', note: 'Both started' })).toMatchObject({
      status: { text: 'Done on 4 July 2026', classes: 'govuk-tag--green' },
      overdue: undefined,
      note: 'Both started',
    });
  });

  it('shows a completed review: period, when completed against its due day, ratings', () => {
    expect(
      reviewRow({
        id: 'r',
        dueOn: '2026-06-01',
        daysOverdue: 2,
        periodStart: '2026-03-01',
        periodEnd: '2026-05-31',
        completedOn: '2026-06-03',
        effectivenessRating: 4,
        efficiencyRating: 2,
        findings: 'Falls are down.',
      }),
    ).toEqual({
      period: '1 March 2026 to 31 May 2026',
      completed: '3 June 2026 (due 1 June 2026, 2 days late)',
      ratings: 'Effectiveness 4 of 5, efficiency 2 of 5',
      findings: 'Falls are down.',
    });
  });

  it('links to the next page only when the API says there is one', () => {
    expect(nextPageOf('/p', 'actionsAfter', { hasNextPage: true, endCursor: 'a+b/c' })).toBe('/p?actionsAfter=a%2Bb%2Fc');
    expect(nextPageOf('/p', 'actionsAfter', { hasNextPage: false, endCursor: 'abc' })).toBeUndefined();
  });
});
