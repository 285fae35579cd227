import { flagRows, historyLines } from './flag-view';
import { Flag } from './flag.documents';

const [P, O1, O2, L] = ['0b6f1f3e-2c1a-4d3b-9e8f-1a2b3c4d5e6f', '1c7a2b4f-3d2b-4e4c-8f90-2b3c4d5e6f70', '2d8b3c5a-4e3c-4f5d-9a01-3c4d5e6f7081', '3e9c4d6b-5f4d-4a6e-8b12-4d5e6f708192'];

describe('flag page views', () => {
  it('tells the history in words, the viewer’s own actions as theirs, a dismissal with its reason', () => {
    const lines = historyLines(
      [
        { kind: 'RAISED', at: '2026-12-01T09:00:00Z', actorUserId: null, reason: null },
        { kind: 'DISMISSED', at: '2026-12-02T10:30:00Z', actorUserId: 'me', reason: 'Agreed' },
        { kind: 'ACKNOWLEDGED', at: '2026-12-03T10:30:00Z', actorUserId: 'someone', reason: null },
      ],
      'me',
    );
    expect(lines).toEqual([
      { when: '1 December 2026 at 09:00 UTC', what: 'Raised by a scan' },
      { when: '2 December 2026 at 10:30 UTC', what: 'Dismissed by you', reason: 'Agreed' },
      { when: '3 December 2026 at 10:30 UTC', what: 'Acknowledged by a coordinator or administrator' },
    ]);
  });

  it('says how old the flag is and links its locality and programme to their health pages', () => {
    const flag = {
      barrier: 'LEADERSHIP', ruleCode: 'LEADERSHIP_NOMINATION_OPPOSED', subjectType: 'NOMINATION',
      locality: { id: L, name: 'Tyne' }, programme: { id: P, name: 'Safer streets' }, organisation: null,
      firstRaisedAt: '2026-12-01T09:00:00Z', lastSeenAt: '2026-12-04T09:00:00Z', evidenceChangedAt: '2026-12-01T09:00:00Z',
      acknowledgedAt: null, dismissedAt: null, dismissalReason: null, resolvedAt: null,
    } as unknown as Flag;
    const rows = flagRows(flag, new Date('2026-12-04T10:00:00Z'));
    expect(rows).toContainEqual({ key: 'Locality', value: 'Tyne', href: `/localities/${L}` });
    expect(rows).toContainEqual({ key: 'Programme', value: 'Safer streets', href: `/programmes/${P}` });
    expect(rows).toContainEqual({ key: 'Raised', value: '1 December 2026 at 09:00 UTC (3 days ago)' });
    expect(rows.map((r) => r.key)).not.toContain('Evidence last changed');
  });
});
