import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { GraphQLResolveInfo, getNamedType } from 'graphql';
import { Principal } from '@joinedup/access';
import { TenantDb } from '@joinedup/database';
import { groupBy, oneBy, requestLoader } from '../request-loader';
import { JsonReads, TypeRows } from './json-reads';
import { ManyField, OneField, ReadScope, callerPlaceholder, isMany, isOne } from './read-model';

/** Where a value bound after the parents' ids ($1) comes from: an argument of the field, or the caller. */
export type BatchParam = { readonly arg: string } | { readonly caller: (principal: Principal) => unknown };

/** One statement reading a described relation for a batch of parents, and what it binds after their ids. */
export interface DescribedBatch {
  readonly sql: string;
  readonly params: readonly BatchParam[];
}

/** Aliases of the parent row and of the child rows: the descriptions' own aliases never take the compiler's `rN` form. */
const PARENT = 'r0';
const CHILD = 'r1';

/**
 * The statement reading a described `one` or `many` field for many parents at once: each
 * parent row is re-selected from `parentTable` by id ($1, a uuid[]) and the description's
 * `from … where …` joined to it laterally, so the executed path reads exactly the rows the
 * compiled read writes, in its order (`described_order`), one statement per batch. The
 * description's arguments and caller values become parameters $2, $3, …, never SQL text;
 * the role it may depend on is the statement's (one statement per role).
 */
export function describedBatch(parentTable: string, field: OneField | ManyField, role: string): DescribedBatch {
  const params: BatchParam[] = [];
  const placeholders = new Map<string, string>();
  const scope: ReadScope = {
    role,
    caller: (value) =>
      callerPlaceholder(value, role, () => {
        params.push({ caller: value });
        return `$${params.length + 1}`;
      }),
    arg: (name) => {
      if (!field.args?.[name]) throw new Error(`The argument ${name} has no rule in its description`);
      let placeholder = placeholders.get(name);
      if (!placeholder) {
        params.push({ arg: name });
        placeholders.set(name, (placeholder = `$${params.length + 1}`));
      }
      return placeholder;
    },
  };
  const children = isMany(field)
    ? `select ${CHILD}.*, row_number() over (order by ${field.orderBy(CHILD)}) as described_order ${field.many(PARENT, CHILD, scope)}`
    : // Wrapped: a description may end in its own `order by … limit 1` (the newest version of a process).
      `select * from (select ${CHILD}.* ${field.one(PARENT, CHILD, scope)}) ${CHILD} limit 1`;
  return {
    sql: `select ${PARENT}.id as described_parent, ${CHILD}.* from ${parentTable} ${PARENT}
      cross join lateral (${children}) ${CHILD}
      where ${PARENT}.id = any($1::uuid[])${isMany(field) ? ` order by ${CHILD}.described_order` : ''}`,
    params,
  };
}

type Row = Record<string, unknown> & { described_parent: string };

/**
 * The executed path of described relations: a resolver of a `one` or `many` field that
 * JsonReads describes answers through here, so its rows come from the description's SQL
 * (the relation is written once) in per-request batches (one statement per list level).
 * The parent and child types must have said where their rows live (JsonReads.addRows).
 */
@Injectable()
export class DescribedLoaders {
  private readonly batches = new Map<string, DescribedBatch>();

  constructor(
    private readonly reads: JsonReads,
    private readonly db: TenantDb,
  ) {}

  /** The row (or null) of the described `one` field being resolved, for the parent `parentId`. */
  one<T>(info: GraphQLResolveInfo, principal: Principal, parentId: string, args: Readonly<Record<string, unknown>> = {}): Promise<T | null> {
    return this.loader<T, T | null>(info, principal, args, 'one', (ids, rows, fromRow) =>
      oneBy(ids, rows, (r) => r.described_parent).map((r) => (r ? fromRow(r) : null)),
    ).load(parentId);
  }

  /** The rows, in the description's order, of the described `many` field being resolved, for the parent `parentId`. */
  many<T>(info: GraphQLResolveInfo, principal: Principal, parentId: string, args: Readonly<Record<string, unknown>> = {}): Promise<T[]> {
    return this.loader<T, T[]>(info, principal, args, 'many', (ids, rows, fromRow) =>
      groupBy(ids, rows, (r) => r.described_parent).map((group) => group.map(fromRow)),
    ).load(parentId);
  }

  /** Rows of `type` by id, through its registered table and mapper (the loader other libraries use for a record's id). */
  byId<T>(type: string): DataLoader<string, T | null> {
    const rows = this.rowsOf<T>(type);
    return requestLoader(`described.${type}.byId`, async (ids) => {
      const found = await this.db.query<Record<string, unknown> & { id: string }>(`select ${CHILD}.* from ${rows.table} ${CHILD} where ${CHILD}.id = any($1::uuid[])`, [ids]);
      return oneBy(ids, found, (r) => r.id).map((r) => r && rows.fromRow(r as never));
    });
  }

  private loader<T, V>(
    info: GraphQLResolveInfo,
    principal: Principal,
    args: Readonly<Record<string, unknown>>,
    kind: 'one' | 'many',
    answer: (ids: readonly string[], rows: Row[], fromRow: (row: Row) => T) => V[],
  ): DataLoader<string, V> {
    const type = info.parentType.name;
    const name = info.fieldName;
    const batch = this.batch(type, name, kind, principal.role);
    const values = batch.params.map((param) => ('arg' in param ? this.argValue(type, name, param.arg, args) : param.caller(principal)));
    const childType = getNamedType(info.returnType).name;
    const fromRow = this.rowsOf<T>(childType).fromRow as (row: Row) => T;
    // The rows read are rows of their type by id too: a later lookup of one (another library's
    // field naming the same record) is answered from them, not by another statement.
    const byId = this.byId<T>(childType);
    const read = (row: Row): T => {
      const value = fromRow(row);
      if (typeof row.id === 'string') byId.prime(row.id, value);
      return value;
    };
    // Keyed by the bound values, so each set of arguments (and caller) has its own batch and cache.
    return requestLoader(`described.${type}.${name}.${principal.role}.${JSON.stringify(values)}`, async (ids) =>
      answer(ids, await this.db.query<Row>(batch.sql, [ids, ...values]), read),
    );
  }

  private batch(type: string, name: string, kind: 'one' | 'many', role: string): DescribedBatch {
    const key = `${type}.${name}.${role}`;
    let batch = this.batches.get(key);
    if (!batch) {
      const field = this.reads.field(type, name);
      if (!field || (kind === 'one' ? !isOne(field) : !isMany(field))) throw new Error(`${key}: no described ${kind} field`);
      // A role the field is not read for would get SQL not written for it: the resolver must answer that role itself.
      if (field.roles && !field.roles.includes(role)) throw new Error(`${key}: not described for this role`);
      batch = describedBatch(this.rowsOf(type).table, field as OneField | ManyField, role);
      this.batches.set(key, batch);
    }
    return batch;
  }

  /** An argument's value as the description's rule binds it (the resolver's validation has admitted it already). */
  private argValue(type: string, name: string, arg: string, args: Readonly<Record<string, unknown>>): unknown {
    const bound = this.reads.field(type, name)?.args?.[arg]?.(args[arg], args);
    if (!bound) throw new Error(`${type}.${name}: its description does not admit the argument ${arg} as given`);
    return bound.value;
  }

  private rowsOf<T>(type: string): TypeRows<T> {
    const rows = this.reads.rowsOf<T>(type);
    if (!rows) throw new Error(`${type}: JsonReads.addRows has not said where its rows live`);
    return rows;
  }
}
