// Vigie's page: search, facets, map, report view. The whole state lives in
// the URL. Every string from a report goes through textContent; snippets and
// report bodies (escaped text with <b> marks) are checked, then rebuilt as
// nodes, never assigned as HTML.
'use strict';

const PAGE_SIZE = 10;
// 36152 -> « 36 152 »: counts written as French readers write them.
// Whole numbers only (counts), grouped by a narrow no-break space as
// toLocaleString('fr-FR') writes them, without it: Chromium loads the
// locale's data on the first call (55–80 ms of the first page's draw).
const frNumber = (n) => String(Math.trunc(Number(n))).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
// « 3 rapports », or « 3 histoires » when the facets count stories.
function countedFr(n) {
  return frNumber(n) + ' ' + countUnit().slice(0, -1) + (n > 1 ? 's' : '');
}
const countUnit = () => (readState().count === 'stories' ? 'histoires' : 'rapports');
const $ = (id) => document.getElementById(id);
let labels = {};      // facet id -> label, for the chips
let placeInfo = {};   // place id -> its labels entry (type, lineage, lat/lon) from /api/search
let regions = null;   // web/mali_regions.json
let lastAnswer = null;          // the latest /api/search answer and its state, to redraw facets
const expanded = new Set();     // facet lists opened with « plus… »
const facetFilter = {};         // facet kind -> text typed in its filter box
let moveFocus = false;          // the next drawing follows a search, facet or page change
const SHOWN = 10;               // values shown per list before « plus… »
// The first answer carries what the first screen draws: the most frequent
// actors, countries/regions/areas for places, every month; a whole list is
// fetched (/api/facets?field=) on « plus… » or its filter box.
const FIRST_ACTORS = 40;
const full = {};                // kind -> { key, values }: a whole list for the filters `key`
const loading = {};             // kind -> the pending fetch of a whole list

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'onclick') node.addEventListener('click', v);
    else if (k === 'className') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);  // strings become text nodes
  return node;
}

