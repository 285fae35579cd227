/**
 * The cookies a browser would keep for the benchmark's one site: set by Set-Cookie, sent
 * back on every request. Paths and expiry dates are not tracked (a run is minutes long and
 * each jar visits only the pages its cookies are for); a cookie set empty or already
 * expired is removed, as the pages do at sign-out or when a link is used up.
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Takes the Set-Cookie headers of an answer. */
  take(setCookie: string | string[] | undefined): this {
    for (const line of [setCookie ?? []].flat()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (!value || attributes.some(expired)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return this;
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** The Cookie header of the next request. */
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

function expired(attribute: string): boolean {
  const [name, value = ''] = attribute.split('=').map((part) => part.trim());
  if (/^max-age$/i.test(name)) return Number(value) <= 0;
  if (/^expires$/i.test(name)) return Date.parse(value) <= Date.now();
  return false;
}

/** The CSRF token of a page's form (its hidden _csrf field), or undefined when the page has none. */
export function formToken(html: string): string | undefined {
  return /<input[^>]*name="_csrf"[^>]*value="([^"]+)"/.exec(html)?.[1];
}
