import { MAX_NOTE, readAcknowledgement, readConflict } from './member-forms';

const ID = '0b6f1f3e-2c1a-4d3b-9e8f-1a2b3c4d5e6f';

describe('member forms', () => {
  it('needs a cascade the API knows and bounds the note', () => {
    expect(readAcknowledgement({ cascade: 'EVERYONE', note: 'x'.repeat(MAX_NOTE + 1) }).errors.map((e) => e.href)).toEqual(['#cascade', '#note']);
    expect(readAcknowledgement({ cascade: 'MANAGERS', note: '  Told them  ' })).toEqual({ values: { cascade: 'MANAGERS', note: 'Told them' }, errors: [] });
  });

  it('reads one or many parties, keeping only ids, once each', () => {
    const body = { category: 'CULTURE', severity: 'LOW', title: 'T', description: 'D' };
    expect(readConflict({ ...body, partyIds: ID }).values.partyIds).toEqual([ID]);
    expect(readConflict({ ...body, partyIds: [ID, ID.toUpperCase(), 'x'] }).values.partyIds).toEqual([ID]);
    expect(readConflict({ ...body, partyIds: ['x'] }).errors.map((e) => e.href)).toEqual(['#partyIds']);
  });

  it('names every missing field, in the order of the form', () => {
    expect(readConflict({}).errors.map((e) => e.href)).toEqual(['#partyIds', '#category', '#severity', '#title', '#description']);
    expect(readConflict({ partyIds: ID, category: 'OTHER', severity: 'HIGH', title: 'x'.repeat(201), description: 'D' }).errors).toEqual([
      { href: '#title', text: 'Title must be 200 characters or fewer' },
    ]);
  });
});
