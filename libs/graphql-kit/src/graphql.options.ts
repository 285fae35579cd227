import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLSchema } from 'graphql';
import { requestContext } from '@joinedup/context';
import { formatGraphQLError } from '@joinedup/errors';
import { enumValueError } from './enum-values';
import { withoutSuggestions } from './field-suggestions';
import { stringifyResult } from './json-text';
import { QueryLimits, queryCostPlugin, queryLimitRules, tokenLimitError } from './query-limits';
import { serviceUnavailablePlugin } from './service-unavailable.plugin';

export interface GraphQLOptionsInput {
  exposeStack: boolean;
  /** Off: no `__schema`/`__type`, and no "Did you mean …" in errors. */
  introspection: boolean;
  /** GET /graphql serves Apollo Sandbox, which explores the schema by introspection (development only). */
  explorer: boolean;
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
    transformSchema: (schema) => (served = schema),
    introspection: input.introspection,
    // Nest would serve its GraphiQL whenever the process's NODE_ENV is not "production", which
    // includes an unset NODE_ENV that our settings read as production: the explorer is decided here.
    graphiql: false,
    parseOptions: { maxTokens: input.limits.maxTokens },
    validationRules: queryLimitRules(input.limits),
    plugins: [
      ...(input.explorer ? [explorerPlugin()] : []),
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

/**
 * Apollo Sandbox embedded in the page at GET /graphql, as Apollo Server ships it: its page sets
 * its own Content-Security-Policy (a nonce, and only Apollo's CDN for scripts and frames) and
 * loads a pinned major version of the sandbox from Apollo's CDN, so the browser needs the
 * internet. It sends no cookies (the API reads bearer tokens only: paste one in its headers tab)
 * and no telemetry to Apollo.
 */
function explorerPlugin(): ApolloPlugin {
  // Typed against Apollo's ES module typings, Nest's against its CommonJS ones: the same plugin.
  return ApolloServerPluginLandingPageLocalDefault({ embed: { runTelemetry: false }, includeCookies: false }) as ApolloPlugin;
}

type ApolloPlugin = NonNullable<ApolloDriverConfig['plugins']>[number];
