import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { SCHEMA_FILE } from './api-schema';
import { GENERATED_FILE, generateWebDocuments, pageDocuments } from './web-codegen';

/** npm run codegen — the web pages' typed documents, from schema.graphql and libs/web/src/**\/*.documents.ts. */
async function main(): Promise<void> {
  const documents = pageDocuments();
  writeFileSync(GENERATED_FILE, await generateWebDocuments(readFileSync(SCHEMA_FILE, 'utf8'), documents));
  process.stdout.write(`Wrote ${relative(process.cwd(), GENERATED_FILE)} (${documents.length} operations)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
