import { GraphQLError } from 'graphql';
import { RequestStore } from '@joinedup/context';
import { TenantDb } from '@joinedup/database';

export interface GraphQLContext {
  req: { store?: RequestStore };
}

/** The part of Apollo's response this plugin touches (typed here: Apollo ships two copies of its types). */
interface ResponseContext {
  contextValue: GraphQLContext;
  response: { body: { kind: string; singleResult?: { data?: unknown; errors?: readonly unknown[] } } };
}

/**
 * One GraphQL operation is one transaction: committed when the operation had no error,
 * rolled back otherwise, so a failed mutation leaves the database as it was.
 */
export function transactionPlugin(onCommitFailure: (error: unknown) => void) {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }: ResponseContext) {
          const store = contextValue.req.store;
          if (!store) return;
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const ok = !!body && !body.errors?.length;
          try {
            await TenantDb.finishRequest(store, ok);
          } catch (error) {
            onCommitFailure(error);
            if (body) {
              body.data = null;
              body.errors = [
                new GraphQLError('Your change could not be saved. Please try again.', {
                  extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: store.requestId },
                }).toJSON(),
              ];
            }
          }
        },
      };
    },
  };
}
