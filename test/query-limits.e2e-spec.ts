import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { getIntrospectionQuery } from 'graphql';
import { LOCALITY_DASHBOARD } from './support/locality-dashboard';
import { ApiHarness, GraphQLResult, TestTenant, codeOf } from './support/api-harness';
import { RegistryFactory } from './support/registry-factory';

/** The query /work/shared/bench/peer-read sends (it must keep working with the default limits). */
const PEER_READ = `query($id: ID!) { locality(id: $id) { name code activeMemberCount
    members { joinedOn organisation { name sector people { fullName jobTitle } } }
    programmes { name status participants { name } leader { agreedAt reconfirmBy person { fullName } } } } }`;

/** `open` nested `times` times around `inner`: `a { b { a { b { inner } } } }`. */
const nest = (open: string[], times: number, inner: string): string => {
  const levels = Array.from({ length: times }, (_, i) => open[i % open.length]);
  return `${levels.map((l) => `${l} { `).join('')}${inner}${' }'.repeat(times)}`;
};

/** `count` copies of `field`, each under its own alias. */
const aliased = (count: number, prefix: string, field: string): string =>
  Array.from({ length: count }, (_, i) => `${prefix}${i}: ${field}`).join(' ');

/** The shapes of issue 7, defect 1. */
const ATTACKS: Record<string, { query: string; says: RegExp }> = {
  'organisations → people → organisation …, the pair 20 times': {
    query: `{ organisations(first: 100) { nodes { ${nest(['people', 'organisation'], 40, 'id')} } } }`,
    says: /nested 43 levels deep; the limit is 10\./,
  },
  'localities → programmes → locality … at depth 40': {
    query: `{ localities { nodes { ${nest(['programmes', 'locality'], 37, 'id')} } } }`,
    says: /nested 40 levels deep; the limit is 10\./,
  },
  '500 aliases of a nested localities(first: 100) through a fragment': {
    query: `{ ${aliased(20, 'l', 'localities(first: 100) { nodes { ...M } }')} }
      fragment M on Locality { ${aliased(25, 'm', 'members { organisation { name } }')} }`,
    says: /uses 520 aliases; the limit is 30\./,
  },
  'a short query 18 levels deep': {
    query: `{localities(first:100){nodes{${nest(['programmes', 'locality'], 14, 'members{joinedOn}')}}}}`,
    says: /nested 18 levels deep; the limit is 10\./,
  },
};

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

async function post(api: ApiHarness, body: string, token?: string): Promise<Response> {
  return fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
}

function expectTooComplex(result: GraphQLResult, says: RegExp): void {
  expect(result.errors).toHaveLength(1);
  expect(codeOf(result)).toBe('QUERY_TOO_COMPLEX');
  expect(result.errors?.[0].message).toMatch(says);
  expect(result.data ?? undefined).toBeUndefined();
}

describe('request limits', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: string;
  let rep: string;
  let localityId: string;

  beforeAll(async () => {
    api = await ApiHarness.start();
    tenant = await api.newTenant('limits');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    // A partnership with members, people and a programme, so that each attack has data to multiply.
    const make = new RegistryFactory(api, coordinator);
    const locality = await make.locality();
    const organisations = await make.members(locality.id, 4);
    for (const o of organisations) await make.person(o.id);
    await make.programme(
      locality.id,
      organisations.map((o) => o.id),
    );
    localityId = locality.id;
    rep = (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', organisations[0].id)).token;
  });
  afterAll(() => api.stop());

  describe.each(Object.entries(ATTACKS))('%s', (_name, attack) => {
    it('is refused before it runs, and the API answers at once afterwards', async () => {
      const request = () => post(api, JSON.stringify({ query: attack.query }), rep);
      const { result: response, ms } = await timed(request);
      expect(response.status).toBe(400);
      expectTooComplex((await response.json()) as GraphQLResult, attack.says);
      expect(ms).toBeLessThan(500);
      const me = await timed(() => api.ok('{ me { id } }', {}, rep));
      expect(me.result.me.id).toBeDefined();
      expect(me.ms).toBeLessThan(500);
    });
  });

  it('lets the locality dashboard and the peer-read benchmark query through', async () => {
    const dashboard = await api.ok(LOCALITY_DASHBOARD, { id: localityId }, coordinator);
    expect(dashboard.locality.members).toHaveLength(4);
    expect(dashboard.locality.members[0].organisation.people[0].competencies).toHaveLength(1);
    const peer = await api.ok(PEER_READ, { id: localityId }, coordinator);
    expect(peer.locality.programmes[0].participants).toHaveLength(4);
  });

  it('refuses a fan-out by its cost, and allows the same shape with a small `first`', async () => {
    const fanOut = (first: string) =>
      `query${first === '$first' ? '($first: Int!)' : ''} {
        localities(first: ${first}) { nodes { members { organisation { people { fullName } } } } }
      }`;
    expectTooComplex(await api.graphql(fanOut('100'), {}, coordinator), /about 48201 values; the limit is 20000\./);
    // `first` from a variable counts the same.
    expectTooComplex(await api.graphql(fanOut('$first'), { first: 100 }, coordinator), /about 48201 values/);
    const small = await api.ok(fanOut('$first'), { first: 2 }, coordinator);
    expect(small.localities.nodes.length).toBeGreaterThan(0);
  });

  it('refuses a body over 100 KB with 413 and a GraphQL error, and takes one just under', async () => {
    const padded = (kb: number) => JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(kb * 1024) } });
    const over = await post(api, padded(101), rep);
    expect(over.status).toBe(413);
    const body = (await over.json()) as GraphQLResult;
    expect(codeOf(body)).toBe('QUERY_TOO_COMPLEX');
    expect(body.errors?.[0].message).toMatch(/the limit is 100 KB/);
    const under = await post(api, padded(99), rep);
    expect(under.status).toBe(200);
  });

  it('answers the standard introspection query (introspection is on outside production)', async () => {
    const result = await api.graphql(getIntrospectionQuery());
    expect(result.errors).toBeUndefined();
    expect(result.data?.__schema.types.length).toBeGreaterThan(10);
  });

  it('sends no X-Powered-By header', async () => {
    const graphql = await post(api, JSON.stringify({ query: '{ __typename }' }));
    const health = await fetch(`${api.url}/health/live`);
    expect(graphql.headers.get('x-powered-by')).toBeNull();
    expect(health.headers.get('x-powered-by')).toBeNull();
  });

  it('suggests field names outside production', async () => {
    const result = await api.graphql('{ mee { id } }', {}, rep);
    expect(result.errors?.[0].message).toContain('Did you mean "me"?');
  });
});

