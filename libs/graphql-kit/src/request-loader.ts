import DataLoader from 'dataloader';
import { RequestStore, requestContext } from '@joinedup/context';

const loaders = new WeakMap<RequestStore, Map<string, DataLoader<string, unknown>>>();

/**
 * The DataLoader named `name` of the current request, created at its first use. Batching
 * per request keeps one SQL statement per list level, whatever the number of parents;
 * a loader never outlives its request, so it never serves another caller's rows.
 */
export function requestLoader<V>(name: string, batch: (keys: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
  const store = requestContext.current();
  if (!store) throw new Error('requestLoader used outside a request');
  let byName = loaders.get(store);
  if (!byName) loaders.set(store, (byName = new Map()));
  let loader = byName.get(name) as DataLoader<string, V> | undefined;
  if (!loader) {
    loader = new DataLoader<string, V>(batch);
    byName.set(name, loader as DataLoader<string, unknown>);
  }
  return loader;
}

/** Drops the loaders (and their caches) of a request that has ended. */
export function forgetRequestLoaders(store: RequestStore): void {
  loaders.delete(store);
}

/** Orders grouped rows by the keys DataLoader asked for (an empty list for a key with none). */
export function groupBy<R>(keys: readonly string[], rows: R[], keyOf: (row: R) => string): R[][] {
  const groups = new Map<string, R[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k) ?? []);
}

/** One row (or null) per key, in the order of the keys. */
export function oneBy<R>(keys: readonly string[], rows: R[], keyOf: (row: R) => string): (R | null)[] {
  const byKey = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => byKey.get(k) ?? null);
}
