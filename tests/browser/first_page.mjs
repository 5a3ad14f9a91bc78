// Measures the unfiltered first page against a running `vigie serve`: the
// bytes the page fetches until it has drawn (HTML, scripts, JSON) and the
// time from the request to the results, facets, histogram and map drawn,
// in headless Chromium at 1400×1000, the median of RUNS fresh tabs.
// Also, inside the page (from its navigation start, Navigation and Resource
// Timing): when the scripts have run (DOMContentLoaded), when /api/search
// was sent and answered, when it was drawn; medians in "in_page".
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
const times = [], bytes = [], apiBytes = [], inPage = [];
const drawnNow = () => document.querySelector('main').getAttribute('aria-busy') === 'false' &&
  document.querySelectorAll('#hits > li').length > 0 && document.querySelector('#facet-actor button.facet') &&
  document.querySelector('#facet-date svg, #facet-date .bar') && document.querySelector('#map path');
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  // The frame it is first seen drawn, in the page's own clock.
  await context.addInitScript(() => {
    const drawn = () => document.querySelector('main') && document.querySelector('main').getAttribute('aria-busy') === 'false' &&
      document.querySelectorAll('#hits > li').length > 0 && document.querySelector('#facet-actor button.facet') &&
      document.querySelector('#facet-date svg, #facet-date .bar') && document.querySelector('#map path');  // as drawnNow
    const tick = () => { if (drawn()) window.__drawnAt = performance.now(); else requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  const page = await context.newPage();
  const sizes = [];
  const pending = [];
  page.on('requestfinished', (req) => pending.push(req.sizes().then((z) => sizes.push([req.url(), z.responseBodySize]))));
  const t0 = Date.now();
  await page.goto(base + '/');
  // Drawn: hits listed, the busy flag down, a facet value, the histogram and the map's regions.
  await page.waitForFunction(drawnNow, null, { timeout: 120000 });
  times.push(Date.now() - t0);
  await page.waitForFunction(() => window.__drawnAt, null, { timeout: 120000 });
  inPage.push(await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const api = performance.getEntriesByType('resource').find((r) => r.name.includes('/api/search'));
    return { scripts_run: nav.domContentLoadedEventEnd, search_sent: api ? api.requestStart : -1,
      search_answered: api ? api.responseEnd : -1, drawn: window.__drawnAt };
  }));
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  bytes.push(sizes.reduce((n, [, b]) => n + b, 0));
  apiBytes.push(sizes.filter(([u]) => u.includes('/api/')).reduce((n, [, b]) => n + b, 0));
  if (i === 0) for (const [u, b] of sizes) console.log(String(b).padStart(10), u.replace(base, ''));
  await context.close();
}
const in_page = Object.fromEntries(Object.keys(inPage[0]).map((k) => [k, Math.round(median(inPage.map((x) => x[k])))]));
console.log(JSON.stringify({ runs, drawn_ms: times, median_drawn_ms: median(times), bytes: median(bytes), api_bytes: median(apiBytes), in_page }));
await browser.close();
