import { JsonText, stringifyResult } from './json-text';

describe('stringifyResult', () => {
  const value = { name: 'Gateshead "East"', members: [{ joinedOn: '2026-01-05' }], leader: null };

  it('writes a root field answered as json text as its text, as JSON.stringify writes the value', () => {
    const written = stringifyResult({ data: { here: new JsonText(JSON.stringify(value)) } });
    expect(written).toBe(`${JSON.stringify({ data: { here: value } })}\n`);
  });

  it('parses the text when the result holds anything else (errors, extensions, a second field)', () => {
    const text = new JsonText(JSON.stringify(value));
    const errors = [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }];
    expect(JSON.parse(stringifyResult({ data: { here: text }, errors }))).toEqual({ data: { here: value }, errors });
    expect(JSON.parse(stringifyResult({ data: { here: text, other: 1 } }))).toEqual({ data: { here: value, other: 1 } });
    expect(JSON.parse(stringifyResult({ data: { here: text }, extensions: { cost: 3 } }))).toEqual({ data: { here: value }, extensions: { cost: 3 } });
    expect(stringifyResult({ data: null, errors })).toBe(`${JSON.stringify({ data: null, errors })}\n`);
  });
});
