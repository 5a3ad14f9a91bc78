// Browser test of the date histogram and the map (issue 13): empty months
// drawn, labelled axes, a year view over a long span, a drag selects a
// range, a click one month and the keyboard a range, the histogram never
// collapsing; region shapes labelled, with a legend, keyboard reachable, a
// region click filters and opens it on its cercles; a named area is never a point; a phone
// (390×844) never scrolls sideways. Real Chromium, real server, real index.
// Usage: node viz_test.mjs VIGIE_BINARY OUT_DIR. Exits 77 (skipped) when
// Chromium or playwright-core is missing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { Harness, requireChromium, settledOn, fitsWidth, openFacets } from './harness.mjs';

const [vigie, out] = process.argv.slice(2);
await requireChromium();
const tmp = mkdtempSync(join(tmpdir(), 'vigie-viz-'));
const db = join(tmp, 'db');
const corpus = join(tmp, 'corpus');
mkdirSync(corpus, { recursive: true });
// 2020: January 3, February none, March 1, April none, May 2 (word « bulletin »);
// one older report (2005) makes the whole index span sixteen years.
const lines = [
  ['b1', '2020-01-05', 'Des civils ont été tués à Douentza, dans la région de Mopti.'],
  ['b2', '2020-01-12', 'Une attaque a visé Bandiagara, dans la région de Mopti, au Sahel.'],
  ['b3', '2020-01-20', 'Des soldats ont été déployés à Kidal et à Tessalit.'],
  ['b4', '2020-03-02', 'Des déplacés arrivent à Djenné, dans la région de Mopti.'],
  ['b5', '2020-05-15', 'Le Liptako-Gourma et le Sahel restent sous tension ; à Gao, un marché a rouvert.'],
  ['b6', '2020-05-28', 'Une école a rouvert ses portes à Douentza, dans la région de Mopti.'],
].map(([id, date, text]) => ({ id, date, title: 'Bulletin ' + id, body: 'Bulletin de la semaine. ' + text }));
lines.push({ id: 'old', date: '2005-06-01', title: 'Ancien rapport', body: 'Un ancien rapport sur Kayes.' });
writeFileSync(join(corpus, 'fil.jsonl'), lines.map((l) => JSON.stringify(l) + '\n').join(''));
execFileSync(vigie, ['index', '--db', db, '--quiet', corpus]);

const h = await Harness.start(vigie, db, out);
const { base } = h;
let failed = false;

const periods = (page) => page.locator('#facet-date svg.histogram g.period')
  .evaluateAll((gs) => gs.map((g) => ({ id: g.dataset.id, count: Number(g.dataset.count), empty: g.classList.contains('empty'),
    sel: g.classList.contains('sel') })));
const param = (page, name) => new URL(page.url()).searchParams.getAll(name);
const waitUrl = (page, re) => page.waitForFunction((src) => new RegExp(src).test(location.search), re.source);

