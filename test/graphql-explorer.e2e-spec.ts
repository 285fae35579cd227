import { ApiHarness } from './support/api-harness';

/** What a browser asks for when someone opens /graphql. */
const openInBrowser = (api: ApiHarness) => fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } });

const INTROSPECTION = '{ __schema { queryType { name } } }';

describe('the GraphQL explorer', () => {
  describe('in development', () => {
    let api: ApiHarness;
    beforeAll(async () => {
      api = await ApiHarness.start({ NODE_ENV: 'development' });
    });
    afterAll(async () => {
      await api?.stop();
    });

    it('is served at GET /graphql: Apollo Sandbox, under its own Content-Security-Policy, without cookies or telemetry', async () => {
      const response = await openInBrowser(api);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await response.text();
      expect(html).toContain('https://embeddable-sandbox.cdn.apollographql.com/');
      expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="script-src 'self' 'nonce-[0-9a-f]+'/);
      expect(html).toMatch(/"includeCookies":\s*false/);
      expect(html).toMatch(/"runTelemetry":\s*false/);
      expect(html).not.toContain('GraphiQL');
    });

    it('can read the schema, which it needs: introspection is on', async () => {
      expect(await api.graphql(INTROSPECTION)).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    });
  });

  describe.each([
    ['test', 'test', {}, true],
    // NODE_ENV of the test process stays "test": the settings decide, not the process's variable.
    // Production requires a Redis address; these checks need no queue (a bare machine's run has none).
    ['production', 'production', { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), SHUTDOWN_DRAIN_MS: '0', REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:1' }, false],
    // An explorer that cannot read the schema would show nothing.
    ['development with introspection turned off', 'development', { NODE_ENV: 'development', GRAPHQL_INTROSPECTION: 'false' }, false],
  ])('in %s', (_label, nodeEnv, overrides: Record<string, string>, introspection) => {
    let api: ApiHarness;
    beforeAll(async () => {
      api = await ApiHarness.start(overrides);
      expect(api.config.nodeEnv).toBe(nodeEnv);
    });
    afterAll(async () => {
      await api?.stop();
    });

    it('is not served: GET /graphql without a query is refused, with no page', async () => {
      const response = await openInBrowser(api);
      expect(response.status).toBe(400);
      const body = await response.text();
      expect(body).not.toMatch(/<html|sandbox|GraphiQL/i);
    });

    it(`has introspection ${introspection ? 'on (tests read the schema)' : 'off'}`, async () => {
      const result = await api.graphql(INTROSPECTION);
      if (introspection) expect(result.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      else expect(result.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
    });
  });
});
