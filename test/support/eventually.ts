/**
 * Polls `probe` every 100 ms until it returns something truthy, for what a background
 * process does in its own time (a worker, a webhook delivery, a service starting). After
 * `timeoutMs` it returns the last value, so the caller's assertion says what was wrong, or
 * throws `describe()` when given.
 */
export async function eventually<T>(probe: () => T | Promise<T>, timeoutMs = 20_000, describe?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) {
      if (describe) throw new Error(describe());
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
