import { Principal } from '@joinedup/access';
import { CALENDAR_DATE } from '../input-rules';
import { decodeCursor, CursorPart, MAX_CURSOR_LENGTH, MAX_PAGE_SIZE } from '../pagination';
import { textProblem } from '../text-rules';

/**
 * What a description of a field may ask of the statement it is compiled into. A statement
 * is compiled for one role (and one set of @include/@skip outcomes), so SQL may depend on
 * the role; everything else of the caller and the request is bound as parameters.
 */
export interface ReadScope {
  readonly role: string;
  /**
   * A placeholder for a value of the caller, bound per request (e.g. the body a
   * representative acts for); SQL null for a role it is null for (CallerValue.noneFor).
   */
  caller(value: CallerValue): string;
  /** The placeholder of the field's argument `name`, as its rule gives it (SQL null when absent). */
  arg(name: string): string;
}

/**
 * A value of the caller that a read binds. `noneFor(role)`, when given, is true for the roles
 * for which the value is null whatever else the caller is: a statement compiled for such a
 * role writes SQL null instead of a placeholder (the same answer), so that PostgreSQL folds
 * away what depends on it (e.g. `null::uuid is null or exists (…)`) when it plans.
 */
export type CallerValue = ((principal: Principal) => unknown) & { readonly noneFor?: (role: string) => boolean };

/** SQL for a caller's value in a statement compiled for `role`: null where the role decides it, otherwise `bind()`'s placeholder. */
export const callerPlaceholder = (value: CallerValue, role: string, bind: () => string): string => (value.noneFor?.(role) ? 'null' : bind());

/**
 * An argument's check after GraphQL has coerced it: the value to bind, or null to leave the
 * field to its resolver (which then answers the error it gives for such a value). `args` are
 * all the field's coerced arguments (always given by the compiler), for a check of several together (a period: from ≤ to).
 */
export type ArgRule = (value: unknown, args?: Readonly<Record<string, unknown>>) => { value: unknown } | null;

interface FieldBase {
  /** The roles this field is read for; another role's read is executed (the resolver refuses or hides). */
  roles?: readonly string[];
  /** Its arguments, each checked as the resolver checks it; an argument not listed leaves the field to execution. */
  args?: Readonly<Record<string, ArgRule>>;
  /**
   * A root field only: a condition that must hold for the compiled answer; when it does not,
   * the operation is executed (e.g. a list of a record the caller may not see: its resolver's NOT_FOUND).
   */
  requires?(scope: ReadScope): string;
}

/** A leaf: an expression whose json is exactly the field's GraphQL value. */
export interface ValueField extends FieldBase {
  value(row: string, scope: ReadScope): string;
}

/** At most one row of the field's type: `from … where …` naming it `child`. */
export interface OneField extends FieldBase {
  one(row: string, child: string, scope: ReadScope): string;
}

/** The rows of the field's type (`from … where …` naming each `child`), in the order the resolver gives. */
export interface ManyField extends FieldBase {
  many(row: string, child: string, scope: ReadScope): string;
  orderBy(child: string): string;
  /** The whole list as json text the row keeps, for a selection of exactly these fields (another form of `many`). */
  stored?: StoredList;
  /**
   * To-one fields of each row that `many` already joins, inner (for its order or its access
   * condition): the field's name → the suffix of the joined row's alias (`_o`: `${child}_o`).
   * A field without arguments is then written from that row, not looked up again; it must be
   * the row the field's own description gives (the read-path tests compare both ways).
   */
  joined?: Readonly<Record<string, string>>;
}

/**
 * A list's json text kept with its row (a generated column), for the selection of exactly
 * `fields`, in that order, each under its own name: what `many` and `orderBy` would write
 * for it, byte for byte (the read-path tests compare both). Any other selection reads `many`.
 */
export interface StoredList {
  fields: readonly string[];
  json(row: string): string;
}

/**
 * A page of rows of the nodes' type as a `…Connection` (nodes, pageInfo): `from … where …` naming
 * each `child`, after the cursor the description reads from `scope.arg('after')`; sorted by
 * `orderBy`, whose expressions as text are the cursor's parts. The page size is the
 * argument `first`.
 */
