import { LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pinnedLookup } from './webhook-address';

export interface WebhookPost {
  url: URL;
  /** The checked addresses of the URL's host: the only ones the connection may go to. */
  addresses: LookupAddress[];
  body: string;
  headers: Record<string, string>;
  /** From connecting to the receiver's status line. */
  timeoutMs: number;
}

export type WebhookOutcome = { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string };

/**
 * One POST to a receiver. Success is a 2xx answer; a redirect is not followed (it could
 * lead anywhere, past the address check). The answer's body is not read: only the status
 * counts, and a receiver cannot hold the worker by sending it slowly.
 */
export function postWebhook(post: WebhookPost): Promise<WebhookOutcome> {
  const send = post.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: WebhookOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const request = send(
      post.url,
      {
        method: 'POST',
        headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
        lookup: pinnedLookup(post.addresses),
        // A fresh connection each time: a pooled one may have been opened to another address.
        agent: false,
      },
      (response) => {
        const statusCode = response.statusCode ?? 0;
        response.destroy();
        if (statusCode >= 200 && statusCode < 300) settle({ ok: true, statusCode });
        else settle({ ok: false, statusCode, error: answerProblem(statusCode) });
      },
    );
    // Every failure without an HTTP answer (refused, reset, TLS, not HTTP, silent) ends
    // here, at the timeout, with one message: neither its text nor its time tells an
    // administrator whether a port is closed or something other than a web server is on it.
    const timer = setTimeout(() => {
      settle({ ok: false, statusCode: null, error: couldNotDeliver(post.timeoutMs) });
      request.destroy();
    }, post.timeoutMs);
    request.on('error', () => undefined);
    request.end(post.body);
  });
}

/** The one text of a delivery that got no HTTP answer. */
export function couldNotDeliver(timeoutMs: number): string {
  return `Could not deliver: the receiver gave no HTTP answer within ${timeoutMs} ms.`;
}

function answerProblem(statusCode: number): string {
  if (statusCode >= 300 && statusCode < 400) return `The receiver answered ${statusCode}; redirects are not followed.`;
  return `The receiver answered ${statusCode}.`;
}
