import { Kind, parse, print, visit } from 'graphql';
import { StatementCounter } from '@joinedup/database';
import { JsonReads } from '@joinedup/graphql-kit';
import { ApiHarness } from './api-harness';

/** A response as sent, and the statements the request sent to PostgreSQL. */
export interface SentRead {
  body: string;
  statements: string[];
}

/** Whether a statement is a one-statement read (JsonReads writes the whole data with concat). */
export const isJsonRead = (sql: string): boolean => sql.startsWith('select concat(');

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

/**
 * The read answered with JsonReads on and off: byte for byte the same body, and whether the
 * one-statement read answered it (session check, the read, commit; a read that found no row
 * where the resolver refuses is followed by execution).
 */
export async function compareReads(api: ApiHarness, query: string, variables: Record<string, unknown>, token: string): Promise<{ body: string; compiled: boolean }> {
  const whole = await sendRead(api, query, variables, token, true);
  const fieldByField = await sendRead(api, query, variables, token, false);
  expect(whole.body).toBe(fieldByField.body);
  expect(fieldByField.statements.some(isJsonRead)).toBe(false);
  const [, read, end] = whole.statements;
  const compiled = whole.statements.length === 3 && isJsonRead(read) && end === 'commit';
  return { body: whole.body, compiled };
}

/**
 * compareReads for each role of `tokens` (role → token): the bodies by role, having checked that
 * the read was compiled exactly for the roles `compiledFor` names.
 */
export async function compareForRoles(
  api: ApiHarness,
  tokens: Record<string, string>,
  query: string,
  variables: Record<string, unknown>,
  compiledFor: (role: string) => boolean,
): Promise<Record<string, string>> {
  const bodies: Record<string, string> = {};
  for (const [role, token] of Object.entries(tokens)) {
    const { body, compiled } = await compareReads(api, query, variables, token);
    expect({ role, compiled }).toEqual({ role, compiled: compiledFor(role) });
    bodies[role] = body;
  }
  return bodies;
}

/** A web page's document without some of its root fields (those another library answers, or that are executed). */
export const withoutRoots = (document: string, roots: readonly string[]): string =>
  print(
    visit(parse(document), {
      OperationDefinition: (operation) => ({
        ...operation,
        selectionSet: {
          ...operation.selectionSet,
          selections: operation.selectionSet.selections.filter((s) => s.kind !== Kind.FIELD || !roots.includes(s.name.value)),
        },
      }),
    }),
  );
