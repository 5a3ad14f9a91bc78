// The actors' facet list, paged by the server (issue 13; docs/page.md,
// /api/facets in docs/CONTRACT.md): « plus… » under a type asks for the
// next values of that type, the filter box for the values whose label or
// alias holds what is typed (accents and case aside), a few KB each instead
// of the whole list (1.8 MB of actors at 36k). Counts are those of the
// current search and filters, as in the first answer.
'use strict';

const ACTOR_PAGE = 50;  // values added by one « plus… »
const ACTOR_TYPING_MS = 150;  // typing pauses this long before a request
// What was fetched for the filters `key` (listKey): per type { values,
// matched }, and the filter box's matches { text, values, matched }.
const actorLists = { key: null, byType: {}, found: null, timer: 0 };

function actorListsFor(s) {
  const key = listKey(s, 'actor');
  if (actorLists.key !== key) Object.assign(actorLists, { key, byType: {}, found: null });
  return actorLists;
}

// One page of actor values (/api/facets?field=actor&type=&match=&limit=&offset=).
async function fetchActors(s, params) {
  const key = listKey(s, 'actor');
  const f = await getJson('/api/facets?' + key + (key ? '&' : '') + 'field=actor&' + new URLSearchParams(params));
  const values = f.actor || [];
  for (const v of values) labels[v.id] = v.label;
  return { values, matched: typeof f.matched === 'number' ? f.matched : values.length };
}

// Redraws the actors when the answer still belongs to the page's search.
function redrawActors(s, focus) {
  if (!lastAnswer || listKey(lastAnswer.s, 'actor') !== listKey(s, 'actor')) return;
  renderActorFacet(lastAnswer.r, lastAnswer.s);
  if (focus) focus();
}

// « plus… » under a type: its first `want` values.
async function moreActorsOfType(s, type, want, button) {
  button.disabled = true;
  $('facet-actor').setAttribute('aria-busy', 'true');
  try {
    const page = await fetchActors(s, { type, limit: want });
    actorListsFor(s).byType[type] = page;
  } catch (e) {
    button.disabled = false;
    return;
  } finally {
    $('facet-actor').removeAttribute('aria-busy');
  }
  const have = button.dataset.have;
  redrawActors(s, () => {  // focus the first value added
    const list = $('facet-actor').querySelector('[data-type="' + type + '"]');
    const added = list && list.querySelectorAll('button.facet')[Number(have)];
    if (added) added.focus();
    else if (list && list.querySelector('.more-values')) list.querySelector('.more-values').focus();
  });
}

// The filter box's matches: its first `want`.
function searchActors(s, text, want) {
  clearTimeout(actorLists.timer);
  actorLists.timer = setTimeout(async () => {
    let page;
    try {
      page = await fetchActors(s, { match: text, limit: want });
    } catch (e) {
      page = { values: [], matched: 0, failed: true };
    }
    if ((facetFilter.actor || '').trim() !== text) return;  // typed on since
    actorListsFor(s).found = Object.assign(page, { text });
    const typing = document.activeElement && document.activeElement.classList.contains('facet-filter');
    redrawActors(s, typing ? () => refocus('actor') : null);
  }, want > ACTOR_PAGE ? 0 : ACTOR_TYPING_MS);
}

function moreButton(left, onclick) {
  const b = el('button', { type: 'button', className: 'more-values' },
    left === null ? 'plus…' : 'plus… (' + frNumber(left) + (left > 1 ? ' autres)' : ' autre)'));
  b.addEventListener('click', () => onclick(b));
  return b;
}

// Values grouped under their type's heading, each group a [data-type] block.
function actorTypeBlocks(byType, drawList) {
  return Object.keys(byType).sort().map((t) => el('div', { className: 'actor-type', 'data-type': t },
    el('h3', {}, ACTOR_TYPES[t] || t.replace(/_/g, ' ')), ...drawList(t, byType[t])));
}

function groupByType(values) {
  const groups = {};
  for (const v of values) (groups[v.type || 'other'] = groups[v.type || 'other'] || []).push(v);
  return groups;
}

function renderActorFacet(r, s) {
  const lists = actorListsFor(s);
  const all = r.facets.actor || [];
  const chosen = (v) => s.actor.includes(v.id);
  const draw = (v) => withFiche('actor', v, facetButton(v, chosen(v), toggle(s, 'actor', v.id)));
  const typed = (facetFilter.actor || '').trim();
  let content;
  if (typed) {
    const found = lists.found && lists.found.text === typed ? lists.found : null;
    if (!found) {
      searchActors(s, typed, ACTOR_PAGE);
      content = [el('p', { className: 'empty-facet', role: 'status' }, 'Recherche…')];
    } else if (!found.values.length) {
      content = [el('p', { className: 'empty-facet', role: 'status' }, found.failed
        ? 'La liste des acteurs n’a pas pu être chargée.' : 'Aucun acteur ne contient « ' + typed + ' ».')];
    } else {
      // Chosen actors stay in sight (a click removes them), matching or not.
      const shown = found.values.concat(all.filter((v) => chosen(v) && !found.values.some((x) => x.id === v.id)));
      content = actorTypeBlocks(groupByType(shown), (t, values) => values.map(draw));
      if (found.matched > found.values.length)
        content.push(moreButton(found.matched - found.values.length, (b) => {
          b.disabled = true;
          searchActors(s, typed, found.values.length + ACTOR_PAGE);
        }));
    }
  } else {
    // The first answer's values (cut at FIRST_ACTORS), or the type's pages
    // fetched since; chosen values stay in sight.
    const groups = groupByType(all);
    for (const t of Object.keys(lists.byType)) groups[t] = groups[t] || [];
    const cut = all.length >= FIRST_ACTORS;  // the answer may lack values of any type
    content = actorTypeBlocks(groups, (t, values) => {
      const page = lists.byType[t];
      let shown = page ? page.values.slice() : values.filter((v, i) => i < SHOWN || chosen(v));
      for (const v of values) if (chosen(v) && !shown.some((x) => x.id === v.id)) shown.push(v);
      const items = shown.map(draw);
      const left = page ? page.matched - page.values.length : null;
      if (page ? left > 0 : values.length > SHOWN || cut) {
        const b = moreButton(left, (button) => moreActorsOfType(s, t, shown.length + ACTOR_PAGE, button));
        b.dataset.have = String(shown.length);
        items.push(b);
      }
      return items;
    });
  }
  const box = el('input', { type: 'search', className: 'facet-filter', 'aria-label': 'Filtrer les acteurs',
    placeholder: 'Filtrer les acteurs…', value: facetFilter.actor || '' });
  box.addEventListener('input', () => {
    facetFilter.actor = box.value;
    renderActorFacet(r, s);
    refocus('actor');
  });
  $('facet-actor').replaceChildren(box, ...content);
}
