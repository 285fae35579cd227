import { AppError } from '@joinedup/errors';
import { decodeCursor, encodeCursor } from './pagination';

const ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const raw = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

function refusal(cursor: string, parts: Parameters<typeof decodeCursor>[1]): AppError | undefined {
  try {
    decodeCursor(cursor, parts);
    return undefined;
  } catch (error) {
    return error as AppError;
  }
}

describe('decodeCursor', () => {
  it('reads back the cursors the lists give out', () => {
    expect(decodeCursor(encodeCursor(['gateshead', ID]), ['text', 'uuid'])).toEqual(['gateshead', ID]);
    const audit = ['2026-03-05 12:34:56.123456+00', ID];
    expect(decodeCursor(encodeCursor(audit), ['timestamp', 'uuid'])).toEqual(audit);
    expect(decodeCursor(encodeCursor(['2026-03-05 12:34:56+05:30', ID]), ['timestamp', 'uuid'])).toBeDefined();
  });

  it('reads no cursor as the first page', () => {
    expect(decodeCursor(undefined, ['text', 'uuid'])).toBeUndefined();
    expect(decodeCursor('', ['text', 'uuid'])).toBeUndefined();
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor!'],
    ['a part that is not a uuid', raw(['a', 'not-a-uuid'])],
    ['too few parts', raw([ID])],
    ['too many parts', raw(['a', ID, 'b'])],
    ['a number', raw([1, ID])],
    ['an object', raw({ 0: 'a', 1: ID })],
    ['NUL in the text', raw(['a\u0000', ID])],
    ['a lone surrogate in the text', raw(['\ud800', ID])],
    ['overlong text', raw(['x'.repeat(501), ID])],
  ])('refuses %s with BAD_USER_INPUT naming after', (_case, cursor) => {
    expect(refusal(cursor, ['text', 'uuid'])).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'The cursor is not one this list gave out.',
      details: { field: 'after' },
    });
  });

  it.each(['yesterday', '2026-02-31 10:00:00+00', '2026-03-05 25:00:00+00', '0001-01-01 00:00:00+00', '2026-03-05 12:34:56.1234567+00'])(
    'refuses the timestamp %s',
    (timestamp) => {
      expect(refusal(raw([timestamp, ID]), ['timestamp', 'uuid'])?.code).toBe('BAD_USER_INPUT');
    },
  );
});
