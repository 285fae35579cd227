export { mountWebPages } from './web-pages';
export { PdfModule } from './pdf/pdf.module';
export { PdfPrinter, PrintUnavailable } from './pdf/pdf-printer';
export { launchChromium } from './pdf/chromium-launcher';
// What the pages run, for the benchmark that sets each page beside its document alone (apps/bench).
export * as pageDocuments from './graphql/generated';
// The variables those pages compute, so that a measurement sends what the page sends.
export { trendPeriod } from './health/health-view';
export { myBodyVariables } from './member/member.documents';
export { logVariables as conflictLogVariables } from './conflicts/conflict-log';
