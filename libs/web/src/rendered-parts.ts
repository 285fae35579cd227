/**
 * Parts of pages rendered once and kept by a key that names everything they show. GOV.UK's
 * macros cost some microseconds a call (each includes its template and imports its
 * sub-components anew), so a blank form of 7 statements × 6 radios took longer to render
 * than its document took to run. Bounded: past `max` parts the least recently used goes;
 * with max 0 nothing is kept (development, where templates change under a running server).
 * Kept as HTML, or as what a page is kept as (KeptPages' segments).
 */
export class RenderedParts<T = string> {
  private readonly parts = new Map<string, T>();

  constructor(readonly max: number) {}

  get(key: string, render: () => T): T {
    const kept = this.parts.get(key);
    if (kept !== undefined) {
      // Map keeps insertion order: moved to the end, it is the most recently used.
      this.parts.delete(key);
      this.parts.set(key, kept);
      return kept;
    }
    const html = render();
    if (this.max > 0) {
      this.parts.set(key, html);
      if (this.parts.size > this.max) this.parts.delete(this.parts.keys().next().value as string);
    }
    return html;
  }

  get size(): number {
    return this.parts.size;
  }
}
