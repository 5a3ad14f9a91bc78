// Browser test of entity pages and the zero-result page (issue 13): an
// actor's or a place's page opened from a facet value's « fiche » link, from
// a hit's badge and by URL; its counts are the API's and its links open the
// searches they count; an unknown id is said in French; a search that finds
// nothing lists what each word or filter costs, as links, and the
// collection's dates. Desktop 1400×1000 and phone 390×844 (nothing wider
// than the screen). Real Chromium (Debian's), real server, real index.
// Usage: node entity_test.mjs VIGIE_BINARY OUT_DIR. Exits 77 (skipped)
// when Chromium or playwright-core is missing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { Harness, requireChromium, settledOn, fitsWidth, openFacets, hitCount } from './harness.mjs';

const [vigie, out] = process.argv.slice(2);
await requireChromium();
const seeds = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'seeds');
const tmp = mkdtempSync(join(tmpdir(), 'vigie-entity-'));
const db = join(tmp, 'db');
const corpus = join(tmp, 'corpus');
mkdirSync(corpus, { recursive: true });
const reports = [
  ['e1', '2020-03-10', 'Les Forces armées maliennes (FAMa) ont été attaquées près de Mopti, au Mali. Le JNIM a revendiqué l’attaque.'],
  ['e2', '2020-03-21', 'À Mopti, au Mali, les FAMa ont arrêté des civils. La MINUSMA enquête sur ces arrestations.'],
  ['e3', '2020-05-02', 'Des civils ont été tués à Gao, au Mali, par l’État islamique au Grand Sahara (EIGS).'],
  ['e4', '2021-01-15', 'À Bandiagara, dans la région de Mopti, au Mali, le JNIM a attaqué un poste des FAMa.'],
  ['e5', '2021-06-02', 'Dans la région de Mopti, au Mali, la MINUSMA a ouvert une enquête sur les FAMa et le JNIM.'],
  ['e6', '2021-08-20', 'Au Niger, près de la frontière du Mali, les FAMa ont mené une patrouille commune.'],
];
writeFileSync(join(corpus, 'fil.jsonl'), reports.map(([id, date, body]) =>
  JSON.stringify({ id, date, title: 'Rapport ' + id + ' sur le centre du Mali', body, url: 'https://example.org/' + id }) + '\n').join(''));
execFileSync(vigie, ['index', '--db', db, '--quiet', seeds, corpus]);

const h = await Harness.start(vigie, db, out);
let failed = false;

const entityShown = (page) => page.waitForSelector('#entity:not([hidden]) h2');

// The page drawn for an entity holds the API's label, count, related values and latest reports.
async function checkEntityPage(page, type, id, what) {
  await entityShown(page);
  await settledOn(page);
  const api = await h.api('/api/entity?type=' + type + '&id=' + id);
  assert.equal(await page.locator('#entity h2').innerText(), api.label, what + ': label');
  assert.equal(await page.locator('#results').isVisible(), false, what + ': results hidden');
  assert.ok((await page.locator('#entity .entity-total').innerText()).startsWith(api.total + ' rapport'), what + ': total');
  const related = page.locator('#entity ol.related');
  assert.equal(await related.nth(0).locator('li').count(), api.actors.length, what + ': actors listed');
  assert.equal(await related.nth(1).locator('li').count(), api.places.length, what + ': places listed');
  for (let i = 0; i < Math.min(3, api.actors.length); i++) {
    const text = await related.nth(0).locator('li').nth(i).innerText();
    assert.ok(text.includes(api.actors[i].label) && text.includes(api.actors[i].count + ' rapport'), what + ': ' + text);
  }
  assert.equal(await page.locator('#entity ol.latest li').count(), api.latest.length, what + ': latest reports');
  const bars = page.locator('#entity .entity-histogram .bar');
  assert.ok(await bars.count() >= api.months.filter((m) => m.month.length === 7).length, what + ': a bar per month');
  await fitsWidth(page, what);
  return api;
}

