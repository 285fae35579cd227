import { RETRY_AFTER_SECONDS, SERVICE_UNAVAILABLE } from '@joinedup/errors';

/** The parts of Apollo's response this plugin touches (typed here: Apollo ships two copies of its types). */
interface ResponseContext {
  response: {
    http: { status?: number; headers: Map<string, string> };
    body: { kind: string; singleResult?: { errors?: readonly { extensions?: Record<string, unknown> }[] } };
  };
}

/**
 * An answer that failed because the database cannot be reached goes out as HTTP 503 with
 * Retry-After, so clients, proxies and load balancers see an outage and retry, rather
 * than a 200 that reads like a fault of the request.
 */
export function serviceUnavailablePlugin() {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }: ResponseContext) {
          const errors = response.body.kind === 'single' ? response.body.singleResult?.errors : undefined;
          if (!errors?.some((error) => error.extensions?.code === SERVICE_UNAVAILABLE)) return;
          // Nest's Apollo driver sets 200 on every answer with a data key, in this same hook
          // (its plugin runs after ours): a turn later, this status is the one sent.
          await Promise.resolve();
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}
