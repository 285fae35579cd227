import { Injectable } from '@nestjs/common';
import { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';

/** A document GraphQL has parsed and validated, with the operation it resolved for the request's operation name. */
export interface KnownRead {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

/**
 * How much query text the known reads keep at most, with its parsed documents (some tens
 * of times the text): a few hundred of the web pages' documents, of a few kB each.
 */
export const KNOWN_READS_MAX_CHARS = 500_000;

/**
 * The queries JsonReads has answered whole, by their text and operation name, so that the
 * next request sending one is answered before Apollo's pipeline (CompiledReadMiddleware):
 * validation depends on the text alone, so it is not repeated. Bounded by the text it
 * holds; the least recently used go first.
 */
@Injectable()
export class KnownReads {
  private readonly known = new Map<string, KnownRead>();
  private chars = 0;

  find(query: string, operationName: string | undefined): KnownRead | undefined {
    const key = keyOf(query, operationName);
    const found = this.known.get(key);
    if (found) {
      this.known.delete(key);
      this.known.set(key, found);
    }
    return found;
  }

  remember(query: string, operationName: string | undefined, read: KnownRead): void {
    const key = keyOf(query, operationName);
    if (key.length > KNOWN_READS_MAX_CHARS / 10 || this.known.has(key)) return;
    this.known.set(key, read);
    this.chars += key.length;
    for (const [oldest] of this.known) {
      if (this.chars <= KNOWN_READS_MAX_CHARS) break;
      this.known.delete(oldest);
      this.chars -= oldest.length;
    }
  }
}

const keyOf = (query: string, operationName: string | undefined): string => `${operationName ?? ''}\n${query}`;
