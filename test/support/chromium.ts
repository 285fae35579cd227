import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { Browser, chromium } from 'playwright-core';

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
 * that finds its files through import.meta, which Jest's CommonJS cannot load: a Node child
 * process asks it instead.
 */
function packagedChromium(): { executablePath: string; args: string[] } {
  const script = `import c from '@sparticuz/chromium';
process.stdout.write(JSON.stringify({ executablePath: await c.executablePath(), args: c.args }));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: join(__dirname, '../..'), encoding: 'utf8' }));
}

/** Real Chromium: CHROMIUM_PATH, else a `chromium` on PATH, else the npm package's. */
export async function launchChromium(): Promise<Browser> {
  const system = process.env.CHROMIUM_PATH || chromiumOnPath();
  if (system) return chromium.launch({ executablePath: system, headless: true });
  const packaged = packagedChromium();
  // Its args are for a sandbox-less server (as root, in a container): keep them, but one process per page.
  const args = packaged.args.filter((arg) => arg !== '--single-process');
  return chromium.launch({ executablePath: packaged.executablePath, args, headless: true });
}
