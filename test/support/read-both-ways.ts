import { StatementCounter } from '@joinedup/database';
import { JsonReads } from '@joinedup/graphql-kit';
import { ApiHarness } from './api-harness';

/** A response as sent, and the statements the request sent to PostgreSQL. */
export interface SentRead {
  body: string;
  statements: string[];
}

/** Whether a statement is a one-statement read (JsonReads writes the whole data with concat). */
export const isJsonRead = (sql: string): boolean => sql.startsWith(`select concat('{`);

/** Sends a query with JsonReads on (`compiled`) or off (GraphQL execution), counting its statements. */
export async function sendRead(api: ApiHarness, query: string, variables: Record<string, unknown>, token: string, compiled: boolean): Promise<SentRead> {
  const reads = api.app.get(JsonReads);
  StatementCounter.texts = [];
  reads.enabled = compiled;
  try {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return { body: await response.text(), statements: StatementCounter.texts };
  } finally {
    StatementCounter.texts = null;
    reads.enabled = true;
  }
}
