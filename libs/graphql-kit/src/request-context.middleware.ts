import { randomUUID } from 'node:crypto';
import { RequestStore, requestContext } from '@joinedup/context';

interface Req {
  headers: Record<string, string | string[] | undefined>;
  store?: RequestStore;
}
interface Res {
  setHeader(name: string, value: string): void;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives every HTTP request a request id and a context that follows its async calls (its
 * database transaction is the GraphQL operation plugin's business).
 */
export function requestContextMiddleware(req: Req, res: Res, next: () => void): void {
  const offered = req.headers['x-request-id'];
  const requestId = typeof offered === 'string' && REQUEST_ID.test(offered) ? offered : randomUUID();
  const store: RequestStore = { requestId };
  req.store = store;
  res.setHeader('x-request-id', requestId);
  requestContext.run(store, next);
}
