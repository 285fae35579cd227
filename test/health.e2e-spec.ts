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
  });

  describe('with the queue unreachable', () => {
    let cut: ApiHarness;

    beforeAll(async () => {
      cut = await ApiHarness.start({ REDIS_URL: 'redis://127.0.0.1:1' });
    });
    afterAll(() => cut.stop());

    it('is still live, but not ready, and says the queue is down', async () => {
      expect((await fetch(`${cut.url}/health/live`)).status).toBe(200);
      const started = Date.now();
      const response = await fetch(`${cut.url}/health/ready`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable', postgres: 'up', queue: 'down' });
      // A readiness probe must answer promptly, not wait for Redis to come back.
      expect(Date.now() - started).toBeLessThan(5000);
    });
  });
});
