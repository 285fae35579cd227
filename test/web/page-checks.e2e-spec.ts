import { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { accessibilityViolations, checkPage } from '../support/web-page-checks';

const page = (body: string, head = '<title>A page</title>') =>
  `<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width">${head}</head><body><main><h1>A page</h1>${body}</main></body></html>`;

/** The check every browser test runs on its pages must fail on a page a person could not use. */
describe('checkPage', () => {
  let browser: Browser;
  let tab: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    tab = await (await browser.newContext({ viewport: { width: 320, height: 720 } })).newPage();
  }, 60_000);
  afterAll(() => browser?.close());

  it('passes an accessible page that fits 320 px, and checks it again after it changed', async () => {
    await tab.setContent(page('<p>Nothing to fix.</p><label for="n">Name</label><input id="n" name="n">'));
    await checkPage(tab);
    // The same document again (axe-core already in it): the new image without a text alternative is found.
    await tab.evaluate(`document.querySelector('main').insertAdjacentHTML('beforeend', '<img src="data:," id="late">')`);
    await expect(accessibilityViolations(tab)).resolves.toEqual(['image-alt: #late']);
  });

  it('reports each WCAG violation with where it is, on a new document each time', async () => {
    await tab.setContent(page('<img src="data:,"><input name="unlabelled"><a href="/x"></a>'));
    await expect(checkPage(tab)).rejects.toThrow(/image-alt[\s\S]*label[\s\S]*link-name/);
    await tab.setContent(page('<p style="color:#bbb;background:#fff">Faint text</p>'));
    await expect(accessibilityViolations(tab)).resolves.toEqual(['color-contrast: p']);
  });

  it("reports a page wider than its viewport (600 px and the body's margins in 320)", async () => {
    await tab.setContent(page('<div style="width: 600px">Too wide for a phone</div>'));
    await expect(checkPage(tab)).rejects.toThrow(/A page[\s\S]*288/);
  });

  it('looks inside frames too', async () => {
    await tab.setContent(page(`<iframe title="Inner" srcdoc="${page('<img src=&quot;data:,&quot;>').replace(/"/g, '&quot;')}"></iframe>`));
    await expect(accessibilityViolations(tab)).resolves.toEqual([expect.stringMatching(/^image-alt: iframe,img/)]);
  });
});
