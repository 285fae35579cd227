/** Thrown when the line of waiting work is full. */
export class ConcurrencyLimitFull extends Error {
  constructor() {
    super('Too much work is waiting already');
  }
}

/** Runs at most `concurrency` tasks at once; up to `maxWaiting` more wait in order, the rest are refused. */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw new ConcurrencyLimitFull();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next in line, so `active` never over-counts.
      if (next) next();
      else this.active--;
    }
  }
}
