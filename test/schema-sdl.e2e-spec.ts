import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { JsonReads } from '@joinedup/graphql-kit';
import { SCHEMA_FILE, buildApiSchemaAndReads, sdlOf } from '../tools/api-schema';
import { READS_EXECUTED_FILE, readsExecutedMarkdown } from '../tools/reads-executed';
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

  it('is what `npm run schema:print` builds, without starting the application, with the same read descriptions', async () => {
    const built = await buildApiSchemaAndReads();
    expectSame(sdlOf(built.schema), served, 'The schema built by `npm run schema:print` differs from the served one', 'Fix tools/api-schema.ts.');
    const running = readsExecutedMarkdown(api.app.get(GraphQLSchemaHost).schema, api.app.get(JsonReads));
    expectSame(readsExecutedMarkdown(built.schema, built.reads), running, 'The read descriptions found by `npm run schema:print` differ from the running ones', 'Fix tools/api-schema.ts.');
  });
});

describe(`the committed ${READS_EXECUTED_FILE}`, () => {
  it('lists the fields the running API leaves to execution, and why', async () => {
    const api = await ApiHarness.start();
    try {
      const running = readsExecutedMarkdown(api.app.get(GraphQLSchemaHost).schema, api.app.get(JsonReads));
      expectSame(running, readFileSync(join(ROOT, READS_EXECUTED_FILE), 'utf8'), `${READS_EXECUTED_FILE} is out of date`, 'Run `npm run schema:print` and commit it.');
    } finally {
      await api.stop();
    }
  });
});

describe("the web pages' generated documents", () => {
  it('are what `npm run codegen` makes of schema.graphql and the pages’ documents now', async () => {
    const generated = await generateWebDocuments(readFileSync(SCHEMA_FILE, 'utf8'), pageDocuments());
    expectSame(generated, readFileSync(GENERATED_FILE, 'utf8'), `${relative(ROOT, GENERATED_FILE)} is out of date`, 'Run `npm run codegen` and commit it.');
  });
});
