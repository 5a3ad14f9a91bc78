// Browser test of provenance (issue 13): each hit and the report view show
// the outlet and a link to the original (new tab, rel="noopener
// noreferrer"), a report without an address shows its file's name, never a
// server path; a hostile address never becomes a link. Real Chromium
// (Debian's), real server, real index.
// Usage: node provenance_test.mjs VIGIE_BINARY OUT_DIR. Exits 77 (skipped)
// when Chromium or playwright-core is missing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { Harness, requireChromium, settledOn, fitsWidth } from './harness.mjs';

const [vigie, out] = process.argv.slice(2);
await requireChromium();
const tmp = mkdtempSync(join(tmpdir(), 'vigie-provenance-'));
const db = join(tmp, 'db');
const corpus = join(tmp, 'corpus');
mkdirSync(join(corpus, 'depeches'), { recursive: true });
const body = 'Des soldats ont arrêté des civils à Mopti selon plusieurs témoins de provmarker.';
// Figures of its own for each report: without them they would be copies of
// one story, one hit on the grouped page (docs/duplicates.md).
const figures = (i) => ` Relevé ${i} : ${i + 1} morts, ${i + 2} blessés, ${i + 3} déplacés, ${i + 4} disparus, ` +
  `${i + 5} arrestations, ${i + 6} villages, ${i + 7} écoles, ${i + 8} marchés, ${i + 9} puits.`;
const LONG_URL = 'https://actu.example.fr/monde/afrique/' + 'tres-long-chemin-sans-espace-'.repeat(6) + 'fin.html';
const lines = [
  { id: 'p1', title: 'Au Sahel, une dépêche avec son adresse', url: 'https://actu.example.fr/monde/p1.html', author: 'Orange avec AFP', section: 'monde' },
  { id: 'p2', title: 'Une dépêche d’un média nommé', url: LONG_URL, outlet: 'Studio Tamani — la radio des Maliens', author: 'Awa Traoré' },
  { id: 'p3', title: 'Une adresse hostile', url: 'javascript:window.__xss=1', author: 'Jean "Jo" Dupont' },
  { id: 'p4', title: 'Une adresse avec des guillemets', url: 'https://example.org/a"onmouseover="window.__xss=2"' },
].map((l, i) => JSON.stringify({ ...l, date: '2020-06-30', body: body + figures(i) }) + '\n').join('');
writeFileSync(join(corpus, 'depeches', 'fil.jsonl'), lines);
writeFileSync(join(corpus, 'note.txt'), 'Une note sans provenance\n\n' + body + figures(7) + '\n');
execFileSync(vigie, ['index', '--db', db, '--quiet', corpus]);

const h = await Harness.start(vigie, db, out);
const { base, browser } = h;
const outside = [];   // requests that left the machine (none may)
const errors = [];
let failed = false;

async function tab(context) {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  return page;
}
// What the page must not show anywhere: the server's folders, a script address.
async function nothingHostile(page, what) {
  const text = await page.locator('main').innerText();
  assert.ok(!text.includes(tmp), what + ': a server path is shown');
  assert.equal(await page.locator('a[href^="javascript:" i], [onmouseover]').count(), 0, what + ': a hostile link or handler');
  assert.equal(await page.evaluate(() => window.__xss), undefined, what + ': an injected script ran');
}

