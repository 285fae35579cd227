import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { SCHEMA_FILE, buildApiSchema, sdlOf } from '../tools/api-schema';
import { GENERATED_FILE, generateWebDocuments, pageDocuments } from '../tools/web-codegen';
import { ApiHarness } from './support/api-harness';

const ROOT = join(__dirname, '..');

/** Compares line by line, so a failure names the first line that differs and what to run. */
function expectSame(actual: string, committed: string, what: string, fix: string): void {
  if (actual === committed) return;
  const a = actual.split('\n');
  const c = committed.split('\n');
  const line = a.findIndex((text, i) => text !== c[i]);
  const at = line === -1 ? c.length : line;
  throw new Error(`${what} (first difference at line ${at + 1}: committed ${JSON.stringify(c[at] ?? null)}, now ${JSON.stringify(a[at] ?? null)}). ${fix}`);
}

describe('the committed schema.graphql', () => {
  let api: ApiHarness;
  let served: string;

  beforeAll(async () => {
    api = await ApiHarness.start();
    served = sdlOf(api.app.get(GraphQLSchemaHost).schema);
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('is the schema the running API serves', () => {
    expectSame(served, readFileSync(SCHEMA_FILE, 'utf8'), 'schema.graphql differs from the schema the API serves', 'Run `npm run schema:print` and commit schema.graphql (then `npm run codegen`).');
  });

  it('is what `npm run schema:print` builds, without starting the application', async () => {
    expectSame(sdlOf(await buildApiSchema()), served, 'The schema built by `npm run schema:print` differs from the served one', 'Fix tools/api-schema.ts.');
  });
});

describe("the web pages' generated documents", () => {
  it('are what `npm run codegen` makes of schema.graphql and the pages’ documents now', async () => {
    const generated = await generateWebDocuments(readFileSync(SCHEMA_FILE, 'utf8'), pageDocuments());
    expectSame(generated, readFileSync(GENERATED_FILE, 'utf8'), `${relative(ROOT, GENERATED_FILE)} is out of date`, 'Run `npm run codegen` and commit it.');
  });
});
