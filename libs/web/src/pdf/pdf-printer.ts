import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Browser, Route } from 'playwright-core';
import { APP_CONFIG, AppConfig } from '@joinedup/config';
import { STATIC_FOLDERS } from '../views';
import { launchChromium } from './chromium-launcher';
import { PrintSlots } from './print-slots';

/** Why a PDF could not be printed now: the caller answers 503 and asks to try again later. */
export class PrintUnavailable extends Error {
  constructor(readonly reason: 'busy' | 'timeout' | 'browser') {
    super(`The PDF could not be printed (${reason})`);
  }
}

/**
 * The origin Chromium believes the page came from. `.invalid` never resolves, and every
 * request is answered by route() below anyway: the browser reaches no server, ours included.
 */
const PRINT_ORIGIN = 'https://print.joinedup.invalid';

const TYPES: Record<string, string> = {
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The page's own policy: our files only, no script at all. */
const PRINT_CSP = "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self'";

/**
 * Prints server-rendered HTML to PDF with one headless Chromium per process. The HTML is
 * rendered here with the signed-in user's identity and handed over whole: the user's tokens
 * and cookies never reach the browser, its URLs or its logs. Bounded: `concurrency` prints
 * at once (others wait up to `waitMs`, then PrintUnavailable('busy')), each abandoned after
 * `timeoutMs`; a browser that crashed or disconnected is launched again by the next print.
 */
@Injectable()
export class PdfPrinter implements OnModuleDestroy {
  private readonly logger = new Logger('PdfPrinter');
  private readonly slots: PrintSlots;
  private browser?: Promise<Browser>;
  private closing = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.slots = new PrintSlots(config.boardPack.concurrency, config.boardPack.waitMs);
  }

  /** An A4 PDF of the page (its @page rules decide the margins). */
  async print(html: string): Promise<Buffer> {
    const release = await this.slots.acquire();
    if (!release) throw new PrintUnavailable('busy');
    try {
      return await this.printNow(html);
    } finally {
      release();
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    const browser = this.browser;
    this.browser = undefined;
    await (await browser?.catch(() => undefined))?.close().catch(() => undefined);
  }

  private async printNow(html: string): Promise<Buffer> {
    let browser: Browser;
    try {
      browser = await this.connected();
    } catch (error) {
      this.logger.error(error instanceof Error ? error : String(error), 'Chromium could not be launched');
      throw new PrintUnavailable('browser');
    }
    const context = await browser.newContext({ acceptDownloads: false, serviceWorkers: 'block' }).catch(() => undefined);
    if (!context) {
      // A browser that cannot open a page is of no use: closed, the next print launches another.
      void browser.close().catch(() => undefined);
      throw new PrintUnavailable('browser');
    }
    let timedOut = false;
    // Closing the context ends whatever it is doing: goto and pdf reject at once.
    const timer = setTimeout(() => {
      timedOut = true;
      void context.close().catch(() => undefined);
    }, this.config.boardPack.timeoutMs);
    try {
      await context.route('**/*', (route) => this.answer(route, html));
      const page = await context.newPage();
      await page.goto(`${PRINT_ORIGIN}/`, { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready.then(() => true)');
      return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    } catch (error) {
      if (timedOut) throw new PrintUnavailable('timeout');
      if (!browser.isConnected()) throw new PrintUnavailable('browser');
      throw error;
    } finally {
      clearTimeout(timer);
      await context.close().catch(() => undefined);
    }
  }

  /** The page itself, our static files from disk, and nothing else (aborted). */
  private async answer(route: Route, html: string): Promise<void> {
    const url = new URL(route.request().url());
    if (url.origin !== PRINT_ORIGIN) return route.abort('blockedbyclient');
    if (url.pathname === '/') {
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': PRINT_CSP }, body: html });
    }
    const file = staticFile(url.pathname);
    const type = file && TYPES[extname(file)];
    const body = file && type ? await readFile(file).catch(() => undefined) : undefined;
    if (!body) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({ status: 200, contentType: type, body });
  }

  /** The running browser, launched when there is none or the last one crashed or disconnected. */
  private connected(): Promise<Browser> {
    this.browser ??= this.launch();
    const launching = this.browser;
    const drop = () => {
      if (this.browser === launching) this.browser = undefined;
    };
    return launching.then(
      (browser) => {
        if (browser.isConnected()) return browser;
        drop();
        return this.connected();
      },
      (error: unknown) => {
        drop();
        throw error;
      },
    );
  }

  private async launch(): Promise<Browser> {
    const browser = await launchChromium(this.config.boardPack.chromiumPath);
    browser.on('disconnected', () => {
      if (!this.closing) this.logger.warn('Chromium went away; the next print launches it again');
    });
    return browser;
  }
}

/** The file under one of the static folders that an address names, never outside them. */
function staticFile(pathname: string): string | undefined {
  const folder = STATIC_FOLDERS.find(({ prefix }) => pathname.startsWith(`${prefix}/`));
  if (!folder) return undefined;
  const file = resolve(folder.dir, `.${decodeURIComponent(pathname.slice(folder.prefix.length))}`);
  return file.startsWith(folder.dir + sep) ? file : undefined;
}
