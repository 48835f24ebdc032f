// The live shoot's large last-capture view, as tethering tools show it: the picture with its
// clipped pixels painted over and an RGB histogram. Computed in the browser from the station's
// sRGB thumbnail (same origin, so the canvas can read it back).
import { h } from './api.js';
import { s } from './charts.js';

const BINS = 64;
const CLIP = 254; // of 255 in the sRGB thumbnail (linear ~0.99): at full scale, as the chart reader's clipping flag

/** Per-channel histograms (BINS bins each) and the clipped-pixel mask of an ImageData. */
export function analyse(data, width, height) {
  const hist = [new Array(BINS).fill(0), new Array(BINS).fill(0), new Array(BINS).fill(0)];
  const mask = new ImageData(width, height);
  let clipped = 0;
  for (let i = 0; i < data.length; i += 4) {
    for (let c = 0; c < 3; c++) hist[c][Math.min(BINS - 1, (data[i + c] * BINS) >> 8)]++;
    if (data[i] >= CLIP || data[i + 1] >= CLIP || data[i + 2] >= CLIP) {
      clipped++;
      mask.data.set([255, 0, 40, 200], i);
    }
  }
  return { hist, mask, share: clipped / (width * height) };
}

/** The histogram as SVG: three translucent channel curves on a value axis (0 = black, 255 = full). */
function histogram(hist) {
  const W = 256;
  const H = 100;
  const top = Math.max(1, ...hist.flatMap((ch) => ch.slice(1, BINS - 1)), 1); // the end bins would flatten the rest
  const path = (ch) => `M0,${H} ${ch.map((n, i) => `L${(i + 0.5) * W / BINS},${(H - Math.min(1, n / top) * H).toFixed(1)}`).join(' ')} L${W},${H} Z`;
  return s('svg', { id: 'last-capture-histogram', class: 'chart histogram-live', viewBox: `0 0 ${W} ${H + 16}`, role: 'img',
    'aria-label': 'RGB histogram of the last capture' },
  ['r', 'g', 'b'].map((c, i) => s('path', { class: `hist-${c}`, d: path(hist[i]) })),
  s('line', { class: 'clip-line', x1: CLIP, x2: CLIP, y1: 0, y2: H }),
  s('text', { x: 0, y: H + 13 }, '0'), s('text', { x: W, y: H + 13, 'text-anchor': 'end' }, '255 (clipped)'));
}

/**
 * The large view of one capture: the thumbnail cell (with its patch overlay) plus, once the
 * picture loads, a red mask over clipped pixels, the histogram and the clipped share in words.
 */
export function largeCapture(cell, clippedPatches) {
  const img = cell.querySelector('img');
  const wrap = cell.querySelector('.overlaid');
  const info = h('p#clip-share.muted', { role: 'status' }, 'reading the picture…');
  const side = h('div.live-side', {}, info);
  img.loading = 'eager';
  img.classList.add('large');
  img.addEventListener('load', () => {
    const w = img.naturalWidth;
    const hgt = img.naturalHeight;
    const work = h('canvas', { width: w, height: hgt });
    const g = work.getContext('2d', { willReadFrequently: true });
    g.drawImage(img, 0, 0);
    const a = analyse(g.getImageData(0, 0, w, hgt).data, w, hgt);
    const maskCanvas = h('canvas.clip-mask#clip-mask', { width: w, height: hgt });
    maskCanvas.getContext('2d').putImageData(a.mask, 0, 0);
    wrap.append(maskCanvas);
    side.prepend(histogram(a.hist));
    info.className = a.share > 0 ? 'bad' : 'muted';
    info.dataset.share = a.share.toFixed(4);
    info.textContent = `${(a.share * 100).toFixed(1)}% of pixels at full scale (red)`
      + (clippedPatches ? ` · ${clippedPatches} chart patch(es) clipped` : ' · no chart patch clipped');
  }, { once: true });
  return h('div.live-view', {}, cell, side);
}
