import { randomUUID } from 'node:crypto';
import { ApiHarness, GraphQLResult, SIGN_IN, TestTenant, codeOf } from './support/api-harness';

const ME = `{ me { id } }`;
const REFRESH = `mutation($input: RefreshSessionInput!) { refreshSession(input: $input) { accessToken refreshToken } }`;

/** A new client address of the documentation range, told through X-Forwarded-For (TRUST_PROXY=loopback). */
const newAddress = () => `2001:db8::${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}`;
const from = (address: string) => ({ 'x-forwarded-for': address });

const messageOf = (result: GraphQLResult): string => result.errors?.[0]?.message ?? '';

/**
 * Sign-in under abuse (issue 7, defects 4–6): floods, guessing, and two tabs refreshing
 * at once. Every sign-in here comes from an address of its own, so the per-address limit
 * of one test does not spill into another.
 */
describe('sign-in under abuse', () => {
  let api: ApiHarness;
  let tenant: TestTenant;

  beforeAll(async () => {
    api = await ApiHarness.start({ TRUST_PROXY: 'loopback', SIGN_IN_ADDRESS_LIMIT: '1000' });
    tenant = await api.newTenant('abuse');
  });
  afterAll(() => api.stop());

  const signIn = (email: string, password: string, address: string, slug = tenant.slug) =>
    api.graphql(SIGN_IN, { input: { tenant: slug, email, password } }, undefined, from(address));

  it('checks at most the free tries when 40 wrong passwords for one account arrive at once', async () => {
    const user = await api.newUser(tenant, 'COORDINATOR');
    const address = newAddress();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(user.email, `wrong ${i}`, address)));
    const checked = results.filter((r) => /not right/.test(messageOf(r))).length;
    const delayed = results.filter((r) => /Too many failed sign-ins for this account/.test(messageOf(r))).length;
    expect(results.every((r) => codeOf(r) === 'UNAUTHENTICATED')).toBe(true);
    // 5 free tries; one more may slip in only if the flood outlasts the first 1 s delay.
    expect(checked).toBeGreaterThanOrEqual(5);
    expect(checked).toBeLessThanOrEqual(6);
    expect(checked + delayed).toBe(40);
  });

  it('delays the next try progressively instead of locking the account out', async () => {
    const user = await api.newUser(tenant, 'COORDINATOR');
    const address = newAddress();
    for (let i = 0; i < 5; i++) expect(messageOf(await signIn(user.email, `wrong ${i}`, address))).toMatch(/not right/);

    const delayed = await signIn(user.email, user.password, address);
    expect(codeOf(delayed)).toBe('UNAUTHENTICATED');
    expect(messageOf(delayed)).toMatch(/Too many failed sign-ins for this account\. Try again in \d+ seconds?\./);
    // Another account of the tenant is not affected.
    expect(codeOf(await signIn(tenant.admin.email, tenant.admin.password, address))).toBeUndefined();

    // Once the wait is over (as if it had passed), the right password is accepted: no lock-out.
    await api.owner.query(`update sign_in_throttle set next_attempt_at = now() - interval '1 second' where email_key = $1`, [
      user.email.toLowerCase(),
    ]);
    expect(codeOf(await signIn(user.email, user.password, address))).toBeUndefined();
    // A success forgets the failures.
    const [row] = await api.owner.query(`select count(*)::int as n from sign_in_throttle where email_key = $1`, [
      user.email.toLowerCase(),
    ]);
    expect(row.n).toBe(0);
  });

  it('doubles the wait with each further failure', async () => {
    const user = await api.newUser(tenant, 'COORDINATOR');
    const address = newAddress();
    for (let i = 0; i < 8; i++) {
      // As if the caller had waited as long as asked each time.
      await api.owner.query(`update sign_in_throttle set next_attempt_at = now() where email_key = $1`, [
        user.email.toLowerCase(),
      ]);
      expect(messageOf(await signIn(user.email, `wrong ${i}`, address))).toMatch(/not right/);
    }
    // Tries 1–4 set no wait, the 5th 1 s, and each failure after doubles it: 8 s after the 8th.
    const [row] = await api.owner.query(
      `select failures, round(extract(epoch from next_attempt_at - last_attempt_at))::int as wait
         from sign_in_throttle where email_key = $1`,
      [user.email.toLowerCase()],
    );
    expect(row).toEqual({ failures: 8, wait: 8 });
  });

  it('limits failed sign-ins per client address, across accounts and tenants', async () => {
    const limited = await ApiHarness.start({ TRUST_PROXY: 'loopback', SIGN_IN_ADDRESS_LIMIT: '6' });
    try {
      const address = newAddress();
      for (let i = 0; i < 6; i++) {
        const result = await limited.graphql(
          SIGN_IN,
          { input: { tenant: i % 2 ? tenant.slug : 'no-such-tenant', email: `guess-${i}@example.test`, password: 'wrong password' } },
          undefined,
          from(address),
        );
        expect(messageOf(result)).toMatch(/not right/);
      }
      const refused = await limited.graphql(
        SIGN_IN,
        { input: { tenant: tenant.slug, email: tenant.admin.email, password: tenant.admin.password } },
        undefined,
        from(address),
      );
      expect(codeOf(refused)).toBe('UNAUTHENTICATED');
      expect(messageOf(refused)).toMatch(/Too many failed sign-ins from your network address/);
      // Another address is not affected, and successful sign-ins do not count against one.
      const other = newAddress();
      for (let i = 0; i < 8; i++) {
        const ok = await limited.graphql(
          SIGN_IN,
          { input: { tenant: tenant.slug, email: tenant.admin.email, password: tenant.admin.password } },
          undefined,
          from(other),
        );
        expect(codeOf(ok)).toBeUndefined();
      }
    } finally {
      await limited.stop();
    }
  });

  it('keeps `me` fast while sign-in is flooded: passwords are checked outside any transaction, a few at a time', async () => {
    const victim = await api.newUser(tenant, 'REVIEWER');
    let floodAnswered = false;
    const flood = Promise.all(
      Array.from({ length: 40 }, (_, i) => signIn(`flood-${i}@example.test`, `wrong password ${i}`, newAddress())),
    ).finally(() => (floodAnswered = true));
    for (let i = 0; i < 5; i++) expect(codeOf(await api.graphql(ME, {}, victim.token))).toBeUndefined();
    // Before: every pool connection waited on argon2 and each `me` took 400–700 ms, so five
    // of them ended after the flood. Compared with the flood, not with a clock: a busy
    // machine slows both alike.
    expect(floodAnswered).toBe(false);
    const results = await flood;
    expect(results.every((r) => codeOf(r) === 'UNAUTHENTICATED')).toBe(true);
  });

  it('refuses sign-ins at once, with a clear message, when the line of password checks is full', async () => {
    const narrow = await ApiHarness.start({
      TRUST_PROXY: 'loopback',
      PASSWORD_HASH_CONCURRENCY: '1',
      PASSWORD_HASH_QUEUE_LIMIT: '2',
    });
    try {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          narrow.graphql(
            SIGN_IN,
            { input: { tenant: tenant.slug, email: `line-${i}@example.test`, password: 'wrong password' } },
            undefined,
            from(newAddress()),
          ),
        ),
      );
      const busy = results.filter((r) => /Too many sign-ins are being checked/.test(messageOf(r)));
      expect(busy.length).toBeGreaterThan(0);
      expect(results.every((r) => codeOf(r) === 'UNAUTHENTICATED')).toBe(true);
      // The line empties again.
      expect(codeOf(await narrow.graphql(SIGN_IN, { input: { tenant: tenant.slug, email: tenant.admin.email, password: tenant.admin.password } }, undefined, from(newAddress())))).toBeUndefined();
    } finally {
      await narrow.stop();
    }
  });

  it('answers two concurrent refreshes of one token (two tabs) with the same new pair, and keeps the session', async () => {
    const session = await api.signIn(tenant.slug, tenant.admin.email, tenant.admin.password);
    const [a, b] = await Promise.all([0, 1].map(() => api.graphql(REFRESH, { input: { refreshToken: session.refreshToken } })));
    expect(codeOf(a)).toBeUndefined();
    expect(codeOf(b)).toBeUndefined();
    expect(a.data?.refreshSession.refreshToken).toBe(b.data?.refreshSession.refreshToken);
    for (const tab of [a, b]) expect(codeOf(await api.graphql(ME, {}, tab.data?.refreshSession.accessToken))).toBeUndefined();

    // The new refresh token rotates once more as usual.
    const next = await api.ok(REFRESH, { input: { refreshToken: a.data?.refreshSession.refreshToken } });
    expect(codeOf(await api.graphql(ME, {}, next.refreshSession.accessToken))).toBeUndefined();
  });
});
