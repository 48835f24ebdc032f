// The live shoot's large last-capture view, as tethering tools show it: the picture with its
// clipped pixels painted over and an RGB histogram, from the station's analysis of the capture
// file itself (GET /api/ui/captures/ID/exposure): the thumbnail's white is diffuse white, not the
// sensor's full scale, so it cannot tell clipping.
import { get, h } from './api.js';
import { s } from './charts.js';

/** The histogram as SVG: three translucent channel areas on the value axis (sRGB curve; right edge = where the sensor clips). */
function histogram(hist) {
  const W = 256;
  const H = 100;
  const bins = hist[0].length;
  const top = Math.max(1, ...hist.flatMap((ch) => ch.slice(1, bins - 1))); // the end bins would flatten the rest
  const path = (ch) => `M0,${H} ${ch.map((n, i) => `L${((i + 0.5) * W / bins).toFixed(1)},${(H - Math.min(1, n / top) * H).toFixed(1)}`).join(' ')} L${W},${H} Z`;
  return s('svg', { id: 'last-capture-histogram', class: 'chart histogram-live', viewBox: `0 0 ${W} ${H + 16}`, role: 'img',
    'aria-label': 'RGB histogram of the last capture' },
  ['r', 'g', 'b'].map((c, i) => s('path', { class: `hist-${c}`, d: path(hist[i]) })),
  s('line', { class: 'clip-line', x1: W - 0.5, x2: W - 0.5, y1: 0, y2: H }),
  s('text', { x: 0, y: H + 13 }, 'black'), s('text', { x: W, y: H + 13, 'text-anchor': 'end' }, 'clipped'));
}

/**
 * The large view of one capture: the thumbnail cell (with its patch overlay) plus the station's
 * clipped-pixel mask over it, the histogram and the clipped share in words.
 */
export function largeCapture(cell, captureId, clippedPatches) {
  const img = cell.querySelector('img');
  const wrap = cell.querySelector('.overlaid');
  const info = h('p#clip-share.muted', { role: 'status' }, 'reading the capture…');
  const side = h('div.live-side', {}, info);
  img.loading = 'eager';
  img.classList.add('large');
  get(`/api/ui/captures/${captureId}/exposure`).then((a) => {
    wrap.append(h('img.clip-mask#clip-mask', { src: a.mask, alt: 'clipped pixels' }));
    side.prepend(histogram(a.histogram));
    info.className = a.clipped_share > 0 ? 'bad' : 'muted';
    info.dataset.share = String(a.clipped_share);
    const pct = a.clipped_share * 100;
    info.textContent = `${pct > 0 && pct < 0.1 ? '< 0.1' : pct.toFixed(1)}% of pixels clipped (red)`
      + (clippedPatches ? ` · ${clippedPatches} chart patch(es) clipped` : ' · no chart patch clipped');
  }).catch((e) => { info.className = 'error'; info.textContent = e.message; });
  return h('div.live-view', {}, cell, side);
}
