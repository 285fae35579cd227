import 'reflect-metadata';
import { join } from 'node:path';
import { NestFactory, ModulesContainer } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { loadConfig } from '@joinedup/config';
import { JsonReads } from '@joinedup/graphql-kit';
import { ApiModule } from '../apps/api/src/api.module';

/** The committed SDL of the API, at the repository root. */
export const SCHEMA_FILE = join(__dirname, '..', 'schema.graphql');

const HEADER = [
  '# The JoinedUp GraphQL API, as served at /graphql. Generated: do not edit.',
  '# Regenerate with `npm run schema:print` (test/schema-sdl.e2e-spec.ts fails when it differs',
  '# from the running schema); then `npm run codegen` for the web pages\' typed documents.',
].join('\n');

/** The schema as SDL, sorted by name (Nest's order follows module loading, which may change). */
export function sdlOf(schema: GraphQLSchema): string {
  return `${HEADER}\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}

/**
 * The API's code-first schema built as the running API builds it (every provider class of
 * ApiModule's modules handed to Nest's schema factory), without starting the application:
 * Nest's preview mode resolves the modules but instantiates no provider, so no database or
 * Redis connection is opened.
 */
export async function buildApiSchema(): Promise<GraphQLSchema> {
  return (await buildApiSchemaAndReads()).schema;
}

/**
 * The schema, and the libraries' read descriptions: each provider that takes only JsonReads
 * (a description) is made with one JsonReads and asked to add its fields, as the app does.
 */
export async function buildApiSchemaAndReads(): Promise<{ schema: GraphQLSchema; reads: JsonReads }> {
  // The settings do not shape the schema; development needs none given.
  const api = await NestFactory.createApplicationContext(ApiModule.forRoot(loadConfig({ NODE_ENV: 'development' })), {
    preview: true,
    logger: false,
  });
  const builder = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  try {
    const classes: Function[] = [];
    const reads = new JsonReads();
    for (const module of api.get(ModulesContainer).values()) {
      for (const provider of module.providers.values()) {
        // As Nest's resolver explorer: the classes of class providers (factories and values are no resolvers).
        if (typeof provider.metatype !== 'function' || provider.inject) continue;
        classes.push(provider.metatype);
        describeReads(provider.metatype, reads);
      }
    }
    return { schema: await builder.get(GraphQLSchemaFactory).create(classes), reads };
  } finally {
    await Promise.all([api.close(), builder.close()]);
  }
}

/** Lets a read description (a class whose one dependency is JsonReads) add its fields. */
function describeReads(metatype: Function, reads: JsonReads): void {
  const dependencies = Reflect.getMetadata('design:paramtypes', metatype) as unknown[] | undefined;
  if (dependencies?.length !== 1 || dependencies[0] !== JsonReads) return;
  const description = new (metatype as new (reads: JsonReads) => { onModuleInit?(): void })(reads);
  description.onModuleInit?.();
}
