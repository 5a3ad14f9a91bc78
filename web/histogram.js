// Vigie's date histogram: reports per month (per year over a long span),
// empty periods drawn, labelled axes. A drag selects a range, a click one
// period; the chart keeps the whole span it is given, the selection
// highlighted. SVG, no library. app.js calls VigieHistogram.draw().
'use strict';

const VigieHistogram = (() => {
  const NS = 'http://www.w3.org/2000/svg';
  const MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];
  const LONG_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre',
    'octobre', 'novembre', 'décembre'];
  const YEAR_VIEW_MONTHS = 60;  // over five years of months: one bar per year
  const W = 320, H = 150, LEFT = 34, RIGHT = 6, TOP = 16, BOTTOM = 34;

  const svgEl = (tag, attrs, text) => {
    const n = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, v);
    if (text !== undefined) n.textContent = text;
    return n;
  };
  const monthIndex = (id) => parseInt(id.slice(0, 4), 10) * 12 + parseInt(id.slice(5, 7), 10) - 1;
  const monthId = (i) => Math.floor(i / 12) + '-' + String(i % 12 + 1).padStart(2, '0');
  const label = (id) => (id.length === 4 ? id : LONG_MONTHS[parseInt(id.slice(5, 7), 10) - 1] + ' ' + id.slice(0, 4));
  const reports = (n) => countedFr(n);  // web/app.js, loaded after this file

  // Every period from the first to the last (empty ones with 0).
  function periods(months) {
    const valid = months.filter((m) => /^\d{4}-\d{2}$/.test(m.id));
    if (!valid.length) return { byYear: false, bars: [] };
    const counts = new Map(valid.map((m) => [m.id, m.count]));
    const first = Math.min(...valid.map((m) => monthIndex(m.id)));
    const last = Math.max(...valid.map((m) => monthIndex(m.id)));
    if (last - first + 1 > YEAR_VIEW_MONTHS) {
      const years = new Map();
      for (const m of valid) years.set(m.id.slice(0, 4), (years.get(m.id.slice(0, 4)) || 0) + m.count);
      const bars = [];
      for (let y = Math.floor(first / 12); y <= Math.floor(last / 12); y++) bars.push({ id: String(y), count: years.get(String(y)) || 0 });
      return { byYear: true, bars };
    }
    const bars = [];
    for (let i = first; i <= last; i++) bars.push({ id: monthId(i), count: counts.get(monthId(i)) || 0 });
    return { byYear: false, bars };
  }

  // Whether period `id` lies inside [from, to] (dates AAAA, AAAA-MM, AAAA-MM-JJ; open ends).
  function selected(id, from, to) {
    if (!from && !to) return false;
    const lo = id, hi = id.length === 4 ? id + '-12-31' : id + '-31';
    return (!from || hi >= from) && (!to || lo <= to + (to.length === 4 ? '-12-31' : to.length === 7 ? '-31' : ''));
  }

  // A round step for about `n` ticks up to `max`; at least 1 (counts are whole).
  function step(max, n) {
    const raw = Math.max(1, max / n);
    const p = Math.pow(10, Math.floor(Math.log10(raw)));
    return [1, 2, 5, 10].map((k) => k * p).find((s) => s >= raw) || 10 * p;
  }

  // container: an element; months: [{id: 'AAAA-MM', count}]; sel: {from, to};
  // onSelect(from, to): a click (one period) or a drag (a range).
  function draw(container, months, sel, onSelect) {
    const { byYear, bars } = periods(months);
    if (!bars.length) {
      container.replaceChildren(Object.assign(document.createElement('p'),
        { className: 'empty-facet', textContent: 'Aucune date de publication connue.' }));
      return;
    }
    const max = Math.max(1, ...bars.map((b) => b.count));
    const plotW = W - LEFT - RIGHT, plotH = H - TOP - BOTTOM;
    const bw = plotW / bars.length;
    const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, class: 'histogram', role: 'group', tabindex: '0',
      'aria-label': 'Rapports par ' + (byYear ? 'an' : 'mois') + ', de ' + label(bars[0].id) + ' à ' +
        label(bars[bars.length - 1].id) + ' : flèches pour parcourir, Maj+flèches pour étendre, Entrée pour choisir' });
    svg.dataset.view = byYear ? 'year' : 'month';
    // y axis: ticks and their counts.
    const s = step(max, 3);
    for (let v = 0; v <= max; v += s) {
      const y = TOP + plotH - plotH * v / max;
      svg.append(svgEl('line', { x1: LEFT, x2: W - RIGHT, y1: y, y2: y, class: 'grid' }));
      svg.append(svgEl('text', { x: LEFT - 3, y: y + 3, class: 'axis y-tick', 'text-anchor': 'end' }, String(v)));
    }
    svg.append(svgEl('text', { x: 2, y: 9, class: 'axis axis-title' }, countUnit()));
    // Bars, empty ones as a thin mark on the axis.
    const rects = bars.map((b, i) => {
      const h = plotH * b.count / max;
      const g = svgEl('g', { class: 'period' + (b.count ? '' : ' empty') + (selected(b.id, sel.from, sel.to) ? ' sel' : ''),
        'data-id': b.id, 'data-count': b.count });
      g.append(svgEl('rect', { x: LEFT + i * bw, y: TOP, width: bw, height: plotH, class: 'hit-area' }));
      g.append(svgEl('rect', { x: LEFT + i * bw + Math.min(0.5, bw * 0.1), y: TOP + plotH - Math.max(h, b.count ? 1 : 0.5),
        width: Math.max(0.5, bw - Math.min(1, bw * 0.2)), height: Math.max(h, b.count ? 1 : 0.5), class: 'bar' }));
      g.append(svgEl('title', {}, label(b.id) + ' : ' + reports(b.count)));
      svg.append(g);
      return g;
    });
    // x axis: years (and months when few), never overlapping.
    svg.append(svgEl('line', { x1: LEFT, x2: W - RIGHT, y1: TOP + plotH, y2: TOP + plotH, class: 'axis-line' }));
    const minGap = 30;
    let lastX = -Infinity;
    bars.forEach((b, i) => {
      const x = LEFT + i * bw + bw / 2;
      const month = byYear ? 0 : parseInt(b.id.slice(5, 7), 10);
      const text = byYear ? b.id : (month === 1 || i === 0 ? b.id.slice(0, 4) : bars.length <= 12 ? MONTHS[month - 1] : '');
      if (!text || x - lastX < minGap) return;
      lastX = x;
      svg.append(svgEl('line', { x1: x, x2: x, y1: TOP + plotH, y2: TOP + plotH + 3, class: 'axis-line' }));
      svg.append(svgEl('text', { x, y: TOP + plotH + 13, class: 'axis x-tick', 'text-anchor': 'middle' }, text));
    });
    svg.append(svgEl('text', { x: LEFT + plotW / 2, y: H - 4, class: 'axis axis-title', 'text-anchor': 'middle' },
      'date de publication (' + (byYear ? 'par an' : 'par mois') + ')'));

    // Drag or click: pointer events on the chart, the bar under the pointer by x.
    const at = (e) => {
      const box = svg.getBoundingClientRect();
      const x = (e.clientX - box.left) * W / box.width;
      return Math.max(0, Math.min(bars.length - 1, Math.floor((x - LEFT) / bw)));
    };
    let start = null;
    const mark = (a, b) => rects.forEach((g, i) => g.classList.toggle('dragging', i >= Math.min(a, b) && i <= Math.max(a, b)));
    svg.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      start = at(e);
      svg.setPointerCapture(e.pointerId);
      mark(start, start);
      e.preventDefault();
    });
    svg.addEventListener('pointermove', (e) => { if (start !== null) mark(start, at(e)); });
    svg.addEventListener('pointerup', (e) => {
      if (start === null) return;
      const end = at(e);
      const [a, b] = [Math.min(start, end), Math.max(start, end)];
      start = null;
      onSelect(bars[a].id, bars[b].id);
    });
    svg.addEventListener('pointercancel', () => { start = null; mark(-1, -1); });
    const caption = document.createElement('p');
    caption.className = 'histogram-caption';
    caption.textContent = (byYear ? 'Par an' : 'Par mois') + ', ' + label(bars[0].id) + ' – ' + label(bars[bars.length - 1].id) +
      '. Glissez sur le graphique pour choisir une période ; un clic choisit ' + (byYear ? 'une année.' : 'un mois.');
    // Keyboard: arrows move over the periods (Shift extends), Enter chooses;
    // the period under the cursor is read out.
    const said = document.createElement('p');
    said.className = 'visually-hidden';
    said.setAttribute('aria-live', 'polite');
    let anchor = null, cursor = null;
    const say = () => {
      const [a, b] = [Math.min(anchor, cursor), Math.max(anchor, cursor)];
      mark(a, b);
      said.textContent = a === b ? label(bars[a].id) + ' : ' + reports(bars[a].count)
        : label(bars[a].id) + ' – ' + label(bars[b].id) + ' : ' +
          reports(bars.slice(a, b + 1).reduce((n, x) => n + x.count, 0));
    };
    svg.addEventListener('keydown', (e) => {
      const last = bars.length - 1;
      const moves = { ArrowLeft: -1, ArrowRight: 1, Home: -Infinity, End: Infinity };
      if (e.key in moves) {
        e.preventDefault();
        if (cursor === null) {
          const first = rects.findIndex((g) => g.classList.contains('sel'));
          cursor = anchor = first >= 0 ? first : last;
        } else {
          cursor = Math.max(0, Math.min(last, cursor + moves[e.key]));
          if (!e.shiftKey) anchor = cursor;
        }
        say();
      } else if (e.key === 'Enter' && cursor !== null) {
        e.preventDefault();
        onSelect(bars[Math.min(anchor, cursor)].id, bars[Math.max(anchor, cursor)].id);
      } else if (e.key === 'Escape' && cursor !== null) {
        anchor = cursor = null;
        mark(-1, -1);
        said.textContent = '';
      }
    });
    svg.addEventListener('blur', () => { if (start === null) { anchor = cursor = null; mark(-1, -1); } });
    container.replaceChildren(svg, caption, said);
  }

  return { draw, periods };
})();
