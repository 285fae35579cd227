export { mountWebPages } from './web-pages';
// What the pages run, for the benchmark that sets each page beside its document alone (apps/bench).
export * as pageDocuments from './graphql/generated';
export { myBodyVariables } from './member/member.documents';
