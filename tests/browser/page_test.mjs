// Browser test of the Vigie page: real Chromium (Debian's), real server,
// real index of seeds/. Usage: node page_test.mjs VIGIE_BINARY SEEDS_DIR OUT_DIR
// Exits 77 (skipped) when Chromium is not installed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { Harness, requireChromium, settledOn, hitCount, focusedId, fitsWidth, resultsFocused, openFacets, pickFacet } from './harness.mjs';

const [vigie, seeds, out] = process.argv.slice(2);
await requireChromium();
const tmp = mkdtempSync(join(tmpdir(), 'vigie-browser-'));
const db = join(tmp, 'db');
// A hostile report: its title and body must render as inert text.
const hostile = join(tmp, 'hostile');
mkdirSync(hostile);
writeFileSync(join(hostile, 'xss.txt'),
  'Rapport piégé <script>window.__xss = 1</script> "><img src=x onerror="window.__xss = 2">\n\n' +
  'Le mot xssmarker et <b onmouseover="window.__xss = 3">gras</b> <iframe src="javascript:window.__xss=4"></iframe>');
// Twelve bulletins naming many places: long facet lists (« plus… », the
// filter box) and a second page of results.
const bulletins = join(tmp, 'bulletins');
mkdirSync(bulletins);
for (let i = 1; i <= 12; i++) {
  writeFileSync(join(bulletins, `bulletin-${i}.txt`),
    `Bulletin régional numéro ${i}\n\nDes violences ont été signalées à Kayes, Koulikoro, Sikasso, Ségou, ` +
    'Tombouctou, Ménaka, Bamako, Kita, Bougouni, Koutiala, San, Nioro du Sahel et Diéma. ' +
    // Figures of its own: without them the twelve would be copies of one
    // story, one hit on the grouped page (docs/duplicates.md).
    `Relevé ${i} : ${i + 1} morts, ${i + 2} blessés, ${i + 3} déplacés, ${i + 4} disparus, ${i + 5} arrestations, ` +
    `${i + 6} villages touchés, ${i + 7} écoles fermées, ${i + 8} marchés, ${i + 9} puits.`);
}
execFileSync(vigie, ['index', '--db', db, '--quiet', seeds, hostile, bulletins]);

const h = await Harness.start(vigie, db, out);
const base = h.base;
let failed = false;

// Report ids the API gives for a query string (the page must agree with them).
async function apiIds(query) {
  const r = await (await fetch(base + '/api/search?limit=100&facet_limit=1&' + query)).json();
  return r.hits.map((hit) => hit.id);
}

const tab = (viewport) => h.tab(viewport);

