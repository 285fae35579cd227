import { ApiHarness, TestTenant, codeOf, sharedApi } from '../support/api-harness';
import { createTenant } from '@joinedup/auth';

/** Passwords are refused when they are easy to guess, with the reason. */
describe('password policy', () => {
  let api: ApiHarness;
  let tenant: TestTenant;

  const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;
  const input = (password: string, email = `p-${Math.random().toString(36).slice(2, 10)}@example.org`) => ({
    input: { email, displayName: 'Pat Example', password, role: 'REVIEWER' },
  });

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('passwords');
  });
  afterAll(() => sharedApi.leave(api));

  it.each([
    ['password1234', /^password is too easy to guess: This is similar to a commonly used password\. /],
    ['aaaaaaaaaaaa', /^password is too easy to guess: Repeated characters like "aaa" are easy to guess\. /],
    ['twelve spaces', /^password is too easy to guess: Repeated characters/],
  ])('createUser refuses %s with BAD_USER_INPUT naming password and why', async (label, why) => {
    const password = label === 'twelve spaces' ? ' '.repeat(12) : label;
    const result = await api.graphql(CREATE, input(password), tenant.adminToken);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'password' } });
    expect(result.errors?.[0].message).toMatch(why);
  });

  it("refuses a password made of the user's own email", async () => {
    const result = await api.graphql(CREATE, input('pat.example@gateshead.org', 'pat.example@gateshead.org'), tenant.adminToken);
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/^password is too easy to guess/);
  });

  it('accepts a long passphrase', async () => {
    await api.ok(CREATE, input('tidy moorland kettle orbit'), tenant.adminToken);
  });

  it('applies to the first administrator of a new tenant (tenant:create) too', async () => {
    const refused = createTenant(api.owner, {
      slug: `weak-${Date.now()}`,
      name: 'Weak',
      adminEmail: 'admin@weak.test',
      adminPassword: 'password1234',
    });
    await expect(refused).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'adminPassword' } });
    await expect(refused).rejects.toThrow(/^admin password is too easy to guess: /);
  });
});
