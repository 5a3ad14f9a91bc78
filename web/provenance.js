// Provenance on the page (issue 13): where a report was published (outlet,
// author, a link to the original) on each hit and in the report view, and
// which indexed file or feed line it comes from (never a server path). The
// API sends only http(s) addresses; they are checked again here, set as an
// attribute (never written as HTML) and open in a new tab without giving
// that page a handle on this one (rel="noopener noreferrer").
'use strict';

// `url` when it is an http or https address, else null.
function safeWebUrl(url) {
  if (typeof url !== 'string' || !url) return null;
  let u;
  try { u = new URL(url); } catch (e) { return null; }
  return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
}

function hostOf(url) {
  try { return new URL(url).hostname.replace(/^www\./, ''); } catch (e) { return ''; }
}

function sourceLink(url, text, where) {
  const a = document.createElement('a');
  a.className = 'source-link';
  a.href = url;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  a.textContent = text;
  a.setAttribute('aria-label', 'Ouvrir la source' + (where ? ' sur ' + where : '') + ' (nouvel onglet)');
  return a;
}

function textSpan(className, text) {
  const span = document.createElement('span');
  span.className = className;
  span.textContent = text;
  return span;
}

// A hit's line: « outlet · auteur · source ↗ », or the file's name when the
// report has no address.
function hitProvenance(h) {
  const line = document.createElement('span');
  line.className = 'provenance';
  const parts = [];
  if (h.outlet) parts.push(textSpan('outlet', h.outlet));
  if (h.author) parts.push(textSpan('author', h.author));
  const url = safeWebUrl(h.url);
  if (url) parts.push(sourceLink(url, 'source ↗', h.outlet || hostOf(url)));
  else if (h.source) parts.push(textSpan('source-name', h.source));
  parts.forEach((p, i) => { if (i) line.append(' · '); line.append(p); });
  return line;
}

// The report view's block: « Publié par », « Auteur », « Adresse » (the
// whole address, as a link), « Fichier » (the indexed file or feed line).
function reportProvenance(r) {
  const list = document.createElement('dl');
  list.className = 'provenance-block';
  const row = (term, value) => {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.append(value);
    list.append(dt, dd);
  };
  const url = safeWebUrl(r.url);
  if (r.outlet) row('Publié par', r.outlet);
  if (r.author) row('Auteur', r.author);
  if (url) row('Adresse', sourceLink(url, url + ' ↗', r.outlet || hostOf(url)));
  if (r.source) row('Fichier', r.source);
  if (!url && !r.outlet && !r.author) row('Provenance', 'inconnue (aucune adresse, aucun média, aucun auteur dans le fichier)');
  return list;
}
