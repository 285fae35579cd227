import { MAX_TEXT_LENGTH } from '@joinedup/graphql-kit';
import { contentPieces, placeOf, problemLines, readUpload, stepLines } from './onboarding-view';

describe('the import pages’ view', () => {
  const file = (originalname: string, text = 'x') => ({ originalname, buffer: Buffer.from(text) });

  it('checks the chosen file before anything is sent', () => {
    expect(readUpload(file('bodies.CSV'), undefined).file?.originalname).toBe('bodies.CSV');
    expect(readUpload(undefined, undefined).error).toEqual({ href: '#file', text: 'Select a CSV or Excel file' });
    expect(readUpload(file('bodies.xls'), undefined).error?.text).toBe('The selected file must be a CSV or Excel file (.csv or .xlsx)');
    expect(readUpload(file('bodies.csv', ''), undefined).error?.text).toBe('The selected file is empty');
    expect(readUpload(undefined, 'LIMIT_FILE_SIZE').error?.text).toBe('The selected file must be smaller than 5 MB');
    expect(readUpload(undefined, 'LIMIT_UNEXPECTED_FILE').error?.text).toBe('Select one file');
  });

  it('sends the file in pieces no text argument refuses, which join back to it', () => {
    const base64 = 'A'.repeat(MAX_TEXT_LENGTH * 2 + 5);
    const pieces = contentPieces(base64);
    expect(pieces.map((p) => p.length)).toEqual([MAX_TEXT_LENGTH, MAX_TEXT_LENGTH, 5]);
    expect(pieces.join('')).toBe(base64);
  });

  it('names where a problem is: sheet and row in a workbook, row in a CSV file', () => {
    expect(placeOf({ sheet: 'People', row: 7 })).toBe('People, row 7');
    expect(placeOf({ sheet: null, row: 7 })).toBe('Row 7');
    expect(placeOf({ sheet: null, row: null })).toBe('The whole file');
    expect(problemLines([{ sheet: null, row: 4, column: 'Email', message: 'Enter an email' }])).toEqual([{ where: 'Row 4, Email', text: 'Enter an email' }]);
    expect(problemLines([{ sheet: null, row: null, column: null, message: 'Too big' }])).toEqual([{ where: 'The whole file', text: 'Too big' }]);
  });

  it('says what happens to each body and person', () => {
    const step = { record: 'MEMBER_BODY' as const, sheet: null, row: 2, name: 'Acme', detail: 'Health', changes: [] as string[], joinsLocality: true };
    expect(stepLines([{ ...step, action: 'CREATE' as const }])[0].text).toBe('Member body Acme (Health): created, and joins the locality');
    expect(stepLines([{ ...step, action: 'CHANGE' as const, changes: ['sector: Health → Police'] }])[0].text).toBe('Member body Acme (Health): changed (sector: Health → Police), and joins the locality');
    expect(stepLines([{ ...step, action: 'UNCHANGED' as const }])).toEqual([{ where: 'Row 2', text: 'Member body Acme (Health): joins the locality' }]);
  });
});
