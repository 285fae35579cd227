import { HeaderMap } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { CompiledReadAnswers } from './compiled-read-answers';
import { KnownReads } from './known-reads';
import { JsonText } from '../json-text';

/** The parts of Apollo's responseForOperation context this plugin reads. */
interface OperationContext {
  schema: GraphQLSchema;
  document: DocumentNode;
  /** None when the document does not say which of its operations to run: execution then answers GraphQL's 400. */
  operation?: OperationDefinitionNode;
  /** As the client sent them: the operation name is the one it named, if any. */
  request: { query?: string; operationName?: string; variables?: Record<string, unknown> };
  contextValue: { req: object };
}

/**
 * Answers a query that JsonReads compiles with its one statement (CompiledReadAnswers), in
 * place of GraphQL execution, and remembers the query so that the next request sending it
 * is answered before Apollo's pipeline (KnownReads, CompiledReadMiddleware).
 */
@Plugin()
export class JsonReadPlugin {
  constructor(
    private readonly answers: CompiledReadAnswers,
    private readonly known: KnownReads,
  ) {}

  async requestDidStart() {
    return {
      responseForOperation: async ({ schema, document, operation, request, contextValue }: OperationContext) => {
        if (!operation) return null;
        const answer = await this.answers.answer({ schema, document, operation, variables: request.variables }, contextValue.req);
        if (answer === null) return null;
        if (request.query) this.known.remember(request.query, request.operationName, { schema, document, operation });
        return {
          http: { status: undefined, headers: new HeaderMap() },
          body: { kind: 'single' as const, singleResult: { data: new JsonText(answer) as unknown as Record<string, unknown> } },
        };
      },
    };
  }
}
