import { randomUUID } from 'node:crypto';
import { ModulesContainer } from '@nestjs/core';
import { RESOLVER_NAME_METADATA, RESOLVER_TYPE_METADATA } from '@nestjs/graphql';
import { Role, rolesOf } from '@joinedup/access';
import { ApiHarness, GraphQLResult, TestTenant } from './support/api-harness';
import { RegistryFactory } from './support/registry-factory';

/**
 * The operations anyone may call without a token, sorted, with the error each gives to
 * the made-up values below. Adding one is a decision, not an accident.
 */
const PUBLIC_REFUSALS: Record<string, string> = {
  changeHealthCheckAnswers: 'BAD_USER_INPUT',
  healthCheckQuestions: 'BAD_USER_INPUT',
  healthCheckQuestionsToChange: 'BAD_USER_INPUT',
  // Opened by a signed unsubscribe link (a mail client's one-click POST sends no token).
  mailUnsubscribeLink: 'BAD_USER_INPUT',
  refreshSession: 'UNAUTHENTICATED',
  // Opened by an emailed sign-in link, before the user has a password.
  setPasswordWithLink: 'NOT_FOUND',
  signIn: 'UNAUTHENTICATED',
  signInLink: 'NOT_FOUND',
  submitHealthCheck: 'BAD_USER_INPUT',
  unsubscribeFromMail: 'BAD_USER_INPUT',
};
const PUBLIC_OPERATIONS = Object.keys(PUBLIC_REFUSALS);

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}

interface InputValue {
  name: string;
  type: TypeRef;
  defaultValue: string | null;
}

interface RootField {
  name: string;
  args: InputValue[];
  type: TypeRef;
}

interface FullType {
  kind: string;
  name: string;
  isOneOf?: boolean | null;
  fields: RootField[] | null;
  inputFields: InputValue[] | null;
  enumValues: { name: string }[] | null;
}

interface Schema {
  queryType: { name: string };
  mutationType: { name: string } | null;
  subscriptionType: { name: string } | null;
  types: FullType[];
}

const TYPE_REF = `kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }`;
const INTROSPECTION = `{
  __schema {
    queryType { name }
    mutationType { name }
    subscriptionType { name }
    types {
      kind name isOneOf
      fields(includeDeprecated: true) { name type { ${TYPE_REF} } args { name defaultValue type { ${TYPE_REF} } } }
      inputFields { name defaultValue type { ${TYPE_REF} } }
      enumValues(includeDeprecated: true) { name }
    }
  }
}`;

/** A literal for each scalar that passes GraphQL's own coercion (the resolver is never reached). */
const SCALAR_SAMPLES: Record<string, () => string> = {
  ID: () => JSON.stringify(randomUUID()),
  String: () => '"x"',
  Int: () => '1',
  Float: () => '1',
  Boolean: () => 'true',
  DateTime: () => '"2024-01-01T00:00:00.000Z"',
  Date: () => '"2024-01-01"',
  JSON: () => '"x"',
};

/**
 * Builds, from the introspected schema alone, a document that calls one root field with
 * made-up values for its required arguments. It covers operations added later for free.
 */
class OperationBuilder {
  private readonly types: Map<string, FullType>;

  constructor(schema: Schema) {
    this.types = new Map(schema.types.map((t) => [t.name, t]));
  }

  build(operation: 'query' | 'mutation', field: RootField): string {
    const args = field.args.filter(required).map((arg) => `${arg.name}: ${this.value(arg.type, 0)}`);
    const call = args.length ? `${field.name}(${args.join(', ')})` : field.name;
    return `${operation} { ${call}${this.selection(field.type)} }`;
  }

  private selection(type: TypeRef): string {
    const named = this.types.get(namedType(type))!;
    return ['OBJECT', 'INTERFACE', 'UNION'].includes(named.kind) ? ' { __typename }' : '';
  }

  private value(type: TypeRef, depth: number): string {
    if (depth > 10) throw new Error('Input types nest too deeply to build a sample value');
    if (type.kind === 'NON_NULL') return this.value(type.ofType!, depth);
    if (type.kind === 'LIST') return `[${this.value(type.ofType!, depth + 1)}]`;
    const named = this.types.get(type.name!)!;
    switch (named.kind) {
      case 'SCALAR': {
        const sample = SCALAR_SAMPLES[named.name];
        if (!sample) throw new Error(`No sample value for scalar ${named.name}: add one to SCALAR_SAMPLES`);
        return sample();
      }
      case 'ENUM':
        return named.enumValues![0].name;
      case 'INPUT_OBJECT': {
        const fields = named.isOneOf ? named.inputFields!.slice(0, 1) : named.inputFields!.filter(required);
        return `{ ${fields.map((f) => `${f.name}: ${this.value(f.type, depth + 1)}`).join(', ')} }`;
      }
      default:
        throw new Error(`Unexpected input type ${named.kind} ${named.name}`);
    }
  }
}

