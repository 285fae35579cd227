import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { requestContext } from '@joinedup/context';
import { formatGraphQLError } from '@joinedup/errors';
import { transactionPlugin } from './transaction.plugin';

export interface GraphQLOptionsInput {
  exposeStack: boolean;
  logError(message: string, error: unknown): void;
}

/** Apollo at POST /graphql: code-first schema, one transaction per operation, one error format. */
export function graphqlOptions(input: GraphQLOptionsInput): ApolloDriverConfig {
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    introspection: true,
    context: ({ req }: { req: unknown }) => ({ req }),
    plugins: [transactionPlugin((error) => input.logError('Commit failed', error))],
    formatError: (formatted, error) =>
      formatGraphQLError(formatted, error, {
        exposeStack: input.exposeStack,
        requestId: requestContext.current()?.requestId,
        log: (original, requestId) => input.logError(`Unexpected error in request ${requestId}`, original),
      }),
  };
}
