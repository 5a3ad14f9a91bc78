// The map of an entity's page (issue 13): web/map.js drawn for one actor or
// one place, under its facts. Mali's regions are shaded by the reports
// naming the entity that also name the region or a place inside it
// (/api/search?actor=ID or place=ID, limit=0, the map's place types), so an
// actor's map says where it is mentioned. A place is drawn outlined: its
// region's shape; a cercle, commune or village of a shaped region: that
// region opened, the place's bubble in it; a region or place without a
// shape: its bubble; a neighbouring country: its outline. Uses app.js's el,
// getJson, regions, render, closePanel and map.js's VigieMap.
'use strict';

const foldName = (t) => String(t).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();

// Opens another entity's page in place, as a link would.
function openEntityPage(type, id) {
  history.pushState({ fromPage: true }, '', entityHref(type, id));
  if (typeof closePanel === 'function') closePanel();
  render();
}

// The section: a heading and the map, drawn once its counts are in.
function entityMapSection(e) {
  const box = el('div', { className: 'entity-map-box' }, el('p', { className: 'meta' }, 'Chargement de la carte…'));
  const section = el('section', { className: 'entity-map' },
    el('h3', {}, e.type === 'actor' ? 'Où il est cité' : 'Sur la carte'), box);
  if (typeof VigieMap === 'undefined') section.hidden = true;
  else drawEntityMap(e, box);
  return section;
}

async function drawEntityMap(e, box) {
  let geo, r;
  try {
    const p = new URLSearchParams({ [e.type]: e.id, limit: 0, facet_limit: 1 });
    for (const t of ['country', 'region', 'area']) p.append('place_type', t);
    [geo, r] = await Promise.all([regions || getJson('/mali_regions.json'), getJson('/api/search?' + p)]);
  } catch (err) {
    box.replaceChildren(el('p', { className: 'meta' }, 'La carte n’a pas pu être chargée.'));
    return;
  }
  if (!box.isConnected) return;  // another page was drawn meanwhile
  const name = e.label.replace(/ \(.*\)$/, '');
  const o = { geo, places: r.facets.place || [], inside: null, open: '', chosen: [], marked: [], extra: [], self: '',
    pick: (id) => openEntityPage('place', id), openRegion: (id) => openEntityPage('place', id), close: () => {} };
  let note;
  if (e.type === 'actor') {
    o.label = 'Carte du Mali : les rapports nommant ' + name + ' et chaque région';
    note = 'Chaque région : les rapports qui nomment ' + name + ' et la région ou un lieu qu’elle contient.';
  } else {
    o.self = e.id;
    o.label = 'Carte : ' + name;
    const region = VigieMap.regionOf(e.id, e.parents.map((x) => x.id));
    const neighbour = (geo.neighbours || []).find((c) => foldName(c.name) === foldName(name));
    const self = 'lat' in e ? { id: e.id, label: e.label, type: e.kind, count: e.total, lat: e.lat, lon: e.lon } : null;
    if (region && region !== e.id && self) {  // inside a shaped region: opened, the place's bubble in it
      o.open = region;
      o.inside = [self];
      o.chosen = [e.id];
      o.close = () => { o.open = ''; o.inside = null; draw(); };
      note = name + ' dans sa région ; « Toute la carte » : les régions, selon les rapports qui le nomment.';
    } else if (region) {
      note = 'Les autres régions : les rapports qui nomment ' + name + ' et chacune.';
    } else if (neighbour) {
      o.marked = [neighbour.name];
      note = name + ' : pays voisin du Mali ; les régions du Mali selon les rapports qui les nomment avec lui.';
    } else if (self && e.kind !== 'country' && e.kind !== 'area') {
      if (!o.places.some((v) => v.id === e.id)) o.extra = [self];
      note = 'Les régions du Mali : les rapports qui nomment ' + name + ' et chacune.';
    } else {
      note = (e.kind === 'area' ? name + ' est une zone, non dessinée' : name + ' est hors de la carte') +
        ' ; les régions du Mali : les rapports qui le nomment avec chacune.';
    }
  }
  const draw = () => {
    VigieMap.draw(box, o);
    box.append(el('p', { className: 'map-note' }, note));
  };
  draw();
}
