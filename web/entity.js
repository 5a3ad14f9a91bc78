// Entity pages and the zero-result page's relaxations (issue 13).
//
// An actor's or a place's page (« fiche ») at /?entity=place:mopti or
// /?entity=actor:fama, drawn from /api/entity: its label, kind, other names,
// the places it lies in, its reports per month, the actors and places most
// often named with it (each count is the search of the reports naming both:
// a link opens it), its latest reports. Reached from the « fiche » link next
// to each facet value and each actor/place chip, from each actor/place badge
// of a hit or a report, and by URL. Uses app.js's el, $, go, getJson,
// unescapeHtml, labels, begin, done, frenchError, render, closePanel.
'use strict';

const ENTITY_KINDS = {
  country: 'Pays', area: 'Zone', region: 'Région', province: 'Province', departement: 'Département',
  cercle: 'Cercle', commune: 'Commune', town: 'Ville', village: 'Village',
  armed_group: 'Groupe armé', state_force: 'Force de l’État', foreign_force: 'Force étrangère',
  government: 'Gouvernement', international_org: 'Organisation internationale', ngo: 'ONG',
  court: 'Juridiction', person: 'Personne', media: 'Média', other: 'Autre',
};
const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre',
  'octobre', 'novembre', 'décembre'];

// "place:mopti" from the URL -> { type, id }, or null.
function entityInUrl() {
  const v = new URLSearchParams(location.search).get('entity') || '';
  const m = /^(actor|place):(.+)$/.exec(v);
  return m ? { type: m[1], id: m[2] } : null;
}

const entityHref = (type, id) => '/?entity=' + encodeURIComponent(type + ':' + id);

// A link to an entity's page, opened in place (a plain link for a new tab).
function entityLink(type, id, text, className) {
  const a = el('a', { href: entityHref(type, id), className: className || 'entity-link', 'data-entity': type + ':' + id },
    text);
  return a;
}

// The small « fiche » link next to a facet value.
function ficheLink(type, v) {
  return entityLink(type, v.id, 'fiche', 'fiche');
}

// A facet button with its « fiche » link, on one row.
function withFiche(type, v, button) {
  const row = el('span', { className: 'facet-row' }, button, ficheLink(type, v));
  row.lastChild.setAttribute('aria-label', 'Fiche de ' + v.label);
  row.lastChild.setAttribute('title', 'Fiche : ' + v.label);
  return row;
}

// The « fiche » link after an actor's or a place's filter chip.
function chipFiche(type, id, label) {
  const a = entityLink(type, id, 'fiche', 'fiche chip-fiche');
  a.setAttribute('aria-label', 'Fiche de ' + label);
  a.setAttribute('title', 'Fiche : ' + label);
  return a;
}

// An actor or place badge of a hit or a report, as a link to its page.
function entityBadge(type, id, label) {
  const a = entityLink(type, id, label, 'badge ' + type);
  a.setAttribute('title', 'Fiche : ' + label);
  return a;
}

// "2020-03" -> "mars 2020"; "2020-03-05" -> "5 mars 2020".
function frenchDate(d) {
  if (!d) return '';
  const [y, m, day] = d.split('-');
  if (!m) return y;
  const month = MONTHS_FR[parseInt(m, 10) - 1] + ' ' + y;
  return day ? parseInt(day, 10) + (day === '01' ? 'er' : '') + ' ' + month : month;
}
const reportsFr = (n) => (n === 0 ? 'aucun rapport' : frNumber(n) + (n > 1 ? ' rapports' : ' rapport'));

// Shows the entity page when the URL asks for one (then true); else hides it.
function showEntity() {
  const asked = entityInUrl();
  const box = $('entity');
  if (!asked) { box.hidden = true; return false; }
  document.body.classList.add('reading');
  $('results').hidden = true;
  $('report').hidden = true;
  box.hidden = false;
  renderEntity(asked, box);
  return true;
}

// Every month from the first to the last, empty ones included (0).
function monthSeries(months) {
  const byMonth = Object.fromEntries(months.filter((m) => m.month.length === 7).map((m) => [m.month, m.count]));
  const keys = Object.keys(byMonth).sort();
  if (!keys.length) return [];
  const out = [];
  let [y, m] = keys[0].split('-').map(Number);
  const [ly, lm] = keys[keys.length - 1].split('-').map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    const id = y + '-' + String(m).padStart(2, '0');
    out.push({ month: id, count: byMonth[id] || 0 });
    if (++m > 12) { m = 1; y++; }
  }
  return out;
}

