/**
 * Screenshots of the widgets for docs/widgets/: `node packages/widgets/scripts/screenshots.mjs <vigia-url> [out-dir]`
 * against a running Vigía (e.g. `pnpm start`), with Debian's /usr/bin/chromium (playwright-core,
 * never a downloaded browser). Writes the newspaper demo page in es/en, light/dark, at 360 and
 * 1280 px, and each element alone at both widths.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../../tests/widgets/', import.meta.url));
const { chromium } = require('playwright-core');
const base = (process.argv[2] ?? 'http://localhost:4000').replace(/\/$/, '');
const out = process.argv[3] ?? new URL('../../../docs/widgets/', import.meta.url).pathname;
const only = process.argv[4];
await mkdir(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const settled = (page) =>
  page.waitForFunction(() =>
    [...document.querySelectorAll('*')]
      .filter((e) => e.localName.startsWith('vigia-'))
      .every((e) => e.shadowRoot?.querySelector('article[aria-busy="false"]')),
  );
const TAGS = ['region-card', 'coordination-counter', 'services', 'indicator', 'training-chart', 'region-map'];
try {
  for (const width of [360, 1280]) {
    for (const lang of ['es', 'en']) {
      for (const theme of ['light', 'dark']) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1, colorScheme: theme });
        const page = await context.newPage();
        // The page as built (dist/demo.html), whatever the running server serves at that path.
        const demo = await readFile(new URL('../dist/demo.html', import.meta.url), 'utf8');
        await page.route('**/widgets/demo.html*', (route) => route.fulfill({ contentType: 'text/html', body: demo }));
        await page.goto(`${base}/widgets/demo.html?lang=${lang}&theme=${theme}`);
        await settled(page);
        const name = `${width}-${lang}-${theme}`;
        if (!only || only === 'page') await page.screenshot({ path: `${out}/demo-${name}.png`, fullPage: true });
        if (lang === 'es' || theme === 'light') {
          for (const tag of TAGS) {
            if (only && only !== tag) continue;
            const el = page.locator(`article > vigia-${tag}`).first();
            await el.scrollIntoViewIfNeeded();
            await el.screenshot({ path: `${out}/${tag}-${name}.png` });
          }
        }
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
}
