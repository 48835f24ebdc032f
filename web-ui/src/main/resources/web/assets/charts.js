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

/**
 * Horizontal bars, one per entry of stats ({label: {n, mean, median, p95, max}}): the bar is the
 * mean CIEDE2000, the tick the p95; every bar shares one scale so lights and EVs compare at a glance.
 */
export function barChart(id, title, stats) {
  const rows = Object.entries(stats);
  const top = Math.max(1, ...rows.map(([, v]) => v.p95));
  const x = (v) => LEFT + (W - LEFT - RIGHT) * Math.min(1, v / top);
  const height = 20 + rows.length * ROW;
  return s('svg', { id, class: 'chart', viewBox: `0 0 ${W} ${height}`, width: W, height, role: 'img', 'aria-label': title },
    s('title', {}, title),
    rows.map(([label, v], i) => {
      const y = 10 + i * ROW;
      return s('g', { class: 'bar', 'data-label': label },
        s('title', {}, `${label}: mean ${v.mean.toFixed(2)}, median ${v.median.toFixed(2)}, p95 ${v.p95.toFixed(2)}, max ${v.max.toFixed(2)} (n ${v.n})`),
        s('text', { x: LEFT - 8, y: y + 15, 'text-anchor': 'end' }, label),
        s('rect', { x: LEFT, y: y + 3, width: Math.max(1, x(v.mean) - LEFT), height: ROW - 8, class: 'mean' }),
        s('line', { x1: x(v.p95), x2: x(v.p95), y1: y + 1, y2: y + ROW - 3, class: 'p95' }),
        s('text', { x: x(v.p95) + 6, y: y + 15 }, `${v.mean.toFixed(2)} (p95 ${v.p95.toFixed(2)})`));
    }));
}

/** A histogram of {binWidth, counts} (the last bin open-ended). */
export function histogram(id, h) {
  const H = 150;
  const bottom = 22;
  const n = h.counts.length;
  const bw = (W - 40) / n;
  const most = Math.max(1, ...h.counts);
  return s('svg', { id, class: 'chart', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': 'CIEDE2000 histogram' },
    s('title', {}, 'CIEDE2000 per pair'),
    h.counts.map((c, i) => {
      const lo = i * h.binWidth;
      const label = i === n - 1 ? `≥ ${lo}` : `${lo}–${lo + h.binWidth}`;
      const bh = (H - bottom - 8) * c / most;
      return s('rect', { class: 'bin', x: 20 + i * bw + 1, y: H - bottom - bh, width: bw - 2, height: bh },
        s('title', {}, `dE ${label}: ${c}`));
    }),
    [0, Math.floor(n / 2), n - 1].map((i) => s('text', { x: 20 + i * bw, y: H - 6 }, i === n - 1 ? `≥${i * h.binWidth}` : String(i * h.binWidth))));
}

/** Two squares, the predicted film colour beside the scanned one (sRGB-encoded 0..1 triples). */
export function swatchPair(predicted, film) {
  const rgb = (c) => `rgb(${c.map((v) => Math.round(255 * Math.max(0, Math.min(1, v)))).join(',')})`;
  return s('svg', { class: 'swatch-pair', viewBox: '0 0 120 60', width: 120, height: 60, role: 'img', 'aria-label': 'predicted and film colour' },
    s('rect', { class: 'predicted', x: 0, y: 0, width: 60, height: 60, fill: rgb(predicted) }, s('title', {}, `predicted ${rgb(predicted)}`)),
    s('rect', { class: 'film', x: 60, y: 0, width: 60, height: 60, fill: rgb(film) }, s('title', {}, `film ${rgb(film)}`)));
}
