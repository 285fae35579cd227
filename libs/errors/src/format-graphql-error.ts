import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { AppError } from './app-error';
import { SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE_MESSAGE, isServiceUnavailable } from './service-unavailable';

export interface FormatOptions {
  /** Stack traces are shown only in development. */
  exposeStack: boolean;
  requestId?: string;
  log(error: unknown, requestId?: string): void;
}

/** The one place that turns any error into what the client sees. */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown, options: FormatOptions) {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  if (original instanceof AppError) {
    const reason = original.reason ? { reason: original.reason.reason } : {};
    return { ...base, message: original.message, extensions: { code: original.code, ...reason, ...original.details } };
  }
  // Raised by GraphQL itself (parse, validation, variable coercion): about the request, safe to show.
  if (original instanceof GraphQLError) {
    return { ...base, extensions: { code: formatted.extensions?.code ?? 'BAD_USER_INPUT' } };
  }

  options.log(original, options.requestId);
  if (isServiceUnavailable(original)) {
    return { ...base, message: SERVICE_UNAVAILABLE_MESSAGE, extensions: { code: SERVICE_UNAVAILABLE, requestId: options.requestId } };
  }
  const extensions: Record<string, unknown> = { code: 'INTERNAL_SERVER_ERROR', requestId: options.requestId };
  if (options.exposeStack && original instanceof Error) extensions.stacktrace = original.stack?.split('\n');
  return {
    ...base,
    message: `Something went wrong on our side. Quote reference ${options.requestId ?? 'unknown'} if you contact support.`,
    extensions,
  };
}