// "&amp;" -> "&": the API escapes titles; textContent shows them as text.
function unescapeHtml(s) {
  const map = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
  return String(s).replace(/&(amp|lt|gt|quot|#39);/g, (m) => map[m]);
}

// Escaped text with <b>…</b> marks -> nodes; anything else: shown as text.
function marked(html) {
  const frag = document.createDocumentFragment();
  const safe = !/[<>]/.test(String(html).replace(/<\/?b>/g, ''));
  if (!safe) { frag.append(unescapeHtml(html)); return frag; }
  let bold = false;
  for (const part of String(html).split(/(<\/?b>)/)) {
    if (part === '<b>') bold = true;
    else if (part === '</b>') bold = false;
    else if (part) frag.append(bold ? el('b', {}, unescapeHtml(part)) : unescapeHtml(part));
  }
  return frag;
}

const DATE_FIELDS = ['from', 'to', 'event_from', 'event_to'];

function readState() {
  const p = new URLSearchParams(location.search);
  return {
    q: p.get('q') || '', sort: p.get('sort') === 'date' ? 'date' : 'relevance',
    page: Math.max(1, parseInt(p.get('page') || '1', 10) || 1),
    actor: p.getAll('actor'), place: p.getAll('place'),
    from: p.get('from') || '', to: p.get('to') || '', report: p.get('report') || '',
    event_from: p.get('event_from') || '', event_to: p.get('event_to') || '',
    count: p.get('count') === 'stories' ? 'stories' : '',  // what facet counts count
  };
}

function stateQuery(s) {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  if (s.sort !== 'relevance') p.set('sort', s.sort);
  if (s.page > 1) p.set('page', s.page);
  for (const a of s.actor) p.append('actor', a);
  for (const pl of s.place) p.append('place', pl);
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (s.event_from) p.set('event_from', s.event_from);
  if (s.event_to) p.set('event_to', s.event_to);
  if (s.count) p.set('count', s.count);
  if (s.report) p.set('report', s.report);
  return p.toString();
}

function go(change) {
  const s = Object.assign(readState(), { page: 1, report: '' }, change);
  const qs = stateQuery(s);
  // Opening a report: the results entry remembers the hit and the scroll, to
  // come back to them, and the report entry knows a results page precedes it.
  if (s.report) history.replaceState({ hit: s.report, y: window.scrollY }, '', location.href);
  history.pushState(s.report ? { fromResults: true } : null, '', qs ? '/?' + qs : '/');
  moveFocus = !s.report;
  closePanel();
  render();
}

// Messages for the page, in French: the API's own (English, for the CLI and
// scripts) are named by kind and parameter.
const PARAMETER_NAMES = {
  q: 'la requête', from: 'la date de début', to: 'la date de fin', actor: 'le filtre d’acteur',
  place: 'le filtre de lieu', sort: 'le tri', limit: 'le nombre de résultats', offset: 'la page',
  facet_limit: 'le nombre de filtres', id: 'l’identifiant du rapport',
  event_from: 'la date d’événement de début', event_to: 'la date d’événement de fin',
};
function frenchError(status, body) {
  const kind = body && body.kind;
  const what = body && PARAMETER_NAMES[body.parameter];
  if (kind === 'not_found' || status === 404) return 'Ce rapport n’existe pas (ou plus) dans l’index.';
  // An index built before event dates cannot filter by them: its message says how to rebuild.
  if (kind === 'unavailable' && body && /date d'événement/.test(body.error || '')) return body.error;
  if (kind === 'unavailable' || status === 503) return 'L’index est occupé ; réessayez dans quelques secondes.';
  if (kind === 'invalid_argument' || status === 400) {
    if (body && (body.parameter === 'from' || body.parameter === 'to'))
      return 'La date de ' + (body.parameter === 'from' ? 'début' : 'fin') +
        ' n’est pas valide : écrivez AAAA, AAAA-MM ou AAAA-MM-JJ (une date qui existe).';
    if (body && (body.parameter === 'event_from' || body.parameter === 'event_to'))
      return 'Dates d’événement : ' + body.error;  // already in French
    return what ? 'La demande est invalide : vérifiez ' + what + '.' : 'La demande est invalide.';
  }
  return 'Le serveur n’a pas pu répondre (erreur ' + status + ').';
}

async function getJson(url) {
  let res;
  try {
    // A first page's request already sent (web/first_answer.js), else a new one.
    res = await ((typeof takeEarly === 'function' && takeEarly(url)) || fetch(url, { headers: { Accept: 'application/json' } }));
  } catch (e) {
    throw new Error('Le serveur ne répond pas : vérifiez qu’il tourne encore, puis réessayez.');
  }
  let body = null;
  try { body = await res.json(); } catch (e) { /* not JSON: said below */ }
  if (!res.ok) throw new Error(frenchError(res.status, body));
  if (body === null) throw new Error('La réponse du serveur est illisible.');
  return body;
}

// Answers can arrive out of order (a slow match-all, then the typed query):
// only the latest request may draw, and <main aria-busy> says when it has.
let latest = 0;
function begin() {
  document.querySelector('main').setAttribute('aria-busy', 'true');
  return ++latest;
}
function done(ticket) {
  if (ticket !== latest) return false;
  document.querySelector('main').setAttribute('aria-busy', 'false');
  return true;
}

async function render() {
  const s = readState();
  $('q').value = s.q;
  $('sort').value = s.sort;
  for (const f of DATE_FIELDS) $(f).value = s[f];
  for (const r of document.querySelectorAll('#count-by input')) r.checked = r.value === s.count;
  renderChips(s);
  if (showEntity()) return;  // /?entity=place:mopti: an entity's page (web/entity.js)
  // Reading a report: the whole width for it, no facets of other results.
  document.body.classList.toggle('reading', Boolean(s.report));
  if (s.report) return renderReport(s);
  $('report').hidden = true;
  $('results').hidden = false;
  const p = new URLSearchParams(stateQuery(Object.assign({}, s, { report: '', page: 1 })));
  p.set('limit', PAGE_SIZE);
  p.set('offset', (s.page - 1) * PAGE_SIZE);
  p.set('facet_limit', FIRST_ACTORS);
  for (const t of ['country', 'region', 'area']) p.append('place_type', t);
  p.set('group', 1);  // one hit per story (duplicates.js)
  // Values of one facet widen the results (any of them): each facet with a
  // value chosen is counted over the results without that facet's values,
  // so the other values stay in sight, with the count each would add.
  const without = (kind) => {
    if (!s[kind].length) return null;
    const q = new URLSearchParams(p);
    q.delete(kind);
    q.set('limit', 0);
    q.set('offset', 0);
    return getJson('/api/search?' + q);
  };
  // The histogram keeps the whole span: months counted without the dates chosen.
  const withoutDates = () => {
    if (!s.from && !s.to) return null;
    const q = new URLSearchParams(p);
    for (const k of ['from', 'to', 'place_type']) q.delete(k);
    q.set('limit', 0);
    q.set('offset', 0);
    q.set('facet_limit', 1);
    return getJson('/api/search?' + q);
  };
  const ticket = begin();
  try {
    const [r, noActor, noPlace, noDates] = await Promise.all([getJson('/api/search?' + p), without('actor'),
      without('place'), withoutDates()]);
    if (!done(ticket)) return;
    if (noActor) r.facets.actor = noActor.facets.actor;
    if (noPlace) r.facets.place = noPlace.facets.place;
    r.months = (noDates || r).facets.date;
    learnLabels(r);
    for (const kind of ['actor', 'place']) if (full[kind] && full[kind].key === listKey(s, kind)) r.facets[kind] = full[kind].values;
    lastAnswer = { r, s };
    renderChips(s);
    renderHits(r, s);
    renderFacets(r, s);
  } catch (e) {
    if (!done(ticket)) return;
    $('summary').replaceChildren(el('span', { className: 'error' }, 'Erreur : ' + e.message));
    $('hits').replaceChildren();
    $('pages').replaceChildren();
  }
  placeFocus();
}

// After a search, facet or page change: focus and scroll on the new results.
// Back from a report: on the hit that was opened, at the scroll it had.
function placeFocus() {
  const back = history.state && history.state.hit;
  if (back) {
    const title = [...document.querySelectorAll('#hits .hit-title')].find((b) => b.dataset.id === back);
    if (title) {
      title.focus({ preventScroll: true });
      window.scrollTo(0, history.state.y || 0);
      if (!isVisible(title)) title.scrollIntoView({ block: 'center' });
    }
  } else if (moveFocus) {
    // The top of the page when that shows the results (search box and chips
    // in sight); the results themselves otherwise.
    const summary = $('summary');
    summary.focus({ preventScroll: true });
    if (!inTopHalf(summary)) window.scrollTo(0, 0);
    if (!inTopHalf(summary)) summary.scrollIntoView({ block: 'start' });
  }
  moveFocus = false;
}
function inTopHalf(node) {
  const top = node.getBoundingClientRect().top;
  return top >= 0 && top < window.innerHeight / 2;
}
function isVisible(node) {
  const box = node.getBoundingClientRect();
  return box.bottom > 0 && box.top < window.innerHeight;
}

function renderChips(s) {
  const chips = [];
  const chip = (text, change) => chips.push(el('button', {
    className: 'chip', type: 'button', 'aria-label': 'Retirer le filtre ' + text, onclick: () => go(change),
  }, text + ' ✕'));
  for (const a of s.actor) {
    chip('Acteur : ' + (labels[a] || a), { actor: s.actor.filter((x) => x !== a) });
    chips.push(chipFiche('actor', a, labels[a] || a));  // web/entity.js
  }
  for (const pl of s.place) {
    chip('Lieu : ' + (labels[pl] || pl), { place: s.place.filter((x) => x !== pl) });
    chips.push(chipFiche('place', pl, labels[pl] || pl));
  }
  const span = (a, b) => (a === b ? a : (a || '…') + ' → ' + (b || '…'));
  if (s.from || s.to) chip('Publication : ' + span(s.from, s.to), { from: '', to: '' });
  if (s.event_from || s.event_to) chip('Événements : ' + span(s.event_from, s.event_to), { event_from: '', event_to: '' });
  $('chips').replaceChildren(...chips);
}

// « Exporter »: every counted result (not the page) as a file, through
// /api/export with the same query, filters and order (docs/export.md).
const EXPORT_MAX_ROWS = 100000;
function exportControl(s, n) {
  if (n > EXPORT_MAX_ROWS)
    return el('span', { className: 'export' }, 'Export : plus de 100 000 rapports, précisez la recherche.');
  const qs = stateQuery(Object.assign({}, s, { report: '', page: 1, count: '' }));  // rows are reports
  const link = (format, text) => el('a', { href: '/api/export?' + qs + (qs ? '&' : '') + 'format=' + format,
    download: '', className: 'export-' + format }, text);
  return el('span', { className: 'export', role: 'group', 'aria-label': 'Exporter les ' + n + ' résultats' },
    'Exporter : ', link('csv', 'CSV'), ' · ', link('jsonl', 'JSON lines'));
}

function renderHits(r, s) {
  const n = r.total;
  const partial = r.partial_total || 0;
  const reports = (k) => frNumber(k) + (k > 1 ? ' rapports' : ' rapport');
  let summary;
  if (n === 0 && partial > 0) {
    summary = ['Aucun rapport ne contient tous les mots. ' + reports(partial) + ' en ' +
      (partial > 1 ? 'contiennent' : 'contient') + ' une partie (non comptés) :'];
  } else {
    summary = [n === 0 ? zeroResults(s) : frNumber(n) + (n > 1 ? ' rapports correspondent.' : ' rapport correspond.'), storiesNote(r)];
    if (partial > 0) summary.push(partialNote(r));  // duplicates.js
  }
  for (const w of r.warnings || []) summary.push(el('span', { className: 'warning' }, w));
  if (r.suggestion) {
    summary.push(' Vouliez-vous dire ', el('span', { className: 'suggestion' },
      el('button', { type: 'button', onclick: () => go({ q: r.suggestion }) }, r.suggestion)), ' ?');
  }
  if (n > 0) summary.push(exportControl(s, n));
  else summary.push(relaxationsBlock(r));  // web/entity.js
  $('summary').replaceChildren(...summary);
  $('hits').replaceChildren(...r.hits.map((h) => el('li', {},
    el('button', { type: 'button', className: 'hit-title', 'data-id': h.id, onclick: () => go({ report: h.id, page: s.page }) },
      unescapeHtml(h.title) || h.id),
    el('div', { className: 'meta' }, (h.date || 'sans date') + ' — ', hitProvenance(h), h.page ? ' (page ' + h.page + ')' : ''),
    el('p', { className: 'snippet' }, marked(h.snippet)),
    h.missing && h.missing.length ? el('p', { className: 'missing' }, 'Manque : ' + h.missing.join(', ')) : '',
    versionsControl(h, s),
    el('div', {}, ...h.actors.slice(0, 8).map((a) => entityBadge('actor', a, labels[a] || a)),
      ...h.places.slice(0, 8).map((p) => entityBadge('place', p, labels[p] || p))))));
  const pages = Math.ceil((hitsCount(r) + partialCount(r)) / PAGE_SIZE);
  const nav = [];
  if (pages > 1) {
    if (s.page > 1) nav.push(el('button', { type: 'button', onclick: () => go({ page: s.page - 1 }) }, '‹ Précédente'));
    for (let i = Math.max(1, s.page - 4); i <= Math.min(pages, s.page + 4); i++) {
      const attrs = { type: 'button', onclick: () => go({ page: i }) };
      if (i === s.page) attrs['aria-current'] = 'page';
      nav.push(el('button', attrs, String(i)));
    }
    if (s.page < pages) nav.push(el('button', { type: 'button', onclick: () => go({ page: s.page + 1 }) }, 'Suivante ›'));
  }
  $('pages').replaceChildren(...nav);
}

// A page with no result says what was asked, and how to widen it.
function zeroResults(s) {
  const asked = [];
  if (s.q) asked.push('mots « ' + s.q + ' »');
  const named = (ids) => ids.map((id) => labels[id] || id).join(' ou ');
  if (s.actor.length) asked.push('acteur ' + named(s.actor));
  if (s.place.length) asked.push('lieu ' + named(s.place));
  if (s.from || s.to) asked.push('période ' + (s.from || '…') + ' → ' + (s.to || '…'));
  if (s.event_from || s.event_to) asked.push('événements ' + (s.event_from || '…') + ' → ' + (s.event_to || '…'));
  const box = el('span', { className: 'zero' }, asked.length
    ? 'Aucun rapport ne correspond (' + asked.join(' ; ') + ').'
    : 'Aucun rapport dans l’index.');
  const filtered = s.actor.length || s.place.length || s.from || s.to || s.event_from || s.event_to;
  if (filtered) {
    box.append(' ', el('button', { type: 'button', className: 'more-values',
      onclick: () => go({ actor: [], place: [], from: '', to: '', event_from: '', event_to: '' }) },
    'Chercher sans les filtres'));
  } else if (s.q) {
    box.append(' Essayez moins de mots, ou d’autres.');
  }
  return box;
}

const ACTOR_TYPES = {
  armed_group: 'Groupes armés', state_force: 'Forces de l’État', foreign_force: 'Forces étrangères',
  government: 'Gouvernements', international_org: 'Organisations internationales', ngo: 'ONG',
  court: 'Juridictions', person: 'Personnes', other: 'Autres',
};

// Accents and case do not matter in a facet's filter box.
const fold = (t) => String(t).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

function facetButton(v, active, onclick) {
  return el('button', { type: 'button', className: 'facet' + (active ? ' active' : ''), onclick, 'aria-pressed': String(active),
    title: active ? 'Retirer ce filtre' : 'Filtrer sur cette valeur' },
  el('span', {}, v.label, active ? el('span', { className: 'x', 'aria-hidden': 'true' }, '✕') : ''),
  el('span', { className: 'n' }, v.count === undefined ? '' : String(v.count)));
}

// The first SHOWN values (and any chosen one), then « plus… » (remembered per list).
// `kind` given and its whole list not fetched yet: « plus… » fetches it.
function limited(key, items, draw, keep, kind) {
  const shown = items.filter((v, i) => i < SHOWN || keep(v));
  const hidden = items.filter((v, i) => !(i < SHOWN || keep(v)));
  const partial = kind && !isFull(kind);
  if ((!hidden.length || expanded.has(key)) && !partial) return items.map(draw);
  const more = el('button', { type: 'button', className: 'more-values' },
    partial ? 'plus…' : 'plus… (' + hidden.length + ' autres)');
  more.addEventListener('click', async () => {
    expanded.add(key);
    if (partial) {
      more.disabled = true;
      await loadFull(kind);
      const again = $('facet-' + kind).querySelector('.more-values, button.facet:last-of-type');
      if (again) again.focus();
      return;
    }
    const drawn = hidden.map(draw);
    more.replaceWith(...drawn);
    (drawn[0].querySelector('button') || drawn[0]).focus();
  });
  return shown.map(draw).concat([more]);
}

// A filter box above a long list: typing shows the matching values only.
// The whole list is fetched when the box is first used.
function filterBox(kind, values, noun, redraw) {
  if (values.length <= SHOWN && !facetFilter[kind] && isFull(kind)) return '';
  const box = el('input', { type: 'search', className: 'facet-filter', 'aria-label': 'Filtrer les ' + noun,
    placeholder: 'Filtrer les ' + noun + '…', value: facetFilter[kind] || '' });
  box.addEventListener('input', () => { facetFilter[kind] = box.value; if (isFull(kind)) redraw(); else loadFull(kind); });
  box.addEventListener('focus', () => loadFull(kind));
  return box;
}

// The filters a facet's counts are taken under: all but its own values.
function listKey(s, kind) {
  return stateQuery(Object.assign({}, s, { report: '', page: 1, sort: 'relevance', [kind]: [] }));
}
function isFull(kind) {
  return Boolean(lastAnswer && full[kind] && full[kind].key === listKey(lastAnswer.s, kind));
}

// Fetches a whole facet list (/api/facets?field=kind) under the current
// filters, then redraws that facet.
async function loadFull(kind) {
  if (!lastAnswer || isFull(kind)) return;
  const s = lastAnswer.s;
  const key = listKey(s, kind);
  if (!loading[kind] || loading[kind].key !== key) {
    const box = $('facet-' + kind);
    box.setAttribute('aria-busy', 'true');
    const promise = getJson('/api/facets?' + key + (key ? '&' : '') + 'field=' + kind).then((f) => {
      full[kind] = { key, values: f[kind] || [] };
      for (const v of full[kind].values) labels[v.id] = v.label;
    }).catch(() => { /* the short list stays */ }).finally(() => {
      box.removeAttribute('aria-busy');
      if (loading[kind] && loading[kind].promise === promise) loading[kind] = null;
    });
    loading[kind] = { key, promise };
  }
  await loading[kind].promise;
  if (!lastAnswer || !isFull(kind)) return;
  lastAnswer.r.facets[kind] = full[kind].values;
  const typing = document.activeElement && document.activeElement.classList.contains('facet-filter') &&
    $('facet-' + kind).contains(document.activeElement);
  if (kind === 'actor') renderActors(lastAnswer.r, lastAnswer.s); else renderPlaces(lastAnswer.r, lastAnswer.s);
  $('facet-' + kind).dataset.full = 'true';
  if (typing) refocus(kind);
}

// Labels (chips, badges) and places' parents, from an answer's `labels` and facets.
function learnLabels(r) {
  for (const list of Object.values(r.facets)) for (const v of list) labels[v.id] = v.label;
  for (const kind of ['actor', 'place']) {
    for (const [id, v] of Object.entries((r.labels || {})[kind] || {})) {
      labels[id] = v.label;
      if (kind === 'place') placeInfo[id] = v;
    }
  }
}

// A click on a value adds it (several values of one facet: any of them);
// a click on an active value removes it.
const toggle = (s, kind, id) => () => {
  facetFilter[kind] = '';
  go({ [kind]: s[kind].includes(id) ? s[kind].filter((x) => x !== id) : s[kind].concat([id]) });
};

// Paged by the server: web/facet_pages.js.
function renderActors(r, s) {
  renderActorFacet(r, s);
}

function renderPlaces(r, s) {
  const places = (r.facets.place || []).slice();
  // A chosen place the short list lacks (a cercle, a village) is listed still.
  for (const id of s.place) if (!places.some((v) => v.id === id)) places.push({ id, label: labels[id] || id, parent: (placeInfo[id] || {}).lineage?.[0] });
  const typed = fold(facetFilter.place || '').trim();
  const draw = (v) => withFiche('place', v, facetButton(v, s.place.includes(v.id), toggle(s, 'place', v.id)));
  let content;
  if (typed) {  // matching places, flat; a label without its parent gets it (homonyms)
    const found = places.filter((v) => fold(v.label).includes(typed) || s.place.includes(v.id));
    content = found.length
      ? el('ul', { className: 'tree' }, ...found.map((v) => el('li', {}, withFiche('place', v, facetButton(
        Object.assign({}, v, { label: v.label + (!v.label.includes('(') && v.parent && labels[v.parent] ? ' (' + labels[v.parent] + ')' : '') }),
        s.place.includes(v.id), toggle(s, 'place', v.id))))))
      : el('p', { className: 'empty-facet' }, 'Aucun lieu ne contient « ' + facetFilter.place + ' ».');
  } else {  // a tree by `parent`
    const ids = new Set(places.map((v) => v.id));
    const byId = Object.fromEntries(places.map((v) => [v.id, v]));
    const onPath = new Set();  // chosen places and their ancestors stay in sight
    for (let id of s.place) for (let depth = 0; id && depth < 8; depth++, id = byId[id] && byId[id].parent) onPath.add(id);
    const children = {};
    for (const v of places) {
      const parent = v.parent && ids.has(v.parent) ? v.parent : '';
      (children[parent] = children[parent] || []).push(v);
    }
    const tree = (parent, depth) => el('ul', { className: 'tree' }, ...limited('place:' + parent, children[parent] || [], (v) =>
      el('li', {}, draw(v), depth < 6 && children[v.id] ? tree(v.id, depth + 1) : ''), (v) => onPath.has(v.id), parent ? '' : 'place'));
    content = tree('', 0);
  }
  const box = filterBox('place', places, 'lieux', () => { renderPlaces(r, s); refocus('place'); });
  $('facet-place').replaceChildren(box, content);
}

// Redrawing a list replaces its filter box: typing goes on in the new one.
function refocus(kind) {
  const box = $('facet-' + kind).querySelector('.facet-filter');
  if (box) { box.focus(); box.setSelectionRange(box.value.length, box.value.length); }
}

function renderFacets(r, s) {
  renderActors(r, s);
  renderPlaces(r, s);
  drawHistogram(r, s);
  drawMap(r, s);
}

// Dates: web/histogram.js; a drag or a click sets from/to.
function drawHistogram(r, s) {
  if (typeof VigieHistogram === 'undefined') return;
  VigieHistogram.draw($('facet-date'), r.months || r.facets.date || [], { from: s.from, to: s.to },
    (from, to) => go({ from, to }));
}

// The map: web/map.js. The open region: the one holding the last chosen
// place that lies in a region drawn; its places come from /api/facets.
const regionOf = (id) => (typeof VigieMap === 'undefined' ? '' : VigieMap.regionOf(id, (placeInfo[id] || {}).lineage));
let mapTicket = 0;
async function drawMap(r, s) {
  if (!regions || typeof VigieMap === 'undefined') return;
  const open = s.place.map(regionOf).filter(Boolean).pop() || '';
  const outside = s.place.filter((x) => regionOf(x) !== open);
  const options = (inside) => ({ geo: regions, places: r.facets.place || [], inside, open, chosen: s.place,
    openRegion: (id) => go({ place: s.place.filter((x) => !regionOf(x)).concat([id]) }),
    close: () => go({ place: outside }),
    pick: open ? (id) => go({ place: s.place.includes(id) ? s.place.filter((x) => x !== id) : outside.concat([id]) })
      : (id) => toggle(s, 'place', id)() });
  const ticket = ++mapTicket;
  VigieMap.draw($('map'), options(open ? [] : null));
  if (!open) return;
  const key = listKey(s, 'place');
  try {
    const f = await getJson('/api/facets?' + key + (key ? '&' : '') + 'field=place&place_within=' + encodeURIComponent(open));
    if (ticket !== mapTicket) return;
    VigieMap.draw($('map'), options(f.place || []));
  } catch (e) { /* the region stays drawn without its places */ }
}

// A long report's text comes in pages (the server sends at most 1 MiB at a
// time): a button fetches the next one and appends it.
function nextPageButton(s, page, body) {
  if (!page.truncated) return '';
  const read = Math.floor(100 * page.next_offset / page.body_bytes);
  const button = el('button', { type: 'button', className: 'more' }, 'Suite du texte (' + read + ' % affiché)');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const next = await getJson('/api/report/' + encodeURIComponent(s.report) + '?offset=' + page.next_offset +
        (s.q ? '&q=' + encodeURIComponent(s.q) : ''));
      body.append(marked(next.body));
      button.replaceWith(nextPageButton(s, next, body));
    } catch (e) {
      button.replaceWith(el('p', { className: 'error' }, 'Erreur : ' + e.message));
    }
  });
  return button;
}

