import { DocumentNode, print } from 'graphql';
import { conflictLogVariables, myBodyVariables, pageDocuments, trendPeriod } from '@joinedup/web';
import { WebData } from './web-data';
import { WebVisitor } from './web-visitor';
import { WebVisitors } from './web-visitors';

/**
 * A page set beside its own GraphQL document: the typed document the page runs (generated
 * from its documents module by npm run codegen), so the two cannot drift apart; the
 * variables are those the page sends.
 */
export interface BenchedPage {
  name: string;
  /** Whose browser asks for the page: its cookies go with every request. */
  visitor: WebVisitor;
  pagePath: string;
  document: DocumentNode;
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
      document: pageDocuments.HealthCheckQuestionsPageDocument,
      variables: { token: visitors.linkToken },
    },
    {
      name: 'for my body',
      visitor: visitors.representative,
      pagePath: `/bodies/${body}`,
      document: pageDocuments.WebMyBodyDocument,
      variables: myBodyVariables(body),
      token: visitors.representative.accessToken,
    },
    // A locality of 40 member bodies with its radar, a year's trend and its flags.
    {
      name: 'locality health',
      visitor: visitors.coordinator,
      pagePath: `/localities/${data.localityId}`,
      document: pageDocuments.WebLocalityHealthDocument,
      variables: { localityId: data.localityId, ...trendPeriod(new Date()) },
      token: visitors.coordinator.accessToken,
    },
    // The first page of that locality's conflict log (its conflicts in every state).
    {
      name: 'conflict log',
      visitor: visitors.coordinator,
      pagePath: `/manage/localities/${data.localityId}/conflicts`,
      document: pageDocuments.WebConflictLogDocument,
      variables: conflictLogVariables(data.localityId),
      token: visitors.coordinator.accessToken,
    },
  ];
}

/** A page ready to measure: its document printed once, as it is sent over HTTP. */
export type PageUnderTest = BenchedPage & { query: string };

export function underTest(page: BenchedPage): PageUnderTest {
  return { ...page, query: print(page.document) };
}
