import { candidateText, distinctNames, fitText, percentOf, positionsOf, ruleText, statusChoices, tallyText } from './programme-view';

const twoThirds = { kind: 'QUALIFIED_MAJORITY' as const, supportThreshold: 0.667, maxOpposing: 1 };
const unanimous = { kind: 'UNANIMOUS' as const, supportThreshold: null, maxOpposing: null };
const counts = { participants: 8, supporting: 5, opposing: 1, abstaining: 0, pending: 2, agreed: false, supportNeeded: 6 };

describe('programme views', () => {
  it('says the agreement rule in words', () => {
    expect(percentOf(0.667)).toBe('66.7 %');
    expect(percentOf(0.5)).toBe('50 %');
    expect(ruleText(unanimous)).toBe('every body taking part supports');
    expect(ruleText(twoThirds)).toBe('at least 66.7 % of the bodies support, and at most 1 opposes');
    expect(ruleText({ ...twoThirds, maxOpposing: null })).toBe('at least 66.7 % of the bodies support');
  });

  it('shows the tally with the number the API says is needed', () => {
    expect(tallyText(counts, twoThirds)).toBe('5 of 8 support; needs 6 (at least 66.7 % of the bodies support, and at most 1 opposes)');
    expect(tallyText({ ...counts, supporting: 6, agreed: true }, twoThirds)).toBe('6 of 8 support: agreed');
    expect(tallyText({ ...counts, participants: 0, supporting: 0, supportNeeded: null }, unanimous)).toBe('0 of 0 support; no body takes part, so nothing can be agreed');
  });

  it('lists every participating body with its position, waiting when it has none', () => {
    const bodies = [{ id: 'b', name: 'Police' }, { id: 'a', name: 'Council' }, { id: 'c', name: 'Fire' }];
    const positions = positionsOf(bodies, [{ position: 'OPPOSE', comment: 'Open selection first', organisation: { id: 'b' } }, { position: 'SUPPORT', organisation: { id: 'a' } }]);
    expect(positions).toEqual([
      { name: 'Council', position: 'Supports', comment: '' },
      { name: 'Fire', position: 'Waiting', comment: '' },
      { name: 'Police', position: 'Opposes', comment: 'Open selection first' },
    ]);
  });

  it('shows fit as a share with what is missing', () => {
    expect(fitText({ score: 1, gaps: [] })).toBe('100 %');
    expect(fitText({ score: 2 / 3, gaps: [{ competency: 'Safeguarding', requiredLevel: 3, heldLevel: null }] })).toBe('67 % — missing: Safeguarding (level 3)');
    expect(fitText({ score: 0, gaps: [{ competency: 'Data', requiredLevel: 4, heldLevel: 2 }] })).toBe('0 % — missing: Data (level 4, holds 2)');
  });

  it('offers a candidate with their fit', () => {
    const gap = { competency: 'Safeguarding', requiredLevel: 3, heldLevel: null };
    expect(candidateText({ fullName: 'Sam Carer', jobTitle: 'Analyst', organisation: { name: 'Police' } }, { score: 2 / 3, gaps: [gap] })).toBe(
      'Sam Carer, Analyst (Police): fit 67 % — missing: Safeguarding (level 3)',
    );
    expect(candidateText({ fullName: 'Kit Warden', jobTitle: null, organisation: { name: 'Fire' } }, { score: 1, gaps: [] })).toBe('Kit Warden (Fire): fit 100 %');
  });

  it('offers the other statuses until the programme is closed', () => {
    expect(statusChoices('DRAFT').map((s) => s.value)).toEqual(['ACTIVE', 'CLOSED']);
    expect(statusChoices('CLOSED')).toEqual([]);
  });

  it('offers each competency name once, sorted', () => {
    expect(distinctNames(['Safeguarding', 'data', 'Data', 'Budgeting'])).toEqual(['Budgeting', 'data', 'Safeguarding']);
  });
});