const required = (value: InputValue): boolean => value.type.kind === 'NON_NULL' && value.defaultValue === null;

function namedType(type: TypeRef): string {
  return type.ofType ? namedType(type.ofType) : type.name!;
}

const errorOf = (result: GraphQLResult) => ({ code: result.errors?.[0]?.extensions.code, message: result.errors?.[0]?.message });

/** Every operation of the schema needs a token, except the public ones (sign-in and answering a health check). */
describe('every operation is guarded', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let schema: Schema;
  let builder: OperationBuilder;
  /** Every root field of Query and Mutation, with a document that calls it. */
  let operations: { name: string; document: string }[];
  /** The error of a guarded operation called without a token. */
  let noTokenError: ReturnType<typeof errorOf>;

  beforeAll(async () => {
    // The public health-check operations are tried with the same made-up link on every run:
    // their throttle (rows outlive a run) must not turn the expected refusal into another.
    api = await ApiHarness.start({ HEALTH_CHECK_ADDRESS_LIMIT: '100000' });
    tenant = await api.newTenant('guard');
    schema = (await api.ok<{ __schema: Schema }>(INTROSPECTION, {}, tenant.adminToken)).__schema;
    builder = new OperationBuilder(schema);
    operations = [];
    for (const [kind, root] of [
      ['query', schema.queryType],
      ['mutation', schema.mutationType],
    ] as const) {
      if (!root) continue;
      for (const field of schema.types.find((t) => t.name === root.name)!.fields!) {
        operations.push({ name: field.name, document: builder.build(kind, field) });
      }
    }
    noTokenError = errorOf(await api.graphql(`{ me { id } }`));
  });
  afterAll(() => api.stop());

  it('walks a schema with the operations of the foundation (the walk is not vacuous)', () => {
    expect(operations.map((o) => o.name)).toEqual(
      expect.arrayContaining(['me', 'users', 'user', 'createUser', 'changeUserRole', 'deactivateUser', 'signOut', ...PUBLIC_OPERATIONS]),
    );
    expect(noTokenError.code).toBe('UNAUTHENTICATED');
  });

  it('has no subscriptions (they would need a guard test of their own)', () => {
    expect(schema.subscriptionType).toBeNull();
  });

  it('refuses every operation but the public ones without a token, as UNAUTHENTICATED', async () => {
    const guarded = operations.filter((o) => !PUBLIC_OPERATIONS.includes(o.name));
    const outcomes: Record<string, unknown> = {};
    for (const operation of guarded) {
      const result = await api.graphql(operation.document);
      // GraphQL validates a document before any resolver runs: UNAUTHENTICATED also proves the
      // made-up document was valid (an invalid one would say GRAPHQL_VALIDATION_FAILED).
      outcomes[`${operation.name}: ${operation.document}`] = { ...errorOf(result), data: result.data?.[operation.name] ?? null };
    }
    const expected = Object.fromEntries(Object.keys(outcomes).map((key) => [key, { ...noTokenError, data: null }]));
    expect(outcomes).toEqual(expected);
  });

  it('lets exactly the public operations through without a token, and they refuse bad credentials or links themselves', async () => {
    const reachable: string[] = [];
    for (const operation of operations) {
      const result = await api.graphql(operation.document);
      if (JSON.stringify(errorOf(result)) !== JSON.stringify(noTokenError)) reachable.push(operation.name);
      if (PUBLIC_OPERATIONS.includes(operation.name)) {
        // The made-up credentials (or health-check links) are wrong: refused by the resolver, not by the guard.
        expect([operation.name, errorOf(result).code]).toEqual([operation.name, PUBLIC_REFUSALS[operation.name]]);
        expect(errorOf(result).message).not.toBe(noTokenError.message);
      }
    }
    expect(reachable.sort()).toEqual(PUBLIC_OPERATIONS);
  });
});

/** The roles each Query and Mutation field admits, read from its resolver's @Roles. */
function admittedRoles(api: ApiHarness): Map<string, readonly Role[]> {
  const admitted = new Map<string, readonly Role[]>();
  for (const module of api.app.get(ModulesContainer).values()) {
    for (const provider of module.providers.values()) {
      const prototype = provider.metatype && 'prototype' in provider.metatype ? provider.metatype.prototype : null;
      if (!prototype) continue;
      for (const key of Object.getOwnPropertyNames(prototype)) {
        const method = Object.getOwnPropertyDescriptor(prototype, key)?.value;
        if (typeof method !== 'function' || !['Query', 'Mutation'].includes(Reflect.getMetadata(RESOLVER_TYPE_METADATA, method))) continue;
        admitted.set(Reflect.getMetadata(RESOLVER_NAME_METADATA, method) ?? key, rolesOf(method));
      }
    }
  }
  return admitted;
}

