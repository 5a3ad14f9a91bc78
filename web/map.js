// Vigie's map: Mali's regions as shapes (shaded by the number of reports
// naming the region or a place inside it), labelled, clickable and keyboard
// reachable; one bubble per region without a shape (Ménaka, Taoudénit, the
// neighbours' regions). An open region shows its cercles and the places
// inside it, bubbles that never overlap. Named areas (Sahel, Liptako…) are
// listed under the map, never drawn as a point. SVG, no library, no network.
// app.js calls VigieMap.draw().
'use strict';

const VigieMap = (() => {
  const NS = 'http://www.w3.org/2000/svg';
  // web/mali_regions.json names (OCHA 2015) -> gazetteer ids.
  const SHAPE_IDS = { Bamako: 'bamako', Gao: 'gao', Kayes: 'kayes', Kidal: 'kidal', Koulikouro: 'koulikoro',
    Mopti: 'mopti', Segou: 'segou', Sikasso: 'sikasso', Tombouctou: 'tombouctou' };
  const WHOLE = [-13, 9.2, 23, 16];  // x (lon), y (-lat top), width, height
  const SHADES = 5;

  const svgEl = (tag, attrs, text) => {
    const n = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, v);
    if (text !== undefined) n.textContent = text;
    return n;
  };
  const reports = (n) => countedFr(n);  // web/app.js, loaded after this file
  const short = (label) => String(label).replace(/ \(.*\)$/, '');  // « Mopti (région, Mali) » on the map: « Mopti »
  // Path data, boxes and label spots depend on the shapes alone: computed
  // once per shape (prepare() runs when the shapes arrive, before the first
  // answer: 20–25 ms off the first page's draw), then read.
  const memo = (f) => {
    const done = new WeakMap();
    return (rings) => {
      if (!done.has(rings)) done.set(rings, f(rings));
      return done.get(rings);
    };
  };
  const ringsPath = memo((rings) => rings.map((ring) => 'M' + ring.map(([x, y]) => x + ' ' + -y).join('L') + 'Z').join(''));
  const bbox = memo(boxOf);
  function boxOf(rings) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const ring of rings) for (const [x, y] of ring) {
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, -y); y1 = Math.max(y1, -y);
    }
    return [x0, y0, x1 - x0, y1 - y0];
  }
  // A label's spot: the centre of the largest ring's box, nudged to the mean of its points.
  const centre = memo(centreOf);
  function centreOf(rings) {
    const ring = rings.slice().sort((a, b) => b.length - a.length)[0];
    let sx = 0, sy = 0;
    for (const [x, y] of ring) { sx += x; sy += -y; }
    return [sx / ring.length, sy / ring.length];
  }
  // Activates on click, Enter and Space; focusable, with a name.
  function pressable(node, name, action, pressed) {
    node.setAttribute('tabindex', '0');
    node.setAttribute('role', 'button');
    node.setAttribute('aria-label', name);
    if (pressed !== undefined) node.setAttribute('aria-pressed', String(pressed));
    node.addEventListener('click', action);
    node.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); action(); }
    });
    return node;
  }

  // Greedy: the largest first; a bubble overlapping one already placed is
  // left off the map (its place stays in the list of places).
  function spread(items, radius) {
    const placed = [];
    for (const it of items) {
      const r = radius(it);
      if (placed.some((p) => Math.hypot(p.x - it.x, p.y - it.y) < p.r + r)) continue;
      placed.push(Object.assign({ r }, it));
    }
    return placed;
  }

  // o: { geo (mali_regions.json), places (place facet values with lat/lon:
  // countries, regions, areas), inside (the open region's places, or null),
  // open (the open region id, or ''), chosen (ids), pick(id), open(id), close(),
  // and for an entity's page (web/entity_map.js): self (the place whose page
  // it is: its shape or bubble outlined), marked (neighbours' names drawn
  // as that place), extra (more bubbles on the whole map), label (the map's
  // name) }
  function draw(container, o) {
    const geo = o.geo;
    const byId = Object.fromEntries((o.places || []).map((v) => [v.id, v]));
    const count = (id) => (byId[id] ? byId[id].count : 0);
    const shapes = geo.regions.map((r) => ({ id: SHAPE_IDS[r.name] || r.name, name: r.name, rings: r.rings }));
    const shaped = new Set(shapes.map((s) => s.id));
    const max = Math.max(1, ...shapes.map((s) => count(s.id)));
    const shade = (n) => (n ? 1 + Math.min(SHADES - 1, Math.floor(SHADES * Math.sqrt(n / max) - 1e-9)) : 0);
    const openShape = shapes.find((s) => s.id === o.open);
    const view = openShape ? (() => {
      const [x, y, w, h] = bbox(openShape.rings);
      const pad = Math.max(w, h) * 0.08;
      const side = Math.max(w * 0.7, h) + 2 * pad;  // the map keeps its shape
      const sideX = side * WHOLE[2] / WHOLE[3];
      return [x + w / 2 - sideX / 2, y + h / 2 - side / 2, sideX, side];
    })() : [WHOLE[0], -WHOLE[1] - WHOLE[3], WHOLE[2], WHOLE[3]];
    const unit = view[2] / 23;  // sizes scale with the zoom
    const svg = svgEl('svg', { viewBox: view.join(' '), class: 'map' + (openShape ? ' zoomed' : ''), role: 'group',
      'aria-label': openShape ? 'Carte de la région ' + (byId[o.open] ? byId[o.open].label : openShape.name) +
        ' : cercles et lieux cités' : 'Carte du Mali par région : nombre de ' + countUnit() + ' citant la région ou un lieu qu’elle contient' });
    if (o.label) svg.setAttribute('aria-label', o.label);
    const marked = new Set(o.marked || []);
    for (const country of geo.neighbours || []) {
      const path = svgEl('path', { class: 'neighbour' + (marked.has(country.name) ? ' marked' : ''), d: ringsPath(country.rings) });
      path.append(svgEl('title', {}, country.name));
      svg.append(path);
    }
    const labels = svgEl('g', { class: 'labels', 'aria-hidden': 'true' });
    for (const s of shapes) {
      const n = count(s.id);
      const label = byId[s.id] ? byId[s.id].label : s.name;
      const isOpen = s.id === o.open;
      const path = svgEl('path', { class: 'region shade-' + shade(n) + (isOpen ? ' open' : '') + (s.id === o.self ? ' self' : ''), d: ringsPath(s.rings),
        'data-id': s.id, 'stroke-width': 0.04 * unit });
      path.append(svgEl('title', {}, label + ' : ' + reports(n)));
      pressable(path, 'Région ' + short(label) + ' : ' + reports(n) + (isOpen ? ' (ouverte)' : ', ouvrir et filtrer'),
        () => (isOpen ? o.close() : o.openRegion(s.id)), isOpen);
      svg.append(path);
      if (!openShape || isOpen) {
        let [cx, cy] = centre(s.rings);
        const [, , bw] = bbox(s.rings);
        if (!isOpen && bw < 1) {  // a small shape (Bamako): its label to the south-west, with a line
          labels.append(svgEl('line', { x1: cx, y1: cy, x2: cx - 1.2 * unit, y2: cy + 0.9 * unit, class: 'leader',
            'stroke-width': 0.03 * unit }));
          cx -= 1.6 * unit;
          cy += 1.2 * unit;
        }
        const size = 0.55 * unit;
        const text = svgEl('text', { x: cx, y: isOpen ? view[1] + size * 1.4 : cy, 'font-size': size, 'text-anchor': 'middle',
          class: 'region-label' });
        text.append(svgEl('tspan', { x: isOpen ? view[0] + view[2] / 2 : cx }, short(label)));
        if (!isOpen) text.append(svgEl('tspan', { x: cx, dy: size * 1.1, class: 'n' }, String(n)));
        labels.append(text);
      }
    }
    // Bubbles: the open region's places, or the regions without a shape.
    const items = [];
    const pool = openShape ? (o.inside || [])
      : (o.places || []).filter((v) => v.type === 'region' && !shaped.has(v.id)).concat(o.extra || []);
    for (const v of pool) {
      if (!('lat' in v) || !v.count) continue;
      const x = v.lon, y = -v.lat;
      if (x < view[0] || x > view[0] + view[2] || y < view[1] || y > view[1] + view[3]) continue;
      items.push({ x, y, v });
    }
    const rank = { cercle: 0, region: 0, town: 1, commune: 2, village: 3 };
    items.sort((a, b) => (rank[a.v.type] ?? 4) - (rank[b.v.type] ?? 4) || b.v.count - a.v.count);
    const bmax = Math.max(1, ...items.map((it) => it.v.count));
    const radius = (it) => unit * (0.18 + 0.5 * Math.sqrt(it.v.count / bmax));
    const placed = spread(items, radius);
    for (const b of placed) {
      const v = b.v;
      const chosen = o.chosen.includes(v.id);
      const g = svgEl('g', { class: 'bubble ' + (v.type || '') + (chosen ? ' chosen' : '') + (v.id === o.self ? ' self' : ''), 'data-id': v.id });
      g.append(svgEl('circle', { cx: b.x, cy: b.y, r: b.r, 'stroke-width': 0.03 * unit }));
      g.append(svgEl('title', {}, v.label + ' : ' + reports(v.count)));
      pressable(g, (v.type === 'cercle' ? 'Cercle ' : '') + v.label + ' : ' + reports(v.count), () => o.pick(v.id), chosen);
      svg.append(g);
      // Labels: cercles, Mali's regions, large bubbles (the neighbours' regions crowd: their title only).
      if (v.type === 'cercle' || (v.type === 'region' && v.parent === 'mali') || b.r > unit * 0.45) {
        labels.append(svgEl('text', { x: b.x, y: b.y - b.r - 0.12 * unit, 'font-size': 0.42 * unit, 'text-anchor': 'middle',
          class: 'bubble-label' }, short(v.label)));
      }
    }
    svg.append(labels);

    // Legend: the shades' ranges, the bubbles' scale.
    const legend = document.createElement('div');
    legend.className = 'map-legend';
    legend.setAttribute('role', 'list');
    legend.setAttribute('aria-label', 'Légende de la carte');
    const item = (swatch, text) => {
      const li = document.createElement('span');
      li.setAttribute('role', 'listitem');
      li.append(swatch, ' ' + text);
      legend.append(li);
    };
    const span = (cls) => Object.assign(document.createElement('span'), { className: cls });
    if (!openShape) {
      // shade(n) is k for n in (max·((k-1)/SHADES)², max·(k/SHADES)²]: whole numbers up to floor(...).
      const bounds = (k) => Math.floor(max * Math.pow(k / SHADES, 2) + 1e-9);
      item(span('swatch shade-0'), countedFr(0));
      for (let k = 1; k <= SHADES; k++) {
        const lo = bounds(k - 1) + 1, hi = bounds(k);
        if (hi >= lo) item(span('swatch shade-' + k), lo === hi ? String(lo) : lo + '–' + hi);
      }
    }
    for (const name of marked) item(span('swatch marked'), name);
    if (placed.length) item(span('swatch dot'), 'lieu cité (surface ∝ nombre de ' + countUnit() + ', jusqu’à ' + bmax + ')');
    const left = items.length - placed.length;
    const notes = [];
    if (left > 0) notes.push(left + (left > 1 ? ' lieux proches non dessinés' : ' lieu proche non dessiné') + ' (voir la liste des lieux)');
    const box = [svg, legend];
    if (openShape) {
      const back = document.createElement('button');
      back.type = 'button';
      back.className = 'map-back';
      back.textContent = '← Toute la carte';
      back.addEventListener('click', o.close);
      box.unshift(back);
    }
    // Named areas: not points: listed, each a filter.
    const areas = (o.places || []).filter((v) => v.type === 'area' && v.count).sort((a, b) => b.count - a.count).slice(0, 8);
    if (areas.length && !openShape) {
      const p = document.createElement('p');
      p.className = 'map-areas';
      p.append('Zones citées : ');
      areas.forEach((v, i) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'area' + (o.chosen.includes(v.id) ? ' chosen' : '');
        b.setAttribute('aria-pressed', String(o.chosen.includes(v.id)));
        b.textContent = v.label + ' (' + v.count + ')';
        b.addEventListener('click', () => o.pick(v.id));
        p.append(i ? ' · ' : '', b);
      });
      box.push(p);
    }
    if (notes.length) box.push(Object.assign(document.createElement('p'), { className: 'map-note', textContent: notes.join(' ') }));
    container.replaceChildren(...box);
  }

  // The shaped region a place lies in (itself or a parent), or ''.
  function regionOf(id, lineage) {
    const shaped = new Set(Object.values(SHAPE_IDS));
    for (const x of [id].concat(lineage || [])) if (shaped.has(x)) return x;
    return '';
  }

  // Computes what draw() reads of each shape, ahead of it.
  function prepare(geo) {
    for (const r of geo.regions || []) { ringsPath(r.rings); bbox(r.rings); centre(r.rings); }
    for (const c of geo.neighbours || []) ringsPath(c.rings);
  }

  return { draw, regionOf, prepare };
})();
