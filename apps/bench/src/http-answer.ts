import { Agent, IncomingHttpHeaders, request } from 'node:http';
import { performance } from 'node:perf_hooks';

/** One answer, as a load loop sees it: latency is from sending the request to the last byte of the answer. */
export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  ms: number;
}

export interface HttpCall {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

/** One HTTP request over the given agent (a fresh connection without one); the body is not parsed. */
export function httpAnswer(url: string, call: HttpCall, agent?: Agent): Promise<Answer> {
  const headers: Record<string, string | number> = { ...call.headers };
  if (call.body !== undefined) headers['content-length'] = Buffer.byteLength(call.body);
  return new Promise((done, fail) => {
    const sent = performance.now();
    const req = request(url, { method: call.method, agent, headers, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ms: performance.now() - sent }));
      res.on('error', fail);
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', fail);
    req.end(call.body);
  });
}

/** A GraphQL document over HTTP POST /graphql, as any client sends it (a bearer token when given). */
export function graphqlAnswer(baseUrl: string, query: string, variables: Record<string, unknown>, token?: string, agent?: Agent): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  return httpAnswer(`${baseUrl}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) }, agent);
}

/** The data of a document that must succeed (the benchmark's own setup); throws with the errors otherwise. */
export async function graphqlData<T>(baseUrl: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const answer = await graphqlAnswer(baseUrl, query, variables, token);
  const result = JSON.parse(answer.body.toString('utf8')) as { data?: T | null; errors?: { message: string }[] };
  if (answer.status !== 200 || result.errors?.length || !result.data) {
    throw new Error(`${query.slice(0, 60).replace(/\s+/g, ' ')}… failed (${answer.status}): ${JSON.stringify(result.errors ?? result)}`);
  }
  return result.data;
}
