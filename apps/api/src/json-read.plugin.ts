import { HeaderMap } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { Logger } from '@nestjs/common';
import { DocumentNode, OperationDefinitionNode } from 'graphql';
import { AuthenticatedRequest, Authenticator } from '@joinedup/auth';
import { TenantDb } from '@joinedup/database';
import { JsonReads, JsonText } from '@joinedup/graphql-kit';
import { safeErrorMessage } from '@joinedup/logging';

/** The parts of Apollo's responseForOperation context this plugin reads. */
interface OperationContext {
  document: DocumentNode;
  /** None when the document does not say which of its operations to run: execution then answers GraphQL's 400. */
  operation?: OperationDefinitionNode;
  request: { variables?: Record<string, unknown> };
  contextValue: { req: AuthenticatedRequest };
}

/**
 * Answers a query that JsonReads can read whole (the locality dashboard) with its one
 * statement, in place of GraphQL execution: the same caller check as the guard (the
 * session checked as the transaction opens), the same roles as the root resolver, the
 * same row-level security and access condition, and the json text PostgreSQL wrote in the
 * response's shape, sent as it is. Whenever that cannot answer (no caller, a role the
 * resolver refuses, nothing found, arguments that are not UUIDs, a failed statement: logged,
 * and its transaction rolled back), the operation is executed as usual, and its resolvers
 * report what is wrong in the usual way.
 */
@Plugin()
export class JsonReadPlugin {
  private readonly logger = new Logger('JsonReads');

  constructor(
    private readonly reads: JsonReads,
    private readonly authenticator: Authenticator,
    private readonly db: TenantDb,
  ) {}

  async requestDidStart() {
    return {
      responseForOperation: async ({ document, operation, request, contextValue }: OperationContext) => {
        const read = operation ? this.reads.readFor(document, operation) : null;
        const args = read?.args(request.variables ?? {});
        if (!read || !args) return null;
        const principal = await this.authenticator.principalOf(contextValue.req).catch(() => undefined);
        if (!principal || !read.root.roles.includes(principal.role)) return null;
        const rows = await this.db
          .query<{ answer: string }>(read.sql, read.root.params(args, principal), { prepared: true })
          .catch((error: unknown) => this.failed(read.root.field, error));
        if (!rows[0]) return null;
        return {
          http: { status: undefined, headers: new HeaderMap() },
          body: { kind: 'single' as const, singleResult: { data: { [read.key]: new JsonText(rows[0].answer) } } },
        };
      },
    };
  }

  /**
   * A failed read is logged, and its transaction (aborted by the failure) rolled back, so
   * that execution answers in a new one: past the deadline that is REQUEST_TIMEOUT.
   */
  private async failed(field: string, error: unknown): Promise<never[]> {
    this.logger.warn(`The one-statement read of ${field} failed (${safeErrorMessage(error)}); answering it field by field.`);
    await this.db.rollBackAfterFailure();
    return [];
  }
}
