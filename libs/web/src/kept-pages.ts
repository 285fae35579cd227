import { createHash, randomBytes } from 'node:crypto';
import { RenderedParts } from './rendered-parts';

/** What differs between two responses of one page with the same data: the response's CSP nonce and the session's CSRF token. */
export interface ResponseSecrets {
  cspNonce: string;
  csrfToken: string;
}

type Slot = keyof ResponseSecrets;

/** A kept page: its text around the places where this response's secrets go (texts has one more entry than slots). */
interface Segments {
  texts: string[];
  slots: Slot[];
}

/**
 * Characters no HTML escaping changes (base64 and base64url: the nonce and the CSRF token):
 * a secret made only of these is written into the page as the template would write it.
 */
const WRITTEN_AS_IS = /^[A-Za-z0-9+/=_-]+$/;

/**
 * Whole pages rendered once and kept, by their view and a hash of their whole context: a page
 * is a pure function of its context (templates and filters read nothing else), so the same
 * data gives the same page; only the nonce and the CSRF token differ between responses.
 * The page is rendered with a placeholder for each (random per process, so no data can hold
 * one), cut at them, and each response joins the cuts with its own secrets: byte for byte
 * what a render with those secrets writes (kept-pages.spec.ts compares), for a fraction of
 * the render (GOV.UK's layout and macros cost as much as the survey form's whole document).
 * Only for pages whose data many requests share (a blank survey form of a round, a
 * locality's health): a page of one visitor's form input would fill the store for nothing.
 */
export class KeptPages {
  private readonly pages: RenderedParts<Segments>;
  private readonly placeholders: ResponseSecrets;
  private readonly cut: RegExp;

  /** `max` pages kept, least recently used dropped first; 0 keeps nothing (every page rendered afresh). */
  constructor(max: number) {
    this.pages = new RenderedParts<Segments>(max);
    const tag = randomBytes(12).toString('hex');
    this.placeholders = { cspNonce: `keptnonce${tag}`, csrfToken: `keptcsrf${tag}` };
    this.cut = new RegExp(`(${this.placeholders.cspNonce}|${this.placeholders.csrfToken})`);
  }

  /**
   * The page of `view` for `context` with these secrets; `render` renders a view with a
   * context (the secrets added to it). Kept by the context as JSON, or by `key` when given:
   * a smaller text that names everything the page shows (a context holding a large kept
   * part, such as a blank form's fields, is itself costly to write as JSON and hash).
   */
  render(
    view: string,
    context: Record<string, unknown>,
    secrets: ResponseSecrets,
    render: (context: Record<string, unknown>) => string,
    key: string = JSON.stringify(context),
  ): string {
    if (!this.pages.max || !WRITTEN_AS_IS.test(secrets.cspNonce) || !WRITTEN_AS_IS.test(secrets.csrfToken)) {
      return render({ ...context, ...secrets });
    }
    const kept = `${view}\0${createHash('sha256').update(key).digest('base64')}`;
    const page = this.pages.get(kept, () => this.segmentsOf(render({ ...context, ...this.placeholders })));
    let html = page.texts[0];
    for (let i = 0; i < page.slots.length; i++) html += secrets[page.slots[i]] + page.texts[i + 1];
    return html;
  }

  get size(): number {
    return this.pages.size;
  }

  private segmentsOf(html: string): Segments {
    // split with a capturing group alternates text and the placeholder found.
    const pieces = html.split(this.cut);
    const texts: string[] = [];
    const slots: Slot[] = [];
    pieces.forEach((piece, i) => {
      if (i % 2 === 0) texts.push(piece);
      else slots.push(piece === this.placeholders.cspNonce ? 'cspNonce' : 'csrfToken');
    });
    return { texts, slots };
  }
}