export interface PageField extends FieldBase {
  page(row: string, child: string, scope: ReadScope): string;
  orderBy(child: string): string;
  cursor(child: string): string[];
}

export type ReadField = ValueField | OneField | ManyField | PageField;

export const isValue = (field: ReadField): field is ValueField => 'value' in field;
export const isOne = (field: ReadField): field is OneField => 'one' in field;
export const isMany = (field: ReadField): field is ManyField => 'many' in field;
export const isPage = (field: ReadField): field is PageField => 'page' in field;

/** A column of the row, as it is (text, numbers, dates as YYYY-MM-DD, uuids, enum labels). */
export const column = (name: string): ValueField => ({ value: (row) => `${row}.${name}` });

/** A timestamptz as GraphQL's DateTime writes it: UTC, milliseconds, `Z` (what Date#toISOString gives). */
export const dateTimeSql = (expression: string): string =>
  `to_char(${expression} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export const dateTimeColumn = (name: string): ValueField => ({ value: (row) => dateTimeSql(`${row}.${name}`) });

/** The row of `table` that the row's `foreignKey` names, in the same tenant. */
export const rowById = (table: string, foreignKey: string): OneField => ({
  one: (row, child) => `from ${table} ${child} where ${child}.tenant_id = ${row}.tenant_id and ${child}.id = ${row}.${foreignKey}`,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An ID argument, read only as a UUID (the resolvers' IdArg refuses anything else). */
export const uuidArg: ArgRule = (value) => (typeof value === 'string' && UUID.test(value) ? { value } : null);

/** An optional ID argument: absent or null binds null. */
export const optionalUuidArg: ArgRule = (value) => (value === undefined || value === null ? { value: null } : uuidArg(value));

/** A day written YYYY-MM-DD, as IsCalendarDate checks it. */
export const calendarDateArg: ArgRule = (value) => (typeof value === 'string' && CALENDAR_DATE.test(value) ? { value } : null);

/** A list filter (enum values, stage numbers): absent, null or empty binds null (no filter). */
export const listArg =
  (max = 100): ArgRule =>
  (value) => {
    if (value === undefined || value === null) return { value: null };
    if (!Array.isArray(value) || value.length > max) return null;
    return { value: value.length ? value : null };
  };

/** A Boolean argument (GraphQL supplies its default). */
export const booleanArg: ArgRule = (value) => (typeof value === 'boolean' ? { value } : null);

/** An Int argument from `min` to `max`, as the resolver's @Min/@Max check it. */
export const intArg =
  (min: number, max: number): ArgRule =>
  (value) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max ? { value } : null;

/** An optional text filter of at most `maxLength` characters that TextInputPipe admits; absent or null binds null. */
export const optionalTextArg =
  (maxLength: number): ArgRule =>
  (value) => {
    if (value === undefined || value === null) return { value: null };
    return typeof value === 'string' && !textProblem(value, maxLength) ? { value } : null;
  };

/** An optional enum argument (GraphQL has checked its value): absent or null binds null. */
export const optionalEnumArg: ArgRule = (value) => (value === undefined || value === null ? { value: null } : typeof value === 'string' ? { value } : null);

/** `first` of a connection: 1 to MAX_PAGE_SIZE, as PageArgs checks it (GraphQL supplies the default). */
export const pageSizeArg: ArgRule = intArg(1, MAX_PAGE_SIZE);

/** `after` of a connection: the parts of a cursor this list gave out, as text[] (null for the first page). */
export const cursorArg =
  (parts: readonly CursorPart[]): ArgRule =>
  (value) => {
    if (value === undefined || value === null) return { value: null };
    if (typeof value !== 'string' || value.length > MAX_CURSOR_LENGTH) return null; // PageArgs refuses it
    try {
      return { value: decodeCursor(value, parts) ?? null };
    } catch {
      return null;
    }
  };

/** Part `n` (from 1) of a connection's `after` cursor as SQL text, null on the first page. */
export const afterPart = (scope: ReadScope, n: number): string => `(${scope.arg('after')}::text[])[${n}]`;

/** The arguments of a connection whose cursor has these parts. */
export const pageArgs = (parts: readonly CursorPart[]) => ({ first: pageSizeArg, after: cursorArg(parts) });