// An entity's map (web/entity_map.js): drawn, its regions' counts those of
// the search naming the entity and the region, the entity itself outlined.
const mapTitle = (page, sel) => page.locator('#entity .entity-map ' + sel + ' > title').first().textContent();
async function checkMap(page, type, id, what) {
  await page.waitForSelector('#entity .entity-map svg');
  const title = (sel) => mapTitle(page, sel);
  const regionCount = async (region) => (await h.api('/api/search?limit=0&' + type + '=' + id + '&place=' + region)).total;
  if (type === 'actor') {
    assert.equal(await page.locator('#entity .entity-map h3').innerText(), 'Où il est cité', what);
    for (const region of ['mopti', 'gao', 'kayes']) {
      const n = await regionCount(region);
      const text = await title('path.region[data-id="' + region + '"]');
      assert.ok(text.endsWith(': ' + (n ? n + ' rapport' + (n > 1 ? 's' : '') : '0 rapport')), what + ': ' + region + ' ' + text + ' vs ' + n);
      assert.equal(await page.locator('#entity .entity-map path.region.shade-0[data-id="' + region + '"]').count(), n ? 0 : 1, what + ': ' + region + ' shaded');
    }
    // Each region's shade is the legend's swatch whose range holds its count.
    const legend = await page.locator('#entity .entity-map .map-legend > span').evaluateAll((items) => items.map((i) =>
      [(/shade-(\d)/.exec(i.querySelector('.swatch').className) || [])[1], i.textContent.trim()]).filter(([k]) => k));
    const ranges = Object.fromEntries(legend.map(([k, text]) => {
      const m = /^(\d+)(?:–(\d+))?$/.exec(text);
      return [k, m ? [Number(m[1]), Number(m[2] || m[1])] : [0, 0]];
    }));
    const regions = await page.locator('#entity .entity-map path.region').evaluateAll((paths) => paths.map((p) =>
      [p.dataset.id, /shade-(\d)/.exec(p.getAttribute('class'))[1], Number(/(\d+) rapports?$/.exec(p.querySelector('title').textContent)?.[1] || 0)]));
    for (const [region, k, n] of regions) {
      assert.ok(ranges[k], what + ': the legend has shade ' + k + ' (' + region + ')');
      assert.ok(n >= ranges[k][0] && n <= ranges[k][1], what + ': ' + region + ' (' + n + ') shaded ' + k + ', legend ' + ranges[k]);
    }
  }
  await fitsWidth(page, what + ' map');
}

