import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { join } from 'node:path';
import { SCHEMA_FILE, buildApiSchemaAndReads, sdlOf } from './api-schema';
import { READS_EXECUTED_FILE, readsExecutedMarkdown } from './reads-executed';

/**
 * npm run schema:print — writes the API's schema to schema.graphql and the account of the
 * fields left to execution to docs/reads-executed.md (no database or Redis needed).
 */
buildApiSchemaAndReads().then(
  ({ schema, reads }) => {
    writeFileSync(SCHEMA_FILE, sdlOf(schema));
    writeFileSync(join(__dirname, '..', READS_EXECUTED_FILE), readsExecutedMarkdown(schema, reads));
    process.stdout.write(`Wrote ${relative(process.cwd(), SCHEMA_FILE)} and ${READS_EXECUTED_FILE}\n`);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
