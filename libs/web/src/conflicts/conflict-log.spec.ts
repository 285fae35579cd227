import { Request } from 'express';
import { LogFilters, logEntry, logHref, logVariables, NO_FILTERS, readLogFilters, stageChoices } from './conflict-log';

const base = {
  id: '0b0f8e4e-6a1e-4a43-9f5e-0a7b7c4c1d11', title: 'Funding for the shared team', detailsVisible: true, category: 'RESOURCES' as const,
  severity: 'HIGH' as const, status: 'IN_RESOLUTION' as const, currentStage: 2, stageDueOn: '2026-12-01', stageOverdue: true,
  openedAt: '2026-11-02T10:00:00.000Z', programme: null, raisedByOrganisation: { name: 'Tynedale Council' },
  parties: [{ name: 'Hexham Trust' }, { name: 'Northumbria Police' }], stage: { name: 'Mediation' },
};

describe('the conflict log', () => {
  it('reads only known statuses, severities and stages from the query', () => {
    const filters = readLogFilters({ status: ['OPEN', 'DROP', 'OPEN'], severity: 'HIGH', category: ['CULTURE', 'culture'], stage: ['2', '0', '11', 'x', '10'] } as Request['query']);
    expect(filters).toEqual({ status: ['OPEN'], severity: ['HIGH'], category: ['CULTURE'], stage: [2, 10] });
    expect(readLogFilters({} as Request['query'])).toEqual({ status: [], severity: [], category: [], stage: [] });
  });

  it('sends no empty filter, and keeps the filters in the next page’s address', () => {
    const filters: LogFilters = { status: ['OPEN', 'IN_RESOLUTION'], severity: [], category: ['DATA_SHARING'], stage: [1] };
    expect(logVariables('L', filters, 'abc')).toEqual({ localityId: 'L', first: 20, after: 'abc', status: ['OPEN', 'IN_RESOLUTION'], severity: null, category: ['DATA_SHARING'], stage: [1] });
    expect(logHref('/manage/localities/L/conflicts', filters, 'next')).toBe('/manage/localities/L/conflicts?status=OPEN&status=IN_RESOLUTION&category=DATA_SHARING&stage=1&after=next');
    expect(logHref('/x', NO_FILTERS)).toBe('/x');
  });

  it('names the stages of the agreed process in the stage filter', () => {
    const choices = stageChoices([{ number: 1, name: 'Talk' }], [2]);
    expect(choices).toHaveLength(10);
    expect(choices.slice(0, 2)).toEqual([{ value: '1', text: 'Stage 1: Talk', checked: false }, { value: '2', text: 'Stage 2', checked: true }]);
  });

  it('shows a conflict with its stage, due day and parties, overdue marked', () => {
    const entry = logEntry(base);
    expect(entry).toMatchObject({ href: `/manage/conflicts/${base.id}`, title: 'Funding for the shared team', overdue: true });
    const rows = Object.fromEntries(entry.rows.map((r) => [r.key.text, r.value.text]));
    expect(rows).toMatchObject({ Status: 'In resolution', Severity: 'High', 'Raised by': 'Tynedale Council', With: 'Hexham Trust, Northumbria Police', Stage: 'Stage 2: Mediation', 'Stage due': '1 December 2026' });
  });

  it('says the details are withheld when the API leaves them out', () => {
    const entry = logEntry({ ...base, detailsVisible: false, title: null, raisedByOrganisation: null, parties: [] });
    expect(entry.title).toBe('A conflict');
    const rows = Object.fromEntries(entry.rows.map((r) => [r.key.text, r.value.text]));
    expect([rows['Raised by'], rows.With]).toEqual(['Shown only to the bodies involved', 'Shown only to the bodies involved']);
  });
});
