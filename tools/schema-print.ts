import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { SCHEMA_FILE, buildApiSchema, sdlOf } from './api-schema';

/** npm run schema:print — writes the API's schema to schema.graphql (no database or Redis needed). */
buildApiSchema().then(
  (schema) => {
    writeFileSync(SCHEMA_FILE, sdlOf(schema));
    process.stdout.write(`Wrote ${relative(process.cwd(), SCHEMA_FILE)}\n`);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
