// Duplicates on the page (issue 13, docs/duplicates.md): searches are
// grouped (one hit per story); a hit that other reports also tell shows
// « N versions », and one click lists them (title, date, outlet), each
// opening its report view. The count line says reports and stories.
'use strict';

// « (M histoires) » after the count of reports, when they differ.
function storiesNote(r) {
  if (typeof r.stories !== 'number' || r.stories === r.total) return '';
  return el('span', { className: 'stories' },
    ' Soit ' + frNumber(r.stories) + (r.stories > 1 ? ' histoires distinctes' : ' histoire distincte') +
    ' (les copies d’une même dépêche comptent une fois).');
}

// Hits to page through: stories when grouped.
function hitsCount(r) {
  return typeof r.stories === 'number' ? r.stories : r.total;
}

// Partial matches to page through: when grouped, their stories, none of
// which is already among the full matches (docs/duplicates.md).
function partialCount(r) {
  return typeof r.partial_stories === 'number' ? r.partial_stories : (r.partial_total || 0);
}

// « Suivent N rapports (M histoires, hors celles déjà listées) qui ne
// contiennent qu’une partie des mots » after the full matches.
function partialNote(r) {
  const n = r.partial_total || 0;
  let text = (n > 1 ? ' Suivent ' : ' Suit ') + frNumber(n) + (n > 1 ? ' rapports' : ' rapport');
  if (typeof r.partial_stories === 'number' && r.total > 0)
    text += ' (' + frNumber(r.partial_stories) + (r.partial_stories > 1 ? ' histoires' : ' histoire') +
      ', hors celles déjà listées)';
  return text + (n > 1 ? ' qui ne contiennent' : ' qui ne contient') + ' qu’une partie des mots' +
    (n > 1 ? ' (non comptés).' : ' (non compté).');
}

// The « N versions » control of a hit, '' when it is alone.
function versionsControl(h, s) {
  if (!h.versions || h.versions < 2 || !h.other_versions) return '';
  const list = el('ul', { className: 'versions-list', hidden: true });
  const button = el('button', { type: 'button', className: 'versions', 'aria-expanded': 'false' },
    h.versions + ' versions');
  let loaded = false;
  button.addEventListener('click', async () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    list.hidden = !open;
    if (!open || loaded) return;
    loaded = true;
    list.replaceChildren(el('li', { className: 'meta' }, 'Chargement…'));
    const items = await Promise.all(h.other_versions.map(async (id) => {
      let r = null;
      try { r = await getJson('/api/report/' + encodeURIComponent(id) + '?length=0'); } catch (e) { r = null; }
      const title = r ? unescapeHtml(r.title) || id : id;
      const meta = r ? ' — ' + (r.date || 'sans date') + (r.outlet ? ' · ' + r.outlet : '') : '';
      return el('li', {},
        el('button', { type: 'button', className: 'version-link', 'data-id': id, onclick: () => go({ report: id, page: s.page }) }, title),
        el('span', { className: 'meta' }, meta));
    }));
    const more = h.versions - 1 - h.other_versions.length;
    if (more > 0) items.push(el('li', { className: 'meta' }, 'et ' + more + ' autres'));
    list.replaceChildren(...items);
  });
  return el('div', { className: 'versions-block' }, button, list);
}
