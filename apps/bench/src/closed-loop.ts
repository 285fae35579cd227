import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Answer } from './http-answer';

/** What a closed-loop run measured, before it is summarised (runs of one subject can be merged). */
export interface LoadSample {
  /** Latency of every answered request, in ms. */
  latencies: number[];
  elapsedMs: number;
  /** Answers with a status other than 2xx. */
  non2xx: number;
  /** 2xx answers whose body says they failed (e.g. GraphQL errors): a broken read must not pass for a fast one. */
  badBodies: number;
  /** Requests that got no answer (connection refused or reset, timeout). */
  failed: number;
  bytes: number;
}

export interface LoadFigures {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  badBodies: number;
  failed: number;
  meanResponseBytes: number;
}

export interface ClosedLoop {
  connections: number;
  durationMs: number;
  /** Sends one request over the loop's keep-alive agent. */
  send: (agent: Agent) => Promise<Answer>;
  /** True when a 2xx body is a failure all the same. */
  badBody?: (body: Buffer) => boolean;
}

/**
 * `connections` keep-alive connections, each sending its next request as soon as the
 * previous one is answered, for `durationMs`, like autocannon. Bodies are not parsed
 * (only searched, if asked), so the generator stays light beside the server.
 */
export async function runClosedLoop(loop: ClosedLoop): Promise<LoadSample> {
  const agent = new Agent({ keepAlive: true, maxSockets: loop.connections });
  const sample: LoadSample = { latencies: [], elapsedMs: 0, non2xx: 0, badBodies: 0, failed: 0, bytes: 0 };
  const started = performance.now();
  const end = started + loop.durationMs;
  const connection = async () => {
    while (performance.now() < end) {
      try {
        const answer = await loop.send(agent);
        sample.latencies.push(answer.ms);
        sample.bytes += answer.body.length;
        if (answer.status < 200 || answer.status >= 300) sample.non2xx++;
        else if (loop.badBody?.(answer.body)) sample.badBodies++;
      } catch {
        sample.failed++;
        // A server that refuses at once would otherwise spin this loop.
        await new Promise((wake) => setTimeout(wake, 10));
      }
    }
  };
  await Promise.all(Array.from({ length: loop.connections }, connection));
  sample.elapsedMs = performance.now() - started;
  agent.destroy();
  return sample;
}

/** The figures of one or more runs of the same subject, as if they were one run of their summed duration. */
export function summarise(samples: readonly LoadSample[]): LoadFigures {
  const latencies = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const sum = (value: (s: LoadSample) => number) => samples.reduce((total, s) => total + value(s), 0);
  const elapsedSeconds = sum((s) => s.elapsedMs) / 1000;
  return {
    requests: latencies.length,
    requestsPerSecond: elapsedSeconds > 0 ? latencies.length / elapsedSeconds : 0,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    non2xx: sum((s) => s.non2xx),
    badBodies: sum((s) => s.badBodies),
    failed: sum((s) => s.failed),
    meanResponseBytes: latencies.length ? sum((s) => s.bytes) / latencies.length : 0,
  };
}

/** Nearest-rank percentile of sorted values (0 when there are none). */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}
