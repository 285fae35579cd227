import { Injectable } from '@nestjs/common';
import { DocumentNode, FieldNode, FragmentDefinitionNode, Kind, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import { Principal } from '@joinedup/access';

/** How a field of an object type is read in SQL, from that type's row aliased `row`. */
export type JsonField =
  /** A leaf: an expression whose json is exactly the field's GraphQL value. */
  | { value: (row: string) => string }
  /** At most one row of `type`: `from … where …` naming it `child`. */
  | { type: string; one: (row: string, child: string) => string }
  /** The rows of `type`: `from … where …` naming each `child`, in the order the field's resolver gives. */
  | { type: string; many: (row: string, child: string) => string; orderBy: (child: string) => string };

/**
 * A root query field answered by one statement. Its arguments must all be given, as
 * UUIDs (written in the query or as variables): anything else is left to its resolver.
 */
export interface JsonRoot {
  field: string;
  type: string;
  /** The roles its resolver admits (read from its @Roles). */
  roles: readonly string[];
  args: readonly string[];
  /** The statement: `answer` (the json text of the row aliased `row`) as the column `answer`, no row when nothing is found. */
  statement(answer: string, row: string): string;
  params(args: Record<string, string>, principal: Principal): unknown[];
}

/** An operation that one statement answers whole. */
export interface JsonRead {
  /** The response key of its one root field. */
  key: string;
  root: JsonRoot;
  sql: string;
  /** The root field's arguments for these variables, or null when they are not what the root takes. */
  args(variables: Record<string, unknown>): Record<string, string> | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
/** concat takes at most 100 arguments: `{`, then a key and a value per field, then `}`. */
const MAX_KEYS = 49;

/**
 * Reads that skip GraphQL execution: a query whose one root field and everything below it
 * the domain libraries can express in SQL is compiled, once per parsed document, into one
 * statement that writes the response's json text in PostgreSQL, keyed by the client's
 * response keys, in the order GraphQL gives them, scalars already in their GraphQL form,
 * without spaces (byte for byte what JSON.stringify writes, so the text goes out as it is:
 * JsonText). For the locality dashboard that replaces hundreds of resolved fields and the
 * objects behind them.
 * Any other query (a field it does not know, arguments below the root, directives,
 * fragments on other types) is executed as usual.
 */
@Injectable()
export class JsonReads {
  private readonly types = new Map<string, Map<string, JsonField>>();
  private readonly roots = new Map<string, JsonRoot>();
  private readonly compiled = new WeakMap<OperationDefinitionNode, JsonRead | null>();
  /** Off, every operation is executed field by field: the differential tests compare the two. */
  enabled = true;

  /** Adds fields of an object type (libraries may each add theirs). */
  addFields(type: string, fields: Record<string, JsonField>): void {
    const known = this.types.get(type) ?? new Map<string, JsonField>();
    for (const [name, field] of Object.entries(fields)) known.set(name, field);
    this.types.set(type, known);
  }

  addRoot(root: JsonRoot): void {
    this.roots.set(root.field, root);
  }

  /** The statement answering `operation` whole, or null when it must be executed field by field. */
  readFor(document: DocumentNode, operation: OperationDefinitionNode): JsonRead | null {
    if (!this.enabled) return null;
    let read = this.compiled.get(operation);
    if (read === undefined) {
      read = operation.operation === 'query' ? this.compile(operation, fragmentsOf(document)) : null;
      this.compiled.set(operation, read);
    }
    return read;
  }

  private compile(operation: OperationDefinitionNode, fragments: Fragments): JsonRead | null {
    const fields = collect(operation.selectionSet, 'Query', fragments);
    if (fields?.size !== 1) return null;
    const [[key, nodes]] = [...fields];
    const root = this.roots.get(nodes[0].name.value);
    if (!root || nodes.length !== 1) return null;
    const argSources = argumentsOf(nodes[0], root.args);
    if (!argSources) return null;
    const aliases = { next: 0 };
    const answer = this.objectSql(root.type, selectionsOf(nodes), 'r0', fragments, aliases);
    if (!answer) return null;
    return {
      key,
      root,
      sql: root.statement(answer, 'r0'),
      args: (variables) => {
        const args: Record<string, string> = {};
        for (const [name, source] of Object.entries(argSources)) {
          const value = source.variable === undefined ? source.value : variables[source.variable];
          if (typeof value !== 'string' || !UUID.test(value)) return null;
          args[name] = value;
        }
        return args;
      },
    };
  }

  /** The json text of the fields asked of `type` for its row `row`, or null when one of them is not known. */
  private objectSql(type: string, sets: SelectionSetNode[], row: string, fragments: Fragments, aliases: { next: number }): string | null {
    const known = this.types.get(type);
    const fields = known && collectAll(sets, type, fragments);
    if (!fields || !fields.size || fields.size > MAX_KEYS) return null;
    const parts: string[] = [];
    for (const [key, nodes] of fields) {
      const name = nodes[0].name.value;
      if (nodes.some((node) => node.arguments?.length)) return null;
      const sql = name === '__typename' ? `'"${type}"'` : this.fieldSql(known.get(name), nodes, row, fragments, aliases);
      if (!sql) return null;
      // Keys and type names are GraphQL names: nothing to escape in json or in SQL.
      parts.push(`'${parts.length ? ',' : '{'}"${key}":'`, sql);
    }
    return `concat(${parts.join(', ')}, '}')`;
  }

  private fieldSql(field: JsonField | undefined, nodes: FieldNode[], row: string, fragments: Fragments, aliases: { next: number }): string | null {
    if (!field) return null;
    if ('value' in field) return nodes.some((node) => node.selectionSet) ? null : `coalesce(to_json(${field.value(row)})::text, 'null')`;
    const child = `r${++aliases.next}`;
    const object = this.objectSql(field.type, selectionsOf(nodes), child, fragments, aliases);
    if (!object) return null;
    if ('one' in field) return `coalesce((select ${object} ${field.one(row, child)}), 'null')`;
    return `coalesce((select '[' || string_agg(${object}, ',' order by ${field.orderBy(child)}) || ']' ${field.many(row, child)}), '[]')`;
  }
}

type Fragments = Record<string, FragmentDefinitionNode>;

function fragmentsOf(document: DocumentNode): Fragments {
  const fragments: Fragments = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

const selectionsOf = (nodes: FieldNode[]) => nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));

/**
 * The fields of `sets` on `type` by response key, in the order GraphQL answers them
 * (first occurrence), the occurrences of one key merged; null when something needs
 * execution to decide: a directive, or a fragment on another type.
 */
function collectAll(sets: SelectionSetNode[], type: string, fragments: Fragments): Map<string, FieldNode[]> | null {
  const fields = new Map<string, FieldNode[]>();
  for (const set of sets) if (!collect(set, type, fragments, fields)) return null;
  return fields;
}

function collect(set: SelectionSetNode, type: string, fragments: Fragments, fields = new Map<string, FieldNode[]>()): Map<string, FieldNode[]> | null {
  for (const selection of set.selections) {
    if (selection.directives?.length) return null;
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      if (!NAME.test(key)) return null;
      fields.set(key, [...(fields.get(key) ?? []), selection]);
      continue;
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
    if (!fragment || (fragment.typeCondition && fragment.typeCondition.name.value !== type)) return null;
    if (!collect(fragment.selectionSet, type, fragments, fields)) return null;
  }
  return fields;
}

type ArgSource = { variable: string; value?: undefined } | { variable?: undefined; value: string };

/** Where each of `names` comes from (a variable or a string written in); null for any other argument or shape. */
function argumentsOf(node: FieldNode, names: readonly string[]): Record<string, ArgSource> | null {
  const sources: Record<string, ArgSource> = {};
  for (const argument of node.arguments ?? []) {
    const name = argument.name.value;
    if (!names.includes(name)) return null;
    const value = argument.value;
    if (value.kind === Kind.VARIABLE) sources[name] = { variable: value.name.value };
    else if (value.kind === Kind.STRING) sources[name] = { value: value.value };
    else return null;
  }
  return names.every((name) => sources[name]) ? sources : null;
}

/** A column of the row, as it is (text, numbers, dates as YYYY-MM-DD, uuids, enum labels). */
export const column = (name: string): JsonField => ({ value: (row) => `${row}.${name}` });

/** A timestamptz column as GraphQL's DateTime writes it: UTC, milliseconds, `Z` (what Date#toISOString gives). */
export const dateTimeColumn = (name: string): JsonField => ({
  value: (row) => `to_char(${row}.${name} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
});

/** The row of `table` (of GraphQL type `type`) that the row's `foreignKey` names, in the same tenant. */
export const rowById = (type: string, table: string, foreignKey: string): JsonField => ({
  type,
  one: (row, child) => `from ${table} ${child} where ${child}.tenant_id = ${row}.tenant_id and ${child}.id = ${row}.${foreignKey}`,
});
