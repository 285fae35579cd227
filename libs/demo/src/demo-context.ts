import { EntityManager } from 'typeorm';
import { queryRows } from '@joinedup/database';
import { DemoPersonRef } from './demo-people.data';

const DAY_MS = 24 * 60 * 60 * 1000;

export type Row = Record<string, any>;

/** The records a loader made or found, by natural key; filled as the loaders run, in order. */
export interface DemoKeys {
  /** Localities by code. */
  localities: Map<string, { id: string; name: string }>;
  /** Organisation ids by organisation key. */
  organisations: Map<string, string>;
  /** Person ids by organisation key, in slot order. */
  people: Map<string, string[]>;
  /** User ids by organisation key (member representatives) or local part (staff). */
  users: Map<string, string>;
  /** Programmes by name (unique across the demo). */
  programmes: Map<string, { id: string; localityId: string }>;
}

/**
 * What every area's demo loader needs: the tenant transaction's query function, the
 * tenant, the day the demo's dates count from, the records loaded so far, and the count
 * of inserted rows by table. Dates in the data files are day offsets from `now`.
 */
export class DemoContext {
  readonly added: Record<string, number> = {};
  readonly keys: DemoKeys = {
    localities: new Map(),
    organisations: new Map(),
    people: new Map(),
    users: new Map(),
    programmes: new Map(),
  };

  constructor(
    private readonly manager: EntityManager,
    readonly tenantId: string,
    readonly now: Date,
  ) {}

  query(sql: string, parameters: unknown[] = []): Promise<Row[]> {
    return queryRows<Row>(this.manager, sql, parameters);
  }

  count(table: string, rows = 1): void {
    if (rows) this.added[table] = (this.added[table] ?? 0) + rows;
  }

  /**
   * The id of the row `find` returns, else of the row `insert` makes (counted). Every
   * lookup names the tenant itself: row-level security does not hold back an owner that
   * is a superuser (as in development), so the policy alone would not scope it.
   */
  async findOrInsert(table: string, find: [string, unknown[]], insert: [string, unknown[]]): Promise<{ id: string; inserted: boolean }> {
    const [found] = await this.query(...find);
    if (found) return { id: found.id, inserted: false };
    const [inserted] = await this.query(...insert);
    this.count(table);
    return { id: inserted.id, inserted: true };
  }

  /** Inserts one row and counts it; returns the row (its `returning` columns). */
  async insert(table: string, sql: string, parameters: unknown[]): Promise<Row> {
    const [row] = await this.query(sql, parameters);
    this.count(table);
    return row;
  }

  /** The moment `days` days from now (negative: ago); fractions of a day order events within one. */
  at(days: number): Date {
    return new Date(this.now.getTime() + days * DAY_MS);
  }

  /** The calendar date (UTC) `days` days from today. */
  date(days: number): string {
    return this.at(days).toISOString().slice(0, 10);
  }

  organisation(key: string): string {
    return required(this.keys.organisations.get(key), `organisation ${key}`);
  }

  person(ref: DemoPersonRef): string {
    return required(this.keys.people.get(ref.organisation)?.[ref.slot], `person ${ref.organisation}[${ref.slot}]`);
  }

  programme(name: string): { id: string; localityId: string } {
    return required(this.keys.programmes.get(name), `programme ${name}`);
  }

  locality(code: string): { id: string; name: string } {
    return required(this.keys.localities.get(code), `locality ${code}`);
  }

  /** The demo user of a staff role ('coordinator', 'reviewer'). */
  staff(localPart: 'coordinator' | 'reviewer'): string {
    return required(this.keys.users.get(localPart), `user ${localPart}`);
  }

  /** The member representative of an organisation, if the demo has one. */
  representative(organisationKey: string): string | undefined {
    return this.keys.users.get(organisationKey);
  }
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`The demo data refers to a missing ${what}`);
  return value;
}
