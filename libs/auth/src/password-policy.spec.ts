import { AppError } from '@joinedup/errors';
import { assertPasswordPolicy, passwordWeakness } from './password-policy';

describe('password policy', () => {
  it.each(['correct horse battery staple', 'another long passphrase', 'long enough password', 'demo password 2026', 'Zq8-vN3p_xW1tR5y'])(
    'accepts %j',
    async (password) => {
      await expect(passwordWeakness(password, ['someone@example.org', 'Some One', 'north-east'])).resolves.toBeUndefined();
    },
  );

  it.each([
    ['password1234', /^password is too easy to guess: This is similar to a commonly used password\./],
    ['aaaaaaaaaaaa', /^password is too easy to guess: Repeated characters like "aaa" are easy to guess\./],
    ['            ', /^password is too easy to guess: Repeated characters/],
    ['abcdefghijkl', /^password is too easy to guess: Common character sequences like "abc" are easy to guess\./],
    ['qwertyuiop12', /^password is too easy to guess: /],
  ])('refuses %j and says why', async (password, why) => {
    await expect(passwordWeakness(password)).resolves.toMatch(why);
  });

  it('keeps the minimum length, with its own message', async () => {
    await expect(passwordWeakness('Zq8-vN3p_xW')).resolves.toBe('password must be at least 12 characters long');
    await expect(passwordWeakness('x'.repeat(201))).resolves.toBe('password must be at most 200 characters long');
  });

  it("counts the user's email, name and tenant as easy guesses", async () => {
    for (const [password, inputs] of [
      ['gateshead-council-1', ['rep@gateshead-council.demo']],
      ['Gateshead Council!', [null, 'Gateshead Council']],
      ['north-east-partners', ['north-east-partners']],
    ] as const) {
      await expect(passwordWeakness(password)).resolves.toBeUndefined();
      await expect(passwordWeakness(password, [...inputs])).resolves.toMatch(/too easy to guess/);
    }
  });

  it('refuses as BAD_USER_INPUT naming the field', async () => {
    const refused = await assertPasswordPolicy('password1234', [], 'adminPassword', 'admin password').catch((error: AppError) => error);
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'adminPassword' } });
    expect((refused as AppError).message).toMatch(/^admin password is too easy to guess: /);
    await expect(assertPasswordPolicy('correct horse battery staple', [])).resolves.toBeUndefined();
  });
});
