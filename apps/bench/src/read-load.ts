import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

/** The locality dashboard read of the shared side-by-side benchmark (bench/peer-read/ac.js), field for field. */
export const DASHBOARD_QUERY = `query($id: ID!) { locality(id: $id) { name code activeMemberCount
    members { joinedOn organisation { name sector people { fullName jobTitle } } }
    programmes { name status participants { name } leader { agreedAt reconfirmBy person { fullName } } } } }`;

export interface LoadSpec {
  /** The API's base URL (http://host:port). */
  url: string;
  token: string;
  connections: number;
  durationMs: number;
  /** The locality each request reads (called once per request). */
  localityId: () => string;
}

export interface LoadFigures {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers with a status other than 2xx. */
  non2xx: number;
  /** 2xx answers carrying GraphQL errors (a broken read must not pass for a fast one). */
  graphqlErrors: number;
  /** Requests that got no answer (connection refused or reset, timeout). */
  failed: number;
  meanResponseBytes: number;
}

/** One answer, as the load loop sees it. */
export interface Answer {
  status: number;
  body: Buffer;
  ms: number;
}

const ERRORS_KEY = Buffer.from('"errors":');

/**
 * `connections` keep-alive connections, each sending its next dashboard read as soon as
 * the previous one is answered, for `durationMs`, like autocannon in side.sh: latency is
 * from writing the request to the last byte of the answer. Bodies are not parsed, only
 * searched for an errors key, so the generator stays light beside the API.
 */
export async function runLoad(spec: LoadSpec): Promise<LoadFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
  const latencies: number[] = [];
  let non2xx = 0;
  let graphqlErrors = 0;
  let failed = 0;
  let bytes = 0;
  const started = performance.now();
  const end = started + spec.durationMs;
  const connection = async () => {
    while (performance.now() < end) {
      try {
        const answer = await readDashboard(spec, spec.localityId(), agent);
        latencies.push(answer.ms);
        bytes += answer.body.length;
        if (answer.status < 200 || answer.status >= 300) non2xx++;
        else if (answer.body.includes(ERRORS_KEY)) graphqlErrors++;
      } catch {
        failed++;
        // A server that refuses at once would otherwise spin this loop.
        await new Promise((wake) => setTimeout(wake, 10));
      }
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, connection));
  const elapsedSeconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    requestsPerSecond: latencies.length / elapsedSeconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    non2xx,
    graphqlErrors,
    failed,
    meanResponseBytes: latencies.length ? bytes / latencies.length : 0,
  };
}

/** One dashboard read over the given agent (a fresh connection without one). */
export function readDashboard(target: { url: string; token: string }, localityId: string, agent?: Agent): Promise<Answer> {
  const body = JSON.stringify({ query: DASHBOARD_QUERY, variables: { id: localityId } });
  return new Promise((done, fail) => {
    const sent = performance.now();
    const req = request(
      `${target.url}/graphql`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${target.token}`,
        },
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), ms: performance.now() - sent }));
        res.on('error', fail);
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', fail);
    req.end(body);
  });
}

/** Nearest-rank percentile of sorted values (0 when there are none). */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}
