import { LoadSample, percentile, summarise } from './closed-loop';

const sample = (latencies: number[], elapsedMs: number, extra: Partial<LoadSample> = {}): LoadSample => ({
  latencies,
  elapsedMs,
  non2xx: 0,
  badBodies: 0,
  failed: 0,
  bytes: latencies.length * 100,
  ...extra,
});

describe('closed-loop figures', () => {
  it('takes the nearest-rank percentile', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 0.5)).toBe(50);
    expect(percentile(sorted, 0.99)).toBe(99);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBe(0);
  });

  it('merges slices of one subject as one run of their summed time', () => {
    const figures = summarise([sample([30, 10], 1000, { non2xx: 1 }), sample([20, 40], 1000, { failed: 2, bytes: 600 })]);
    expect(figures).toEqual({
      requests: 4,
      requestsPerSecond: 2,
      p50Ms: 20,
      p99Ms: 40,
      non2xx: 1,
      badBodies: 0,
      failed: 2,
      meanResponseBytes: 200,
    });
  });

  it('gives zeros, not NaN, when nothing was answered', () => {
    expect(summarise([sample([], 0)])).toMatchObject({ requests: 0, requestsPerSecond: 0, p99Ms: 0, meanResponseBytes: 0 });
  });
});
