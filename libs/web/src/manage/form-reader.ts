import { FieldError } from '../health-check/answer-form';
import { calendarDay, DateParts } from '../health-check-rounds/round-form';
import { isId } from '../web-kit';

interface TextRule {
  /** What to enter, as the error says it: "the programme's name". */
  what: string;
  max: number;
  required?: boolean;
  /** An example shown when the value is missing: "Employment and Skills Pathway". */
  example?: string;
}

/**
 * Reads a form's URL-encoded body field by field, collecting GOV.UK error messages (each
 * linking to its field) as it goes; every value is trimmed and bounded before anything
 * else sees it. The page shows `values` again with `errors` when there are any, and sends
 * its input only when there are none.
 */
export class FormReader {
  readonly errors: FieldError[] = [];

  constructor(private readonly body: Record<string, unknown>) {}

  get ok(): boolean {
    return this.errors.length === 0;
  }

  fail(name: string, text: string): void {
    if (!this.errors.some((e) => e.href === `#${name}`)) this.errors.push({ href: `#${name}`, text });
  }

  /** Raw text of one field (the first when sent twice), trimmed, at most `max + 1` characters kept. */
  raw(name: string, max = 5000): string {
    const value = this.first(name);
    return typeof value === 'string' ? value.trim().slice(0, max + 1) : '';
  }

  /** The value sent under `name` (the first when sent twice). */
  private first(name: string): unknown {
    return Array.isArray(this.body[name]) ? (this.body[name] as unknown[])[0] : this.body[name];
  }

  text(name: string, rule: TextRule): string {
    const value = this.raw(name, rule.max);
    if (!value && rule.required !== false) this.fail(name, `Enter ${rule.what}${rule.example ? `, for example ${rule.example}` : ''}`);
    else if (value.length > rule.max) this.fail(name, `Enter ${rule.what} in ${rule.max} characters or fewer`);
    return value;
  }

  /** An email address (one @, no spaces, a dot in its domain), at most 254 characters as the API allows. */
  email(name: string, what = 'an email address'): string {
    const value = this.text(name, { what, max: 254, example: 'name@example.org' });
    if (value && value.length <= 254 && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) this.fail(name, `Enter ${what} in the correct format, like name@example.org`);
    return value;
  }

  /** A password as typed (never trimmed: spaces may be part of it), at most `max` characters. */
  password(name: string, what: string, max = 200): string {
    const given = this.first(name);
    const value = typeof given === 'string' ? given.slice(0, max + 1) : '';
    if (!value) this.fail(name, `Enter ${what}`);
    else if (value.length > max) this.fail(name, `Enter ${what} in ${max} characters or fewer`);
    return value;
  }

  /**
   * An https address (what the API accepts for links): no user name or password in it, a
   * host with a dot; empty is allowed unless `required`.
   */
  link(name: string, { what, max, required = false }: { what: string; max: number; required?: boolean }): string {
    const value = this.text(name, { what, max, required });
    if (!value || value.length > max) return value;
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || url.protocol !== 'https:' || url.username || url.password || !url.hostname.includes('.')) {
      this.fail(name, `Enter ${what} starting https://, for example https://example.org/briefing`);
    }
    return value;
  }

  /** One of `choices`' values; `what` completes "Select …". */
  choice<T extends string>(name: string, choices: readonly { value: T }[], what: string, required = true): T | undefined {
    const raw = this.raw(name, 100);
    const chosen = choices.find((c) => c.value === raw)?.value;
    if (!chosen && (required || raw)) this.fail(name, `Select ${what}`);
    return chosen;
  }

  /** Every value sent under `name` (checkboxes), kept only when one of `allowed`; at most `max`. */
  many(name: string, allowed: readonly string[], what: string, { min = 0, max = allowed.length } = {}): string[] {
    const given = this.body[name];
    const list = (Array.isArray(given) ? given : given === undefined ? [] : [given]).slice(0, allowed.length + 1);
    const chosen = [...new Set(list.filter((v): v is string => typeof v === 'string' && allowed.includes(v)))];
    if (chosen.length < min) this.fail(name, `Select ${what}`);
    else if (chosen.length > max) this.fail(name, `Select at most ${max} ${what}`);
    return chosen;
  }

  /** A record id (lower case), or undefined; required unless `required` is false. */
  id(name: string, what: string, required = true): string | undefined {
    const raw = this.raw(name, 36).toLowerCase();
    if (isId(raw)) return raw;
    if (required || raw) this.fail(name, `Select ${what}`);
    return undefined;
  }

  /** A whole number from `min` to `max`; undefined (and an error unless optional and empty) otherwise. */
  whole(name: string, { what, min, max, required = true }: { what: string; min: number; max: number; required?: boolean }): number | undefined {
    const raw = this.raw(name, 12);
    if (!raw) {
      if (required) this.fail(name, `Enter ${what}, a whole number from ${min} to ${max}`);
      return undefined;
    }
    const value = /^-?\d{1,9}$/.test(raw) ? Number(raw) : NaN;
    if (!(value >= min && value <= max)) {
      this.fail(name, `Enter ${what} as a whole number from ${min} to ${max}`);
      return undefined;
    }
    return value;
  }

  /** A number (decimals allowed, commas as thousands separators ignored) within the bounds. */
  decimal(
    name: string,
    { what, min = -1e12, max = 1e12, required = true, example = '12.5' }: { what: string; min?: number; max?: number; required?: boolean; example?: string },
  ): number | undefined {
    const raw = this.raw(name, 24).replace(/,/g, '');
    if (!raw) {
      if (required) this.fail(name, `Enter ${what}`);
      return undefined;
    }
    const value = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
    if (!(value >= min && value <= max)) {
      this.fail(name, `Enter ${what} as a number${min > -1e12 || max < 1e12 ? ` from ${min} to ${max}` : ''}, for example ${example}`);
      return undefined;
    }
    return value;
  }

  /** The parts of a GOV.UK date input (`name-day`, `name-month`, `name-year`) as they were typed. */
  dateParts(name: string): DateParts {
    return { day: this.raw(`${name}-day`, 2).slice(0, 2), month: this.raw(`${name}-month`, 2).slice(0, 2), year: this.raw(`${name}-year`, 4).slice(0, 4) };
  }

  /** A day (YYYY-MM-DD) from a GOV.UK date input; the error links to its day field. */
  day(name: string, what: string, required = true): string | undefined {
    const parts = this.dateParts(name);
    if (!parts.day && !parts.month && !parts.year) {
      if (required) this.fail(`${name}-day`, `Enter ${what}`);
      return undefined;
    }
    const day = calendarDay(parts);
    if (!day) this.fail(`${name}-day`, `Enter ${what} as a real date, for example 27 3 2027`);
    return day;
  }

  /** A yes/no radio: true, false, or undefined (with an error) when neither was chosen. */
  yesNo(name: string, what: string): boolean | undefined {
    const raw = this.raw(name, 3);
    if (raw === 'yes') return true;
    if (raw === 'no') return false;
    this.fail(name, `Select yes if ${what}`);
    return undefined;
  }
}
