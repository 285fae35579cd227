import { ApiHarness } from './support/api-harness';

describe('health checks', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await ApiHarness.start();
  });
  afterAll(() => api.stop());

  it('answers live without a token', async () => {
    const response = await fetch(`${api.url}/health/live`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('is ready when PostgreSQL and the queue are reachable', async () => {
    const response = await fetch(`${api.url}/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', postgres: 'up', queue: 'up' });
    const queue = await fetch(`${api.url}/health/queue`);
    expect(queue.status).toBe(200);
    expect(await queue.json()).toEqual({ status: 'ok', queue: 'up' });
  });

  describe('with the queue unreachable', () => {
    let cut: ApiHarness;

    beforeAll(async () => {
      cut = await ApiHarness.start({ REDIS_URL: 'redis://127.0.0.1:1' });
    });
    afterAll(() => cut.stop());

    it('is live and still ready (writes go to the outbox), and says the queue is down', async () => {
      expect((await fetch(`${cut.url}/health/live`)).status).toBe(200);
      const started = Date.now();
      const response = await fetch(`${cut.url}/health/ready`);
      // A queue outage must not take every replica out of the load balancer at once.
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', postgres: 'up', queue: 'down' });
      // A readiness probe must answer promptly, not wait for Redis to come back.
      expect(Date.now() - started).toBeLessThan(5000);
    });

    it('reports the queue apart, as unavailable', async () => {
      const response = await fetch(`${cut.url}/health/queue`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable', queue: 'down' });
    });
  });
});
