// Inline SVG charts built with DOM calls (no chart library, no innerHTML): bars with a p95 tick, and a histogram.
const NS = 'http://www.w3.org/2000/svg';

/** s('rect', {x: 1}, ...children): an SVG element; text children become text nodes. */
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, v);
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const W = 520;
const ROW = 26;
const LEFT = 90;
const RIGHT = 130;

/** Round tick steps (1, 2 or 5 times a power of ten) giving about {@code count} ticks from 0 to top. */
function ticks(top, count = 5) {
  const raw = top / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((v) => v >= raw);
  const out = [];
  for (let v = 0; v <= top + 1e-9; v += step) out.push(Number(v.toFixed(6)));
  return out;
}

// Rules of thumb for reading CIEDE2000 (not a standard): about 1 is a just-noticeable difference
// side by side, about 3 is visible at a glance.
const THRESHOLDS = [[1, 'just noticeable'], [3, 'visible at a glance']];

/**
 * Horizontal bars, one per entry of stats ({label: {n, mean, median, p95, max}}): the bar is the
 * mean CIEDE2000, the tick the p95; every bar shares one scale so lights and EVs compare at a
 * glance. A value axis in CIEDE2000 units runs below, with the rule-of-thumb thresholds dashed.
 */
export function barChart(id, title, stats) {
  const rows = Object.entries(stats);
  const top = Math.max(1, ...rows.map(([, v]) => v.p95));
  const x = (v) => LEFT + (W - LEFT - RIGHT) * Math.min(1, v / top);
  const plot = 10 + rows.length * ROW;
  const height = plot + 38;
  return s('svg', { id, class: 'chart', viewBox: `0 0 ${W} ${height}`, width: W, height, role: 'img', 'aria-label': title },
    s('title', {}, title),
    THRESHOLDS.filter(([t]) => t <= top).map(([t, words]) => s('g', { class: 'threshold' },
      s('line', { x1: x(t), x2: x(t), y1: 6, y2: plot }), s('title', {}, `CIEDE2000 ${t}: ${words}`))),
    rows.map(([label, v], i) => {
      const y = 10 + i * ROW;
      return s('g', { class: 'bar', 'data-label': label },
        s('title', {}, `${label}: mean ${v.mean.toFixed(2)}, median ${v.median.toFixed(2)}, p95 ${v.p95.toFixed(2)}, max ${v.max.toFixed(2)} (n ${v.n})`),
        s('text', { x: LEFT - 8, y: y + 15, 'text-anchor': 'end' }, label),
        s('rect', { x: LEFT, y: y + 3, width: Math.max(1, x(v.mean) - LEFT), height: ROW - 8, class: 'mean' }),
        s('line', { x1: x(v.p95), x2: x(v.p95), y1: y + 1, y2: y + ROW - 3, class: 'p95' }),
        s('text', { x: x(v.p95) + 6, y: y + 15 }, `${v.mean.toFixed(2)} (p95 ${v.p95.toFixed(2)})`));
    }),
    s('g', { class: 'axis' },
      s('line', { x1: LEFT, x2: x(top), y1: plot + 2, y2: plot + 2 }),
      ticks(top).map((t) => s('g', {}, s('line', { x1: x(t), x2: x(t), y1: plot + 2, y2: plot + 6 }),
        s('text', { x: x(t), y: plot + 17, 'text-anchor': 'middle' }, String(t)))),
      s('text', { class: 'axis-label', x: LEFT, y: plot + 32 }, 'CIEDE2000 (ΔE00)')));
}

