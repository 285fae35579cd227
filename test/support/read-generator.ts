import {
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLSchema,
  getNamedType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';

/**
 * Root query fields the differential test does not generate, each with why: they are
 * opened with a secret (a random one is refused the same way on both paths, and wrong
 * guesses are throttled, so a second try could be answered differently), or they answer
 * text that is no selection of fields.
 */
export const UNGENERATED_ROOTS: Record<string, string> = {
  healthCheckQuestions: 'opened with a response link token, not a record id; wrong tokens are throttled',
  healthCheckQuestionsToChange: 'opened with an edit code, not a record id; wrong codes are throttled',
  signInLink: 'opened with an emailed sign-in token, not a record id',
  mailUnsubscribeLink: 'opened with a signed unsubscribe token, not a record id',
  onboardingPreview: 'parses an uploaded file; it reads no records to select from',
  healthCheckCsv: 'one CSV string, no selection (register-exports and health-check tests read it)',
  localityRegisterCsv: 'CSV text, no selection below its few scalars (register-exports tests read it)',
};

/** Real ids of records of a GraphQL type: the caller's tenant's and another tenant's. */
export interface IdPools {
  ours: Record<string, string[]>;
  theirs: Record<string, string[]>;
  /** Cursors the API gave out (`endCursor` of any list): `after` mostly takes one of these, else a made-up one. */
  cursors?: readonly string[];
}

export interface GeneratorOptions {
  seed: number;
  pools: IdPools;
  /** Levels of fields below the root field (5: the bound). */
  maxDepth?: number;
  /** Fields asked at each level at most (before aliases asked twice). */
  maxFields?: number;
  /** Fields in the whole document at most, to keep answers small (and under the token limit). */
  maxTotalFields?: number;
  /** Lists nested in lists at most: the API refuses a query whose estimated size passes its cost limit. */
  maxListDepth?: number;
  /** No directives and no arguments below the root: the shapes the one-statement read compiles today. */
  plain?: boolean;
  /** Only these roots and fields (e.g. those the one-statement read knows); `__typename` is always asked. */
  only?: FieldSet;
}

/** Root query fields, and the fields of each object type, by name. */
export interface FieldSet {
  roots: readonly string[];
  fields: ReadonlyMap<string, ReadonlySet<string>>;
}

/** One generated read: its text and its variables (the document names its seed). */
export interface GeneratedRead {
  query: string;
  variables: Record<string, unknown>;
}

/** A small fast seeded PRNG (mulberry32): the same seed gives the same documents. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Aliases, some of them names of real fields (`leader: openNomination`, `id: name`), so
 * that one response key stands for different fields at different levels.
 */
const ALIASES = ['a', 'b', 'p', 'leader', 'id', 'name', 'people', 'nodes', 'organisation'];
const DAY_ARGS: Record<string, string[]> = {
  from: ['2026-01-01', '2025-06-30'],
  to: ['2026-12-31', '2027-01-15'],
  day: ['2026-06-01', '2027-01-01'],
};
const TEXT_ARGS: Record<string, string[]> = {
  entityType: ['LOCALITY', 'PROGRAMME', 'CONFLICT', 'ORGANISATION', 'PERSON', 'ROLE'],
  nameContains: ['o', 'Body', 'zz'],
};
/** Record types whose ids an argument's name points at when its own type name does not say it. */
const ID_TYPES_BY_ARG: Record<string, string> = { roundId: 'SurveyRound', endpointId: 'WebhookEndpoint', entityId: '' };

/** Generates `count` valid query documents over `schema`, deterministically from the seed. */
export function generateReads(schema: GraphQLSchema, count: number, options: GeneratorOptions): GeneratedRead[] {
  const random = mulberry32(options.seed);
  return Array.from({ length: count }, () => new DocumentWriter(schema, random, options).write());
}

/** The root query fields that are generated. */
export function generatedRoots(schema: GraphQLSchema): GraphQLField<unknown, unknown>[] {
  return Object.values(schema.getQueryType()!.getFields()).filter((field) => !(field.name in UNGENERATED_ROOTS));
}

/** Writes one document: its text grows field by field, its variables and fragments alongside. */
class DocumentWriter {
  private readonly variables: Record<string, unknown> = {};
  private readonly declarations: string[] = [];
  private readonly fragments: string[] = [];
  private readonly maxDepth: number;
  private readonly maxFields: number;
  private readonly maxListDepth: number;
  private fieldsLeft: number;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly random: () => number,
    private readonly options: GeneratorOptions,
  ) {
    this.maxDepth = options.maxDepth ?? 5;
    this.maxFields = options.maxFields ?? 6;
    this.maxListDepth = options.maxListDepth ?? 2;
    this.fieldsLeft = options.maxTotalFields ?? 40;
  }

  write(): GeneratedRead {
    const only = this.options.only;
    const roots = generatedRoots(this.schema).filter((field) => !only || only.roots.includes(field.name));
    if (!roots.length) throw new Error('No root query field to generate from');
    const keys = new Set<string>();
    // Now and then two root fields: one statement answers both, or execution does.
    const fields = Array.from({ length: this.chance(0.15) ? 2 : 1 }, () => this.rootText(roots, keys));
    const header = this.declarations.length ? `(${this.declarations.join(', ')})` : '';
    const query = [`query${header} { ${fields.join(' ')} }`, ...this.fragments].join('\n');
    return { query, variables: this.variables };
  }

  private rootText(roots: GraphQLField<unknown, unknown>[], keys: Set<string>): string {
    const root = !this.options.only && this.chance(0.3) ? roots.find((f) => f.name === 'locality')! : this.pick(roots);
    const optional = this.options.plain ? [] : root.args.filter((a) => !isRequired(a) && this.chance(a.name === 'first' ? 0.8 : 0.5));
    const args = this.argumentsText(root, [...root.args.filter(isRequired), ...optional], true);
    const key = this.aliasFor(root.name, keys, 0.2);
    const directive = !this.options.plain && this.chance(0.15) ? this.directive() : '';
    return `${key}${root.name}${args}${directive}${this.selectionOf(getNamedType(root.type), 1, isObjectList(root) ? 1 : 0)}`;
  }

  /** ` { … }` for an object type at `depth` levels below the root field (inside `lists` lists), or '' for a leaf. */
  private selectionOf(type: GraphQLNamedType, depth: number, lists: number): string {
    if (!isObjectType(type)) return '';
    const keys = new Set<string>();
    const asked = new Set<string>();
    const parts: string[] = [];
    const wanted = 1 + Math.floor(this.random() * this.maxFields);
    for (let i = 0; i < wanted && this.fieldsLeft > 0; i++) {
      const field = this.fieldToAsk(type, depth, lists, asked);
      if (!field) break;
      asked.add(field.name);
      parts.push(this.fieldText(field, depth, lists, keys));
      if (this.chance(0.12)) parts.push(this.fieldText(field, depth, lists, keys, true));
    }
    if (this.chance(0.12)) parts.push(`${this.aliasFor('__typename', keys, 0.3)}__typename`);
    if (!parts.length) parts.push(`${this.aliasFor('__typename', keys, 0)}__typename`);
    return ` { ${this.grouped(type, parts).join(' ')} }`;
  }

  /** Some of a level's selections moved into a named or inline fragment on the same type. */
  private grouped(type: GraphQLObjectType, parts: string[]): string[] {
    if (parts.length < 2 || !this.chance(0.25)) return parts;
    const cut = 1 + Math.floor(this.random() * (parts.length - 1));
    const inside = parts.slice(cut).join(' ');
    const outside = parts.slice(0, cut);
    const kind = this.random();
    if (kind < 0.4) {
      const name = `F${this.fragments.length + 1}`;
      this.fragments.push(`fragment ${name} on ${type.name} { ${inside} }`);
      return [...outside, `...${name}`];
    }
    if (kind < 0.7 || this.options.plain) return [...outside, `... on ${type.name} { ${inside} }`];
    return [...outside, `...${this.directive()} { ${inside} }`];
  }

  /** A field of `type` not `asked` yet that may be asked at `depth` (objects only while levels remain below). */
  private fieldToAsk(type: GraphQLObjectType, depth: number, lists: number, asked: Set<string>): GraphQLField<unknown, unknown> | undefined {
    const fields = Object.values(type.getFields()).filter(
      (field) =>
        (lists < this.maxListDepth || !isObjectList(field)) &&
        !asked.has(field.name) &&
        (!this.options.only || !!this.options.only.fields.get(type.name)?.has(field.name)) &&
        (depth < this.maxDepth || !isObjectType(getNamedType(field.type))) &&
        !(this.options.plain && field.args.some(isRequired)),
    );
    if (!fields.length) return undefined;
    // Objects more often than leaves near the root, so documents reach deep.
    const objects = fields.filter((field) => isObjectType(getNamedType(field.type)));
    return this.pick(objects.length && this.chance(depth < 3 ? 0.6 : 0.35) ? objects : fields);
  }

  /** `key: name(args) @directive { … }`; `again` asks it a second time under another key. */
  private fieldText(field: GraphQLField<unknown, unknown>, depth: number, lists: number, keys: Set<string>, again = false): string {
    this.fieldsLeft--;
    const key = this.aliasFor(field.name, keys, again ? 1 : 0.25);
    // `first` mostly given (0 to 3): nested lists of 20 soon pass the cost limit, and every document would be refused.
    const optional = this.options.plain ? [] : field.args.filter((a) => !isRequired(a) && this.chance(a.name === 'first' ? 0.8 : 0.3));
    const args = this.argumentsText(field, [...field.args.filter(isRequired), ...optional], false);
    const directive = !this.options.plain && this.chance(0.12) ? this.directive() : '';
    const selection = this.selectionOf(getNamedType(field.type), depth + 1, lists + (isObjectList(field) ? 1 : 0));
    return `${key}${field.name}${args}${directive}${selection}`;
  }

  /** `alias: ` (or '' for the field's own name) for a response key not yet used at this level. */
  private aliasFor(name: string, keys: Set<string>, aliasChance: number): string {
    const candidates = this.chance(aliasChance) ? [...ALIASES, `${name}2`, `${name}3`] : [name];
    const free = candidates.filter((key) => !keys.has(key));
    const key = free.length ? this.pick(free) : `k${keys.size}_${name}`;
    keys.add(key);
    return key === name ? '' : `${key}: `;
  }

  private directive(): string {
    const name = this.chance(0.5) ? 'include' : 'skip';
    if (this.chance(0.25)) return ` @${name}(if: ${this.chance(0.5)})`;
    return ` @${name}(if: ${this.variable('Boolean!', this.chance(0.5))})`;
  }

  /** `(name: value, …)` for `args` of `field`; the root's ids are variables more often than not. */
  private argumentsText(field: GraphQLField<unknown, unknown>, args: readonly GraphQLArgument[], root: boolean): string {
    if (!args.length) return '';
    const written = args.map((arg) => {
      const value = this.valueFor(arg, field);
      const asVariable = root ? this.chance(0.7) : this.chance(0.2);
      return `${arg.name}: ${asVariable ? this.variable(String(arg.type), value) : literal(value, arg.type)}`;
    });
    return `(${written.join(', ')})`;
  }

  private variable(type: string, value: unknown): string {
    const name = `v${this.declarations.length + 1}`;
    this.declarations.push(`$${name}: ${type}`);
    this.variables[name] = value;
    return `$${name}`;
  }

  /** A value for an argument, by its type and name: real ids of the right type, and others. */
  private valueFor(arg: GraphQLArgument, field: GraphQLField<unknown, unknown>): unknown {
    const type = getNamedType(arg.type);
    const one = (): unknown => {
      if (type.name === 'ID') return this.idFor(arg.name === 'id' ? getNamedType(field.type).name : idTypeOf(arg.name));
      if (type.name === 'Int') return arg.name === 'first' ? Math.floor(this.random() * 4) : 1 + Math.floor(this.random() * 3);
      if (type.name === 'Boolean') return this.chance(0.5);
      if (arg.name === 'after' && this.options.pools.cursors?.length && this.chance(0.8)) return this.pick(this.options.pools.cursors);
      if (isEnumType(type)) return this.pick(type.getValues()).name;
      return this.pick(DAY_ARGS[arg.name] ?? TEXT_ARGS[arg.name] ?? ['x']);
    };
    const list = isListType(isNonNullType(arg.type) ? arg.type.ofType : arg.type);
    return list ? Array.from({ length: 1 + Math.floor(this.random() * 2) }, one) : one();
  }

  /** Mostly a record of the caller's tenant, else another tenant's, a made-up one, or no UUID at all. */
  private idFor(typeName: string): string {
    const pools = this.options.pools;
    const ours = typeName ? (pools.ours[typeName] ?? []) : Object.values(pools.ours).flat();
    const theirs = typeName ? (pools.theirs[typeName] ?? []) : Object.values(pools.theirs).flat();
    const roll = this.random();
    if (roll < 0.7 && ours.length) return this.pick(ours);
    if (roll < 0.85 && theirs.length) return this.pick(theirs);
    if (roll < 0.97) return uuidFrom(this.random);
    return 'not-an-id';
  }

  private chance(probability: number): boolean {
    return this.random() < probability;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }
}

/** A list of objects (or a page of them: `first`), which multiplies the estimated size of what it selects. */
const isObjectList = (field: GraphQLField<unknown, unknown>): boolean =>
  isObjectType(getNamedType(field.type)) && (isListType(isNonNullType(field.type) ? field.type.ofType : field.type) || field.args.some((a) => a.name === 'first'));

const isRequired = (arg: GraphQLArgument): boolean => isNonNullType(arg.type) && arg.defaultValue === undefined;

/** `localityId` → Locality; '' when any record's id will do (`entityId`). */
export function idTypeOf(argName: string): string {
  if (argName in ID_TYPES_BY_ARG) return ID_TYPES_BY_ARG[argName];
  const base = argName.replace(/Id$/, '');
  return base.charAt(0).toUpperCase() + base.slice(1);
}

/** A value written in the document: enum values bare, the rest as JSON. */
function literal(value: unknown, type: GraphQLInputType): string {
  const named = getNamedType(type);
  if (Array.isArray(value)) return `[${value.map((item) => literal(item, named)).join(', ')}]`;
  return isEnumType(named) ? String(value) : JSON.stringify(value);
}

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}
