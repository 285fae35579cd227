import { SignJWT } from 'jose';
import { Role } from '@joinedup/access';
import { AccessTokens } from './access-token';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const tokens = new AccessTokens(SECRET, 900);
const ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

/** A token signed with the right key, issuer and audience, carrying whatever claims we like (`iat` and `exp` unless left out). */
function signed(claims: Record<string, unknown>, subject: unknown = ID, leaveOut: ('iat' | 'exp')[] = []): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer('joinedup').setAudience('joinedup-api');
  if (!leaveOut.includes('iat')) jwt.setIssuedAt();
  if (!leaveOut.includes('exp')) jwt.setExpirationTime('5m');
  if (typeof subject === 'string') jwt.setSubject(subject);
  return jwt.sign(new TextEncoder().encode(SECRET));
}

describe('AccessTokens.verify', () => {
  it('returns the claims of a token it signed', async () => {
    const claims = { tenantId: ID, userId: ID, sessionId: ID, role: Role.REVIEWER };
    const { token } = await tokens.sign(claims);
    await expect(tokens.verify(token)).resolves.toEqual(claims);
  });

  it.each([
    ['tid is not a uuid', { tid: 'not-a-uuid', sid: ID, role: 'REVIEWER' }, ID],
    ['sub is not a uuid', { tid: ID, sid: ID, role: 'REVIEWER' }, "'; drop table app_user; --"],
    ['sid is not a uuid', { tid: ID, sid: 'x\u0000', role: 'REVIEWER' }, ID],
    ['sid is missing', { tid: ID, role: 'REVIEWER' }, ID],
    ['tid is a number', { tid: 42, sid: ID, role: 'REVIEWER' }, ID],
    ['role is not a role', { tid: ID, sid: ID, role: 'EMPEROR' }, ID],
    ['sub is missing', { tid: ID, sid: ID, role: 'REVIEWER' }, null],
  ])('refuses a validly signed token whose %s', async (_case, claims, subject) => {
    await expect(tokens.verify(await signed(claims, subject))).resolves.toBeUndefined();
  });

  it.each([
    ['no expiry (exp)', { tid: ID, sid: ID, role: 'REVIEWER' }, ['exp']],
    ['no issue time (iat)', { tid: ID, sid: ID, role: 'REVIEWER' }, ['iat']],
    ['an expiry that is not a number', { tid: ID, sid: ID, role: 'REVIEWER', exp: 'never' }, ['exp']],
    ['no tenant (tid)', { sid: ID, role: 'REVIEWER' }, []],
  ] as const)('refuses a validly signed token with %s', async (_case, claims, leaveOut) => {
    await expect(tokens.verify(await signed(claims, ID, [...leaveOut]))).resolves.toBeUndefined();
  });

  it('accepts the same token with every claim', async () => {
    const claims = { tenantId: ID, userId: ID, sessionId: ID, role: Role.REVIEWER };
    await expect(tokens.verify(await signed({ tid: ID, sid: ID, role: 'REVIEWER' }))).resolves.toEqual(claims);
  });

  it('refuses a token signed with another key', async () => {
    const { token } = await new AccessTokens('another-secret-of-at-least-32-characters', 900).sign({
      tenantId: ID,
      userId: ID,
      sessionId: ID,
      role: Role.REVIEWER,
    });
    await expect(tokens.verify(token)).resolves.toBeUndefined();
  });

  describe('remembering verified tokens', () => {
    const claims = { tenantId: ID, userId: ID, sessionId: ID, role: Role.COORDINATOR };
    afterEach(() => jest.useRealTimers());

    it('still refuses a remembered token once it has expired', async () => {
      const shortLived = new AccessTokens(SECRET, 60);
      const { token } = await shortLived.sign(claims);
      await expect(shortLived.verify(token)).resolves.toEqual(claims);
      jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }).setSystemTime(Date.now() + 61_000);
      await expect(shortLived.verify(token)).resolves.toBeUndefined();
    });

    it('does not take a token with a changed signature for the remembered one', async () => {
      const { token } = await tokens.sign(claims);
      await expect(tokens.verify(token)).resolves.toEqual(claims);
      // A character well inside the signature (the last one carries padding bits).
      const changed = token.at(-5) === 'A' ? 'B' : 'A';
      await expect(tokens.verify(`${token.slice(0, -5)}${changed}${token.slice(-4)}`)).resolves.toBeUndefined();
    });
  });
});
