import { acknowledgementRows, alignmentRow, recognitionRow, recognitionYear, statusFilter } from './programme-records-view';

describe('programme records view', () => {
  it('lists the bodies that have not acknowledged a briefing first, and how far the others passed it on', () => {
    const rows = acknowledgementRows([
      {
        organisation: { id: 'a', name: 'Durham County Council' },
        firstAcknowledgedAt: '2026-03-01T09:00:00Z',
        acknowledgement: { acknowledgedAt: '2026-03-02T10:30:00Z', cascade: 'FRONT_LINE', note: 'Team briefings' },
      },
      { organisation: { id: 'b', name: 'Durham Police' }, firstAcknowledgedAt: null, acknowledgement: null },
    ]);
    expect(rows).toEqual([
      { body: 'Durham Police', acknowledged: false, when: '', cascade: '', note: '' },
      { body: 'Durham County Council', acknowledged: true, when: '2 March 2026 at 10:30 UTC (first on 1 March 2026 at 09:00 UTC)', cascade: 'Front-line staff', note: 'Team briefings' },
    ]);
  });

  it('reads the status filter, ignoring what is not a status', () => {
    expect(statusFilter('AGREED')).toBe('AGREED');
    expect(statusFilter('agreed')).toBeUndefined();
    expect(statusFilter(['AGREED'])).toBeUndefined();
  });

  it('says who asked whom, the answer, and whether the request may be withdrawn', () => {
    const row = alignmentRow({
      id: 'r', title: 'Use the shared form', kind: 'REFERRAL_PROCESS', description: 'How', status: 'AGREED',
      requestedOn: '2026-01-05', responseDueOn: '2026-01-20', responseOverdue: false, respondedOn: '2026-01-10', plannedOn: '2026-02-01',
      adaptedOn: null, declineReason: null, withdrawalReason: null, allowedActions: ['WITHDRAW'],
      requestingOrganisation: { name: 'NHS Trust' }, targetOrganisation: { name: 'Council' },
    });
    expect(row).toMatchObject({
      kind: 'A referral process',
      who: 'NHS Trust asked Council on 5 January 2026',
      status: 'Agreed',
      due: '20 January 2026',
      answer: 'Answered on 10 January 2026. Plans to have adapted by 1 February 2026.',
      mayWithdraw: true,
    });
  });

  it('pages recognitions by year, never after this one', () => {
    expect(recognitionYear(undefined, '2026-12-05')).toEqual({ year: 2026, from: '2026-01-01', to: '2026-12-31', earlier: 2025, later: undefined });
    expect(recognitionYear('2024', '2026-12-05')).toMatchObject({ year: 2024, earlier: 2023, later: 2025 });
    expect(recognitionYear('2099', '2026-12-05').year).toBe(2026);
    expect(recognitionYear('12', '2026-12-05').year).toBe(2026);
  });

  it('names a person credited with their body, and where the recognition was made visible', () => {
    expect(
      recognitionRow({
        id: 'x', reason: 'Led the pilot', givenOn: '2026-06-01', visibleIn: ['PUBLIC', 'PARTNERSHIP_BOARD'],
        creditedPerson: { fullName: 'Sam Lee' }, recipientOrganisation: { name: 'Council' },
        givenByPerson: null, giverOrganisation: { name: 'NHS Trust' }, milestone: { name: 'Pilot live' },
      }),
    ).toEqual({
      credited: 'Sam Lee (Council)', givenBy: 'NHS Trust', reason: 'Led the pilot', milestone: 'Pilot live', givenOn: '1 June 2026',
      visibleIn: 'In public (press, website, awards); At the partnership (board, steering group, programme meeting)',
    });
  });
});
