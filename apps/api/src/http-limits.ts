import { Server } from 'node:http';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@joinedup/config';

interface BodyParserError {
  type?: string;
  status?: number;
  length?: number;
}
interface JsonResponse {
  status(code: number): JsonResponse;
  json(body: unknown): void;
}

/**
 * Limits applied before a request reaches GraphQL: no `X-Powered-By` header, a JSON body
 * of at most REQUEST_BODY_LIMIT_KB (a bigger one is a 413 with a GraphQL-style error,
 * never read into memory), and REQUEST_TIMEOUT_MS to receive the whole request.
 */
export function applyHttpLimits(app: NestExpressApplication, config: AppConfig): void {
  app.getHttpAdapter().getInstance().disable('x-powered-by');

  const limitKb = config.requestBodyLimitKb;
  app.useBodyParser('json', { limit: `${limitKb}kb` });
  app.use((error: BodyParserError, _req: unknown, res: JsonResponse, next: (error: unknown) => void) => {
    if (error?.type !== 'entity.too.large') return next(error);
    const size = error.length ? `${Math.ceil(error.length / 1024)} KB` : `over ${limitKb} KB`;
    const message = `The request body is ${size}; the limit is ${limitKb} KB.`;
    res.status(413).json({ errors: [{ message, extensions: { code: 'QUERY_TOO_COMPLEX' } }] });
  });

  // A client that sends its request slowly (headers or body) holds a connection; Node cuts
  // it off with a 408 after this long. Node looks for such requests every 30 s unless told
  // otherwise (connectionsCheckingInterval, read at listen; missing from @types/node 20).
  const server: Server & { connectionsCheckingInterval?: number } = app.getHttpServer();
  server.requestTimeout = config.requestTimeoutMs;
  server.headersTimeout = config.requestTimeoutMs;
  server.connectionsCheckingInterval = Math.min(1000, Math.ceil(config.requestTimeoutMs / 2));
}