async function screens(tag, viewport) {
  const context = await browser.newContext({ viewport });
  // The original sites are answered here: a click opens the tab without
  // any request leaving the machine.
  await context.route((url) => url.origin !== base, (route) => {
    outside.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'text/html', body: '<title>original</title>' });
  });
  const page = await tab(context);
  const api = await (await fetch(base + '/api/search?q=provmarker&limit=100')).json();
  const byId = Object.fromEntries(api.hits.map((h) => [h.id, h]));
  assert.equal(api.total, 5);

  await page.goto(base + '/?q=provmarker');
  await settledOn(page);
  assert.equal(await page.locator('#hits > li').count(), 5);
  for (const h of api.hits) {
    const li = page.locator('#hits > li', { has: page.locator(`[data-id="${h.id}"]`) });
    const meta = li.locator('.meta');
    const link = meta.locator('a.source-link');
    if (h.url) {
      assert.equal(await link.count(), 1, h.id + ': one link to the source');
      assert.equal(await link.getAttribute('href'), h.url, h.id + ': the API\'s address');
      assert.equal(await link.getAttribute('target'), '_blank');
      assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
      assert.ok((await meta.innerText()).includes(h.outlet), h.id + ': outlet shown');
    } else {
      assert.equal(await link.count(), 0, h.id + ': no address, no link');
      assert.ok((await meta.innerText()).includes(h.source), h.id + ': the file named instead');
    }
  }
  assert.equal(byId.p3.url, null, 'the javascript: address never reached the API');
  assert.equal(byId.p4.url, 'https://example.org/a%22onmouseover=%22window.__xss=2%22', 'quotes encoded');
  assert.equal(byId.note.source, 'note.txt');
  await nothingHostile(page, tag + ' results');
  await fitsWidth(page, tag + ' results');
  await page.screenshot({ path: join(out, `provenance-${tag}-1-results.png`), fullPage: true });

  // The link opens the original in a new tab that has no handle on ours.
  const first = page.locator('#hits > li', { has: page.locator('[data-id="p1"]') }).locator('a.source-link');
  const [opened] = await Promise.all([context.waitForEvent('page'), first.click()]);
  await opened.waitForLoadState();
  assert.equal(opened.url(), byId.p1.url);
  assert.equal(await opened.evaluate(() => window.opener), null, 'noopener: the new tab has no opener');
  await opened.close();

  // The report view: outlet, author, the whole address as a link, the file.
  await page.locator('[data-id="p2"]').click();
  await page.waitForSelector('#report:not([hidden]) .provenance-block');
  const block = page.locator('#report .provenance-block');
  const text = await block.innerText();
  for (const part of ['Publié par', byId.p2.outlet, 'Auteur', 'Awa Traoré', 'Fichier', 'depeches/fil.jsonl#p2'])
    assert.ok(text.includes(part), tag + ' report view: « ' + part + ' » in ' + text);
  const link = block.locator('a.source-link');
  assert.equal(await link.getAttribute('href'), LONG_URL);
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  await nothingHostile(page, tag + ' report');
  await fitsWidth(page, tag + ' report');
  await page.screenshot({ path: join(out, `provenance-${tag}-2-report.png`), fullPage: true });

  // A report without provenance says so, in French.
  await page.goto(base + '/?q=provmarker&report=note');
  await page.waitForSelector('#report:not([hidden]) .provenance-block');
  assert.match(await page.locator('#report .provenance-block').innerText(), /Provenance\s+inconnue/);

  // The page checks addresses itself too: an answer that carried a script
  // address and markup (another server, a bug) still shows inert text.
  await page.route((url) => url.pathname === '/api/search', async (route) => {
    const res = await route.fetch();
    const json = await res.json();
    for (const h of json.hits) {
      h.url = 'javascript:window.__xss=3';
      h.outlet = '"><img src=x onerror="window.__xss=4">';
    }
    await route.fulfill({ response: res, json });
  });
  await page.goto(base + '/?q=provmarker&sort=date');
  await settledOn(page);
  assert.equal(await page.locator('#hits a.source-link').count(), 0, 'no link from a javascript: address');
  assert.equal(await page.locator('main img').count(), 0, 'the outlet is text');
  assert.ok((await page.locator('#hits').innerText()).includes('<img src=x'), 'shown as typed');
  await nothingHostile(page, tag + ' hostile answer');
  await page.screenshot({ path: join(out, `provenance-${tag}-3-hostile.png`) });
  await context.close();
}

try {
  for (const [tag, viewport] of [['desktop', { width: 1400, height: 1000 }], ['phone', { width: 390, height: 844 }]]) {
    await screens(tag, viewport);
  }
  assert.deepEqual(errors, [], 'no script errors');
  assert.deepEqual(outside, ['https://actu.example.fr/monde/p1.html', 'https://actu.example.fr/monde/p1.html'],
    'only the opened originals were asked for (answered here)');
  console.log('provenance browser test: all steps passed at 1400×1000 and 390×844; screenshots in ' + out);
} catch (e) {
  failed = true;
  console.error('provenance browser test failed: ' + (e.stack || e));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
await h.finish(failed);
