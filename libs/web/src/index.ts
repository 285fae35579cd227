export { mountWebPages } from './web-pages';
// Each page's GraphQL documents, for the benchmark that sets a page beside its document alone (apps/bench).
export * as healthCheckDocuments from './health-check/health-check.documents';
export * as memberDocuments from './member/member.documents';
