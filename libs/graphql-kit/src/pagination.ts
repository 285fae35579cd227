import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Type } from '@nestjs/common';
import { badInput } from '@joinedup/errors';

export const MAX_PAGE_SIZE = 100;

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
  @MaxLength(500)
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
    @Field(() => [node])
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

export function decodeCursor(cursor: string | undefined, parts: number): string[] | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === parts && key.every((k) => typeof k === 'string')) return key;
  } catch {
    // fall through to the error below
  }
  throw badInput('The cursor is not one this list gave out.', 'after');
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
