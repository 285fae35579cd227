import { SignJWT, decodeJwt } from 'jose';
import { AppLogger } from '@joinedup/logging';
import { ApiHarness, codeOf } from './support/api-harness';

/** How the API answers requests that are malformed in ways GraphQL itself decides. */
describe('request handling', () => {
  let api: ApiHarness;
  let token: string;

  beforeAll(async () => {
    api = await ApiHarness.start();
    token = (await api.newTenant('requests')).adminToken;
  });
  afterAll(() => api.stop());
  afterEach(() => jest.restoreAllMocks());

  async function post(body: Record<string, unknown>): Promise<{ status: number; json: any }> {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: await response.json() };
  }

  it("answers a document of several operations without a known operationName with 400 and GraphQL's message, logging no error", async () => {
    const errors = jest.spyOn(AppLogger.prototype, 'error');
    const apolloErrors = jest.spyOn(console, 'error');
    const query = `query A { me { id } } query B { me { email } }`;
    const missing = await post({ query });
    expect(missing.status).toBe(400);
    expect(missing.json.errors).toEqual([
      { message: 'Must provide operation name if query contains multiple operations.', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } },
    ]);
    const unknown = await post({ query, operationName: 'C' });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors[0]).toEqual({ message: 'Unknown operation named "C".', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } });
    expect(JSON.stringify([missing.json, unknown.json])).not.toMatch(/stacktrace|    at /);
    expect(errors).not.toHaveBeenCalled();
    expect(apolloErrors).not.toHaveBeenCalled();

    const chosen = await post({ query, operationName: 'B' });
    expect(chosen.status).toBe(200);
    expect(chosen.json.data.me.email).toMatch(/@/);
  });

  it('refuses a correctly signed access token without an expiry, as it refuses one that has expired', async () => {
    const { sub, tid, sid, role } = decodeJwt(token);
    const key = new TextEncoder().encode(api.config.jwtSecret);
    const forever = await new SignJWT({ tid, sid, role })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(sub!)
      .setIssuer('joinedup')
      .setAudience('joinedup-api')
      .setIssuedAt()
      .sign(key);
    expect(codeOf(await api.graphql(`{ me { id } }`, {}, forever))).toBe('UNAUTHENTICATED');
    expect((await api.ok(`{ me { id } }`, {}, token)).me.id).toBe(sub);
  });
});
