import { randomUUID } from 'node:crypto';
import { RequestStore, requestContext } from '@joinedup/context';
import { TenantDb } from '@joinedup/database';

interface Req {
  headers: Record<string, string | string[] | undefined>;
  store?: RequestStore;
}
interface Res {
  setHeader(name: string, value: string): void;
  on(event: 'close', listener: () => void): void;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives every HTTP request a request id and a context that follows its async calls, and
 * makes sure its database transaction is ended however the request ends.
 */
export function requestContextMiddleware(req: Req, res: Res, next: () => void): void {
  const offered = req.headers['x-request-id'];
  const requestId = typeof offered === 'string' && REQUEST_ID.test(offered) ? offered : randomUUID();
  const store: RequestStore = { requestId };
  req.store = store;
  res.setHeader('x-request-id', requestId);
  // Normally committed or rolled back by the GraphQL plugin; this only releases leftovers.
  res.on('close', () => void TenantDb.finishRequest(store, false).catch(() => undefined));
  requestContext.run(store, next);
}
