import { ArgumentMetadata } from '@nestjs/common';
import { AppError } from '@joinedup/errors';
import { TextInputPipe } from './text-input.pipe';
import { MAX_TEXT_LENGTH } from './text-rules';

/** What Nest passes a pipe for a GraphQL argument. */
const ARGS: ArgumentMetadata['type'] = 'body';
const pipe = new TextInputPipe();

function refusal(value: unknown, data?: string): AppError | undefined {
  try {
    pipe.transform(value, { type: ARGS, data });
    return undefined;
  } catch (error) {
    return error as AppError;
  }
}

describe('TextInputPipe', () => {
  it('passes clean arguments through unchanged', () => {
    const input = { name: 'Sunderland', tags: ['a', 'b'], nested: { when: new Date(0), n: 3, ok: true, none: null } };
    expect(pipe.transform(input, { type: ARGS, data: 'input' })).toBe(input);
  });

  it('refuses NUL in a primitive named argument, naming it', () => {
    expect(refusal('a\u0000', 'nameContains')).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'nameContains' } });
  });

  it('names the path inside an input object and a list', () => {
    expect(refusal({ name: 'x\u0000' }, 'input')?.details).toEqual({ field: 'input.name' });
    expect(refusal({ competencies: [{ name: 'ok' }, { name: '\ud800' }] }, 'input')?.details).toEqual({
      field: 'input.competencies.1.name',
    });
  });

  it('names the property of a whole @Args() object', () => {
    expect(refusal({ entityType: 'USER\u0000', first: 5 })?.message).toBe(
      'entityType contains a character that is not allowed (a NUL byte or invalid Unicode).',
    );
  });

  it('bounds every string', () => {
    expect(refusal({ note: 'x'.repeat(MAX_TEXT_LENGTH + 1) }, 'input')?.message).toBe(
      `input.note is too long: at most ${MAX_TEXT_LENGTH} characters.`,
    );
  });

  it('leaves parent, context, info and custom parameters alone', () => {
    for (const type of ['custom'] as ArgumentMetadata['type'][]) {
      expect(pipe.transform({ name: '\u0000' }, { type })).toEqual({ name: '\u0000' });
    }
  });
});