/** How a refusal names each role (the test's own words, not the code's). */
const ROLE_WORDS: Record<Role, string> = {
  COORDINATOR: 'coordinators',
  REVIEWER: 'reviewers',
  MEMBER_REPRESENTATIVE: 'member organisation representatives',
  TENANT_ADMIN: 'tenant administrators',
};

/** A signed-in caller refused by an operation's roles is told which roles may call it, and what it does. */
describe('every refusal by role says who may', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let tokens: Record<Role, string>;
  let operations: { name: string; document: string; admitted: readonly Role[] }[];

  beforeAll(async () => {
    api = await ApiHarness.start();
    tenant = await api.newTenant('refusal');
    const body = await new RegistryFactory(api, tenant.adminToken).organisation('HEALTH', 'Gateshead Health');
    tokens = {
      TENANT_ADMIN: tenant.adminToken,
      COORDINATOR: (await api.newUser(tenant, 'COORDINATOR')).token,
      REVIEWER: (await api.newUser(tenant, 'REVIEWER')).token,
      MEMBER_REPRESENTATIVE: (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', body.id)).token,
    };
    const schema = (await api.ok<{ __schema: Schema }>(INTROSPECTION, {}, tenant.adminToken)).__schema;
    const builder = new OperationBuilder(schema);
    const admitted = admittedRoles(api);
    operations = [];
    for (const [kind, root] of [
      ['query', schema.queryType],
      ['mutation', schema.mutationType],
    ] as const) {
      for (const field of schema.types.find((t) => t.name === root!.name)!.fields!) {
        if (PUBLIC_OPERATIONS.includes(field.name)) continue;
        operations.push({ name: field.name, document: builder.build(kind, field), admitted: admitted.get(field.name) ?? [] });
      }
    }
  });
  afterAll(() => api.stop());

  it('reads the roles of every guarded operation from its resolver (the walk is not vacuous)', () => {
    expect(operations.length).toBeGreaterThan(60);
    expect(operations.filter((o) => !o.admitted.length).map((o) => o.name)).toEqual([]);
    expect(operations.find((o) => o.name === 'dismissGovernanceFlag')?.admitted).toEqual([Role.TENANT_ADMIN, Role.COORDINATOR]);
  });

  it('refuses each role an operation does not admit as FORBIDDEN / ROLE_NOT_ALLOWED, naming the roles it admits and what it does', async () => {
    const outcomes: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    for (const operation of operations) {
      const who = (Object.keys(ROLE_WORDS) as Role[]).filter((role) => operation.admitted.includes(role)).map((role) => ROLE_WORDS[role]);
      const only = `Only ${who.length === 1 ? who[0] : `${who.slice(0, -1).join(', ')} and ${who.at(-1)}`} can `;
      for (const role of Object.values(Role).filter((r) => !operation.admitted.includes(r))) {
        const error = (await api.graphql(operation.document, {}, tokens[role])).errors?.[0];
        const key = `${operation.name} as ${role}`;
        // Then what the operation does: words of its own, never the generic "do that".
        const action = error?.message.slice(only.length) ?? '';
        outcomes[key] = {
          code: error?.extensions.code,
          reason: error?.extensions.reason,
          prefix: error?.message.slice(0, only.length),
          action: /^[a-z][a-zA-Z' -]+[a-zA-Z]\.$/.test(action) && action !== 'do that.',
        };
        expected[key] = { code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED', prefix: only, action: true };
      }
    }
    expect(Object.keys(outcomes).length).toBeGreaterThan(60);
    expect(outcomes).toEqual(expected);
  });

  it('says it in words a coordinator reads', async () => {
    const refusal = async (document: string, role: Role) => (await api.graphql(document, {}, tokens[role])).errors?.[0]?.message;
    const id = JSON.stringify(randomUUID());
    expect(await refusal(`mutation { dismissGovernanceFlag(input: { flagId: ${id}, reason: "x" }) { id } }`, Role.REVIEWER)).toBe(
      'Only coordinators and tenant administrators can dismiss a governance flag.',
    );
    expect(await refusal(`{ users { nodes { id } } }`, Role.COORDINATOR)).toBe('Only tenant administrators can see users.');
    expect(await refusal(`mutation { stepDownLeader(input: { programmeId: ${id}, reason: "x" }) { id } }`, Role.MEMBER_REPRESENTATIVE)).toBe(
      'Only coordinators and tenant administrators can record that a leader stepped down.',
    );
    const endorse = `mutation { endorseNomination(input: { nominationId: ${id}, organisationId: ${id}, position: SUPPORT }) { id } }`;
    expect(await refusal(endorse, Role.COORDINATOR)).toBe('Only member organisation representatives can endorse a nomination.');
  });
});
