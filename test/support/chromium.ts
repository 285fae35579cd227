import { Browser } from 'playwright-core';
import { launchChromium as launch } from '@joinedup/web';
import { shared } from './shared';

/** Real Chromium for browser tests: CHROMIUM_PATH, else a `chromium` on PATH, else the npm package's (the service's own launcher). */
export function launchChromium(): Promise<Browser> {
  return launch(process.env.CHROMIUM_PATH);
}

/**
 * One Chromium for the browser spec modules one test file runs (`test/web/programmes.e2e-spec.ts`
 * and its neighbours), as `sharedApi` is one API (see `shared`). Each module still makes its own
 * contexts, so no cookie or session passes from one module to the next.
 */
export const sharedBrowser = shared(launchChromium, (browser) => browser.close());