/** A histogram of {bin_width, counts} (the last bin open-ended), with a count axis and a CIEDE2000 axis. */
export function histogram(id, h) {
  const H = 180;
  const bottom = 40;
  const left = 40;
  const n = h.counts.length;
  const bw = (W - left - 10) / n;
  const most = Math.max(1, ...h.counts);
  const y = (c) => H - bottom - (H - bottom - 22) * c / most; // 22: room for the axis label above
  return s('svg', { id, class: 'chart', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': 'CIEDE2000 histogram' },
    s('title', {}, 'CIEDE2000 per pair'),
    s('g', { class: 'axis' },
      s('line', { x1: left - 2, x2: left - 2, y1: 22, y2: H - bottom }),
      ticks(most, 4).filter((t) => Number.isInteger(t)).map((t) => s('g', {},
        s('line', { x1: left - 6, x2: left - 2, y1: y(t), y2: y(t) }),
        s('text', { x: left - 8, y: y(t) + 4, 'text-anchor': 'end' }, String(t)))),
      s('text', { class: 'axis-label', x: 4, y: 12 }, 'pairs')),
    THRESHOLDS.filter(([t]) => t < n * h.bin_width).map(([t, words]) => s('g', { class: 'threshold' },
      s('line', { x1: left + t / h.bin_width * bw, x2: left + t / h.bin_width * bw, y1: 22, y2: H - bottom }),
      s('title', {}, `CIEDE2000 ${t}: ${words}`))),
    h.counts.map((c, i) => {
      const lo = i * h.bin_width;
      const label = i === n - 1 ? `≥ ${lo}` : `${lo}–${lo + h.bin_width}`;
      return s('rect', { class: 'bin', x: left + i * bw + 1, y: y(c), width: bw - 2, height: H - bottom - y(c) },
        s('title', {}, `dE ${label}: ${c} pair(s)`));
    }),
    [0, Math.floor(n / 4), Math.floor(n / 2), Math.floor(3 * n / 4), n - 1].map((i) => s('text', { x: left + i * bw, y: H - bottom + 16 },
      i === n - 1 ? `≥${i * h.bin_width}` : String(i * h.bin_width))),
    s('text', { class: 'axis-label', x: left, y: H - 6 }, 'CIEDE2000 (ΔE00) per pair'));
}

/** Two squares, the predicted film colour beside the scanned one (sRGB-encoded 0..1 triples). */
export function swatchPair(predicted, film) {
  const rgb = (c) => `rgb(${c.map((v) => Math.round(255 * Math.max(0, Math.min(1, v)))).join(',')})`;
  return s('svg', { class: 'swatch-pair', viewBox: '0 0 120 60', width: 120, height: 60, role: 'img', 'aria-label': 'predicted and film colour' },
    s('rect', { class: 'predicted', x: 0, y: 0, width: 60, height: 60, fill: rgb(predicted) }, s('title', {}, `predicted ${rgb(predicted)}`)),
    s('rect', { class: 'film', x: 60, y: 0, width: 60, height: 60, fill: rgb(film) }, s('title', {}, `film ${rgb(film)}`)));
}

// CIEDE2000 to colour: green at 0, amber at 3 (visible at a glance), red from 6; a rule of thumb, as THRESHOLDS.
const DE_TOP = 6;
function deColour(de) {
  const t = Math.max(0, Math.min(1, de / DE_TOP));
  const hue = 120 * (1 - t); // HSL hue 120 green .. 0 red
  return `hsl(${hue.toFixed(0)}, 70%, 45%)`;
}

/**
 * The LUT preview's difference view: the chart's patches in their grid, each coloured by the
 * CIEDE2000 between the LUT's prediction and the film scan (value on hover), patches without a
 * pair (clipped or unread) dashed; a legend in CIEDE2000 units below.
 */
export function differenceGrid(d) {
  const cell = 44;
  const gap = 4;
  const W = d.cols * (cell + gap) + gap;
  const gridH = d.rows * (cell + gap) + gap;
  const H = gridH + 46;
  const byCell = new Map(d.patches.map((p) => [`${p.row},${p.col}`, p]));
  const cells = [];
  for (let r = 0; r < d.rows; r++) {
    for (let c = 0; c < d.cols; c++) {
      const p = byCell.get(`${r},${c}`);
      const x = gap + c * (cell + gap);
      const y = gap + r * (cell + gap);
      cells.push(p
        ? s('rect', { class: 'patch', x, y, width: cell, height: cell, rx: 3, fill: deColour(p.de), 'data-de': p.de.toFixed(2) },
          s('title', {}, `${p.label}: ΔE00 ${p.de.toFixed(2)}`))
        : s('rect', { class: 'patch-missing', x, y, width: cell, height: cell, rx: 3 }, s('title', {}, 'no pair (clipped or not read)')));
    }
  }
  const steps = 24;
  const lw = W - 2 * gap;
  return s('svg', { id: 'preview-difference', class: 'chart difference', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img',
    'aria-label': 'CIEDE2000 per patch between the LUT and the film scan' },
  ...cells,
  ...Array.from({ length: steps }, (_, i) => s('rect', { class: 'legend', x: gap + i * lw / steps, y: gridH + 4, width: lw / steps + 0.5, height: 10,
    fill: deColour(i * DE_TOP / (steps - 1)) })),
  ...[0, 1, 3, DE_TOP].map((v) => s('text', { x: gap + v / DE_TOP * lw, y: gridH + 28, 'text-anchor': v === 0 ? 'start' : v === DE_TOP ? 'end' : 'middle' },
    v === DE_TOP ? `≥${v}` : String(v))),
  s('text', { class: 'axis-label', x: gap, y: H - 4 }, 'CIEDE2000 (ΔE00), LUT vs film'));
}
