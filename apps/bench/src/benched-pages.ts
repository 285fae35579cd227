import { DocumentNode, print } from 'graphql';
import { healthCheckDocuments, memberDocuments } from '@joinedup/web';
import { WebData } from './web-data';
import { WebVisitor } from './web-visitor';
import { WebVisitors } from './web-visitors';

/**
 * A page set beside its own GraphQL document. The document is imported from the page's
 * documents module, so the two cannot drift apart; the variables are those the page sends.
 */
export interface BenchedPage {
  name: string;
  /** Whose browser asks for the page: its cookies go with every request. */
  visitor: WebVisitor;
  pagePath: string;
  document: string | DocumentNode;
  variables: Record<string, unknown>;
  /** The bearer token the document alone is sent with (the visitor's own session); none for a public document. */
  token?: string;
}

/** The pages measured, each with the document it runs. */
export function benchedPages(data: WebData, visitors: WebVisitors): BenchedPage[] {
  const body = visitors.representativeOrganisationId;
  return [
    // The survey form is read-only until sent, so every connection can reuse one link's cookie.
    {
      name: 'survey form',
      visitor: visitors.respondent,
      pagePath: '/health-check',
      document: healthCheckDocuments.QUESTIONS,
      variables: { token: visitors.linkToken },
    },
    {
      name: 'for my body',
      visitor: visitors.representative,
      pagePath: `/bodies/${body}`,
      document: memberDocuments.MY_BODY,
      variables: memberDocuments.myBodyVariables(body),
      token: visitors.representative.accessToken,
    },
    // The locality health page (libs/web/src/health) joins here once merged, read by the
    // coordinator: pagePath `/localities/${data.localityId}`, its document and variables from
    // its documents module (exported from libs/web/src/index.ts), token visitors.coordinator.accessToken.
  ];
}

/** The document as sent over HTTP. */
export function documentText(document: string | DocumentNode): string {
  return typeof document === 'string' ? document : print(document);
}
