import { JsonText, parsedData, stringifyResult } from './json-text';

describe('stringifyResult', () => {
  const value = { name: 'Ann "Nan"', members: [{ joinedOn: '2026-01-05', people: [] }], archivedAt: null };

  it('writes data PostgreSQL answered as its text, exactly what JSON.stringify writes of it', () => {
    const written = stringifyResult({ data: new JsonText(JSON.stringify({ here: value })) as never });
    expect(written).toBe(`${JSON.stringify({ data: { here: value } })}\n`);
  });

  it('parses it wherever it is written with anything else (errors, extensions) and for readers in the process', () => {
    const text = new JsonText(JSON.stringify({ here: value }));
    const errors = [{ message: 'x' }];
    expect(JSON.parse(stringifyResult({ data: text as never, errors }))).toEqual({ data: { here: value }, errors });
    expect(parsedData(text)).toEqual({ here: value });
    expect(parsedData({ here: 1 })).toEqual({ here: 1 });
  });
});
