/** Stops the embedded PostgreSQL that the global setup started, if it did. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { releaseTestDatabase?: () => Promise<void> }).releaseTestDatabase?.();
}