async function screens(tag, viewport, errors) {
  const phone = viewport.width < 600;
  const page = await tab(viewport, errors);
  const shot = (name) => page.screenshot({ path: join(out, `${tag}-${name}.png`) });

  // 1. Every screen size: results first and full width, nothing cut off.
  // The first page's search is sent before the scripts run (web/first_answer.js)
  // and app.js takes that answer: one /api/search, not two.
  const searches = [];
  const onSearch = (req) => { if (req.url().includes('/api/search')) searches.push(req.url()); };
  page.on('request', onSearch);
  await page.goto(base + '/');
  await settledOn(page);
  page.off('request', onSearch);
  assert.equal(searches.length, 1, 'the first page asks /api/search once: ' + searches.join(' '));
  assert.equal(await hitCount(page), 10);
  const width = (await page.locator('#results').boundingBox()).width;
  assert.ok(width >= (phone ? 340 : 700), `${tag}: results column ${width} px wide`);
  await fitsWidth(page, tag + ' results');
  assert.equal(await page.locator('#filters-toggle').isVisible(), phone, 'the panel button shows on phones only');
  await shot('1-results');
  await openFacets(page, phone);
  assert.ok(await page.locator('#facet-place button.facet').first().isVisible());
  if (phone) {
    const box = await page.locator('#facets').boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= viewport.width, 'the panel fits the screen');
    await shot('2-panel');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#facets').isVisible(), false, 'Escape closes the panel');
    assert.equal(await focusedId(page), 'filters-toggle', 'focus back on the panel button');
  }

  // 2. Facets: a long list shows « plus… » and a filter box.
  await openFacets(page, phone);
  const more = page.locator('#facet-place .more-values').first();
  assert.ok(await more.isVisible(), 'a long place list ends with « plus… »');
  const before = await page.locator('#facet-place button.facet').count();
  await more.click();
  await page.waitForSelector('#facet-place[data-full]');  // the whole list, fetched on « plus… »
  assert.ok((await page.locator('#facet-place button.facet').count()) > before, '« plus… » shows more places');
  await page.fill('#facet-place .facet-filter', 'KOU');  // Koulikoro, Koutiala: case ignored
  const shown = await page.locator('#facet-place button.facet').allInnerTexts();
  assert.ok(shown.length >= 2 && shown.every((t) => /kou/i.test(t)), 'the filter box keeps matching places: ' + shown);
  await page.fill('#facet-place .facet-filter', 'menaka');  // accents ignored
  assert.match((await page.locator('#facet-place button.facet').allInnerTexts()).join(), /Ménaka/);
  if (!phone) await shot('2-filter-box');
  await page.fill('#facet-place .facet-filter', '');
  // Actors are paged by the server (web/facet_pages.js): the filter box and
  // « plus… » ask /api/facets for a few values each (limit=), never the whole list.
  const actorAnswers = [];
  const listen = (res) => { if (/\/api\/facets\?.*field=actor/.test(res.url())) actorAnswers.push(res); };
  page.on('response', listen);
  await page.fill('#facet-actor .facet-filter', 'WAGNERIENS');  // an alias of Groupe Wagner: accents and case aside
  await page.locator('#facet-actor button.facet', { hasText: 'Groupe Wagner' }).first().waitFor();
  assert.ok((await page.locator('#facet-actor button.facet').count()) <= 3, 'the box keeps the matching actors only');
  if (!phone) await shot('2-actor-filter');
  await page.fill('#facet-actor .facet-filter', 'zzzqqq');
  await page.locator('#facet-actor .empty-facet', { hasText: 'Aucun acteur ne contient « zzzqqq »' }).waitFor();
  await page.fill('#facet-actor .facet-filter', '');
  const persons = page.locator('#facet-actor .actor-type[data-type="person"]');
  const shownPersons = await persons.locator('button.facet').count();
  const morePersons = persons.locator('.more-values');
  assert.ok(await morePersons.isVisible(), '« plus… » under the persons (16 in the seeds, 10 shown)');
  await morePersons.click();
  await page.waitForFunction((n) => document.querySelectorAll('#facet-actor [data-type="person"] button.facet').length > n, shownPersons);
  assert.equal(await persons.locator('.more-values').count(), 0, 'every person shown: no « plus… » left');
  assert.ok(await page.evaluate(() => document.activeElement.matches('#facet-actor [data-type="person"] button.facet')),
    'focus on the first person added');
  page.off('response', listen);
  assert.ok(actorAnswers.length >= 3, 'three requests: two texts typed, one « plus… »');
  for (const res of actorAnswers) {
    assert.match(res.url(), /[?&]limit=\d+/, 'paged: ' + res.url());
    assert.ok((await res.body()).length < 20000, 'a few KB: ' + res.url());
  }
  if (phone) await page.click('#filters-close');

  // OR within a facet: Mopti, then Kidal: reports naming either.
  const mopti = await apiIds('place=mopti');
  const kidal = await apiIds('place=kidal');
  const either = new Set([...mopti, ...kidal]);
  assert.ok(mopti.length > 0 && kidal.length > 0 && either.size > Math.max(mopti.length, kidal.length));
  await pickFacet(page, phone, 'place', 'mopti', 'Mopti');
  assert.equal(await hitCount(page), mopti.length);
  await resultsFocused(page, tag + ' facet');
  if (phone) assert.equal(await page.locator('#facets').isVisible(), false, 'the panel closes on a choice');
  await pickFacet(page, phone, 'place', 'kidal', 'Kidal');
  assert.equal(await hitCount(page), either.size, 'Mopti + Kidal: reports naming either');
  assert.deepEqual(new Set(await page.locator('#hits .hit-title').evaluateAll((b) => b.map((x) => x.dataset.id))), either);
  assert.equal(await page.locator('#chips .chip').count(), 2);
  await shot('3-or');
  // Both stay listed, pressed, with the count each has alone.
  await openFacets(page, phone);
  const pressed = page.locator('#facet-place button.facet[aria-pressed="true"]');
  const texts = (await pressed.allInnerTexts()).join(' | ');
  assert.equal(await pressed.count(), 2, 'two values pressed: ' + texts);
  assert.match(texts, /Mopti/);
  assert.match(texts, /Kidal/);
  await pressed.first().scrollIntoViewIfNeeded();
  await shot('3-or-facets');
  if (phone) await page.click('#filters-close');
  // A click on an active value removes it.
  await openFacets(page, phone);
  await page.fill('#facet-place .facet-filter', 'mopti');
  const active = page.locator('#facet-place button.facet[aria-pressed="true"]', { hasText: 'Mopti' }).first();
  await active.click();
  await settledOn(page);
  assert.equal(await hitCount(page), kidal.length, 'Mopti removed: Kidal alone');
  assert.doesNotMatch(page.url(), /place=mopti/);
  // AND across facets, and a page without results says so in French.
  await page.goto(base + '/?actor=katiba-macina&place=kidal');
  await settledOn(page);
  assert.equal(await hitCount(page), 0);
  assert.deepEqual(await apiIds('actor=katiba-macina&place=kidal'), []);
  const zero = await page.locator('#summary').innerText();
  assert.match(zero, /Aucun rapport ne correspond \(acteur Katiba du Macina ; lieu Kidal \(région, Mali\)\)/);
  await shot('4-zero');
  await page.locator('#summary button', { hasText: 'Chercher sans les filtres' }).click();
  await settledOn(page);
  assert.equal(await hitCount(page), 10);
  await page.goto(base + '/?q=zzqxw');
  await settledOn(page);
  assert.match(await page.locator('#summary').innerText(), /Aucun rapport ne correspond \(mots « zzqxw »\)/);

  // Dates: from/to fields for the publication and the mentioned events (a
  // seed says « en août 2020 »), shown as chips, kept in the URL, removable.
  await page.goto(base + '/');
  await settledOn(page);
  await openFacets(page, phone);
  await page.fill('#event_from', '2020-08');
  await page.fill('#event_to', '2020-08');
  await page.fill('#to', '2023');
  if (phone) await fitsWidth(page, tag + ' date fields');
  await page.locator('#date-range').scrollIntoViewIfNeeded();
  await shot('4-date-fields');
  await page.locator('#date-range button[type=submit]').click();
  await settledOn(page);
  const inAugust = await apiIds('event_from=2020-08&event_to=2020-08&to=2023');
  const until2023 = await apiIds('to=2023');
  assert.ok(inAugust.length > 0 && inAugust.length < until2023.length, 'events narrow: ' + inAugust.length);
  assert.equal(await hitCount(page), Math.min(10, inAugust.length));
  assert.match(page.url(), /event_from=2020-08&event_to=2020-08/);
  const dateChips = (await page.locator('#chips .chip').allInnerTexts()).join(' | ');
  assert.match(dateChips, /Publication : … → 2023/);
  assert.match(dateChips, /Événements : 2020-08/);
  await fitsWidth(page, tag + ' dates');
  await shot('4-dates');
  await page.locator('#chips .chip', { hasText: 'Événements' }).click();
  await settledOn(page);
  assert.doesNotMatch(page.url(), /event_/);
  assert.equal(await hitCount(page), Math.min(10, until2023.length));
  await page.goto(base + '/?event_to=2020-02-30');
  await settledOn(page);
  assert.match(await page.locator('#summary').innerText(), /Dates d’événement : event_to doit être une date/);

  // 3. Keyboard: the skip link first, then focus follows every change.
  await page.goto(base + '/');
  await settledOn(page);
  // Counts are written the French way (« 36 152 rapports »), as at 36k.
  assert.equal(await page.evaluate(() => frNumber(36152)), '36\u202f152');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  assert.ok(await page.locator('.skip-link').isVisible(), 'the skip link shows when focused');
  await page.keyboard.press('Enter');
  assert.equal(await focusedId(page), 'summary', 'the skip link lands on the results');
  await page.fill('#q', 'bulletin');
  await page.press('#q', 'Enter');
  await settledOn(page);
  await resultsFocused(page, tag + ' search');
  await page.locator('#pages button', { hasText: '2' }).click();
  await settledOn(page);
  assert.match(page.url(), /page=2/);
  await resultsFocused(page, tag + ' page change');
  // Open the last hit, come back: focus on it again.
  const last = page.locator('#hits .hit-title').last();
  const lastId = await last.getAttribute('data-id');
  await last.scrollIntoViewIfNeeded();
  await last.click();
  await settledOn(page);
  await page.waitForSelector('#report:not([hidden])');
  await fitsWidth(page, tag + ' report');
  const report = await page.locator('#report').boundingBox();
  assert.ok(report.x >= 0 && report.x + report.width <= viewport.width, tag + ': the report fits the screen');
  assert.equal(await page.locator('#facets').isVisible(), false, 'the report takes the width of the facets');
  await page.locator('#report .back').click();
  await page.waitForFunction((id) => document.activeElement && document.activeElement.dataset &&
    document.activeElement.dataset.id === id, lastId);
  assert.match(page.url(), /page=2/);

  // A report opened from a shared link, in a fresh tab: « Retour » stays on the site.
  const shared = await tab(viewport, errors);
  const [amassine] = await apiIds('q=Amassine');
  await shared.goto(base + '/?q=Amassine&report=' + encodeURIComponent(amassine));
  await settledOn(shared);
  await shared.waitForSelector('#report:not([hidden])');
  await fitsWidth(shared, tag + ' shared report');
  await shared.screenshot({ path: join(out, `${tag}-5-report.png`) });
  await shared.locator('#report .back').click();
  await settledOn(shared);
  assert.ok(shared.url().startsWith(base + '/?q=Amassine'), 'Retour stays on the site: ' + shared.url());
  assert.equal(await hitCount(shared), 1);
  await shared.close();

  // 4. French everywhere, errors included.
  await page.goto(base + '/?from=2022-13');
  await settledOn(page);
  const bad = await page.locator('#summary').innerText();
  assert.match(bad, /La date de début n’est pas valide/);
  assert.doesNotMatch(bad, /must|date that/);
  await shot('6-error');
  await page.goto(base + '/?report=nulle-part');
  await settledOn(page);
  assert.match(await page.locator('#report').innerText(), /Ce rapport n’existe pas/);
  await page.close();
}

