import { Logger } from '@nestjs/common';
import { Plugin } from '@nestjs/apollo';
import { GraphQLError } from 'graphql';
import { RequestStore } from '@joinedup/context';
import { OperationTransaction, TenantDb } from '@joinedup/database';
import { RETRY_AFTER_SECONDS, SERVICE_UNAVAILABLE, isServiceUnavailable } from '@joinedup/errors';
import { safeErrorMessage } from '@joinedup/logging';
import { forgetRequestLoaders } from './request-loader';

export interface GraphQLContext {
  req: { store?: RequestStore };
}

/** The parts of Apollo's hooks this plugin touches (typed here: Apollo ships two copies of its types). */
interface RequestContext {
  contextValue: GraphQLContext;
}
interface OperationContext extends RequestContext {
  operation?: { operation: string } | null;
}
interface ResponseHttp {
  status?: number;
  headers: Map<string, string>;
}
interface ResponseContext extends RequestContext {
  response: { http: ResponseHttp; body: { kind: string; singleResult?: { data?: unknown; errors?: readonly unknown[] } } };
}

const COMMIT_UNCONFIRMED =
  'JoinedUp lost its database connection while saving your change, so it may not have been saved. Check it, then try again.';

/**
 * The whole life of a GraphQL operation's transaction, in one place: begun when Apollo
 * starts the operation, opened by the guard's session check (or else its first
 * statement), committed when the operation had no error or rolled back otherwise, and
 * its connection released. A mutation's transaction ends before the response is sent, so
 * a failed mutation leaves the database as it was, and a committed one is visible to the
 * client's next request. A query's transaction is READ ONLY (PostgreSQL refuses any write
 * in it), so it has nothing for its COMMIT to make visible: the response goes out while
 * it ends, a round trip earlier.
 */
@Plugin()
export class OperationTransactionPlugin {
  private readonly logger = new Logger('GraphQL');

  constructor(private readonly db: TenantDb) {}

  async requestDidStart({ contextValue }: RequestContext) {
    const store = contextValue.req.store;
    if (!store) throw new Error('A GraphQL request arrived without a request context');
    const operation = this.db.continueOperation(store);
    return {
      didResolveOperation: async ({ operation: resolved }: OperationContext) => {
        if (resolved?.operation === 'query') operation.markReadOnly();
      },
      willSendResponse: async ({ response }: ResponseContext) => {
        const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
        const ok = !!body && !body.errors?.length;
        if (operation.isReadOnly) void endOperation(this.logger, store, operation, ok);
        else await endOperation(this.logger, store, operation, ok, body, response.http);
      },
    };
  }
}

/**
 * Commits `operation` when `ok`, rolls it back otherwise, and lets go of what the request
 * held. A commit that fails turns the answer (`body`, `http`, when it has not gone out)
 * into the error the client must see; a query's answer goes out before its read-only
 * transaction ends, so a failure there is only logged.
 */
export async function endOperation(
  logger: Logger,
  store: RequestStore,
  operation: OperationTransaction,
  ok: boolean,
  body?: { data?: unknown; errors?: readonly unknown[] },
  http?: ResponseHttp,
): Promise<void> {
  try {
    await operation.finish(ok);
  } catch (error) {
    // A rollback that fails leaves nothing saved either (PostgreSQL ends a transaction
    // whose connection is lost); the answer already says what went wrong.
    if (!ok) return;
    if (isServiceUnavailable(error)) {
      // The connection is gone with the commit: the change may or may not be saved.
      logger.warn(`Commit of request ${store.requestId} not confirmed: ${safeErrorMessage(error as Error)}`);
      if (body) {
        body.data = null;
        body.errors = [
          new GraphQLError(COMMIT_UNCONFIRMED, { extensions: { code: SERVICE_UNAVAILABLE, requestId: store.requestId } }).toJSON(),
        ];
      }
      if (http) {
        http.status = 503;
        http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
      }
      return;
    }
    logger.error(error instanceof Error ? error : String(error), 'Commit failed');
    if (body) {
      body.data = null;
      body.errors = [
        new GraphQLError('Your change could not be saved. Please try again.', {
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: store.requestId },
        }).toJSON(),
      ];
    }
  } finally {
    endRequestState(store);
  }
}

/**
 * Lets go of what the operation held: its transaction (with the statements' rows) and its
 * loaders' caches. The store itself outlives the request a while (Node's keep-alive timer
 * of the connection and the parser's last request keep it), and with them every request
 * would keep its whole result alive until the next one on the same connection: under load
 * that is what ends up in the old generation.
 */
function endRequestState(store: RequestStore): void {
  store.unitOfWork = undefined;
  forgetRequestLoaders(store);
}
