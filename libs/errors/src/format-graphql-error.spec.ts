import { GraphQLError } from 'graphql';
import { AppError, conflict, defineReasons, definedReasons, forbidden, notFound } from './app-error';
import { FormatOptions, formatGraphQLError } from './format-graphql-error';

/** What a resolver's error looks like by the time Apollo formats it. */
function thrownInResolver(original: Error): GraphQLError {
  return new GraphQLError(original.message, {
    path: ['user'],
    originalError: original,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}

function options(overrides: Partial<FormatOptions> = {}): FormatOptions & { logged: unknown[][] } {
  const logged: unknown[][] = [];
  return { exposeStack: false, requestId: 'req-1234abcd', log: (...args) => logged.push(args), logged, ...overrides };
}

describe('formatGraphQLError', () => {
  it('returns an AppError with its code, message and details, and does not log it', () => {
    const error = thrownInResolver(new AppError('BAD_USER_INPUT', 'name must not be empty', { field: 'name' }));
    const opts = options();
    const result = formatGraphQLError(error.toJSON(), error, opts);
    expect(result.message).toBe('name must not be empty');
    expect(result.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(result.path).toEqual(['user']);
    expect(opts.logged).toEqual([]);
  });

  it("puts an error's reason beside its code, and none when it has none", () => {
    const Reasons = defineReasons({ LOCALITY_FULL: 'CONFLICT', ROLE_NOT_ALLOWED: 'FORBIDDEN' });
    const full = thrownInResolver(conflict('Sunderland already has 40 member bodies.', Reasons.LOCALITY_FULL));
    expect(formatGraphQLError(full.toJSON(), full, options()).extensions).toEqual({ code: 'CONFLICT', reason: 'LOCALITY_FULL' });
    expect(formatGraphQLError({ message: '' }, forbidden(), options()).extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('refuses a reason given with a code it does not belong to', () => {
    const Reasons = defineReasons({ NAME_TAKEN: 'CONFLICT' });
    expect(() => new AppError('FORBIDDEN', 'x', {}, Reasons.NAME_TAKEN)).toThrow('belongs to CONFLICT');
  });

  it('refuses a reason defined twice (by two libraries), and lists those defined', () => {
    defineReasons({ ONCE_ONLY: 'FORBIDDEN' });
    expect(() => defineReasons({ ONCE_ONLY: 'CONFLICT' })).toThrow('ONCE_ONLY is defined twice');
    expect(definedReasons()).toContainEqual({ reason: 'ONCE_ONLY', code: 'FORBIDDEN' });
  });

  it('also formats an AppError that is not wrapped in a GraphQLError', () => {
    const result = formatGraphQLError({ message: 'ignored' }, notFound('The user'), options());
    expect(result).toMatchObject({ message: 'The user was not found.', extensions: { code: 'NOT_FOUND' } });
  });

  it('hides anything unexpected behind INTERNAL_SERVER_ERROR with the request id, and logs it', () => {
    const original = new Error('relation "secret_table" does not exist at character 15');
    const error = thrownInResolver(original);
    const formatted = { ...error.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: original.stack?.split('\n') } };
    const opts = options();
    const result = formatGraphQLError(formatted, error, opts);

    expect(result.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-1234abcd' });
    expect(result.message).toContain('req-1234abcd');
    const shown = JSON.stringify(result);
    expect(shown).not.toContain('secret_table');
    expect(shown).not.toContain('stacktrace');
    expect(shown).not.toMatch(/\bat .*\.ts:\d+/);
    expect(opts.logged).toEqual([[original, 'req-1234abcd']]);
  });

  it('hides a thrown non-Error value too', () => {
    const result = formatGraphQLError({ message: 'SELECT password_hash' }, 'SELECT password_hash', options());
    expect(result.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(result)).not.toContain('password_hash');
  });

  it('shows the stack trace of an unexpected error only when told to (development)', () => {
    const original = new Error('boom');
    const error = thrownInResolver(original);
    const result = formatGraphQLError(error.toJSON(), error, options({ exposeStack: true }));
    expect(result.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(result.extensions?.stacktrace).toEqual(original.stack?.split('\n'));
    expect(result.message).not.toContain('boom');
  });

  it('keeps the code of an error raised by GraphQL itself (parse, validation)', () => {
    const error = new GraphQLError('Cannot query field "secret" on type "Query".', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const opts = options();
    const result = formatGraphQLError(error.toJSON(), error, opts);
    expect(result).toMatchObject({
      message: 'Cannot query field "secret" on type "Query".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(opts.logged).toEqual([]);
  });

  it('reads a GraphQL error without a code as bad input', () => {
    const error = new GraphQLError('Variable "$id" of required type "ID!" was not provided.');
    expect(formatGraphQLError(error.toJSON(), error, options()).extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });
});

describe('formatGraphQLError during an outage', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

  it('answers SERVICE_UNAVAILABLE, retryable, for a database that cannot be reached, logged once', () => {
    const error = thrownInResolver(refused);
    const opts = options();
    const result = formatGraphQLError(error.toJSON(), error, opts);
    expect(result.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', requestId: 'req-1234abcd' });
    expect(result.message).toMatch(/try again/i);
    expect(opts.logged).toHaveLength(1);
  });

  it('recognises the outage through what wraps it (typeorm, pg, graphql)', () => {
    for (const wrapped of [
      { name: 'QueryFailedError', message: 'x', driverError: refused },
      { thrownValue: { code: 'ECONNRESET' } },
      new Error('Connection terminated unexpectedly'),
      Object.assign(new Error('the database system is shutting down'), { code: '57P03' }),
      Object.assign(new Error('x'), { code: '08006' }),
    ]) {
      expect(formatGraphQLError({ message: 'x' }, wrapped, options()).extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    }
  });

  it('keeps other failures INTERNAL_SERVER_ERROR', () => {
    const other = Object.assign(new Error('division by zero'), { code: '22012' });
    expect(formatGraphQLError({ message: 'x' }, other, options()).extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
