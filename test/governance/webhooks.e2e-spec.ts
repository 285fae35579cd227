import { createHmac, randomBytes } from 'node:crypto';
import { IncomingHttpHeaders, Server, createServer } from 'node:http';
import { AddressInfo, createServer as createNetServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { INestApplicationContext } from '@nestjs/common';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { loadConfig } from '@joinedup/config';
import { GOVERNANCE_QUEUE, WEBHOOK_QUEUE, WebhookSecretUnreadable, openWebhookSecret, sealWebhookSecret } from '@joinedup/governance';
import { QUEUE, QueueFactory, queueStoreFor } from '@joinedup/jobs';
import { ApiHarness, TestTenant, TestUser, codeOf } from '../support/api-harness';
import { GovernanceProbe, daysAfter } from '../support/governance-probe';
import { PrivateDatabase, privateDatabase } from '../support/private-database';
import { RegistryFactory } from '../support/registry-factory';
import { eventually } from '../support/eventually';
import { testQueuePrefix } from '../support/queue-prefix';

const REGISTER = `mutation($input: RegisterWebhookEndpointInput!) {
  registerWebhookEndpoint(input: $input) { secret endpoint { id url events description active } }
}`;
const UPDATE = `mutation($input: UpdateWebhookEndpointInput!) {
  updateWebhookEndpoint(input: $input) { id url events description active deactivatedAt }
}`;
const ROTATE = `mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret endpoint { id } } }`;
const ENDPOINTS = `{ webhookEndpoints { id url events active } }`;
const DELIVERIES = `query($endpointId: ID!, $state: WebhookDeliveryState, $first: Int, $after: String) {
  webhookDeliveries(endpointId: $endpointId, state: $state, first: $first, after: $after) {
    nodes { id eventType state attempts lastStatusCode lastError createdAt lastAttemptAt deliveredAt payload }
    pageInfo { hasNextPage endCursor }
  }
}`;
const AUDIT = `query($id: ID!) { auditEvents(entityType: "WEBHOOK_ENDPOINT", entityId: $id) { nodes { action before after } } }`;
const RAISE = `mutation($input: RaiseConflictInput!) { raiseConflict(input: $input) { id openedAt } }`;
const ACKNOWLEDGE = `mutation($input: ConflictTransitionInput!) { acknowledgeConflict(input: $input) { id status } }`;

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Delivery {
  id: string;
  eventType: string;
  state: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  payload: { id: string; type: string; createdAt: string; data: Record<string, any> };
}

/** What a receiver does with the signature header: HMAC of "<t>.<raw body>", and a fresh t. */
function verifies(header: string | undefined, body: string, secret: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const [, t, v1] = match;
  const fresh = Math.abs(Date.now() / 1000 - Number(t)) < 120;
  return fresh && createHmac('sha256', secret).update(`${t}.${body}`).digest('hex') === v1;
}

/** A port nothing listens on (it was free a moment ago). */
async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Webhooks end to end: endpoints registered over GraphQL, a scan raising a flag, the
 * worker (in this process) delivering it to a local receiver, signed, with retries and
 * timeouts, and the address rules at registration and at delivery.
 */
describe('governance webhooks', () => {
  let database: PrivateDatabase;
  let api: ApiHarness;
  let worker: INestApplicationContext | undefined;
  let inspector: QueueFactory;
  let receiver: Server;
  let base: string;
  const received: Received[] = [];
  const tries = new Map<string, number>();
  const log: string[] = [];
  const prefix = testQueuePrefix('webhooks');
  const TIMEOUT_MS = 500;
  const COULD_NOT_DELIVER = `Could not deliver: the receiver gave no HTTP answer within ${TIMEOUT_MS} ms.`;
  const ATTEMPTS = 3;
  const settings = (): Record<string, string> => ({
    ...(process.env as Record<string, string>),
    ...database.env,
    QUEUE_PREFIX: prefix,
    WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
    WEBHOOK_ATTEMPTS: String(ATTEMPTS),
    WEBHOOK_BACKOFF_MS: '100',
    WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
    // Only the scans this test runs: no event-triggered rescans or daily scans meanwhile.
    GOVERNANCE_RESCAN_DEBOUNCE_MS: '3600000',
    GOVERNANCE_SCAN_CRON: '0 3 1 1 *',
  });

  let tenant: TestTenant;
  let coordinator: TestUser;
  let probe: GovernanceProbe;
  let locality: { id: string };
  let programme: { id: string };
  let rep: TestUser;
  let partyId: string;
  const endpoint = { ok: { id: '', secret: '' }, flaky: { id: '', secret: '' }, slow: { id: '', secret: '' } };
  let firstConflict: { id: string; openedAt: string };

  const startWorker = async (overrides: Record<string, string> = {}) => {
    const destination = { write: (line: string) => void log.push(line) };
    const config = loadConfig({ ...settings(), LOG_LEVEL: 'warn', ...overrides });
    worker = (await createWorkerApp(config, { logDestination: destination })).app;
    await worker.init();
  };

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const path = request.url ?? '';
        received.push({ path, headers: request.headers, body });
        const delivery = String(request.headers['joinedup-delivery']);
        const n = (tries.get(`${path}:${delivery}`) ?? 0) + 1;
        tries.set(`${path}:${delivery}`, n);
        if (path === '/flaky' && n === 1) return void response.writeHead(500).end('not yet');
        if (path === '/slow') return void setTimeout(() => response.writeHead(200).end(), TIMEOUT_MS * 3);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

    database = await privateDatabase('webhooks');
    api = await ApiHarness.start(settings());
    inspector = new QueueFactory(queueStoreFor(api.config));
    await startWorker();

    tenant = await api.newTenant('webhooks');
    coordinator = await api.newUser(tenant, 'COORDINATOR');
    probe = new GovernanceProbe(api, tenant.id);
    const make = new RegistryFactory(api, coordinator.token);
    locality = await make.locality();
    const [a, b] = await make.members(locality.id, 2);
    partyId = b.id;
    rep = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', a.id);
    programme = await make.programme(locality.id, [a.id, b.id]);
  });

  afterAll(async () => {
    await worker?.close();
    for (const name of [QUEUE.domainEvents, QUEUE.maintenance, GOVERNANCE_QUEUE, WEBHOOK_QUEUE]) {
      await inspector?.queue(name).obliterate({ force: true });
    }
    await inspector?.close();
    await api?.stop();
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
    await database?.drop();
  });

  const register = async (path: string, events: string[], token = tenant.adminToken, description: string | null = null, at = base) =>
    (await api.ok(REGISTER, { input: { url: `${at}${path}`, events, description } }, token)).registerWebhookEndpoint as {
      secret: string;
      endpoint: { id: string; url: string; events: string[]; description: string | null; active: boolean };
    };

  const deliveries = async (endpointId: string, state?: string, token = tenant.adminToken): Promise<Delivery[]> =>
    (await api.ok(DELIVERIES, { endpointId, state, first: 100 }, token)).webhookDeliveries.nodes;

  /** The delivery to an endpoint about one rule and subject, once it is in `state`. */
  const deliveryAbout = (endpointId: string, type: string, subjectId: string, state: string) =>
    eventually(async () =>
      (await deliveries(endpointId)).find(
        (d) => d.eventType === type && d.payload.data.ruleCode === 'CONFLICT_UNACKNOWLEDGED' && d.payload.data.subjectId === subjectId && d.state === state,
      ),
    );

  const raiseConflict = async () =>
    (
      await api.ok(
        RAISE,
        {
          input: {
            localityId: locality.id,
            programmeId: programme.id,
            partyIds: [partyId],
            category: 'RESOURCES',
            severity: 'HIGH',
            title: 'Funding for the shared team',
            description: 'Who pays for the shared team.',
          },
        },
        rep.token,
      )
    ).raiseConflict as { id: string; openedAt: string };

  it('registers endpoints, returning the secret once (32 random bytes, base64url)', async () => {
    const ok = await register('/ok', ['FLAG_RAISED'], tenant.adminToken, 'Partnership office dashboard');
    expect(ok.endpoint).toEqual({ id: expect.any(String), url: `${base}/ok`, events: ['FLAG_RAISED'], description: 'Partnership office dashboard', active: true });
    expect(ok.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const flaky = await register('/flaky', ['FLAG_RAISED']);
    const slow = await register('/slow', ['FLAG_RAISED']);
    Object.assign(endpoint, {
      ok: { id: ok.endpoint.id, secret: ok.secret },
      flaky: { id: flaky.endpoint.id, secret: flaky.secret },
      slow: { id: slow.endpoint.id, secret: slow.secret },
    });
    expect(new Set([ok.secret, flaky.secret, slow.secret]).size).toBe(3);

    const listed = (await api.ok(ENDPOINTS, {}, tenant.adminToken)).webhookEndpoints as { id: string }[];
    expect(listed.map((e) => e.id).sort()).toEqual([ok.endpoint.id, flaky.endpoint.id, slow.endpoint.id].sort());
    expect(JSON.stringify(listed)).not.toContain(ok.secret);
  });

  it('delivers flag.raised from a scan, signed so the receiver can verify it', async () => {
    firstConflict = await raiseConflict();
    const scan = await probe.scan(daysAfter(firstConflict.openedAt, 6), locality.id);
    expect(scan.raised).toBeGreaterThanOrEqual(1);
    const flag = await probe.flagAbout('CONFLICT_UNACKNOWLEDGED', firstConflict.id);

    const delivery = await deliveryAbout(endpoint.ok.id, 'FLAG_RAISED', firstConflict.id, 'DELIVERED');
    expect(delivery).toMatchObject({ attempts: 1, lastStatusCode: 204, lastError: null, deliveredAt: expect.any(String) });
    expect(delivery!.payload).toEqual({
      id: delivery!.id,
      type: 'flag.raised',
      createdAt: expect.any(String),
      data: expect.objectContaining({
        flagId: flag!.id,
        ruleCode: 'CONFLICT_UNACKNOWLEDGED',
        barrier: 'CONFLICT_RESOLUTION',
        subjectType: 'CONFLICT',
        subjectId: firstConflict.id,
        programmeId: programme.id,
        localityId: locality.id,
        evidence: flag!.evidence,
      }),
    });

    const request = received.find((r) => r.path === '/ok' && r.headers['joinedup-delivery'] === delivery!.id)!;
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'JoinedUp-Webhooks/1',
      'joinedup-event': 'flag.raised',
      'joinedup-delivery': delivery!.id,
    });
    expect(JSON.parse(request.body)).toEqual(delivery!.payload);
    expect(verifies(request.headers['joinedup-signature'] as string, request.body, endpoint.ok.secret)).toBe(true);
    // Signed with this endpoint's secret, not another's, and over these exact bytes.
    expect(verifies(request.headers['joinedup-signature'] as string, request.body, endpoint.flaky.secret)).toBe(false);
    expect(verifies(request.headers['joinedup-signature'] as string, `${request.body} `, endpoint.ok.secret)).toBe(false);
  });

  it('retries a receiver that failed with 500, and records it DELIVERED after 2 attempts', async () => {
    const delivery = await deliveryAbout(endpoint.flaky.id, 'FLAG_RAISED', firstConflict.id, 'DELIVERED');
    expect(delivery).toMatchObject({ attempts: 2, lastStatusCode: 204, lastError: null });
    const requests = received.filter((r) => r.path === '/flaky' && r.headers['joinedup-delivery'] === delivery!.id);
    expect(requests).toHaveLength(2);
    // The same body both times: a receiver may de-duplicate by its id.
    expect(requests[1].body).toBe(requests[0].body);
    expect(verifies(requests[1].headers['joinedup-signature'] as string, requests[1].body, endpoint.flaky.secret)).toBe(true);
  });

  it('times out a slow receiver, retries, and marks the delivery FAILED after the last attempt', async () => {
    const delivery = await deliveryAbout(endpoint.slow.id, 'FLAG_RAISED', firstConflict.id, 'FAILED');
    expect(delivery).toMatchObject({
      attempts: ATTEMPTS,
      lastStatusCode: null,
      lastError: COULD_NOT_DELIVER,
      deliveredAt: null,
    });
    const failed = await deliveries(endpoint.slow.id, 'FAILED');
    expect(failed.map((d) => d.id)).toContain(delivery!.id);
    expect(await deliveries(endpoint.slow.id, 'DELIVERED')).toEqual([]);
  });

  it('says the same, after the same wait, whether the port is closed, speaks something else than HTTP, or is silent', async () => {
    const closedPort = await freePort();
    const banner = createNetServer((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n')).unref();
    await new Promise<void>((resolve) => banner.listen(0, '127.0.0.1', resolve));
    try {
      const closed = await register(`:${closedPort}/closed`, ['FLAG_RAISED'], tenant.adminToken, null, 'http://127.0.0.1');
      const other = await register(`:${(banner.address() as AddressInfo).port}/ssh`, ['FLAG_RAISED'], tenant.adminToken, null, 'http://127.0.0.1');
      const conflict = await raiseConflict();
      await probe.scan(daysAfter(conflict.openedAt, 6), locality.id);
      const silent = await deliveryAbout(endpoint.slow.id, 'FLAG_RAISED', conflict.id, 'FAILED');
      for (const id of [closed.endpoint.id, other.endpoint.id]) {
        const delivery = await deliveryAbout(id, 'FLAG_RAISED', conflict.id, 'FAILED');
        expect(delivery).toMatchObject({ attempts: ATTEMPTS, lastStatusCode: null, lastError: silent!.lastError });
        // Each attempt waited the whole timeout, as a silent receiver makes it.
        expect(Date.parse(delivery!.lastAttemptAt!) - Date.parse(delivery!.createdAt)).toBeGreaterThanOrEqual(ATTEMPTS * TIMEOUT_MS);
        await api.ok(UPDATE, { input: { id, active: false } }, tenant.adminToken);
      }
      expect(silent!.lastError).toBe(COULD_NOT_DELIVER);
    } finally {
      banner.close();
    }
  });

  it('rotates the secret and changes the events: flag.resolved is signed with the new secret; inactive endpoints get nothing', async () => {
    await api.ok(UPDATE, { input: { id: endpoint.flaky.id, active: false } }, tenant.adminToken);
    await api.ok(UPDATE, { input: { id: endpoint.slow.id, active: false } }, tenant.adminToken);
    const updated = (await api.ok(UPDATE, { input: { id: endpoint.ok.id, events: ['FLAG_RAISED', 'FLAG_RESOLVED'], description: '' } }, tenant.adminToken))
      .updateWebhookEndpoint;
    expect(updated).toMatchObject({ events: ['FLAG_RAISED', 'FLAG_RESOLVED'], description: null, active: true, deactivatedAt: null });
    const rotated = (await api.ok(ROTATE, { id: endpoint.ok.id }, tenant.adminToken)).rotateWebhookSecret;
    expect(rotated.secret).not.toBe(endpoint.ok.secret);

    await api.ok(ACKNOWLEDGE, { input: { conflictId: firstConflict.id } }, (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', partyId)).token);
    await probe.scan(daysAfter(firstConflict.openedAt, 7), locality.id);
    const delivery = await deliveryAbout(endpoint.ok.id, 'FLAG_RESOLVED', firstConflict.id, 'DELIVERED');
    expect(delivery!.payload).toMatchObject({ type: 'flag.resolved', data: { subjectId: firstConflict.id } });
    const request = received.find((r) => r.headers['joinedup-delivery'] === delivery!.id)!;
    expect(request.headers['joinedup-event']).toBe('flag.resolved');
    expect(verifies(request.headers['joinedup-signature'] as string, request.body, rotated.secret)).toBe(true);
    expect(verifies(request.headers['joinedup-signature'] as string, request.body, endpoint.ok.secret)).toBe(false);
    endpoint.ok.secret = rotated.secret;

    const resolvedElsewhere = [...(await deliveries(endpoint.flaky.id)), ...(await deliveries(endpoint.slow.id))].filter(
      (d) => d.eventType === 'FLAG_RESOLVED',
    );
    expect(resolvedElsewhere).toEqual([]);
  });

  it('audits register, update and rotate for administrators, never with the secret', async () => {
    const trail = (await api.ok(AUDIT, { id: endpoint.ok.id }, tenant.adminToken)).auditEvents.nodes as { action: string }[];
    expect(trail.map((e) => e.action)).toEqual(['webhook_endpoint.registered', 'webhook_endpoint.updated', 'webhook_endpoint.secret_rotated']);
    const written = JSON.stringify(await api.owner.query(`select before, after from audit_event where entity_id = $1`, [endpoint.ok.id]));
    expect(written).not.toContain(endpoint.ok.secret);
    expect(written).not.toContain('secret');
    // Nor did the worker log one.
    const secrets = [endpoint.ok.secret, endpoint.flaky.secret, endpoint.slow.secret];
    expect(log.filter((line) => secrets.some((s) => line.includes(s)))).toEqual([]);
  });

  it('stores the secrets encrypted with WEBHOOK_SECRET_KEY, bound to their endpoint', async () => {
    const rows: { tenant_id: string; id: string; secret_sealed: Buffer; whole: string }[] = await api.owner.query(
      `select tenant_id, id, secret_sealed, to_jsonb(w)::text as whole from webhook_endpoint w where tenant_id = $1`,
      [tenant.id],
    );
    const secrets = [endpoint.ok.secret, endpoint.flaky.secret, endpoint.slow.secret];
    for (const row of rows) {
      for (const secret of secrets) {
        expect(row.whole).not.toContain(secret);
        expect(row.secret_sealed.includes(Buffer.from(secret))).toBe(false);
      }
    }
    const ok = rows.find((row) => row.id === endpoint.ok.id)!;
    const owner = { tenantId: ok.tenant_id, endpointId: ok.id };
    // The rotated secret, which deliveries are signed with (see above).
    expect(openWebhookSecret(api.config.webhooks.secretKey!, ok.secret_sealed, owner)).toBe(endpoint.ok.secret);
    expect(() => openWebhookSecret(randomBytes(32), ok.secret_sealed, owner)).toThrow(WebhookSecretUnreadable);
    expect(() => openWebhookSecret(api.config.webhooks.secretKey!, ok.secret_sealed, { ...owner, endpointId: endpoint.flaky.id })).toThrow(
      WebhookSecretUnreadable,
    );
    // The database takes nothing but the sealed form.
    await expect(
      api.owner.query(`update webhook_endpoint set secret_sealed = convert_to($2, 'UTF8') where id = $1`, [endpoint.slow.id, endpoint.slow.secret]),
    ).rejects.toThrow('webhook_endpoint_secret_sealed');
  });

  it('fails a delivery at once when its secret was sealed under another key, without calling the receiver', async () => {
    const unreadable = await register('/unreadable', ['FLAG_RAISED']);
    const sealed = sealWebhookSecret(randomBytes(32), unreadable.secret, { tenantId: tenant.id, endpointId: unreadable.endpoint.id });
    await api.owner.query(`update webhook_endpoint set secret_sealed = $2 where id = $1`, [unreadable.endpoint.id, sealed]);
    const conflict = await raiseConflict();
    await probe.scan(daysAfter(conflict.openedAt, 6), locality.id);
    const delivery = await deliveryAbout(unreadable.endpoint.id, 'FLAG_RAISED', conflict.id, 'FAILED');
    expect(delivery).toMatchObject({
      attempts: 1,
      lastStatusCode: null,
      lastError: 'Not sent: The signing secret of this endpoint cannot be read with the current WEBHOOK_SECRET_KEY. Rotate the secret.',
    });
    expect(received.some((r) => r.path === '/unreadable')).toBe(false);
    await api.ok(UPDATE, { input: { id: unreadable.endpoint.id, active: false } }, tenant.adminToken);
  });

  it('pages the delivery log newest first', async () => {
    const all = await deliveries(endpoint.ok.id);
    expect(all.length).toBeGreaterThanOrEqual(2);
    const first = (await api.ok(DELIVERIES, { endpointId: endpoint.ok.id, first: 1 }, tenant.adminToken)).webhookDeliveries;
    expect(first.nodes.map((d: Delivery) => d.id)).toEqual([all[0].id]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = (await api.ok(DELIVERIES, { endpointId: endpoint.ok.id, first: 1, after: first.pageInfo.endCursor }, tenant.adminToken))
      .webhookDeliveries;
    expect(next.nodes.map((d: Delivery) => d.id)).toEqual([all[1].id]);
  });

  it('is for tenant administrators only: a coordinator is FORBIDDEN', async () => {
    expect(codeOf(await api.graphql(ENDPOINTS, {}, coordinator.token))).toBe('FORBIDDEN');
    expect(codeOf(await api.graphql(DELIVERIES, { endpointId: endpoint.ok.id }, coordinator.token))).toBe('FORBIDDEN');
    const input = { url: `${base}/ok`, events: ['FLAG_RAISED'] };
    expect(codeOf(await api.graphql(REGISTER, { input }, coordinator.token))).toBe('FORBIDDEN');
    expect(codeOf(await api.graphql(UPDATE, { input: { id: endpoint.ok.id, active: false } }, coordinator.token))).toBe('FORBIDDEN');
    expect(codeOf(await api.graphql(ROTATE, { id: endpoint.ok.id }, coordinator.token))).toBe('FORBIDDEN');
  });

  it("shows another tenant none of this tenant's endpoints or deliveries", async () => {
    const other = await api.newTenant('webhooks-other');
    expect((await api.ok(ENDPOINTS, {}, other.adminToken)).webhookEndpoints).toEqual([]);
    expect(codeOf(await api.graphql(DELIVERIES, { endpointId: endpoint.ok.id }, other.adminToken))).toBe('NOT_FOUND');
    expect(codeOf(await api.graphql(UPDATE, { input: { id: endpoint.ok.id, active: false } }, other.adminToken))).toBe('NOT_FOUND');
    expect(codeOf(await api.graphql(ROTATE, { id: endpoint.ok.id }, other.adminToken))).toBe('NOT_FOUND');
    // Its scans deliver nothing to this tenant's endpoints.
    const before = (await deliveries(endpoint.ok.id)).length;
    await new GovernanceProbe(api, other.id).scan(new Date());
    expect((await deliveries(endpoint.ok.id)).length).toBe(before);
  });

  it('validates the input: events one or more, each once; a URL with credentials or not http(s)', async () => {
    const bad = async (input: Record<string, unknown>) => codeOf(await api.graphql(REGISTER, { input }, tenant.adminToken));
    expect(await bad({ url: `${base}/ok`, events: [] })).toBe('BAD_USER_INPUT');
    expect(await bad({ url: `${base}/ok`, events: ['FLAG_RAISED', 'FLAG_RAISED'] })).toBe('BAD_USER_INPUT');
    expect(await bad({ url: `http://user:pw@127.0.0.1/ok`, events: ['FLAG_RAISED'] })).toBe('BAD_USER_INPUT');
    expect(await bad({ url: `ftp://127.0.0.1/ok`, events: ['FLAG_RAISED'] })).toBe('BAD_USER_INPUT');
    expect(await bad({ url: `https://example.org/${'a'.repeat(2000)}`, events: ['FLAG_RAISED'] })).toBe('BAD_USER_INPUT');
    expect(await bad({ url: `${base}/ok`, events: ['FLAG_RAISED'], description: 'd'.repeat(501) })).toBe('BAD_USER_INPUT');
  });

  it('allows at most 10 active endpoints per tenant (CONFLICT for the 11th, also when reactivating)', async () => {
    const limited = await api.newTenant('webhooks-limit');
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push((await register(`/n${i}`, ['HEALTH_CHANGED'], limited.adminToken)).endpoint.id);
    const eleventh = await api.graphql(REGISTER, { input: { url: `${base}/n10`, events: ['HEALTH_CHANGED'] } }, limited.adminToken);
    expect(codeOf(eleventh)).toBe('CONFLICT');
    expect(eleventh.errors?.[0].message).toContain('10 active webhook endpoints');

    const stopped = (await api.ok(UPDATE, { input: { id: ids[0], active: false } }, limited.adminToken)).updateWebhookEndpoint;
    expect(stopped).toMatchObject({ active: false, deactivatedAt: expect.any(String) });
    await register('/n10', ['HEALTH_CHANGED'], limited.adminToken);
    expect(codeOf(await api.graphql(UPDATE, { input: { id: ids[0], active: true } }, limited.adminToken))).toBe('CONFLICT');
    // The database holds the limit too, whatever the code does.
    await expect(
      api.owner.query(
        `insert into webhook_endpoint (tenant_id, url, secret_sealed, events)
         values ($1, 'https://example.org/', decode('01' || repeat('00', 71), 'hex'), '{health.changed}')`,
        [limited.id],
      ),
    ).rejects.toThrow('at most 10 active webhook endpoints');
  });

  describe('where private addresses are not allowed', () => {
    let strict: ApiHarness;
    beforeAll(async () => {
      strict = await ApiHarness.start({ ...settings(), WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'false' });
    });
    afterAll(() => strict?.stop());

    it.each([
      ['https://127.0.0.1/hook', '127.0.0.1 is a loopback address (127.0.0.0/8, RFC 1122'],
      ['https://localhost/hook', 'localhost resolves to'],
      ['https://10.0.0.1/hook', '10.0.0.1 is a private address (10.0.0.0/8, RFC 1918)'],
      ['https://169.254.169.254/latest/meta-data', '169.254.169.254 is a cloud metadata address'],
      ['https://[::1]/hook', '::1 is a loopback address'],
      ['https://[::ffff:127.0.0.1]/hook', 'an IPv4-mapped address (::ffff:0:0/96, RFC 4291)'],
      // Accepted before issue 19: every range the IANA registries say is not globally reachable.
      ['https://192.0.2.1/hook', '192.0.2.1 is a documentation address (192.0.2.0/24, RFC 5737)'],
      ['https://198.18.0.1/hook', '198.18.0.1 is a benchmarking address (198.18.0.0/15, RFC 2544)'],
      ['https://198.51.100.1/hook', 'a documentation address (198.51.100.0/24, RFC 5737)'],
      ['https://203.0.113.1/hook', 'a documentation address (203.0.113.0/24, RFC 5737)'],
      ['https://[2001:db8::1]/hook', 'a documentation address (2001:db8::/32, RFC 3849)'],
      ['https://[100::1]/hook', 'a discard-only address (100::/64, RFC 6666)'],
      ['https://[::ffff:93.184.215.14]/hook', 'an IPv4-mapped address'],
      ['https://[64:ff9b:1::1]/hook', 'a local-use translation address (64:ff9b:1::/48, RFC 8215)'],
    ])('refuses to register %s', async (url, reason) => {
      const result = await strict.graphql(REGISTER, { input: { url, events: ['FLAG_RAISED'] } }, tenant.adminToken);
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].message).toContain(reason);
      expect(result.errors?.[0].message).toContain('not allowed for webhooks');
    });

    it("refuses to register any address of this machine's own interfaces", async () => {
      const own = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address));
      for (const address of own) {
        const url = `https://${address.includes(':') ? `[${address}]` : address}/hook`;
        const result = await strict.graphql(REGISTER, { input: { url, events: ['FLAG_RAISED'] } }, tenant.adminToken);
        expect([url, codeOf(result)]).toEqual([url, 'BAD_USER_INPUT']);
      }
    });

    it('refuses plain http, and a URL moved to a private address', async () => {
      const http = await strict.graphql(REGISTER, { input: { url: 'http://example.org/hook', events: ['FLAG_RAISED'] } }, tenant.adminToken);
      expect(codeOf(http)).toBe('BAD_USER_INPUT');
      expect(http.errors?.[0].message).toContain('must start with https://');
      const moved = await strict.graphql(UPDATE, { input: { id: endpoint.ok.id, url: 'https://10.1.2.3/hook' } }, tenant.adminToken);
      expect(codeOf(moved)).toBe('BAD_USER_INPUT');
    });

    it('refuses at delivery time too: the delivery FAILS at once, saying the address is not allowed', async () => {
      // A listener on this machine's own (non-loopback) address, which the worker must not reach.
      const own = Object.values(networkInterfaces())
        .flatMap((list) => list ?? [])
        .find((i) => i.family === 'IPv4' && !i.internal)?.address;
      let connections = 0;
      const listener = createNetServer((socket) => {
        connections++;
        socket.destroy();
      });
      await new Promise<void>((resolve) => listener.listen(0, own ?? '127.0.0.1', resolve));
      const port = (listener.address() as AddressInfo).port;
      try {
        // Registered where private addresses were allowed; the worker now does not allow them.
        const targets = [
          { url: 'https://127.0.0.1:9/refused', error: 'The webhook address 127.0.0.1 is a loopback address (127.0.0.0/8, RFC 1122, section 3.2.1.3)' },
          { url: 'https://198.18.0.1/refused', error: 'The webhook address 198.18.0.1 is a benchmarking address (198.18.0.0/15, RFC 2544)' },
          { url: `https://localhost:${port}/refused`, error: 'The webhook host localhost resolves to' },
          ...(own ? [{ url: `https://${own}:${port}/refused`, error: `The webhook address ${own} is ` }] : []),
        ];
        const refused: { id: string; error: string }[] = [];
        for (const { url, error } of targets) {
          const registered = (await api.ok(REGISTER, { input: { url, events: ['FLAG_RAISED'] } }, tenant.adminToken)).registerWebhookEndpoint;
          refused.push({ id: registered.endpoint.id, error });
        }
        await api.ok(UPDATE, { input: { id: endpoint.ok.id, active: false } }, tenant.adminToken);
        await worker!.close();
        await startWorker({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'false' });

        const conflict = await raiseConflict();
        await probe.scan(daysAfter(conflict.openedAt, 6), locality.id);
        for (const { id, error } of refused) {
          const delivery = await deliveryAbout(id, 'FLAG_RAISED', conflict.id, 'FAILED');
          expect(delivery).toMatchObject({ attempts: 1, lastStatusCode: null, deliveredAt: null });
          expect(delivery!.lastError).toContain(error);
          expect(delivery!.lastError).toContain('; such addresses are not allowed for webhooks (use a public address).');
        }
        // Not retried: a refused address stays refused.
        await new Promise((resolve) => setTimeout(resolve, 500));
        for (const { id } of refused) expect((await deliveries(id)).every((d) => d.attempts <= 1)).toBe(true);
        expect(received.some((r) => r.path === '/refused')).toBe(false);
        expect(connections).toBe(0);
      } finally {
        await new Promise((resolve) => listener.close(resolve));
      }
    });
  });
});