async function renderReport(s) {
  $('results').hidden = true;
  const box = $('report');
  box.hidden = false;
  window.scrollTo(0, 0);
  // Back to the results this report was opened from; opened from a shared
  // link, there are none in this tab: the results of its query, on this site.
  const back = el('button', { type: 'button', className: 'back', onclick: () => {
    if (history.state && history.state.fromResults) history.back();
    else go({ report: '' });
  } }, '← Retour aux résultats');
  const ticket = begin();
  try {
    const r = await getJson('/api/report/' + encodeURIComponent(s.report) + (s.q ? '?q=' + encodeURIComponent(s.q) : ''));
    if (!done(ticket)) return;
    const body = el('div', { id: 'report-body' }, marked(r.body));
    box.replaceChildren(back,
      el('h2', {}, unescapeHtml(r.title) || r.id),
      el('div', { className: 'meta' }, (r.date || 'sans date') + ' (' + r.format + ')'),
      reportProvenance(r),
      el('div', {}, ...r.actors.map((a) => entityBadge('actor', a.id, a.label)),
        ...r.places.map((p) => entityBadge('place', p.id, p.label))),
      r.mentioned.length ? el('p', { className: 'meta' }, 'Dates citées : ' + r.mentioned.map((m) => m.text + ' (' + m.date + ')').join(', ')) : '',
      body, nextPageButton(s, r, body));
    back.focus();
  } catch (e) {
    if (!done(ticket)) return;
    box.replaceChildren(back, el('p', { className: 'error' }, 'Erreur : ' + e.message));
    back.focus();
  }
}

