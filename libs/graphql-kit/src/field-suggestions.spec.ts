import { withoutSuggestions } from './field-suggestions';

describe('withoutSuggestions', () => {
  it('removes the hint from validation and variable errors', () => {
    expect(withoutSuggestions({ message: 'Cannot query field "mee" on type "Query". Did you mean "me"?' }).message).toBe(
      'Cannot query field "mee" on type "Query".',
    );
    expect(
      withoutSuggestions({
        message: 'Value "HEALT" does not exist in "Sector" enum. Did you mean the enum value "HEALTH" or "HOUSING"?',
      }).message,
    ).toBe('Value "HEALT" does not exist in "Sector" enum.');
  });

  it('leaves other messages and fields as they are', () => {
    const formatted = { message: 'You are not allowed to do that.', extensions: { code: 'FORBIDDEN' } };
    expect(withoutSuggestions(formatted)).toBe(formatted);
  });
});
