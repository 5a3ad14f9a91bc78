// Measures the unfiltered first page against a running `vigie serve`: the
// bytes the page fetches until it has drawn (HTML, scripts, JSON) and the
// time from the request to the results, facets, histogram and map drawn,
// in headless Chromium at 1400×1000, the median of RUNS fresh tabs.
// Not a ctest: for docs/page.md. Usage: node first_page.mjs BASE_URL [RUNS]
import assert from 'node:assert/strict';
import { requireChromium } from './harness.mjs';

const [base, runsArg] = process.argv.slice(2);
assert.ok(base, 'usage: node first_page.mjs BASE_URL [RUNS]');
const runs = Number(runsArg || 7);
const chromium = await requireChromium();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const times = [], bytes = [], apiBytes = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const sizes = [];
  const pending = [];
  page.on('requestfinished', (req) => pending.push(req.sizes().then((z) => sizes.push([req.url(), z.responseBodySize]))));
  const t0 = Date.now();
  await page.goto(base + '/');
  // Drawn: hits listed, the busy flag down, a facet value, the histogram and the map's regions.
  await page.waitForFunction(() => document.querySelector('main').getAttribute('aria-busy') === 'false' &&
    document.querySelectorAll('#hits > li').length > 0 && document.querySelector('#facet-actor button.facet') &&
    document.querySelector('#facet-date svg, #facet-date .bar') && document.querySelector('#map path'), null, { timeout: 120000 });
  times.push(Date.now() - t0);
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  bytes.push(sizes.reduce((n, [, b]) => n + b, 0));
  apiBytes.push(sizes.filter(([u]) => u.includes('/api/')).reduce((n, [, b]) => n + b, 0));
  if (i === 0) for (const [u, b] of sizes) console.log(String(b).padStart(10), u.replace(base, ''));
  await context.close();
}
console.log(JSON.stringify({ runs, drawn_ms: times, median_drawn_ms: median(times), bytes: median(bytes), api_bytes: median(apiBytes) }));
await browser.close();