function openPanel() {
  $('facets').classList.add('open');
  document.body.classList.add('panel-open');
  $('filters-toggle').setAttribute('aria-expanded', 'true');
  $('filters-close').focus();
}
function closePanel() {
  if (!$('facets').classList.contains('open')) return;
  $('facets').classList.remove('open');
  document.body.classList.remove('panel-open');
  $('filters-toggle').setAttribute('aria-expanded', 'false');
}

document.addEventListener('DOMContentLoaded', async () => {
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    go({ q: $('q').value.trim(), sort: $('sort').value });
  });
  $('sort').addEventListener('change', () => go({ sort: $('sort').value }));
  $('count-by').addEventListener('change', (e) => go({ count: e.target.value }));
  $('date-range').addEventListener('submit', (e) => {
    e.preventDefault();  // the fields' pattern is checked by the browser first; the server checks the rest
    go(Object.fromEntries(DATE_FIELDS.map((f) => [f, $(f).value.trim()])));
  });
  $('home').addEventListener('click', (e) => { e.preventDefault(); go({ q: '', actor: [], place: [], from: '', to: '', event_from: '', event_to: '', sort: 'relevance' }); });
  $('skip').addEventListener('click', (e) => {
    e.preventDefault();
    const target = $('report').hidden ? $('summary') : $('report').querySelector('button');
    if (target) { target.focus({ preventScroll: true }); target.scrollIntoView({ block: 'start' }); }
  });
  $('filters-toggle').addEventListener('click', openPanel);
  $('filters-close').addEventListener('click', () => { closePanel(); $('filters-toggle').focus(); });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && $('facets').classList.contains('open')) { closePanel(); $('filters-toggle').focus(); }
  });
  window.addEventListener('popstate', render);
  // The map's shapes come alongside the first answer, not before it.
  getJson('/mali_regions.json').then((map) => {
    regions = map;
    if (typeof VigieMap !== 'undefined') VigieMap.prepare(map);
    if (lastAnswer && !$('results').hidden) drawMap(lastAnswer.r, lastAnswer.s);
  }).catch(() => { /* the page works without the map */ });
  render();
});
