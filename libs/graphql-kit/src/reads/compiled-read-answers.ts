import { Inject, Injectable, Logger } from '@nestjs/common';
import { DocumentNode, GraphQLSchema, Kind, OperationDefinitionNode, getVariableValues } from 'graphql';
import { Principal } from '@joinedup/access';
import { TenantDb } from '@joinedup/database';
import { safeErrorMessage } from '@joinedup/logging';
import { JsonReads } from './json-reads';

/** Who is calling (the session checked as the transaction opens); provided by the app, as auth depends on this library. */
export const READ_CALLERS = Symbol('READ_CALLERS');
export interface ReadCallers {
  principalOf(request: never): Promise<Principal>;
}

/** A query as GraphQL resolved it: its document, the operation to run, and the request's raw variables. */
export interface ResolvedQuery {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown> | undefined;
}

/**
 * Answers a query that JsonReads compiles with its one statement, in place of GraphQL
 * execution: the same caller check as the guard, the variables coerced as GraphQL coerces
 * them, the same roles, row-level security and access conditions as the resolvers, and
 * the json text PostgreSQL wrote. Null whenever that cannot answer (no caller, a field not
 * described or not read for the role, an argument its rule leaves to the resolver, a
 * missing row, a failed statement: logged with its cause and its transaction rolled
 * back); the request is then executed as usual, in a fresh transaction after a failure.
 * A request's read is sent once: if the middleware sent it, Apollo's plugin does not again.
 */
@Injectable()
export class CompiledReadAnswers {
  private readonly logger = new Logger('JsonReads');
  /** Requests whose read has been sent. */
  private readonly sent = new WeakSet<object>();

  constructor(
    private readonly reads: JsonReads,
    @Inject(READ_CALLERS) private readonly callers: ReadCallers,
    private readonly db: TenantDb,
  ) {}

  /** The `data` of `query` as json text, in the current request's operation, or null when it must be executed. */
  async answer({ schema, document, operation, variables }: ResolvedQuery, request: object): Promise<string | null> {
    if (operation.operation !== 'query' || !this.reads.enabled || this.sent.has(request)) return null;
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
    if (coerced.errors) return null;
    const principal = await this.callers.principalOf(request as never).catch(() => undefined);
    if (!principal) return null;
    const read = this.reads.readFor(schema, document, operation, principal.role, coerced.coerced);
    const params = read?.params(principal, coerced.coerced);
    if (!read || !params) return null;
    this.sent.add(request);
    try {
      const rows = await this.db.query<{ answer: string }>(read.sql, params, { prepared: true });
      return rows[0]?.answer ?? null;
    } catch (error) {
      await this.logFailure(operation, error);
      return null;
    }
  }

  /**
   * A failed read is logged, and its transaction (aborted by the failure) rolled back, so
   * that execution answers in a new one: past the deadline that is REQUEST_TIMEOUT.
   */
  private async logFailure(operation: OperationDefinitionNode, error: unknown): Promise<void> {
    const name = operation.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : '…')).join(', ');
    this.logger.warn(`The one-statement read of ${name} failed (${safeErrorMessage(error)}); answering it field by field.`);
    await this.db.rollBackAfterFailure();
  }
}
