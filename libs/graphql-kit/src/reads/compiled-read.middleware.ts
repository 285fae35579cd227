import { Inject, Injectable, Logger, NestMiddleware } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@joinedup/config';
import { RequestStore } from '@joinedup/context';
import { TenantDb } from '@joinedup/database';
import { CompiledReadAnswers } from './compiled-read-answers';
import { KnownReads } from './known-reads';
import { endOperation } from '../operation-transaction.plugin';
import { withinCost } from '../query-limits';

interface GraphQLHttpRequest {
  body?: unknown;
  headers: Record<string, string | string[] | undefined>;
  store?: RequestStore;
}
interface JsonResponse {
  status(code: number): JsonResponse;
  type(contentType: string): JsonResponse;
  send(body: string): void;
}

/** A POST body as Apollo reads it: a query, and optionally an operation name and variables; nothing else. */
interface PostedQuery {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/**
 * Answers, at POST /graphql, a query JsonReads has answered whole before (KnownReads) with
 * its one statement, without Apollo's request pipeline: its parsing, validation, plugins
 * and response formatting cost the API more than the read itself on a small page. What
 * Apollo would check still holds: the document is the one Apollo parsed and validated
 * for this text, the cost limit is applied to these variables, the answer is the one
 * CompiledReadAnswers gives Apollo (same caller check, roles, RLS), written as Apollo
 * writes it. Anything else (another kind of body, an Accept Apollo would answer otherwise,
 * no answer) goes on to Apollo in the same operation: its transaction, caller and deadline.
 */
@Injectable()
export class CompiledReadMiddleware implements NestMiddleware {
  private readonly logger = new Logger('GraphQL');

  constructor(
    private readonly known: KnownReads,
    private readonly answers: CompiledReadAnswers,
    private readonly db: TenantDb,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async use(req: GraphQLHttpRequest, res: JsonResponse, next: () => void): Promise<void> {
    const posted = postedQuery(req.body);
    const store = req.store;
    const known = posted && store && acceptsJson(req.headers.accept) && this.known.find(posted.query, posted.operationName ?? undefined);
    const variables = posted?.variables ?? undefined;
    if (!known || !withinCost(this.config.graphql, { ...known, variables, operationName: posted.operationName })) return next();
    const operation = this.db.beginOperation(store);
    operation.markReadOnly();
    // What fails unexpectedly here fails again in Apollo's pipeline, which answers it as GraphQL does.
    const answer = await this.answers.answer({ ...known, variables }, req).catch(() => null);
    if (answer === null) return next();
    res.status(200).type('application/json; charset=utf-8').send(`{"data":${answer}}\n`);
    // A read-only transaction: nothing for its end to confirm before the answer goes out.
    void endOperation(this.logger, store, operation, true);
  }
}

function postedQuery(body: unknown): PostedQuery | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const { query, operationName, variables, ...rest } = body as Record<string, unknown>;
  if (typeof query !== 'string' || Object.keys(rest).length) return undefined;
  if (operationName != null && typeof operationName !== 'string') return undefined;
  if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return undefined;
  return body as PostedQuery;
}

/** Whether Apollo would answer this Accept header with application/json (none, any, or JSON without GraphQL's own type). */
function acceptsJson(accept: string | string[] | undefined): boolean {
  if (accept === undefined) return true;
  if (typeof accept !== 'string') return false;
  return accept.includes('*/*') ? !accept.includes('+json') : accept.includes('application/json') && !accept.includes('+json');
}
