// Browser test of duplicates (issue 13, docs/duplicates.md): a search shows
// one hit per story; a hit that other reports tell shows « N versions »;
// one click lists them (title, date), each opening its report view; the
// count line says reports and stories. Real Chromium, real server, real
// index. Usage: node duplicates_test.mjs VIGIE_BINARY OUT_DIR. Exits 77
// (skipped) when Chromium or playwright-core is missing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { Harness, requireChromium, settledOn, hitCount, fitsWidth, openFacets } from './harness.mjs';

const [vigie, out] = process.argv.slice(2);
await requireChromium();
const tmp = mkdtempSync(join(tmpdir(), 'vigie-duplicates-'));
const db = join(tmp, 'db');
mkdirSync(join(tmp, 'in'), { recursive: true });
const story = 'Des hommes armés ont attaqué mardi le village de Ogossagou près de Mopti, tuant au moins trente ' +
  'civils selon les autorités locales. Les assaillants sont arrivés à moto avant l’aube et ont incendié des ' +
  'greniers et des maisons. Le gouvernement a dépêché des renforts militaires dans la région et promis une enquête.';
const edited = story.replace('mardi', 'lundi').replace('locales', 'régionales');
const other = 'Une attaque à Gao a visé un convoi de la Minusma mercredi près de Mopti, sans faire de victime selon ' +
  'la mission, qui annonce une enquête sur cet engin explosif placé au bord de la route.';
const lines = [
  { id: 'd1', title: 'Massacre à Ogossagou', body: story, date: '2019-03-23', url: 'https://actu.example.fr/d1.html' },
  { id: 'd2', title: 'Massacre à Ogossagou', body: story, date: '2019-03-24', outlet: 'Studio Tamani' },
  { id: 'd3', title: 'Ogossagou : le bilan', body: 'Trente morts à Ogossagou près de Mopti selon un bilan provisoire.', date: '2019-03-24', duplicate_of: 'd1' },
  { id: 'd4', title: 'Massacre à Ogossagou (mise à jour)', body: edited, date: '2019-03-25' },
  { id: 'g1', title: 'Attaque d’un convoi à Gao', body: other, date: '2019-04-02' },
].map((l) => JSON.stringify(l) + '\n').join('');
writeFileSync(join(tmp, 'in', 'fil.jsonl'), lines);
execFileSync(vigie, ['index', '--db', db, '--quiet', join(tmp, 'in')]);

const h = await Harness.start(vigie, db, out);
let failed = false;

