import { INestApplication } from '@nestjs/common';
import { RequestStore, requestContext } from '@joinedup/context';
import { ApolloDriver } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { DocumentNode } from 'graphql';
import { JsonText, parsedData } from '@joinedup/graphql-kit';

/** What the runner uses of Apollo's server. */
interface OperationExecutor {
  executeOperation(
    request: { query: DocumentNode; variables: Record<string, unknown> },
    options: { contextValue: object },
  ): Promise<{ body: { kind: 'single'; singleResult: unknown } | { kind: 'incremental' } }>;
}

export interface PageError {
  message: string;
  extensions: { code: string; field?: string; [key: string]: unknown };
}

export interface PageResult<T> {
  data?: T | null;
  errors?: PageError[];
}

/**
 * Runs a page's one GraphQL document in this process, against the schema every client
 * uses, with the browser's own request as the context: the same guard, limits, operation
 * transaction (with row-level security) and per-address throttles as over HTTP, without a
 * second hop that would make every respondent look like 127.0.0.1.
 */
export class GraphQLRunner {
  private server?: OperationExecutor;

  constructor(private readonly app: INestApplication) {}

  /** The document is one of ../graphql/generated.ts, so its variables and result are typed. */
  async run<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables, req: object): Promise<PageResult<TResult>> {
    // Apollo exists once the app has started; pages are served only after that.
    this.server ??= this.app.get<GraphQLModule<ApolloDriver>>(GraphQLModule).graphQlAdapter.instance as unknown as OperationExecutor;
    const server = this.server;
    // Each operation gets a store of its own (same request id) for its transaction and
    // loaders: a query's transaction ends after its answer is given, so a page that reads
    // and then writes in one request must not share the store with it.
    const store: RequestStore = { requestId: (req as { store?: RequestStore }).store?.requestId ?? 'web' };
    const operationReq = Object.create(req, { store: { value: store } }) as object;
    // Apollo prints a parsed document back to text: the same parsing limits and validation as any client's.
    const response = await requestContext.run(store, () =>
      server.executeOperation({ query: document, variables: variables as Record<string, unknown> }, { contextValue: { req: operationReq } }),
    );
    if (response.body.kind !== 'single') throw new Error('A page document must give one result');
    return withParsedData(response.body.singleResult as PageResult<Record<string, unknown>>) as PageResult<TResult>;
  }
}

/** Data PostgreSQL answered whole arrives as its JSON text (JsonText), which only an HTTP response writes as it is: a page reads it as objects. */
function withParsedData(result: PageResult<Record<string, unknown>>): PageResult<Record<string, unknown>> {
  return result.data instanceof JsonText ? { ...result, data: parsedData(result.data) ?? undefined } : result;
}
