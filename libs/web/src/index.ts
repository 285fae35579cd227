export { mountWebPages } from './web-pages';
export { PdfModule } from './pdf/pdf.module';
export { PdfPrinter, PrintUnavailable } from './pdf/pdf-printer';
export { launchChromium } from './pdf/chromium-launcher';
