import { MAX_REASON, readDismissal, readRescan } from './flag-forms';

const ID = '0b6f1f3e-2c1a-4d3b-9e8f-1a2b3c4d5e6f';

describe('flag forms', () => {
  it('needs a reason to dismiss, trimmed, at most as long as the API allows', () => {
    expect(readDismissal({ reason: '  Agreed at the board  ' })).toEqual({ values: { reason: 'Agreed at the board' }, errors: [] });
    for (const body of [{}, { reason: '   ' }, { reason: ['a', 'b'] }, undefined]) {
      expect(readDismissal(body as Record<string, unknown>).errors).toEqual([
        { href: '#reason', text: 'Enter why this flag is not a problem, for example what the partnership agreed' },
      ]);
    }
    expect(readDismissal({ reason: 'x'.repeat(MAX_REASON) }).errors).toEqual([]);
    expect(readDismissal({ reason: 'x'.repeat(MAX_REASON + 1) }).errors).toEqual([{ href: '#reason', text: 'The reason must be 2000 characters or fewer' }]);
  });

  it('reads the locality of a rescan: an id, or none for every locality, else nothing', () => {
    expect(readRescan({ localityId: ID.toUpperCase() })).toEqual({ localityId: ID });
    expect(readRescan({ localityId: '' })).toEqual({ localityId: null });
    expect(readRescan({})).toEqual({ localityId: null });
    expect(readRescan({ localityId: 'x' })).toBeUndefined();
    expect(readRescan({ localityId: [ID, ID] })).toBeUndefined();
  });
});
