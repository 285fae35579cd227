/**
 * One running thing (the API, Chromium) for the several spec modules one test file runs, so
 * that the file starts it once: the file opens and closes it; each module joins it (or, when
 * none is open, starts one of its own) and leaves it (which stops only one of its own).
 */
export interface Shared<T> {
  open(): Promise<T>;
  close(): Promise<void>;
  join(): Promise<T>;
  leave(item: T | undefined): Promise<void>;
}

export function shared<T>(start: () => Promise<T>, stop: (item: T) => Promise<void>): Shared<T> {
  let current: Promise<T> | undefined;
  return {
    open: () => (current ??= start()),
    async close() {
      const item = current;
      current = undefined;
      if (item) await stop(await item);
    },
    join: () => current ?? start(),
    async leave(item) {
      if (item && item !== (await current)) await stop(item);
    },
  };
}
