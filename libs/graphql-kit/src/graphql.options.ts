import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLSchema } from 'graphql';
import { requestContext } from '@joinedup/context';
import { formatGraphQLError } from '@joinedup/errors';
import { enumValueError } from './enum-values';
import { withoutSuggestions } from './field-suggestions';
import { stringifyResult } from './json-text';
import { servePrefetched } from './prefetched';
import { QueryLimits, queryCostPlugin, queryLimitRules, tokenLimitError } from './query-limits';
import { serviceUnavailablePlugin } from './service-unavailable.plugin';

export interface GraphQLOptionsInput {
  exposeStack: boolean;
  /** Off: no `__schema`/`__type`, and no "Did you mean …" in errors. */
  introspection: boolean;
  limits: QueryLimits;
  logError(message: string, error: unknown): void;
}

/** Apollo at POST /graphql: code-first schema, request limits and one error format (transactions: OperationTransactionPlugin). */
export function graphqlOptions(input: GraphQLOptionsInput): ApolloDriverConfig {
  // Kept for the error format: a refused enum value's message lists the enum's values.
  let served: GraphQLSchema | undefined;
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    // Fields answered with their parent's statement skip their resolvers (prefetched.ts).
    transformSchema: (schema) => (served = servePrefetched(schema)),
    introspection: input.introspection,
    parseOptions: { maxTokens: input.limits.maxTokens },
    validationRules: queryLimitRules(input.limits),
    plugins: [
      queryCostPlugin(input.limits),
      serviceUnavailablePlugin(),
      // JoinedUp sets no cache hints and reports to no Apollo service; the cache-control
      // plugin alone hooks every resolved field (hundreds per dashboard read).
      ...([
        ApolloServerPluginCacheControlDisabled(),
        ApolloServerPluginInlineTraceDisabled(),
        ApolloServerPluginUsageReportingDisabled(),
      ] as NonNullable<ApolloDriverConfig['plugins']>),
    ],
    // A read PostgreSQL answered whole goes out as the json text it wrote (JsonText).
    stringifyResult,
    context: ({ req }: { req: unknown }) => ({ req }),
    formatError: (formatted, error) => {
      const shown = formatGraphQLError(formatted, tokenLimitError(error, input.limits) ?? enumValueError(error, served) ?? error, {
        exposeStack: input.exposeStack,
        requestId: requestContext.current()?.requestId,
        log: (original, requestId) => input.logError(`Unexpected error in request ${requestId}`, original),
      });
      return input.introspection ? shown : withoutSuggestions(shown);
    },
  };
}
