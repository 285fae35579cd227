import { retryDelaySeconds } from './sign-in-throttle';

describe('retryDelaySeconds', () => {
  const limits = { freeAttempts: 5, maxDelaySeconds: 60 };

  it('lets the first tries go without waiting', () => {
    expect([1, 2, 3, 4].map((f) => retryDelaySeconds(f, limits))).toEqual([0, 0, 0, 0]);
  });

  it('doubles the wait after each further failure, up to the maximum', () => {
    expect([5, 6, 7, 8, 9, 10, 11, 12].map((f) => retryDelaySeconds(f, limits))).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    expect(retryDelaySeconds(10_000, limits)).toBe(60);
  });
});
