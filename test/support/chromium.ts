import { Browser } from 'playwright-core';
import { launchChromium as launch } from '@joinedup/web';

/** Real Chromium for browser tests: CHROMIUM_PATH, else a `chromium` on PATH, else the npm package's (the service's own launcher). */
export function launchChromium(): Promise<Browser> {
  return launch(process.env.CHROMIUM_PATH);
}