describe('request limits from the settings', () => {
  let api: ApiHarness;
  let token: string;

  beforeAll(async () => {
    api = await ApiHarness.start({
      GRAPHQL_MAX_DEPTH: '3',
      GRAPHQL_MAX_ALIASES: '2',
      GRAPHQL_MAX_DIRECTIVES: '1',
      GRAPHQL_MAX_TOKENS: '100',
      GRAPHQL_MAX_COST: '50',
      GRAPHQL_INTROSPECTION: 'false',
      REQUEST_BODY_LIMIT_KB: '1',
    });
    token = (await api.newTenant('limits-set')).adminToken;
  });
  afterAll(() => api.stop());

  it('applies each limit at its configured value', async () => {
    expect((await api.ok('{ localities { nodes { id } } }', {}, token)).localities.nodes).toEqual([]);
    const refused: [string, RegExp][] = [
      ['{ localities { nodes { members { id } } } }', /nested 4 levels deep; the limit is 3\./],
      ['{ a: me { id } b: me { id } c: me { id } }', /uses 3 aliases; the limit is 2\./],
      ['{ me { id @include(if: true) email @skip(if: false) } }', /uses 2 directives; the limit is 1\./],
      [`{ me { ${'id '.repeat(100)}} }`, /more than 100 tokens/],
      ['{ localities(first: 20) { nodes { id name code } } }', /about 81 values; the limit is 50\./],
    ];
    for (const [query, says] of refused) expectTooComplex(await api.graphql(query, {}, token), says);
    const tooBig = await post(api, JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(1100) } }), token);
    expect(tooBig.status).toBe(413);
  });

  it('refuses introspection when GRAPHQL_INTROSPECTION=false, but not __typename', async () => {
    const result = await api.graphql('{ __schema { types { name } } }');
    expect(codeOf(result)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.data ?? undefined).toBeUndefined();
    expect(codeOf(await api.graphql('{ __type(name: "Query") { name } }'))).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await api.ok('{ __typename }')).__typename).toBe('Query');
  });

  it('hides "Did you mean" when introspection is off', async () => {
    const result = await api.graphql('{ mee { id } }', {}, token);
    expect(result.errors?.[0].message).toBe('Cannot query field "mee" on type "Query".');
  });
});

describe('the time to send a request', () => {
  let api: ApiHarness;

  // Its own API: the same setting is also the operations' database deadline.
  beforeAll(async () => {
    api = await ApiHarness.start({ REQUEST_TIMEOUT_MS: '300' });
  });
  afterAll(() => api.stop());

  it('cuts off a client that sends its request too slowly (REQUEST_TIMEOUT_MS) with 408', async () => {
    const { port } = new URL(api.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        // Promises 100 bytes, sends 9, then nothing more.
        socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n');
        socket.write('{"query":');
      });
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
      setTimeout(() => {
        socket.destroy();
        resolve(received);
      }, 3000).unref();
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });
});

describe('request limits in production', () => {
  let api: ApiHarness;
  let token: string;

  beforeAll(async () => {
    api = await ApiHarness.start({
      NODE_ENV: 'production',
      JWT_SECRET: process.env.JWT_SECRET ?? 'a-production-like-secret-of-at-least-32-characters',
      WEBHOOK_SECRET_KEY: process.env.WEBHOOK_SECRET_KEY ?? randomBytes(32).toString('base64'),
      DATABASE_URL: process.env.DATABASE_URL ?? '',
      DATABASE_MIGRATION_URL: process.env.DATABASE_MIGRATION_URL ?? '',
      // Production requires one; these checks need no queue (so a bare machine's run passes too).
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:1',
    });
    token = (await api.newTenant('limits-prod')).adminToken;
  });
  afterAll(() => api.stop());

  it('refuses introspection by default', async () => {
    expect(codeOf(await api.graphql('{ __schema { queryType { name } } }'))).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('gives no "Did you mean" hints, in validation or in variables; a wrong enum value is told the values of its enum', async () => {
    const field = await api.graphql('{ mee { id } }', {}, token);
    expect(field.errors?.[0].message).toBe('Cannot query field "mee" on type "Query".');
    const enumValue = await api.graphql(
      'query($sector: Sector) { organisations(sector: $sector) { nodes { id } } }',
      { sector: 'HEALT' },
      token,
    );
    expect(codeOf(enumValue)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(enumValue)).not.toMatch(/Did you mean/);
    // The caller already uses this enum: its values are no further piece of the schema.
    expect(enumValue.errors?.[0].message).toMatch(/does not exist in "Sector" enum\. Allowed values: LOCAL_AUTHORITY, HEALTH, .*VOLUNTARY\.$/);
  });

  it('sends no X-Powered-By header', async () => {
    const response = await fetch(`${api.url}/health/live`);
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});
