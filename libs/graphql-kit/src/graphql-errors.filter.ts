import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';

/**
 * Hands a resolver's error straight to GraphQL, whose formatError (libs/errors) logs what
 * is unexpected, once. Nest's default handler would log it first, so one failure made two
 * lines (three with its transaction's). Other requests (health checks) keep Nest's handling.
 */
@Catch()
export class GraphQLErrorsFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') throw exception;
    return super.catch(exception, host);
  }
}
