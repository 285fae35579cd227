import { readActionUpdate, readMeasure, readReview, reviewFieldOf } from './improvement-forms';

const FALLS = { id: '0b0f8e4e-6a1e-4a43-9f5e-0a7b7c4c1d11', name: 'Falls admissions', unit: 'per month' };
const REACHED = { id: '1b0f8e4e-6a1e-4a43-9f5e-0a7b7c4c1d22', name: 'Residents reached', unit: 'people' };
const OWNER = '2b0f8e4e-6a1e-4a43-9f5e-0a7b7c4c1d33';

const period = { 'periodStart-day': '1', 'periodStart-month': '3', 'periodStart-year': '2026', 'periodEnd-day': '31', 'periodEnd-month': '5', 'periodEnd-year': '2026' };
const rated = { effectivenessRating: '4', efficiencyRating: '2', findings: 'Falls are down.' };

describe('improvement forms', () => {
  it('reads a measure: name, unit, optional baseline, target and direction', () => {
    expect(readMeasure({ name: ' Falls ', unit: 'per month', baseline: '', target: '1,200.5', direction: 'LOWER_IS_BETTER' }).input).toEqual({
      name: 'Falls',
      unit: 'per month',
      baseline: null,
      target: 1200.5,
      direction: 'LOWER_IS_BETTER',
    });
    const wrong = readMeasure({ name: '', unit: 'x'.repeat(51), baseline: 'lots', target: '2e16', direction: 'SIDEWAYS' });
    expect(wrong.input).toBeUndefined();
    expect(wrong.errors.map((e) => e.href)).toEqual(['#name', '#unit', '#baseline', '#target', '#direction']);
    expect(wrong.values).toMatchObject({ baseline: 'lots', target: '2e16' });
  });

  it('asks whether a changed measure is still active', () => {
    const base = { name: 'Falls', unit: '%', target: '5', direction: 'HIGHER_IS_BETTER' };
    expect(readMeasure({ ...base, active: 'no' }, true).input).toMatchObject({ active: false });
    expect(readMeasure(base, true).errors).toEqual([{ href: '#active', text: 'Select yes if the measure takes values in reviews' }]);
    expect(readMeasure({ ...base, active: 'no' }).input).not.toHaveProperty('active');
  });

  it('needs a value for every active measure, shown beside that measure, and sends nothing until complete', () => {
    const missing = readReview({ ...period, ...rated, [`value-${FALLS.id}`]: '95' }, [FALLS, REACHED]);
    expect(missing.input).toBeUndefined();
    expect(missing.errors).toEqual([{ href: `#value-${REACHED.id}`, text: 'Enter the value of Residents reached (people)' }]);
    expect(missing.values.measureValues).toEqual({ [FALLS.id]: '95', [REACHED.id]: '' });

    const typo = readReview({ ...period, ...rated, [`value-${FALLS.id}`]: '9 5', [`value-${REACHED.id}`]: '-3.5' }, [FALLS, REACHED]);
    expect(typo.errors.map((e) => e.href)).toEqual([`#value-${FALLS.id}`]);
  });

  it('reads a whole review with the action rows that were filled in', () => {
    const { input, errors } = readReview(
      {
        ...period,
        ...rated,
        [`value-${FALLS.id}`]: '95',
        'action2-description': 'Recruit two connectors',
        'action2-owner': OWNER,
        'action2-due-day': '30',
        'action2-due-month': '6',
        'action2-due-year': '2026',
      },
      [FALLS],
    );
    expect(errors).toEqual([]);
    expect(input).toEqual({
      periodStart: '2026-03-01',
      periodEnd: '2026-05-31',
      findings: 'Falls are down.',
      effectivenessRating: 4,
      efficiencyRating: 2,
      values: [{ measureId: FALLS.id, value: 95 }],
      actions: [{ description: 'Recruit two connectors', ownerPersonId: OWNER, dueOn: '2026-06-30' }],
      actionRows: [2],
    });
    // The API's refusal of the first action sent is shown beside row 2's field.
    expect(reviewFieldOf('actions.0.dueOn', input!)).toBe('#action2-due-day');
    expect(reviewFieldOf('actions.0.ownerPersonId', input!)).toBe('#action2-owner');
    expect(reviewFieldOf('values.0.measureId', input!)).toBe(`#value-${FALLS.id}`);
    expect(reviewFieldOf('values', input!)).toBe(`#value-${FALLS.id}`);
    expect(reviewFieldOf('values', { ...input!, values: [] })).toBe('#findings');
  });

  it('checks the period, the ratings, the findings and a partly filled action row', () => {
    const { errors } = readReview(
      { ...period, 'periodEnd-year': '2025', effectivenessRating: '6', findings: '', 'action1-description': 'Half an action' },
      [],
    );
    expect(errors).toEqual([
      { href: '#periodEnd-day', text: 'The last day the review covers must be the same as or after the first day' },
      { href: '#effectivenessRating', text: 'Select how effective the programme was, from 1 to 5' },
      { href: '#efficiencyRating', text: 'Select how efficient the programme was, from 1 to 5' },
      { href: '#findings', text: 'Enter the review’s findings' },
      { href: '#action1-owner', text: 'Select who owns action 1' },
      { href: '#action1-due-day', text: 'Enter the day action 1 is due' },
    ]);
  });

  it('reads an action update: a status and an optional note', () => {
    expect(readActionUpdate({ status: 'DONE', note: ' Both recruited ' }).input).toEqual({ status: 'DONE', note: 'Both recruited' });
    expect(readActionUpdate({ status: 'FINISHED', note: 'x'.repeat(2001) }).errors.map((e) => e.href)).toEqual(['#status', '#note']);
  });
});
