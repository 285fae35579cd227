import { parse } from 'csv-parse/sync';
import { CSV_BOM, csvField, csvText } from './csv-text';

describe('csvField', () => {
  it('quotes commas, quotes and line breaks as RFC 4180 says, and leaves plain text alone', () => {
    expect(csvField('plain words')).toBe('plain words');
    expect(csvField('slow, and late')).toBe('"slow, and late"');
    expect(csvField('we say "partnership"')).toBe('"we say ""partnership"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField('one\nline feed')).toBe('"one\nline feed"');
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+44 191 000', `'+44 191 000`],
    ['-1+2', `'-1+2`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `"'\r=1"`],
  ])('keeps a spreadsheet from running %j as a formula', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('leaves a formula character that is not first alone', () => {
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('')).toBe('');
  });
});

describe('csvText', () => {
  it('writes rows with CRLF ends that a CSV reader gives back, formula cells neutralised', () => {
    const rows = [
      ['name', 'note'],
      ['=cmd', 'a, "b"\nc'],
      ['Gateshead Council', ''],
    ];
    const text = csvText(rows);
    expect(text).toBe(`name,note\r\n'=cmd,"a, ""b""\nc"\r\nGateshead Council,\r\n`);
    expect(parse(CSV_BOM + text, { bom: true })).toEqual([
      ['name', 'note'],
      ["'=cmd", 'a, "b"\nc'],
      ['Gateshead Council', ''],
    ]);
  });

  it('has a byte order mark that is UTF-8’s', () => {
    expect([...Buffer.from(CSV_BOM, 'utf8')]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
