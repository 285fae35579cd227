import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Type } from '@nestjs/common';
import { badInput } from '@joinedup/errors';
import { InputReason } from './graphql-kit.errors';
import { textProblem } from './text-rules';

export const MAX_PAGE_SIZE = 100;
/** The longest `after` a list takes (its cursors are far shorter). */
export const MAX_CURSOR_LENGTH = 500;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `How many to return, 1 to ${MAX_PAGE_SIZE}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first = 20;

  @Field({ nullable: true, description: 'The endCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_CURSOR_LENGTH)
  after?: string;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Connection<T> {
  nodes: T[];
  pageInfo: PageInfo;
}

/** A `...Connection` object type with `nodes` and `pageInfo` for the given node type. */
export function ConnectionType<T>(node: Type<T>, name: string): Type<Connection<T>> {
  @ObjectType(name)
  class ConnectionClass {
    // The query cost counts the page once per `first` at the connection field (query-cost.ts).
    @Field(() => [node], { complexity: ({ childComplexity }) => 1 + childComplexity })
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionClass as Type<Connection<T>>;
}

/** Keyset cursors are the sort key of the last row, opaque to clients. */
export function encodeCursor(key: string[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** What one part of a cursor holds, checked before it reaches SQL. */
export type CursorPart = 'text' | 'uuid' | 'timestamp';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** PostgreSQL's ISO output of a timestamptz (`occurred_at::text`): `2026-03-05 12:34:56.123456+00`. */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/;
const MAX_CURSOR_TEXT = 500;

function isTimestamp(value: string): boolean {
  const m = TIMESTAMP.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Round-trips only for a real calendar date and time (no 31 February, no hour 25).
  return (
    year >= 1970 &&
    year <= 9999 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second
  );
}

const PART_CHECKS: Record<CursorPart, (value: string) => boolean> = {
  text: (value) => textProblem(value, MAX_CURSOR_TEXT) === undefined,
  uuid: (value) => UUID.test(value),
  timestamp: isTimestamp,
};

/**
 * The sort key in a cursor this list gave out, each part checked for its type (a uuid,
 * a timestamp, plain text), so a crafted cursor is BAD_USER_INPUT naming `after` and never
 * a failed statement.
 */
export function decodeCursor<const P extends readonly CursorPart[]>(
  cursor: string | undefined,
  parts: P,
): { [K in keyof P]: string } | undefined {
  if (!cursor) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const valid =
    Array.isArray(key) &&
    key.length === parts.length &&
    key.every((value, i) => typeof value === 'string' && PART_CHECKS[parts[i]](value));
  if (!valid) throw badInput('The cursor is not one this list gave out.', 'after', InputReason.UNKNOWN_CURSOR);
  return key as { [K in keyof P]: string };
}

/**
 * Turns `first + 1` fetched rows into a page: the extra row only says there is more.
 */
export function toConnection<R, T>(rows: R[], first: number, key: (row: R) => string[], map: (row: R) => T): Connection<T> {
  const page = rows.slice(0, first);
  const last = page[page.length - 1];
  return {
    nodes: page.map(map),
    pageInfo: { hasNextPage: rows.length > first, endCursor: last ? encodeCursor(key(last)) : null },
  };
}
