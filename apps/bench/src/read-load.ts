import { Agent } from 'node:http';
import { ClosedLoop, LoadFigures, runClosedLoop, summarise } from './closed-loop';
import { Answer, graphqlAnswer } from './http-answer';

/** The locality dashboard read of the shared side-by-side benchmark (bench/peer-read/ac.js), field for field. */
export const DASHBOARD_QUERY = `query($id: ID!) { locality(id: $id) { name code activeMemberCount
    members { joinedOn organisation { name sector people { fullName jobTitle } } }
    programmes { name status participants { name } leader { agreedAt reconfirmBy person { fullName } } } } }`;

export interface LoadSpec extends Pick<ClosedLoop, 'connections' | 'durationMs'> {
  /** The API's base URL (http://host:port). */
  url: string;
  token: string;
  /** The locality each request reads (called once per request). */
  localityId: () => string;
}

const ERRORS_KEY = Buffer.from('"errors":');

/** Dashboard reads of random localities in a closed loop, as side.sh runs autocannon. */
export async function runLoad(spec: LoadSpec): Promise<LoadFigures> {
  const sample = await runClosedLoop({
    connections: spec.connections,
    durationMs: spec.durationMs,
    send: (agent) => readDashboard(spec, spec.localityId(), agent),
    badBody: (body) => body.includes(ERRORS_KEY),
  });
  return summarise([sample]);
}

/** One dashboard read over the given agent (a fresh connection without one). */
export function readDashboard(target: { url: string; token: string }, localityId: string, agent?: Agent): Promise<Answer> {
  return graphqlAnswer(target.url, DASHBOARD_QUERY, { id: localityId }, target.token, agent);
}