async function desktop() {
  const page = await h.tab({ width: 1400, height: 1000 });
  const shot = (name) => page.screenshot({ path: join(out, `viz-desktop-${name}.png`) });

  // Months of 2020: five bars, February and April drawn empty; labelled axes.
  await page.goto(base + '/?q=bulletin');
  await settledOn(page);
  await page.waitForSelector('#facet-date svg.histogram');
  assert.equal(await page.getAttribute('#facet-date svg.histogram', 'data-view'), 'month');
  let ps = await periods(page);
  assert.deepEqual(ps.map((p) => p.id), ['2020-01', '2020-02', '2020-03', '2020-04', '2020-05']);
  assert.deepEqual(ps.map((p) => p.count), [3, 0, 1, 0, 2]);
  assert.deepEqual(ps.filter((p) => p.empty).map((p) => p.id), ['2020-02', '2020-04'], 'empty months drawn');
  const axis = (await page.locator('#facet-date .axis').allTextContents()).join(' | ');
  assert.match(axis, /rapports/, 'y axis titled: ' + axis);
  assert.match(axis, /date de publication \(par mois\)/, 'x axis titled: ' + axis);
  assert.match(axis, /2020/, 'x axis has years: ' + axis);
  assert.match(axis, /\b3\b/, 'y axis has counts: ' + axis);
  await page.locator('#facet-date').scrollIntoViewIfNeeded();
  await shot('1-months');

  // A click on March: that month, the histogram still shows the whole span.
  const bar = (id) => page.locator(`#facet-date g.period[data-id="${id}"] rect.hit-area`);
  await bar('2020-03').click();
  await waitUrl(page, /from=2020-03&to=2020-03/);
  await settledOn(page);
  assert.equal(await page.locator('#hits > li').count(), 1);
  assert.equal(await page.inputValue('#from'), '2020-03');
  ps = await periods(page);
  assert.equal(ps.length, 5, 'the histogram keeps the whole span after a click');
  assert.deepEqual(ps.filter((p) => p.sel).map((p) => p.id), ['2020-03'], 'March highlighted');
  assert.match((await page.locator('#chips .chip').allTextContents()).join(), /Publication : 2020-03/);

  // A drag from January to March: that range.
  const a = await bar('2020-01').boundingBox(), b = await bar('2020-03').boundingBox();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width, a.y + a.height / 2, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
  await waitUrl(page, /from=2020-01&to=2020-03/);
  await settledOn(page);
  assert.equal(await page.locator('#hits > li').count(), 4);
  ps = await periods(page);
  assert.equal(ps.length, 5);
  assert.deepEqual(ps.filter((p) => p.sel).map((p) => p.id), ['2020-01', '2020-02', '2020-03']);
  await shot('2-range');

  // The keyboard: arrows over the periods, Shift extends, Enter chooses.
  await page.focus('#facet-date svg.histogram');
  await page.keyboard.press('ArrowRight');  // the cursor on the first chosen period: January
  await page.keyboard.press('ArrowRight');  // February
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');  // February to April
  assert.match(await page.locator('#facet-date [aria-live]').textContent(), /février 2020 – avril 2020 : 1 rapport$/);
  await page.keyboard.press('Enter');
  await waitUrl(page, /from=2020-02&to=2020-04/);
  await settledOn(page);
  assert.equal(await page.locator('#hits > li').count(), 1);
  assert.deepEqual((await periods(page)).filter((p) => p.sel).map((p) => p.id), ['2020-02', '2020-03', '2020-04']);

  // The whole index spans 2005-2020: one bar per year, empty years drawn.
  await page.goto(base + '/');
  await settledOn(page);
  await page.waitForSelector('#facet-date svg.histogram[data-view="year"]');
  ps = await periods(page);
  assert.equal(ps.length, 16);
  assert.equal(ps[0].id, '2005');
  assert.equal(ps.filter((p) => p.empty).length, 14, 'empty years drawn');
  assert.match((await page.locator('#facet-date .axis').allTextContents()).join(' '), /par an/);
  await bar('2005').click();
  await waitUrl(page, /from=2005&to=2005/);
  await settledOn(page);
  assert.equal(await page.locator('#hits > li').count(), 1);
  assert.equal((await periods(page)).length, 16, 'a year chosen keeps the sixteen years');

  // The map: region shapes, labelled, with counts, a legend; areas never a point.
  await page.goto(base + '/?q=bulletin');
  await settledOn(page);
  const mopti = page.locator('#map path.region[data-id="mopti"]');
  await mopti.waitFor();
  assert.match(await mopti.getAttribute('aria-label'), /Mopti.* : 4 rapports/);
  assert.equal(await mopti.getAttribute('tabindex'), '0');
  assert.equal(await mopti.getAttribute('role'), 'button');
  assert.equal(await page.locator('#map path.region').count(), 9);
  const regionLabels = await page.locator('#map .region-label').allTextContents();
  assert.ok(regionLabels.some((t) => /Mopti/.test(t)) && regionLabels.some((t) => /Kidal/.test(t)), 'region labels: ' + regionLabels);
  const legend = await page.locator('#map .map-legend').textContent();
  assert.match(legend, /0 rapport/);
  assert.match(legend, /\d/);
  assert.equal(await page.locator('#map .bubble[data-id="sahel"], #map .bubble[data-id="liptako-gourma"]').count(), 0,
    'a named area is never a point');
  assert.match(await page.locator('#map .map-areas').textContent(), /Sahel/);
  await page.locator('#map').scrollIntoViewIfNeeded();
  await shot('3-map');

  // Keyboard: Tab reaches a region, Enter filters on it and opens it.
  await page.focus('#map path.region[data-id="kayes"]');
  await page.keyboard.press('Tab');  // the next region in order
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'button');
  await page.focus('#map path.region[data-id="mopti"]');
  await page.keyboard.press('Enter');
  await waitUrl(page, /place=mopti/);
  await settledOn(page);
  assert.equal(await page.locator('#hits > li').count(), 4);
  // Opened: its cercles as bubbles, labelled.
  await page.waitForSelector('#map svg.zoomed .bubble.cercle');
  const cercles = await page.locator('#map .bubble.cercle').evaluateAll((gs) => gs.map((g) => g.dataset.id).sort());
  assert.deepEqual(cercles, ['bandiagara', 'djenne', 'douentza']);
  assert.match(await page.locator('#map .bubble[data-id="douentza"]').getAttribute('aria-label'), /Douentza.* : 2 rapports/);
  assert.ok((await page.locator('#map .bubble-label').allTextContents()).includes('Douentza'));
  // No two bubbles overlap.
  const circles = await page.locator('#map .bubble circle').evaluateAll((cs) => cs.map((c) => [+c.getAttribute('cx'), +c.getAttribute('cy'), +c.getAttribute('r')]));
  for (let i = 0; i < circles.length; i++) for (let j = i + 1; j < circles.length; j++) {
    const [x1, y1, r1] = circles[i], [x2, y2, r2] = circles[j];
    assert.ok(Math.hypot(x1 - x2, y1 - y2) >= r1 + r2 - 1e-9, 'bubbles do not overlap');
  }
  await page.locator('#map').scrollIntoViewIfNeeded();
  await shot('4-region-open');
  // A cercle narrows to it.
  await page.locator('#map .bubble[data-id="douentza"]').click();
  await waitUrl(page, /place=douentza/);
  await settledOn(page);
  assert.deepEqual(param(page, 'place'), ['douentza']);
  assert.equal(await page.locator('#hits > li').count(), 2);
  await page.waitForSelector('#map svg.zoomed .bubble.cercle.chosen');
  // « Toute la carte » closes the region.
  await page.click('#map .map-back');
  await settledOn(page);
  assert.deepEqual(param(page, 'place'), []);
  await page.waitForSelector('#map svg:not(.zoomed)');
  await fitsWidth(page, 'desktop');
  await page.close();
}

async function phone() {
  const page = await h.tab({ width: 390, height: 844 });
  await page.goto(base + '/?q=bulletin');
  await settledOn(page);
  await openFacets(page, true);
  await page.waitForSelector('#facet-date svg.histogram');
  await page.waitForSelector('#map path.region');
  await fitsWidth(page, 'phone, panel open');
  const svgBox = await page.locator('#map svg').boundingBox();
  assert.ok(svgBox.width <= 390 && svgBox.width > 250, 'the map fits the phone: ' + svgBox.width);
  await page.screenshot({ path: join(out, 'viz-phone-1-map.png') });
  await page.locator('#facet-date').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(out, 'viz-phone-2-histogram.png') });
  await page.locator('#facet-date g.period[data-id="2020-05"] rect.hit-area').click();
  await waitUrl(page, /from=2020-05&to=2020-05/);
  await settledOn(page);
  assert.equal(await page.locator('#hits > li').count(), 2);
  await fitsWidth(page, 'phone, month chosen');
  await page.close();
}

try {
  await desktop();
  await phone();
} catch (e) {
  failed = true;
  console.error(String(e.stack || e));
}
rmSync(tmp, { recursive: true, force: true });
await h.finish(failed);
