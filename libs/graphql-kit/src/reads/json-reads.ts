import { Injectable } from '@nestjs/common';
import {
  DocumentNode,
  FieldNode,
  GraphQLField,
  GraphQLObjectType,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
  getArgumentValues,
  getNamedType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { Principal } from '@joinedup/access';
import { Fragments, collectFields, directiveKey, fragmentsOf, selectionSetsOf } from './read-selection';
import { ManyField, ReadField, ReadScope, callerPlaceholder, isMany, isOne, isPage, isValue } from './read-model';

type Variables = Record<string, unknown>;

/** One statement answering an operation's `data` whole, as json text in the column `answer`. */
export interface CompiledRead {
  sql: string;
  /** The statement's parameters for this caller and these (coerced) variables; null when an argument is one only its resolver can answer. */
  params(principal: Principal, variables: Variables): unknown[] | null;
}

/** A parameter's value for a request, or null to leave the operation to execution. */
type Param = (principal: Principal, variables: Variables) => { value: unknown } | null;

/**
 * Where the rows of an object type live, for the executed path (DescribedLoaders): the table
 * a parent of that type is re-selected from by its id, and how a row of it (all its
 * columns) becomes the object its resolvers are given.
 */
export interface TypeRows<T = unknown> {
  readonly table: string;
  fromRow(row: never): T;
}

/** Most compiled variants kept per operation (roles × @include/@skip outcomes). */
const MAX_VARIANTS = 32;

/**
 * The one read path's compiler. Each library describes the fields of its GraphQL object
 * types once (ReadField: a column or expression, a relation, a page, the roles it is read
 * for and its arguments' checks); a query whose every field is described is compiled, once
 * per parsed document, role and @include/@skip outcome, into one statement that writes the
 * whole `data` as json text in PostgreSQL: keyed by the client's response keys in GraphQL's
 * order, scalars in their GraphQL form, byte for byte what JSON.stringify writes. Anything
 * else (an undescribed field, a role a field is not read for, an argument its rule leaves to
 * the resolver, a non-null root field with no row) is executed field by field, and the
 * differential test proves the two answer alike.
 */
@Injectable()
export class JsonReads {
  private readonly types = new Map<string, Map<string, ReadField>>();
  private readonly rows = new Map<string, TypeRows>();
  private readonly compiled = new WeakMap<OperationDefinitionNode, Map<string, CompiledRead | null>>();
  private readonly fragments = new WeakMap<DocumentNode, Fragments>();
  private readonly executedReasons: { type: string; reason: string; fields?: readonly string[] }[] = [];
  /** Off, every operation is executed field by field: the differential tests compare the two. */
  enabled = true;

  /** Adds fields of an object type (`Query` for root fields); libraries may each add theirs. */
  addFields(type: string, fields: Record<string, ReadField>): void {
    const known = this.types.get(type) ?? new Map<string, ReadField>();
    for (const [name, field] of Object.entries(fields)) known.set(name, field);
    this.types.set(type, known);
  }

  /** Says where the rows of `type` live, so that its described relations are executed by their description (DescribedLoaders). */
  addRows<R, T>(type: string, rows: { table: string; fromRow(row: R): T }): void {
    this.rows.set(type, rows as TypeRows);
  }

  /** Where the rows of `type` live, if its library has said. */
  rowsOf<T>(type: string): TypeRows<T> | undefined {
    return this.rows.get(type) as TypeRows<T> | undefined;
  }

  /** The description of `type.field`, if any. */
  field(type: string, field: string): ReadField | undefined {
    return this.types.get(type)?.get(field);
  }

  /** Says why fields of `type` (all of them when none are named) are left to execution, for docs/reads-executed.md. */
  leaveExecuted(type: string, reason: string, fields?: readonly string[]): void {
    this.executedReasons.push({ type, reason, fields });
  }

  /** Whether `type.field` is described. */
  describes(type: string, field: string): boolean {
    return this.types.get(type)?.has(field) ?? false;
  }

  /** Why `type.field` is executed, as its library says; undefined when it does not say. */
  whyExecuted(type: string, field: string): string | undefined {
    return this.executedReasons.find((r) => r.type === type && (!r.fields || r.fields.includes(field)))?.reason;
  }

  /** The statement answering `operation` whole for this role and these coerced variables, or null when it must be executed. */
  readFor(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, role: string, variables: Variables): CompiledRead | null {
    if (!this.enabled || operation.operation !== 'query') return null;
    let fragments = this.fragments.get(document);
    if (!fragments) this.fragments.set(document, (fragments = fragmentsOf(document.definitions)));
    const directives = directiveKey(operation, fragments, variables);
    if (directives === null) return null;
    const key = `${role}/${directives}`;
    let variants = this.compiled.get(operation);
    if (!variants) this.compiled.set(operation, (variants = new Map()));
    let read = variants.get(key);
    if (read === undefined) {
      read = new Compilation(this.types, schema, fragments, role, variables).operation(operation.selectionSet);
      if (variants.size < MAX_VARIANTS) variants.set(key, read);
    }
    return read;
  }
}

/** pagination.ts's encodeCursor of a JSON text, in SQL: base64url without padding. */
const base64url = (json: string): string => `translate(encode(convert_to(${json}, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;

/** One compilation: the SQL text, and the parameters it binds in order. */
class Compilation {
  private readonly params: Param[] = [];
  private aliases = 0;

  constructor(
    private readonly types: ReadonlyMap<string, ReadonlyMap<string, ReadField>>,
    private readonly schema: GraphQLSchema,
    private readonly fragments: Fragments,
    private readonly role: string,
    private readonly variables: Variables,
  ) {}

  operation(set: SelectionSetNode): CompiledRead | null {
    const query = this.schema.getQueryType();
    const fields = query && collectFields([set], query.name, this.fragments, this.variables);
    if (!query || !fields?.size) return null;
    const parts: string[] = [];
    const sources: string[] = [];
    for (const [key, nodes] of fields) {
      const value = this.rootSql(query, nodes, `k${sources.length}`);
      if (value === null) return null;
      if (value.source) sources.push(value.source);
      parts.push(`'${parts.length ? ',' : '{'}"${key}":'`, value.json);
    }
    const params = this.params;
    return {
      sql: `select ${concat([...parts, `'}'`])} as answer${sources.length ? ` from ${sources.join(' cross join ')}` : ''}`,
      params: (principal, variables) => {
        const values: unknown[] = [];
        for (const param of params) {
          const bound = param(principal, variables);
          if (!bound) return null;
          values.push(bound.value);
        }
        return values;
      },
    };
  }

  /**
   * A root field as a one-row source `kN(json)`: a non-null field with no row, or a field
   * whose `requires` does not hold, leaves no row (its resolver answers NOT_FOUND, so the
   * operation is executed).
   */
  private rootSql(query: GraphQLObjectType, nodes: FieldNode[], source: string): { source?: string; json: string } | null {
    const name = nodes[0].name.value;
    if (name === '__typename') return { json: `'"${query.name}"'` };
    const definition = query.getFields()[name];
    const field = this.types.get(query.name)?.get(name);
    if (!definition || !field || !this.admits(field, nodes)) return null;
    if (isOne(field) && isNonNullType(definition.type)) {
      const child = this.alias();
      const object = this.objectSql(getNamedType(definition.type).name, nodes, child);
      const from = object && field.one('null', child, this.scope(field, definition, nodes[0]));
      return from ? { source: `(select ${object} as json ${from}) ${source}`, json: `${source}.json` } : null;
    }
    const json = this.fieldSql(field, definition, nodes, 'null');
    const condition = json && field.requires ? ` where ${field.requires(this.scope(field, definition, nodes[0]))}` : '';
    return json ? { source: `(select ${json} as json${condition}) ${source}`, json: `${source}.json` } : null;
  }

  /**
   * The json text of the fields asked of `type` for its row `row`, or null when one of them
   * is not described; `joined`: its to-one fields already joined to `row` (ManyField.joined).
   */
  private objectSql(typeName: string, nodes: readonly FieldNode[], row: string, joined?: ManyField['joined']): string | null {
    const type = this.schema.getType(typeName);
    const known = this.types.get(typeName);
    const fields = isObjectType(type) && known ? collectFields(selectionSetsOf(nodes), typeName, this.fragments, this.variables) : null;
    if (!fields?.size || !isObjectType(type) || !known) return null;
    const parts: string[] = [];
    for (const [key, fieldNodes] of fields) {
      const name = fieldNodes[0].name.value;
      const definition = type.getFields()[name];
      const field = known.get(name);
      const sql =
        name === '__typename'
          ? `'"${typeName}"'`
          : field && definition && this.admits(field, fieldNodes)
            ? this.fieldSql(field, definition, fieldNodes, row, joined?.[name])
            : null;
      if (!sql) return null;
      // Keys and type names are GraphQL names: nothing to escape in json or in SQL.
      parts.push(`'${parts.length ? ',' : '{'}"${key}":'`, sql);
    }
    return concat([...parts, `'}'`]);
  }

  private fieldSql(field: ReadField, definition: GraphQLField<unknown, unknown>, nodes: FieldNode[], row: string, joinedAs?: string): string | null {
    const scope = this.scope(field, definition, nodes[0]);
    if (isValue(field)) return nodes.some((node) => node.selectionSet) ? null : `coalesce(to_json(${field.value(row, scope)})::text, 'null')`;
    const type = getNamedType(definition.type).name;
    if (isOne(field) && joinedAs && !field.args) return this.objectSql(type, nodes, `${row}${joinedAs}`);
    if (isMany(field) && field.stored && this.asksExactly(type, nodes, field.stored.fields)) return field.stored.json(row);
    const child = this.alias();
    if (isPage(field)) return this.pageSql(field, type, nodes, row, child, scope);
    const object = this.objectSql(type, nodes, child, isMany(field) ? field.joined : undefined);
    if (!object) return null;
    if (isOne(field)) return `coalesce((select ${object} ${field.one(row, child, scope)}), 'null')`;
    if (isMany(field)) return `coalesce((select '[' || string_agg(${object}, ',' order by ${field.orderBy(child)}) || ']' ${field.many(row, child, scope)}), '[]')`;
    return null;
  }

  /**
   * A connection: its page of `first + 1` rows numbered in order (the extra row only says
   * there is more), each node written as every `nodes` selection asks, then nodes and
   * pageInfo as the client's keys ask. The cursor is pagination.ts's encodeCursor in SQL (base64url).
   */
  private pageSql(field: Extract<ReadField, { page: unknown }>, connectionType: string, nodes: FieldNode[], row: string, child: string, scope: ReadScope): string | null {
    const connection = this.schema.getType(connectionType);
    const fields = collectFields(selectionSetsOf(nodes), connectionType, this.fragments, this.variables);
    if (!isObjectType(connection) || !fields?.size) return null;
    const nodeType = getNamedType(connection.getFields().nodes?.type);
    const first = `${scope.arg('first')}::int`;
    const columns: string[] = [];
    const parts: string[] = [];
    for (const [key, fieldNodes] of fields) {
      const name = fieldNodes[0].name.value;
      let sql: string | null = null;
      if (name === '__typename') sql = `'"${connectionType}"'`;
      else if (name === 'nodes' && nodeType) {
        const object = this.objectSql(nodeType.name, fieldNodes, child);
        if (object) {
          columns.push(`${object} as node${columns.length}`);
          sql = `coalesce('[' || string_agg(node${columns.length - 1}, ',' order by n) filter (where n <= ${first}) || ']', '[]')`;
        }
      } else if (name === 'pageInfo') sql = this.pageInfoSql(fieldNodes, first);
      if (!sql) return null;
      parts.push(`'${parts.length ? ',' : '{'}"${key}":'`, sql);
    }
    // Each row's cursor as JSON text; only the page's last one is encoded (pageInfoSql).
    const cursor = `'[' || ${field.cursor(child).map((part) => `to_json((${part})::text)::text`).join(` || ',' || `)} || ']'`;
    return `(select ${concat([...parts, `'}'`])} from (select ${[...columns, `${cursor} as cursor`].join(', ')},
              row_number() over (order by ${field.orderBy(child)}) as n ${field.page(row, child, scope)}
              order by ${field.orderBy(child)} limit ${first} + 1) ${child}_page group by ())`;
  }

  private pageInfoSql(nodes: FieldNode[], first: string): string | null {
    const fields = collectFields(selectionSetsOf(nodes), 'PageInfo', this.fragments, this.variables);
    if (!fields?.size) return null;
    const parts: string[] = [];
    for (const [key, fieldNodes] of fields) {
      const name = fieldNodes[0].name.value;
      const sql =
        name === '__typename'
          ? `'"PageInfo"'`
          : name === 'hasNextPage'
            ? `case when count(*) > ${first} then 'true' else 'false' end`
            : name === 'endCursor'
              ? `coalesce(to_json(${base64url(`(array_agg(cursor order by n desc) filter (where n <= ${first}))[1]`)})::text, 'null')`
              : null;
      if (!sql) return null;
      parts.push(`'${parts.length ? ',' : '{'}"${key}":'`, sql);
    }
    return concat([...parts, `'}'`]);
  }

  /** Whether the selection of `type` under `nodes` is exactly `fields`, in order, each under its own name, with no arguments or selections of its own. */
  private asksExactly(type: string, nodes: readonly FieldNode[], fields: readonly string[]): boolean {
    const asked = collectFields(selectionSetsOf(nodes), type, this.fragments, this.variables);
    const described = this.types.get(type);
    if (!asked || !described || asked.size !== fields.length) return false;
    return [...asked].every(([key, fieldNodes], i) => {
      const field = described.get(key);
      const plain = fieldNodes.every((node) => node.name.value === key && !node.arguments?.length && !node.selectionSet);
      return key === fields[i] && plain && !!field && this.admits(field, fieldNodes);
    });
  }

  /** Whether the field is read for this role, with arguments its description checks. */
  private admits(field: ReadField, nodes: FieldNode[]): boolean {
    if (field.roles && !field.roles.includes(this.role)) return false;
    return nodes.every((node) => (node.arguments ?? []).every((argument) => field.args?.[argument.name.value]));
  }

  private scope(field: ReadField, definition: GraphQLField<unknown, unknown>, node: FieldNode): ReadScope {
    const args = new Map<string, string>();
    let values: { variables: Variables; values: Record<string, unknown> } | undefined;
    const valuesFor = (variables: Variables) => {
      if (values?.variables !== variables) values = { variables, values: getArgumentValues(definition, node, variables) };
      return values.values;
    };
    return {
      role: this.role,
      caller: (value) => callerPlaceholder(value, this.role, () => this.param((principal) => ({ value: value(principal) }))),
      arg: (name) => {
        const rule = field.args?.[name];
        if (!rule) throw new Error(`${definition.name}: the argument ${name} has no rule in its description`);
        let placeholder = args.get(name);
        if (!placeholder) {
          placeholder = this.param((_principal, variables) => {
            try {
              const values = valuesFor(variables);
              return rule(values[name], values);
            } catch {
              return null; // GraphQL refuses the value: execution reports it
            }
          });
          args.set(name, placeholder);
        }
        return placeholder;
      },
    };
  }

  private param(param: Param): string {
    this.params.push(param);
    return `$${this.params.length}`;
  }

  private alias(): string {
    return `r${++this.aliases}`;
  }
}

/** concat() of any number of parts (PostgreSQL's takes at most 100 arguments). */
function concat(parts: string[]): string {
  if (parts.length <= 100) return `concat(${parts.join(', ')})`;
  const groups: string[] = [];
  for (let i = 0; i < parts.length; i += 100) groups.push(concat(parts.slice(i, i + 100)));
  return concat(groups);
}
