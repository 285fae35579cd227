import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger } from 'pino';
import { requestContext } from '@joinedup/context';
import { isStatementError, safeErrorMessage, serializeError } from './error-serializer';

export interface LoggerOptions {
  level: string;
  /** Human-readable lines for a developer's terminal; JSON otherwise. */
  pretty: boolean;
  service: string;
  /** Where JSON lines go (stdout when omitted); tests pass one to read the log. */
  destination?: DestinationStream;
}

/** Field names whose values must never reach a log line. */
const REDACT = [
  'password',
  '*.password',
  '*.*.password',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
  'authorization',
  '*.authorization',
  '*.headers.authorization',
];

/** Builds the process logger; every line carries the request id and tenant id in scope. */
export function createLogger(options: LoggerOptions): Logger {
  return pino({
    level: options.level,
    base: { service: options.service },
    redact: { paths: REDACT, censor: '[redacted]' },
    // A failed statement is logged without its parameters (see error-serializer.ts).
    serializers: { err: serializeError, error: serializeError },
    hooks: {
      logMethod(args, method) {
        // `logger.error(err)` takes its message from the error: not the raw one of a statement.
        if (isStatementError(args[0]) && typeof args[1] !== 'string') {
          return method.apply(this, [args[0], safeErrorMessage(args[0]), ...args.slice(1)] as Parameters<typeof method>);
        }
        return method.apply(this, args);
      },
    },
    mixin() {
      const store = requestContext.current();
      if (!store) return {};
      return { requestId: store.requestId, tenantId: store.scope?.tenantId };
    },
    transport: options.pretty
      ? { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } }
      : undefined,
  }, options.destination);
}

/** Nest's logger interface on top of pino, so framework messages are structured too. */
export class AppLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, traceOrContext?: string, context?: string): void {
    const ctx = context ?? (traceOrContext && !traceOrContext.includes('\n') ? traceOrContext : undefined);
    const stack = traceOrContext && traceOrContext.includes('\n') ? traceOrContext : undefined;
    if (message instanceof Error) this.pino.error({ err: message, context: ctx }, safeErrorMessage(message));
    else this.pino.error({ context: ctx, stack }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(level: 'info' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, context?: string): void {
    if (typeof message === 'object' && message !== null) this.pino[level]({ context, ...message });
    else this.pino[level]({ context }, String(message));
  }
}