async function screens(tag, viewport) {
  const page = await h.tab(viewport);
  await page.goto(h.base + '/?q=Mopti');
  await settledOn(page);
  assert.equal(await hitCount(page), 2, tag + ': one hit per story (d1-d4, g1)');
  const summary = await page.locator('#summary').innerText();
  assert.match(summary, /5 rapports correspondent/, tag + ': reports counted: ' + summary);
  assert.match(summary, /2 histoires distinctes/, tag + ': stories said: ' + summary);
  const grouped = page.locator('#hits > li', { has: page.locator('button.versions') });
  assert.equal(await grouped.count(), 1, tag + ': only the grouped hit has versions');
  const button = grouped.locator('button.versions');
  assert.equal((await button.innerText()).trim(), '4 versions');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  await fitsWidth(page, tag + ' results');
  await page.screenshot({ path: join(out, `duplicates-${tag}-1-results.png`), fullPage: true });

  await button.click();
  const list = grouped.locator('.versions-list');
  await page.waitForFunction(() => {
    const l = document.querySelector('.versions-list');
    return l && !l.hidden && l.querySelectorAll('.version-link').length === 3;
  });
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  const shown = await grouped.locator('[data-id]').evaluateAll((n) => n.map((x) => x.getAttribute('data-id')).sort());
  assert.deepEqual(shown, ['d1', 'd2', 'd3', 'd4'], tag + ': the hit and its three other versions');
  const TITLES = { d1: 'Massacre à Ogossagou', d2: 'Massacre à Ogossagou', d3: 'Ogossagou : le bilan', d4: 'Massacre à Ogossagou (mise à jour)' };
  const DATES = { d1: '2019-03-23', d2: '2019-03-24', d3: '2019-03-24', d4: '2019-03-25' };
  const items = await list.locator('li').evaluateAll((n) => n.map((li) => [li.querySelector('[data-id]').getAttribute('data-id'), li.innerText]));
  for (const [id, text] of items) {
    assert.ok(text.includes(TITLES[id]), tag + ': ' + id + ' named by its title: ' + text);
    assert.ok(text.includes(DATES[id]), tag + ': ' + id + ' with its date: ' + text);
  }
  await fitsWidth(page, tag + ' versions');
  await page.screenshot({ path: join(out, `duplicates-${tag}-2-versions.png`), fullPage: true });

  // One click on a version: its report view.
  const [target] = items[items.length - 1];
  await list.locator(`[data-id="${target}"]`).click();
  await page.waitForSelector('#report:not([hidden]) h2');
  assert.equal(await page.locator('#report h2').innerText(), TITLES[target]);
  assert.ok(page.url().includes('report=' + target));
  await page.screenshot({ path: join(out, `duplicates-${tag}-3-report.png`) });
  await page.goBack();
  await settledOn(page);
  assert.equal(await hitCount(page), 2, tag + ': back to the grouped results');

  // Facets counting stories: the choice stays in the URL, and each count is the API's.
  const moptiCount = () => page.locator('#facet-place button.facet', { hasText: 'Mopti' }).first().locator('.n').innerText();
  const phone = viewport.width < 900;
  await openFacets(page, phone);
  assert.equal(await moptiCount(), '5', tag + ': Mopti counted in reports (d1-d4, g1)');
  await page.locator('#count-by input[value="stories"]').check();
  await page.waitForURL(/count=stories/);
  await settledOn(page);
  const api = await (await fetch(h.base + '/api/search?q=Mopti&limit=0&facet_limit=0&count=stories')).json();
  assert.equal(api.facets.place.find((v) => v.id === 'mopti').count, 2, 'the API counts two stories naming Mopti');
  await openFacets(page, phone);
  assert.equal(await moptiCount(), '2', tag + ': Mopti counted in stories, as the API');
  assert.ok(await page.locator('#count-by input[value="stories"]').isChecked(), tag + ': the choice is shown');
  assert.equal(await page.locator('#facet-date .axis-title').first().textContent(), 'histoires', tag + ': the histogram says what it counts');
  assert.equal(await hitCount(page), 2, tag + ': the hits do not change');
  const ticks = await page.locator('#facet-date .y-tick').allTextContents();
  assert.ok(ticks.length > 0 && ticks.every((t) => /^\d+$/.test(t)), tag + ': whole counts on the axis: ' + ticks);
  await fitsWidth(page, tag + ' stories');
  await page.screenshot({ path: join(out, `duplicates-${tag}-4-count-stories.png`) });
  await page.locator('#count-by input[value=""]').check();
  await page.waitForURL((u) => !String(u).includes('count='));
  await settledOn(page);
  await openFacets(page, phone);
  assert.equal(await moptiCount(), '5', tag + ': back to reports');

  // Partial matches leave out the stories already listed: « Ogossagou enquête »:
  // d1, d2, d4 hold both words; d3 (their story) only Ogossagou, g1 only enquête.
  await page.goto(h.base + '/?q=' + encodeURIComponent('Ogossagou enquête'));
  await settledOn(page);
  const ids = await page.locator('#hits .hit-title').evaluateAll((b) => b.map((x) => x.dataset.id));
  assert.equal(ids.length, 2, tag + ': the story once, then g1: ' + ids);
  assert.equal(ids[1], 'g1', tag + ': g1 follows as a partial match');
  assert.ok(!ids.includes('d3'), tag + ': d3 is one of the story\'s versions, not a second hit');
  const partial = await page.locator('#summary').innerText();
  assert.match(partial, /3 rapports correspondent/, tag + ': ' + partial);
  assert.match(partial, /Suit 1 rapport \(1 histoire, hors celles déjà listées\) qui ne contient qu’une partie des mots \(non compté\)/, tag + ': ' + partial);
  assert.equal(await page.locator('#pages button').count(), 0, tag + ': two hits, one page');
  await page.screenshot({ path: join(out, `duplicates-${tag}-5-partial.png`), fullPage: true });
  await page.close();
}

try {
  for (const [tag, viewport] of [['desktop', { width: 1400, height: 1000 }], ['phone', { width: 390, height: 844 }]]) {
    await screens(tag, viewport);
  }
  console.log('duplicates browser test: all steps passed at 1400×1000 and 390×844; screenshots in ' + out);
} catch (e) {
  failed = true;
  console.error('duplicates browser test failed: ' + (e.stack || e));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
await h.finish(failed);
