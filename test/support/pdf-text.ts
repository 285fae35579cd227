import { execFile } from 'node:child_process';
import { join } from 'node:path';

export interface PdfContent {
  /** Each page's size in points (A4 is 595.28 × 841.89). */
  pages: { width: number; height: number }[];
  text: string;
}

/**
 * A PDF's pages and text, read by pdf-parse (pdf.js). pdf.js loads its worker with a dynamic
 * import, which Jest's CommonJS cannot run: a Node child process reads the PDF from stdin.
 */
export function readPdf(pdf: Buffer): Promise<PdfContent> {
  const script = `const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c)).on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  const info = await parser.getInfo({ parsePageInfo: true });
  const { text } = await parser.getText();
  await parser.destroy();
  process.stdout.write(JSON.stringify({ pages: info.pages.map((p) => ({ width: p.width, height: p.height })), text }));
});`;
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', script], { cwd: join(__dirname, '../..'), encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout) as PdfContent),
    );
    child.stdin!.end(pdf);
  });
}