// The filters of the reports naming this entity (and `other`, when given).
function entitySearch(e, other) {
  const change = { q: '', actor: [], place: [], from: '', to: '', event_from: '', event_to: '' };
  change[e.type] = [e.id];
  if (other && other.type !== e.type) change[other.type] = [other.id];
  // Two values of one facet widen (either); `actor:`/`place:` typed narrows.
  if (other && other.type === e.type) change.q = other.type + ':' + other.id;
  return change;
}

function histogram(e) {
  const series = monthSeries(e.months);
  const wrap = el('div', { className: 'entity-histogram' });
  if (!series.length) return wrap;
  const max = Math.max(1, ...series.map((m) => m.count));
  wrap.style.maxWidth = Math.max(240, series.length * 24) + 'px';  // a few months: narrow bars, axis under them
  const bars = el('div', { className: 'bars', role: 'group', 'aria-label': 'Rapports par mois' }, ...series.map((m) => {
    const label = frenchDate(m.month) + ' : ' + reportsFr(m.count);
    const bar = el('button', { type: 'button', className: 'bar' + (m.count ? '' : ' empty'), title: label, 'aria-label': label });
    bar.style.height = (m.count ? Math.round(6 + 74 * m.count / max) : 1) + 'px';
    if (m.count) bar.addEventListener('click', () => go(Object.assign(entitySearch(e), { from: m.month, to: m.month })));
    else bar.disabled = true;
    return bar;
  }));
  wrap.append(bars, el('div', { className: 'axis' }, el('span', {}, frenchDate(series[0].month)),
    el('span', {}, 'max. ' + max + ' par mois'), el('span', {}, frenchDate(series[series.length - 1].month))));
  return wrap;
}

function relatedList(e, type, values) {
  if (!values.length) return el('p', { className: 'empty-facet' }, type === 'actor' ? 'Aucun acteur.' : 'Aucun lieu.');
  return el('ol', { className: 'related' }, ...values.map((v) => el('li', {},
    entityLink(type, v.id, v.label),
    ' ', el('button', { type: 'button', className: 'more-values', title: 'Les rapports qui les nomment tous les deux',
      onclick: () => go(entitySearch(e, { type, id: v.id })) }, reportsFr(v.count)))));
}