async function screens(tag, viewport) {
  const phone = viewport.width < 900;
  const page = await h.tab(viewport);

  // 1. From a facet value's « fiche » link.
  await page.goto(h.base + '/');
  await settledOn(page);
  await openFacets(page, phone);
  await page.fill('#facet-place .facet-filter', 'Mopti');
  const row = page.locator('#facet-place .facet-row', { has: page.locator('button.facet', { hasText: 'Mopti (région' }) }).first();
  await page.screenshot({ path: join(out, `entity-${tag}-0-facets.png`) });
  await row.locator('a.fiche').click();
  const mopti = await checkEntityPage(page, 'place', 'mopti', tag + ' fiche from a facet');
  assert.equal(new URL(page.url()).searchParams.get('entity'), 'place:mopti');
  const facts = await page.locator('#entity .entity-facts').innerText();
  assert.match(facts, /Région/);
  assert.match(facts, /Se trouve dans\s+Mali/);
  assert.match(facts, /Région de Mopti/);
  await checkMap(page, 'place', 'mopti', tag + ' Mopti');
  assert.equal(await page.locator('#entity .entity-map path.region.self[data-id="mopti"]').count(), 1, tag + ': Mopti outlined');
  assert.ok((await page.locator('#entity .entity-map path.region.self > title').textContent()).endsWith(': ' + mopti.total + ' rapports'));
  await page.screenshot({ path: join(out, `entity-${tag}-1-place.png`), fullPage: true });

  // A related count opens the search of the reports naming both: the same number.
  const first = mopti.actors[0];
  await page.locator('#entity ol.related').nth(0).locator('li').first().locator('button').click();
  await settledOn(page);
  assert.ok((await page.locator('#summary').innerText()).startsWith(first.count + ' rapport'), tag + ': related count = search');
  const url = new URL(page.url());
  assert.deepEqual([url.searchParams.get('place'), url.searchParams.get('actor')], ['mopti', first.id]);

  // The chips of that search lead to the pages too.
  await page.locator('#chips a.chip-fiche[aria-label="Fiche de ' + first.label + '"]').click();
  await entityShown(page);
  assert.equal(await page.locator('#entity h2').innerText(), first.label, tag + ': fiche from a chip');
  await page.goBack();
  await settledOn(page);

  // Back returns to the page.
  await page.goBack();
  await entityShown(page);
  assert.equal(await page.locator('#entity h2').innerText(), mopti.label);

  // 2. From a hit's badge.
  await page.goto(h.base + '/?q=FAMa');
  await settledOn(page);
  assert.ok(await hitCount(page) > 0);
  await page.locator('#hits a.badge.actor', { hasText: 'Forces armées maliennes' }).first().click();
  const fama = await checkEntityPage(page, 'actor', 'fama', tag + ' fiche from a badge');
  assert.match(await page.locator('#entity .entity-facts').innerText(), /Armée malienne/);
  await checkMap(page, 'actor', 'fama', tag + ' FAMa');
  await page.locator('#entity .entity-map').screenshot({ path: join(out, `entity-${tag}-5-map-actor.png`) });
  // A latest report opens in the report view.
  await page.locator('#entity ol.latest a.hit-title').first().click();
  await page.waitForSelector('#report:not([hidden]) h2');
  assert.equal(new URL(page.url()).searchParams.get('report'), fama.latest[0].id);
  assert.equal(await page.locator('#entity').isVisible(), false);
  // Its badges lead to pages too.
  await page.locator('#report a.badge.place').first().click();
  await entityShown(page);
  await page.screenshot({ path: join(out, `entity-${tag}-2-actor.png`), fullPage: true });

  // 3. By URL, and an unknown id.
  await page.goto(h.base + '/?entity=actor:jnim');
  await checkEntityPage(page, 'actor', 'jnim', tag + ' fiche by URL');
  await page.screenshot({ path: join(out, `entity-${tag}-3-url.png`), fullPage: true });
  // A cercle: its region opened on the map, its bubble in it; a neighbour: its outline.
  await page.goto(h.base + '/?entity=place:bandiagara');
  await checkMap(page, 'place', 'bandiagara', tag + ' Bandiagara');
  await page.waitForSelector('#entity .entity-map svg.zoomed g.bubble.self[data-id="bandiagara"]');
  await page.locator('#entity .entity-map').screenshot({ path: join(out, `entity-${tag}-5-map-cercle.png`) });
  await page.locator('#entity .entity-map .map-back').click();  // the whole map, Mopti shaded
  await page.waitForSelector('#entity .entity-map svg:not(.zoomed) path.region[data-id="mopti"]:not(.shade-0)');
  await page.goto(h.base + '/?entity=place:niger');
  await checkMap(page, 'place', 'niger', tag + ' Niger');
  assert.equal(await mapTitle(page, 'path.neighbour.marked'), 'Niger', tag + ': Niger outlined among the neighbours');
  assert.match(await page.locator('#entity .entity-map .map-legend').innerText(), /Niger/);
  await page.locator('#entity .entity-map').screenshot({ path: join(out, `entity-${tag}-5-map-neighbour.png`) });
  await page.goto(h.base + '/?entity=place:atlantide');
  await page.waitForSelector('#entity .error');
  assert.equal(await page.locator('#entity .error').innerText(),
    'Aucun lieu « atlantide » dans le catalogue, le répertoire des lieux ou l’index.');

  // 4. A search that finds nothing: what each word or filter costs, as links.
  await page.goto(h.base + '/?q=Mopti%20xyzzyq&actor=fama&from=2020&to=2021');
  await settledOn(page);
  const zero = await h.api('/api/search?q=Mopti%20xyzzyq&actor=fama&from=2020&to=2021&limit=0');
  assert.equal(zero.total, 0);
  const summary = page.locator('#summary');
  const word = zero.relaxations.find((x) => x.word === 'xyzzyq');
  assert.ok(word.total > 0);
  const link = summary.locator('button.relax', { hasText: 'Sans le mot « xyzzyq » : ' + word.total + ' rapport' });
  assert.equal(await link.count(), 1, tag + ': the word\'s relaxation is a link');
  const dates = zero.relaxations.find((x) => x.without === 'dates');
  assert.ok((await summary.innerText()).includes('Sans la période de publication : ' + (dates.total ? dates.total + ' rapport' : 'aucun rapport')));
  assert.match(await summary.innerText(), /L’index couvre les rapports publiés entre le 10 mars 2020 et novembre 2022\./);
  await fitsWidth(page, tag + ' zero results');
  await page.screenshot({ path: join(out, `entity-${tag}-4-zero.png`), fullPage: true });
  await link.click();
  await settledOn(page);
  assert.ok((await summary.innerText()).startsWith(word.total + ' rapport'), tag + ': the link finds what it counted');
  assert.equal(new URL(page.url()).searchParams.get('q'), 'Mopti');
  await page.close();
}

try {
  for (const [tag, viewport] of [['desktop', { width: 1400, height: 1000 }], ['phone', { width: 390, height: 844 }]]) {
    await screens(tag, viewport);
  }
  console.log('entity browser test: all steps passed at 1400×1000 and 390×844; screenshots in ' + out);
} catch (e) {
  failed = true;
  console.error('entity browser test failed: ' + (e.stack || e));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
await h.finish(failed);
