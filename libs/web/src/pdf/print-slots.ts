/**
 * At most `limit` holders at once; a caller waits up to `waitMs` for a free slot and is
 * refused (undefined) after that, so a burst of requests cannot pile up browser pages.
 */
export class PrintSlots {
  private held = 0;
  private readonly waiting: ((release: () => void) => void)[] = [];

  constructor(
    private readonly limit: number,
    private readonly waitMs: number,
  ) {}

  /** How many slots are held now. */
  get inUse(): number {
    return this.held;
  }

  /** A release function once a slot is free, or undefined when none freed within waitMs. */
  acquire(): Promise<(() => void) | undefined> {
    if (this.held < this.limit) {
      this.held += 1;
      return Promise.resolve(this.releaser());
    }
    if (this.waitMs <= 0) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const take = (release: () => void) => {
        clearTimeout(timer);
        resolve(release);
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(take), 1);
        resolve(undefined);
      }, this.waitMs);
      this.waiting.push(take);
    });
  }

  /** Releases once only; a freed slot passes straight to the longest waiter. */
  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next(this.releaser());
      else this.held -= 1;
    };
  }
}
