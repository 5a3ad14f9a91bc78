// Browser test of the Vigie page: real Chromium (Debian's), real server,
// real index of seeds/. Usage: node page_test.mjs VIGIE_BINARY SEEDS_DIR OUT_DIR
// Exits 77 (skipped) when Chromium is not installed.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const [vigie, seeds, out] = process.argv.slice(2);
const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  console.log('SKIP: ' + CHROMIUM + ' is not installed (apt-get install chromium)');
  process.exit(77);
}
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  console.log('SKIP: playwright-core is not installed (npm ci --prefix tests/browser)');
  process.exit(77);
}
mkdirSync(out, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), 'vigie-browser-'));
const db = join(tmp, 'db');
// A hostile report: its title and body must render as inert text.
const hostile = join(tmp, 'hostile');
mkdirSync(hostile);
writeFileSync(join(hostile, 'xss.txt'),
  'Rapport piégé <script>window.__xss = 1</script> "><img src=x onerror="window.__xss = 2">\n\n' +
  'Le mot xssmarker et <b onmouseover="window.__xss = 3">gras</b> <iframe src="javascript:window.__xss=4"></iframe>');
execFileSync(vigie, ['index', '--db', db, '--quiet', seeds, hostile]);

// The server prints the port it bound ("--port 0": a free one).
const server = spawn(vigie, ['serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolve, reject) => {
  let text = '';
  server.stdout.on('data', (d) => {
    text += d;
    const m = text.match(/:(\d+)/);
    if (m) resolve(Number(m[1]));
  });
  server.on('exit', () => reject(new Error('server exited: ' + text)));
  setTimeout(() => reject(new Error('server did not start: ' + text)), 15000);
});
const base = `http://127.0.0.1:${port}`;

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = false;
const outside = [];
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) outside.push(r.url()); });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // The page has drawn the answer to its latest request.
  const settled = () => page.waitForFunction(() => document.querySelector('main').getAttribute('aria-busy') === 'false');

  // Type a query while the opening match-all is still on its way (held
  // back 1.5 s): the late answer must not replace the typed query's hits.
  let held = 0;
  await page.route((url) => url.pathname === '/api/search' && !url.searchParams.has('q'), async (route) => {
    if (held++ === 0) await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await page.goto(base + '/');
  await page.waitForFunction(() => document.querySelector('main').getAttribute('aria-busy') === 'true');
  await page.fill('#q', 'armée');
  await page.press('#q', 'Enter');
  await settled();
  await page.waitForTimeout(2000);  // the held answer arrives, and must be dropped
  await page.unrouteAll();
  assert.equal(held, 1, 'the opening match-all was held back');
  assert.equal(await page.locator('#hits > li').count(), 5);
  assert.match(await page.locator('#summary').innerText(), /5 rapports/);
  assert.ok((await page.locator('#hits mark, #hits b').count()) > 0, 'matches are highlighted');
  assert.match(page.url(), /q=arm/);
  await page.screenshot({ path: join(out, '1-query.png') });

  // Click an actor facet: the count changes and a chip appears.
  await page.locator('#facet-actor button.facet', { hasText: 'Katiba du Macina' }).first().click();
  await settled();
  assert.equal(await page.locator('#hits > li').count(), 1);
  assert.equal(await page.locator('#chips .chip').count(), 1);
  assert.match(page.url(), /actor=katiba-macina/);
  await page.screenshot({ path: join(out, '2-facet.png') });

  // Remove the chip: back to five.
  await page.locator('#chips .chip').first().click();
  await settled();
  assert.equal(await page.locator('#hits > li').count(), 5);
  assert.equal(await page.locator('#chips .chip').count(), 0);

  // The back button restores the filtered state.
  await page.goBack();
  await page.waitForFunction(() => document.querySelectorAll('#hits > li').length === 1);
  await page.goForward();
  await page.waitForFunction(() => document.querySelectorAll('#hits > li').length === 5);

  // A place from the map.
  const bubbles = page.locator('#map circle');
  assert.ok((await bubbles.count()) > 0, 'the map has bubbles');
  await bubbles.first().click();
  await settled();
  assert.equal(await page.locator('#chips .chip').count(), 1);
  const mapHits = await page.locator('#hits > li').count();
  assert.ok(mapHits >= 1 && mapHits <= 5);
  await page.screenshot({ path: join(out, '3-map.png') });

  // Open a report.
  await page.goto(base + '/?q=Amassine');
  await page.waitForFunction(() => document.querySelectorAll('#hits > li').length === 1);
  await page.locator('#hits .hit-title').first().click();
  await settled();
  await page.waitForSelector('#report:not([hidden])');
  assert.match(await page.locator('#report').innerText(), /Amassine/);
  await page.screenshot({ path: join(out, '4-report.png') });

  // The hostile report, in the results and opened: nothing runs, no element is injected.
  await page.goto(base + '/?q=xssmarker');
  await page.waitForFunction(() => document.querySelectorAll('#hits > li').length === 1);
  assert.match(await page.locator('#hits').innerText(), /<script>/);
  await page.locator('#hits .hit-title').first().click();
  await settled();
  await page.waitForSelector('#report:not([hidden])');
  await page.locator('#report').hover();
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'no injected script ran');
  assert.equal(await page.locator('main img, main iframe, main script, #hits [onmouseover], #report [onmouseover]').count(), 0);
  await page.screenshot({ path: join(out, '5-hostile.png') });

  // By keyboard: focus the box, type, Enter.
  await page.goto(base + '/');
  await page.waitForFunction(() => document.querySelectorAll('#hits > li').length === 6);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q', 'Tab, Tab reaches the search box');
  await page.keyboard.type('Lavrov');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('#hits > li').length === 1);

  assert.deepEqual(errors, [], 'no script errors');
  assert.deepEqual(outside, [], 'no request leaves the machine');
  console.log('browser test: 8 steps passed; screenshots in ' + out);
} catch (e) {
  failed = true;
  console.error('browser test failed: ' + (e.stack || e));
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
