import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { packageRoot } from '../views';

/** A `chromium` on PATH, if any. */
function chromiumOnPath(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'chromium');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * @sparticuz/chromium's browser, unpacked into the temp folder. The package is an ES module
 * that finds its files through import.meta, which CommonJS (the build, Jest) cannot load: a
 * Node child process asks it instead (asynchronously: the service keeps answering meanwhile).
 */
async function packagedChromium(): Promise<{ executablePath: string; args: string[] }> {
  const script = `import c from '@sparticuz/chromium';
process.stdout.write(JSON.stringify({ executablePath: await c.executablePath(), args: c.args }));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: packageRoot(), encoding: 'utf8' });
  return JSON.parse(stdout);
}

/**
 * Flags for a browser that only renders our own pages on a server: no first-run, sync,
 * extensions, background networking or shared-memory assumptions (small /dev/shm in containers).
 */
const SERVER_FLAGS = [
  '--disable-dev-shm-usage',
  '--disable-extensions',
  '--disable-background-networking',
  '--disable-sync',
  '--disable-default-apps',
  '--no-first-run',
  '--mute-audio',
  '--hide-scrollbars',
];

/**
 * Of @sparticuz/chromium's own flags (made for AWS Lambda), those for running as root without
 * a sandbox, in a container, and its text rendering. Not its GPU emulation (SwiftShader in
 * process: about 40 % of the browser's CPU on our pages, measured on the conflict pages'
 * browser test, 12.5–14 s against 7.5–8.3 s), its single process, nor its switches that turn
 * off web security and site isolation, which a printer of our own pages has no use for.
 */
const SANDBOXLESS_FLAGS = new Set(['--no-sandbox', '--no-zygote', '--disable-setuid-sandbox', '--font-render-hinting=none']);

/**
 * Real headless Chromium: `executablePath` (CHROMIUM_PATH), else a `chromium` on PATH, else
 * the npm package @sparticuz/chromium's, so `npm ci` needs nothing else. Used by the service
 * (board pack) and the browser tests alike. playwright-core is loaded here, at the first launch:
 * loading it costs ~0.3 s of CPU that every process starting the API paid before any print.
 */
export async function launchChromium(executablePath?: string | null): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const system = executablePath || chromiumOnPath();
  if (system) return chromium.launch({ executablePath: system, headless: true, args: SERVER_FLAGS });
  const packaged = await packagedChromium();
  const args = [...new Set([...packaged.args.filter((arg) => SANDBOXLESS_FLAGS.has(arg)), ...SERVER_FLAGS])];
  // Two processes starting at once (the API and the worker, or test workers on a fresh
  // machine) both unpack the binary; the second sees the file while the first still writes
  // it, and spawning it fails with ETXTBSY until the writer closes it.
  for (let attempt = 1; ; attempt++) {
    try {
      return await chromium.launch({ executablePath: packaged.executablePath, args, headless: true });
    } catch (error) {
      if (attempt >= UNPACKING_ATTEMPTS || !String((error as Error).message).includes('ETXTBSY')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** Half-second tries while another process finishes unpacking the packaged browser. */
const UNPACKING_ATTEMPTS = 20;
