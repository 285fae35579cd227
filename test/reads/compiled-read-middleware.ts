import { StatementCounter } from '@joinedup/database';
import { JsonReadPlugin } from '@joinedup/graphql-kit';
import { isJsonRead, sendRead } from '../support/read-both-ways';
import { ApiHarness, TestTenant, sharedApi } from '../support/api-harness';
import { RegistryFactory } from '../support/registry-factory';

/**
 * A query JsonReads has answered whole is answered, when it comes again, before Apollo's
 * request pipeline (CompiledReadMiddleware): the same bytes, headers and checks, for each
 * request's own variables and caller; whatever Apollo would answer otherwise is left to it.
 */
describe('queries answered whole before, answered again without Apollo', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: string;
  let representative: string;
  let localities: { id: string; name: string }[];

  /** Reads a locality with a page of its body's alignment requests (`first` counts towards the cost limit). */
  const QUERY = `query Members($id: ID!, $n: Int!) {
    locality(id: $id) { name members { organisation { name alignmentRequestsMade(first: $n) { nodes { id } } } } }
  }`;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('read-middleware');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    const make = new RegistryFactory(api, coordinator);
    localities = [await make.locality(), await make.locality()];
    const [body] = await make.members(localities[0].id, 2);
    await make.members(localities[1].id, 1);
    representative = (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', body.id)).token;
  });
  afterAll(() => sharedApi.leave(api));
  afterEach(() => jest.restoreAllMocks());

  /** The raw HTTP answer to `body` posted as JSON, with the statements it sent. */
  async function post(body: Record<string, unknown>, token?: string, headers: Record<string, string> = {}) {
    StatementCounter.texts = [];
    try {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify(body),
      });
      return { status: response.status, type: response.headers.get('content-type'), text: await response.text(), statements: StatementCounter.texts };
    } finally {
      StatementCounter.texts = null;
    }
  }

  /** How many requests reach Apollo's pipeline while `work` runs (its plugins start for each). */
  async function apolloRequestsIn(work: () => Promise<unknown>): Promise<number> {
    const started = jest.spyOn(api.app.get(JsonReadPlugin), 'requestDidStart');
    await work();
    const count = started.mock.calls.length;
    started.mockRestore();
    return count;
  }

  it('answers a query again with the bytes and headers Apollo sent, in one statement, without Apollo', async () => {
    const body = { query: QUERY, variables: { id: localities[0].id, n: 5 }, operationName: 'Members' };
    const first = await post(body, coordinator);
    let again: Awaited<ReturnType<typeof post>> | undefined;
    expect(await apolloRequestsIn(async () => (again = await post(body, coordinator)))).toBe(0);
    expect(JSON.parse(first.text).data.locality.members).toHaveLength(2);
    expect({ ...again, statements: undefined }).toEqual({ ...first, statements: undefined });
    expect(again!.statements).toHaveLength(3);
    expect(again!.statements.filter(isJsonRead)).toHaveLength(1);
  });

  it('answers each request for its own variables and caller, as execution does', async () => {
    await post({ query: QUERY, variables: { id: localities[0].id, n: 5 } }, coordinator);
    for (const [token, id] of [[coordinator, localities[1].id], [representative, localities[0].id], [representative, localities[1].id]]) {
      const executed = await sendRead(api, QUERY, { id, n: 3 }, token, false);
      let whole: Awaited<ReturnType<typeof post>> | undefined;
      const throughApollo = await apolloRequestsIn(async () => (whole = await post({ query: QUERY, variables: { id, n: 3 } }, token)));
      expect(whole!.text).toBe(executed.body);
      // A representative outside the locality is refused by the resolver, which Apollo's pipeline answers
      // in the transaction the middleware opened: one session check, the read that found nothing, then execution's.
      const refused = !!JSON.parse(executed.body).errors;
      expect(throughApollo).toBe(refused ? 1 : 0);
      expect(whole!.statements).toHaveLength(refused ? executed.statements.length + 1 : 3);
    }
  });

  it("leaves to Apollo what it would refuse or answer otherwise, in the request's one transaction", async () => {
    const variables = { id: localities[0].id, n: 5 };
    await post({ query: QUERY, variables }, coordinator);
    const code = (answer: { text: string }) => JSON.parse(answer.text).errors?.[0]?.extensions.code;
    const refused: Record<string, unknown>[] = [];
    const count = await apolloRequestsIn(async () => {
      const anonymous = await post({ query: QUERY, variables });
      refused.push({ anonymous: code(anonymous), status: anonymous.status });
      const wrongType = await post({ query: QUERY, variables: { ...variables, n: 'five' } }, coordinator);
      refused.push({ wrongType: code(wrongType) });
      const limits = api.config.graphql;
      const { maxCost } = limits;
      limits.maxCost = 50;
      try {
        const expensive = await post({ query: QUERY, variables: { ...variables, n: 100 } }, coordinator);
        refused.push({ expensive: code(expensive) });
      } finally {
        limits.maxCost = maxCost;
      }
      const ownType = await post({ query: QUERY, variables }, coordinator, { accept: 'application/graphql-response+json' });
      refused.push({ ownType: ownType.type, statements: ownType.statements.length });
      const withExtensions = await post({ query: QUERY, variables, extensions: {} }, coordinator);
      refused.push({ withExtensions: JSON.parse(withExtensions.text).data.locality.name });
    });
    expect(refused).toEqual([
      { anonymous: 'UNAUTHENTICATED', status: 200 },
      { wrongType: 'BAD_USER_INPUT' },
      { expensive: 'QUERY_TOO_COMPLEX' },
      // One transaction: the session check, the read, its end.
      { ownType: 'application/graphql-response+json; charset=utf-8', statements: 3 },
      { withExtensions: localities[0].name },
    ]);
    expect(count).toBe(5);
  });
});