// 768×1024: results full width, facets behind the button.
async function tablet(errors) {
  const page = await tab({ width: 768, height: 1024 }, errors);
  await page.goto(base + '/');
  await settledOn(page);
  assert.ok((await page.locator('#results').boundingBox()).width >= 700);
  await fitsWidth(page, 'tablet');
  await page.screenshot({ path: join(out, 'tablet-1-results.png') });
  await openFacets(page, true);
  await page.screenshot({ path: join(out, 'tablet-2-panel.png') });
  await page.close();
}
const errors = h.errors;
try {
  const page = await tab({ width: 1400, height: 1000 });
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
  // « Exporter »: the links carry the query and the filter; the CSV holds
  // the header and the one result.
  const csvHref = await page.locator('#summary a.export-csv').getAttribute('href');
  assert.match(csvHref, /^\/api\/export\?.*q=arm.*actor=.*format=csv$/);
  assert.match(await page.locator('#summary a.export-jsonl').getAttribute('href'), /format=jsonl$/);
  const csvText = await page.evaluate(async (h) => (await fetch(h)).text(), csvHref);
  assert.equal(csvText.trim().split('\r\n').length, 2, 'export: header and one row\n' + csvText.slice(0, 300));
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
  assert.ok(mapHits >= 1);
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

  // By keyboard: the skip link, then the home link, then the box; type, Enter.
  await page.goto(base + '/');
  await page.waitForFunction(() => document.querySelectorAll('#hits > li').length === 10);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q', 'three Tabs reach the search box');
  await page.keyboard.type('Lavrov');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('#hits > li').length === 1);

  for (const [tag, viewport] of [['desktop', { width: 1400, height: 1000 }], ['phone', { width: 390, height: 844 }]]) {
    await screens(tag, viewport, errors);
  }
  await tablet(errors);

  console.log('browser test: all steps passed at desktop, 768×1024 and 390×844; screenshots in ' + out);
} catch (e) {
  failed = true;
  console.error('browser test failed: ' + (e.stack || e));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
await h.finish(failed);