async function renderEntity(asked, box) {
  const back = el('button', { type: 'button', className: 'back', onclick: () => {
    if (history.state && history.state.fromPage) history.back();
    else go({});
  } }, '← Retour');
  box.replaceChildren(back, el('p', { className: 'meta' }, 'Chargement de la fiche…'));
  const ticket = begin();  // app.js: only the latest request draws
  let e = null, problem = '';
  try {
    const res = await fetch('/api/entity?type=' + asked.type + '&id=' + encodeURIComponent(asked.id));
    const body = await res.json().catch(() => null);
    if (res.status === 404) {
      problem = (asked.type === 'actor' ? 'Aucun acteur' : 'Aucun lieu') + ' « ' + asked.id +
        ' » dans le catalogue, le répertoire des lieux ou l’index.';
    } else if (!res.ok || !body) {
      problem = frenchError(res.status, body);
    } else {
      e = body;
    }
  } catch (err) {
    problem = 'Le serveur ne répond pas : vérifiez qu’il tourne encore, puis réessayez.';
  }
  if (!done(ticket)) return;
  if (!e) {
    box.replaceChildren(back, el('p', { className: 'error' }, problem));
    back.focus();
    return;
  }
  labels[e.id] = e.label;
  const kind = ENTITY_KINDS[e.kind] || (e.type === 'actor' ? 'Acteur' : 'Lieu');
  const facts = el('dl', { className: 'entity-facts' });
  const fact = (term, ...value) => facts.append(el('dt', {}, term), el('dd', {}, ...value));
  fact('Type', kind);
  if (e.parents.length) {
    const chain = [];
    e.parents.forEach((p, i) => { if (i) chain.push(' › '); chain.push(entityLink('place', p.id, p.label)); });
    fact('Se trouve dans', ...chain);
  }
  if (e.affiliation) fact('Fait partie de', entityLink('actor', e.affiliation.id, e.affiliation.label));
  if (e.aliases.length) fact('Autres noms', e.aliases.join(' · '));
  const undated = [];
  const yearOnly = e.months.filter((m) => m.month.length === 4);
  if (yearOnly.length) undated.push(yearOnly.map((m) => reportsFr(m.count) + ' daté' + (m.count > 1 ? 's' : '') + ' de ' + m.month + ' seulement').join(', '));
  if (e.undated) undated.push(reportsFr(e.undated) + ' sans date');
  const latest = e.latest.map((r) => el('li', {},
    el('a', { href: '/?report=' + encodeURIComponent(r.id), className: 'hit-title', 'data-report': r.id },
      unescapeHtml(r.title) || r.id),
    el('div', { className: 'meta' }, (r.date ? frenchDate(r.date) : 'sans date') + (r.outlet ? ' — ' + r.outlet : ''))));
  box.replaceChildren(back,
    el('h2', { tabindex: '-1' }, e.label),
    facts,
    el('p', { className: 'entity-total' }, e.total
      ? reportsFr(e.total) + (e.total > 1 ? ' le nomment' : ' le nomme') + (e.type === 'place' ? ' (lui ou un lieu qu’il contient)' : '') + '. '
      : 'Aucun rapport de l’index ne le nomme. ',
    e.total ? el('button', { type: 'button', className: 'more-values', onclick: () => go(entitySearch(e)) }, 'Voir ces rapports') : ''),
    entityMapSection(e),  // web/entity_map.js
    el('section', {}, el('h3', {}, 'Rapports par mois'), histogram(e),
      undated.length ? el('p', { className: 'meta' }, 'Hors du graphique : ' + undated.join(' ; ') + '.') : ''),
    el('div', { className: 'entity-related' },
      el('section', {}, el('h3', {}, 'Acteurs nommés avec ' + (e.type === 'actor' ? 'lui' : 'ce lieu')), relatedList(e, 'actor', e.actors)),
      el('section', {}, el('h3', {}, 'Lieux nommés avec ' + (e.type === 'actor' ? 'lui' : 'ce lieu')), relatedList(e, 'place', e.places))),
    el('section', {}, el('h3', {}, 'Derniers rapports'),
      latest.length ? el('ol', { className: 'latest' }, ...latest) : el('p', { className: 'empty-facet' }, 'Aucun.')));
  box.querySelector('h2').focus();
  window.scrollTo(0, 0);
}

// Links to entities and reports open in place (pushState); a modified click
// (new tab) is left to the browser.
document.addEventListener('click', (ev) => {
  const a = ev.target.closest && ev.target.closest('a[data-entity], a[data-report]');
  if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
  ev.preventDefault();
  if (a.dataset.report) { go({ report: a.dataset.report }); return; }
  history.pushState({ fromPage: true }, '', a.getAttribute('href'));
  if (typeof closePanel === 'function') closePanel();
  render();
});

// ---- The zero-result page: what each word or filter costs (relaxations). ----

const RELAXED = {
  actor: ['Sans le filtre d’acteur', { actor: [] }],
  place: ['Sans le filtre de lieu', { place: [] }],
  dates: ['Sans la période de publication', { from: '', to: '' }],
  event_dates: ['Sans les dates d’événements', { event_from: '', event_to: '' }],
};

// « sans le mot « x » : 12 rapports » as links, and the collection's span.
function relaxationsBlock(r) {
  const box = el('span', { className: 'relaxations' });
  const items = (r.relaxations || []).map((x) => {
    const [text, change] = x.without === 'word'
      ? ['Sans le mot « ' + x.word + ' »', { q: x.q }]
      : RELAXED[x.without] || [x.without, {}];
    const count = reportsFr(x.total);
    return el('li', {}, x.total
      ? el('button', { type: 'button', className: 'more-values relax', onclick: () => go(change) }, text + ' : ' + count)
      : el('span', { className: 'relax-none' }, text + ' : ' + count + ' non plus'));
  });
  if (items.length) box.append(el('span', { className: 'relax-head' }, 'Ce qui a vidé la recherche :'), el('ul', {}, ...items));
  if (r.collection) {
    const when = (d) => (d.length === 10 ? 'le ' : '') + frenchDate(d);  // « le 10 mars 2020 », « novembre 2022 »
    box.append(el('span', { className: 'collection' }, 'L’index couvre les rapports publiés entre ' +
      when(r.collection.first) + ' et ' + when(r.collection.last) + '.'));
  }
  return box;
}
