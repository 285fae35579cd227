import { HeaderMap } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { Inject, Logger } from '@nestjs/common';
import { DocumentNode, GraphQLSchema, Kind, OperationDefinitionNode, getVariableValues } from 'graphql';
import { Principal } from '@joinedup/access';
import { TenantDb } from '@joinedup/database';
import { safeErrorMessage } from '@joinedup/logging';
import { JsonReads } from './json-reads';
import { JsonText } from '../json-text';

/** Who is calling (the session checked as the transaction opens); provided by the app, as auth depends on this library. */
export const READ_CALLERS = Symbol('READ_CALLERS');
export interface ReadCallers {
  principalOf(request: never): Promise<Principal>;
}

/** The parts of Apollo's responseForOperation context this plugin reads. */
interface OperationContext {
  schema: GraphQLSchema;
  document: DocumentNode;
  /** None when the document does not say which of its operations to run: execution then answers GraphQL's 400. */
  operation?: OperationDefinitionNode;
  request: { variables?: Record<string, unknown> };
  contextValue: { req: unknown };
}

/**
 * Answers a query that JsonReads compiles with its one statement, in place of GraphQL
 * execution: the same caller check as the guard, the variables coerced as GraphQL coerces
 * them, the same roles, row-level security and access conditions as the resolvers, and the
 * json text PostgreSQL wrote sent as it is. Whenever that cannot answer (no caller, a
 * field not described or not read for the role, an argument its rule leaves to the
 * resolver, a missing row, a failed statement: logged with its cause and its transaction
 * rolled back), the operation is executed as usual, in a fresh transaction.
 */
@Plugin()
export class JsonReadPlugin {
  private readonly logger = new Logger('JsonReads');

  constructor(
    private readonly reads: JsonReads,
    @Inject(READ_CALLERS) private readonly callers: ReadCallers,
    private readonly db: TenantDb,
  ) {}

  async requestDidStart() {
    return {
      responseForOperation: async ({ schema, document, operation, request, contextValue }: OperationContext) => {
        if (!operation || operation.operation !== 'query' || !this.reads.enabled) return null;
        const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
        if (coerced.errors) return null;
        const principal = await this.callers.principalOf(contextValue.req as never).catch(() => undefined);
        if (!principal) return null;
        const read = this.reads.readFor(schema, document, operation, principal.role, coerced.coerced);
        const params = read?.params(principal, coerced.coerced);
        if (!read || !params) return null;
        const rows = await this.db
          .query<{ answer: string }>(read.sql, params, { prepared: true })
          .catch((error: unknown) => this.failed(operation, error));
        if (!rows[0]) return null;
        return {
          http: { status: undefined, headers: new HeaderMap() },
          body: { kind: 'single' as const, singleResult: { data: new JsonText(rows[0].answer) as unknown as Record<string, unknown> } },
        };
      },
    };
  }

  /**
   * A failed read is logged, and its transaction (aborted by the failure) rolled back, so
   * that execution answers in a new one: past the deadline that is REQUEST_TIMEOUT.
   */
  private async failed(operation: OperationDefinitionNode, error: unknown): Promise<never[]> {
    const name = operation.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : '…')).join(', ');
    this.logger.warn(`The one-statement read of ${name} failed (${safeErrorMessage(error)}); answering it field by field.`);
    await this.db.rollBackAfterFailure();
    return [];
  }
}
