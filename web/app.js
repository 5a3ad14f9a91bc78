// Vigie's page: search, facets, map, report view. The whole state lives in
// the URL. Every string from a report goes through textContent; snippets and
// report bodies (escaped text with <b> marks) are checked, then rebuilt as
// nodes, never assigned as HTML.
'use strict';

const PAGE_SIZE = 10;
const $ = (id) => document.getElementById(id);
let labels = {};      // facet id -> label, for the chips
let positions = {};   // place id -> [lat, lon]
let regions = null;   // web/mali_regions.json

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

function readState() {
  const p = new URLSearchParams(location.search);
  return {
    q: p.get('q') || '', sort: p.get('sort') === 'date' ? 'date' : 'relevance',
    page: Math.max(1, parseInt(p.get('page') || '1', 10) || 1),
    actor: p.getAll('actor'), place: p.getAll('place'),
    from: p.get('from') || '', to: p.get('to') || '', report: p.get('report') || '',
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
  if (s.report) p.set('report', s.report);
  return p.toString();
}

function go(change) {
  const s = Object.assign(readState(), { page: 1, report: '' }, change);
  const qs = stateQuery(s);
  history.pushState(null, '', qs ? '/?' + qs : '/');
  render();
}

async function getJson(url) {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await res.json();
  if (!res.ok) throw new Error(body.error || ('HTTP ' + res.status));
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
  renderChips(s);
  if (s.report) return renderReport(s);
  $('report').hidden = true;
  $('results').hidden = false;
  const p = new URLSearchParams(stateQuery(Object.assign({}, s, { report: '', page: 1 })));
  p.set('limit', PAGE_SIZE);
  p.set('offset', (s.page - 1) * PAGE_SIZE);
  p.set('facet_limit', 0);
  const ticket = begin();
  try {
    const r = await getJson('/api/search?' + p);
    if (!done(ticket)) return;
    for (const list of Object.values(r.facets)) for (const v of list) labels[v.id] = v.label;
    renderChips(s);
    renderHits(r, s);
    renderFacets(r, s);
  } catch (e) {
    if (!done(ticket)) return;
    $('summary').replaceChildren(el('span', { className: 'error' }, 'Erreur : ' + e.message));
    $('hits').replaceChildren();
    $('pages').replaceChildren();
  }
}

function renderChips(s) {
  const chips = [];
  const chip = (text, change) => chips.push(el('button', {
    className: 'chip', type: 'button', 'aria-label': 'Retirer le filtre ' + text, onclick: () => go(change),
  }, text + ' ✕'));
  for (const a of s.actor) chip('Acteur : ' + (labels[a] || a), { actor: s.actor.filter((x) => x !== a) });
  for (const pl of s.place) chip('Lieu : ' + (labels[pl] || pl), { place: s.place.filter((x) => x !== pl) });
  if (s.from || s.to) chip('Date : ' + (s.from === s.to ? s.from : (s.from || '…') + ' → ' + (s.to || '…')), { from: '', to: '' });
  $('chips').replaceChildren(...chips);
}

function renderHits(r, s) {
  const n = r.total;
  const partial = r.partial_total || 0;
  const reports = (k) => k + (k > 1 ? ' rapports' : ' rapport');
  let summary;
  if (n === 0 && partial > 0) {
    summary = ['Aucun rapport ne contient tous les mots. ' + reports(partial) + ' en ' +
      (partial > 1 ? 'contiennent' : 'contient') + ' une partie (non comptés) :'];
  } else {
    summary = [n === 0 ? 'Aucun rapport ne correspond.' : n + (n > 1 ? ' rapports correspondent.' : ' rapport correspond.')];
    if (partial > 0) summary.push(' Suivent ' + reports(partial) + ' qui ne contiennent qu’une partie des mots (non comptés).');
  }
  for (const w of r.warnings || []) summary.push(el('span', { className: 'warning' }, w));
  if (r.suggestion) {
    summary.push(' Vouliez-vous dire ', el('span', { className: 'suggestion' },
      el('button', { type: 'button', onclick: () => go({ q: r.suggestion }) }, r.suggestion)), ' ?');
  }
  $('summary').replaceChildren(...summary);
  $('hits').replaceChildren(...r.hits.map((h) => el('li', {},
    el('button', { type: 'button', className: 'hit-title', onclick: () => go({ report: h.id, page: s.page }) },
      unescapeHtml(h.title) || h.id),
    el('div', { className: 'meta' }, (h.date || 'sans date') + ' — ' + h.path + (h.page ? ' (page ' + h.page + ')' : '')),
    el('p', { className: 'snippet' }, marked(h.snippet)),
    h.missing && h.missing.length ? el('p', { className: 'missing' }, 'Manque : ' + h.missing.join(', ')) : '',
    el('div', {}, ...h.actors.slice(0, 8).map((a) => el('span', { className: 'badge actor' }, labels[a] || a)),
      ...h.places.slice(0, 8).map((p) => el('span', { className: 'badge place' }, labels[p] || p))))));
  const pages = Math.ceil((n + partial) / PAGE_SIZE);
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

const ACTOR_TYPES = {
  armed_group: 'Groupes armés', state_force: 'Forces de l’État', foreign_force: 'Forces étrangères',
  government: 'Gouvernements', international_org: 'Organisations internationales', ngo: 'ONG',
  court: 'Juridictions', person: 'Personnes',
};

function facetButton(v, active, onclick) {
  return el('button', { type: 'button', className: 'facet' + (active ? ' active' : ''), onclick, 'aria-pressed': String(active) },
    el('span', {}, v.label), el('span', { className: 'n' }, String(v.count)));
}

function renderFacets(r, s) {
  const add = (kind, id) => () => go({ [kind]: s[kind].includes(id) ? s[kind] : s[kind].concat([id]) });
  // Actors grouped by type.
  const groups = {};
  for (const v of r.facets.actor || []) (groups[v.type || 'other'] = groups[v.type || 'other'] || []).push(v);
  $('facet-actor').replaceChildren(...Object.keys(groups).sort().flatMap((t) => [
    el('h3', {}, ACTOR_TYPES[t] || t.replace(/_/g, ' ')),
    ...groups[t].slice(0, 15).map((v) => facetButton(v, s.actor.includes(v.id), add('actor', v.id)))]));
  // Places as a tree by `parent`.
  const places = r.facets.place || [];
  const ids = new Set(places.map((v) => v.id));
  const children = {};
  for (const v of places) {
    const parent = v.parent && ids.has(v.parent) ? v.parent : '';
    (children[parent] = children[parent] || []).push(v);
  }
  const tree = (parent, depth) => el('ul', { className: 'tree' }, ...(children[parent] || []).map((v) =>
    el('li', {}, facetButton(v, s.place.includes(v.id), add('place', v.id)), depth < 6 && children[v.id] ? tree(v.id, depth + 1) : '')));
  $('facet-place').replaceChildren(tree('', 0));
  // Dates: one bar per month, oldest first.
  const months = (r.facets.date || []).slice().sort((a, b) => (a.id < b.id ? -1 : 1));
  const max = Math.max(1, ...months.map((v) => v.count));
  $('facet-date').replaceChildren(el('div', { className: 'histogram' }, ...months.map((v) => {
    const bar = el('button', { type: 'button', className: 'bar', title: v.label + ' : ' + v.count,
      'aria-label': v.label + ', ' + v.count + ' rapport(s)', onclick: () => go({ from: v.id, to: v.id }) });
    bar.style.height = Math.round(8 + 72 * v.count / max) + 'px';
    return bar;
  })));
  renderMap(places, s, add);
}

// Mali's regions and its neighbours as SVG (equirectangular; x = lon, y = -lat), bubbles per place.
function renderMap(places, s, add) {
  if (!regions) return;
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '-13 -25.2 23 16');
  svg.setAttribute('role', 'group');
  svg.setAttribute('aria-label', 'Carte du Mali et de ses voisins : lieux cités');
  const ringsPath = (rings) => rings.map((ring) => 'M' + ring.map(([x, y]) => x + ' ' + -y).join('L') + 'Z').join('');
  for (const country of regions.neighbours || []) {
    const path = document.createElementNS(NS, 'path');
    path.setAttribute('class', 'neighbour');
    path.setAttribute('d', ringsPath(country.rings));
    const title = document.createElementNS(NS, 'title');
    title.textContent = country.name;
    path.append(title);
    svg.append(path);
  }
  for (const region of regions.regions) {
    const path = document.createElementNS(NS, 'path');
    path.setAttribute('d', ringsPath(region.rings));
    const title = document.createElementNS(NS, 'title');
    title.textContent = region.name;
    path.append(title);
    svg.append(path);
  }
  const max = Math.max(1, ...places.map((v) => v.count));
  for (const v of places.slice().sort((a, b) => b.count - a.count)) {
    const pos = positions[v.id];
    if (!pos || v.type === 'country') continue;
    const c = document.createElementNS(NS, 'circle');
    c.setAttribute('cx', pos[1]);
    c.setAttribute('cy', -pos[0]);
    c.setAttribute('r', 0.15 + 0.6 * Math.sqrt(v.count / max));
    c.setAttribute('tabindex', '0');
    c.setAttribute('role', 'button');
    c.setAttribute('aria-label', v.label + ' : ' + v.count);
    const title = document.createElementNS(NS, 'title');
    title.textContent = v.label + ' (' + v.count + ')';
    c.append(title);
    c.addEventListener('click', add('place', v.id));
    c.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); add('place', v.id)(); } });
    svg.append(c);
  }
  $('map').replaceChildren(svg);
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
  const back = el('button', { type: 'button', onclick: () => history.back() }, '← Retour aux résultats');
  const ticket = begin();
  try {
    const r = await getJson('/api/report/' + encodeURIComponent(s.report) + (s.q ? '?q=' + encodeURIComponent(s.q) : ''));
    if (!done(ticket)) return;
    const body = el('div', { id: 'report-body' }, marked(r.body));
    box.replaceChildren(back,
      el('h2', {}, unescapeHtml(r.title) || r.id),
      el('div', { className: 'meta' }, (r.date || 'sans date') + ' — ' + r.path + ' (' + r.format + ')'),
      el('div', {}, ...r.actors.map((a) => el('span', { className: 'badge actor' }, a.label)),
        ...r.places.map((p) => el('span', { className: 'badge place' }, p.label))),
      r.mentioned.length ? el('p', { className: 'meta' }, 'Dates citées : ' + r.mentioned.map((m) => m.text + ' (' + m.date + ')').join(', ')) : '',
      body, nextPageButton(s, r, body));
    back.focus();
  } catch (e) {
    if (!done(ticket)) return;
    box.replaceChildren(back, el('p', { className: 'error' }, 'Erreur : ' + e.message));
  }
}

document.addEventListener('DOMContentLoaded', async () => {
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    go({ q: $('q').value.trim(), sort: $('sort').value });
  });
  $('sort').addEventListener('change', () => go({ sort: $('sort').value }));
  $('home').addEventListener('click', (e) => { e.preventDefault(); history.pushState(null, '', '/'); render(); });
  window.addEventListener('popstate', render);
  try {
    const [map, facets] = await Promise.all([getJson('/mali_regions.json'), getJson('/api/facets')]);
    regions = map;
    for (const list of Object.values(facets)) for (const v of list) labels[v.id] = v.label;
    for (const v of facets.place || []) if ('lat' in v) positions[v.id] = [v.lat, v.lon];
  } catch (e) { /* the page works without the map */ }
  render();
});
