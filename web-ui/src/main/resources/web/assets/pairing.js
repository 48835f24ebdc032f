// The pairing page's image tools: patch-grid overlays on capture and scan thumbnails, the corner
// editor (drag the chart's four corners where detection failed), and re-pairing a scan to another
// step by drag and drop or, for keyboard users, a select.
import { get, send, h } from './api.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const SCAN_TYPE = 'application/x-emu-scan';

/** svg('polygon', {attrs}, ...children): h() for SVG elements; text is always set as text. */
function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined && v !== null && v !== false) el.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// kind/id -> Promise of the geometry; dropped when corners change so the next render asks again.
const geometries = new Map();

function geometry(kind, id) {
  const key = `${kind}/${id}`;
  if (!geometries.has(key)) {
    const p = get(`/api/ui/${kind}/${id}/geometry`);
    p.catch(() => geometries.delete(key));
    geometries.set(key, p);
  }
  return geometries.get(key);
}

/** Image pixels to thumbnail pixels (the server's thumbnail size for this image). */
const toThumb = (g) => (g.width ? g.thumb_width / g.width : 1);
const pointList = (pts, s) => pts.map(([x, y]) => `${(x * s).toFixed(1)},${(y * s).toFixed(1)}`).join(' ');

/** The chart outline and its 24 patch sample areas over one thumbnail; flagged patches marked. */
function overlay(g) {
  const s = toThumb(g);
  const el = svg('svg', {
    class: 'overlay', viewBox: `0 0 ${g.thumb_width} ${g.thumb_height}`, preserveAspectRatio: 'none',
    'data-located': String(g.located), 'data-method': g.method || '',
  });
  if (!g.located) {
    el.append(svg('text', { class: 'overlay-problem', x: 8, y: 24 }, 'chart not found'),
      svg('title', {}, g.problem || 'chart not found'));
    return el;
  }
  el.append(svg('polygon', { class: `chart-outline ${g.method}`, points: pointList(g.corners, s) }));
  for (const p of g.patches) {
    const flags = [p.clipped && 'clipped', p.non_uniform && 'non-uniform'].filter(Boolean);
    el.append(svg('polygon', {
      class: ['patch-box', p.clipped && 'clipped', p.non_uniform && 'non-uniform'].filter(Boolean).join(' '),
      points: pointList(p.box, s), 'data-patch': p.patch,
    }, svg('title', {}, `${p.label}${flags.length ? ` (${flags.join(', ')})` : ''}`)));
    if (flags.length) {
      el.append(svg('text', { class: 'patch-flag', x: (p.centre[0] * s).toFixed(1), y: (p.centre[1] * s).toFixed(1) },
        p.clipped ? '!' : '~'));
    }
  }
  return el;
}

/**
 * A capture or scan thumbnail (a download link) with its patch-grid overlay and a "fix corners"
 * button; opts.onFix(kind, id) opens the corner editor, opts.extra is appended below, opts.key
 * replaces the element id (when one scan shows twice on a page).
 */
export function overlaidThumb(kind, id, label, opts = {}) {
  if (id === null || id === undefined) return h('div.thumb.empty', {}, `no ${label}`);
  // the geometry is asked for once the (lazy) image loads: a long table does not make the station
  // locate the chart on images nobody scrolled to
  const img = h(`img.thumb${opts.imgId ? `#${opts.imgId}` : ''}`, { src: `/api/ui/${kind}/${id}/thumb`, alt: `${label} ${id}`, loading: 'lazy' });
  const wrap = h(`span.overlaid#${opts.key || `thumb-${kind}-${id}`}`, { dataset: { kind, id } },
    h('a', { href: `/api/ui/${kind}/${id}/file`, title: `download the ${label}` }, img));
  img.addEventListener('load', () => geometry(kind, id).then((g) => wrap.append(overlay(g)))
    .catch((e) => wrap.append(h('span.error', {}, e.message))), { once: true });
  return h('div.thumb-cell', {}, wrap,
    opts.onFix ? h(`button.small#fix-${kind}-${id}`, { type: 'button', onclick: () => opts.onFix(kind, id, label) }, 'Fix corners') : null,
    opts.extra || null);
}

/**
 * The corner editor in {@code host}: the thumbnail at full size with four draggable handles
 * (the chart's grid corners, in chart order: outer corner of patch 1, end of the first row, last
 * patch, start of the last row). Save stores them for every capture (or scan) of the set; "use
 * detection" forgets them. Then onDone() redraws the page.
 */
export async function openCornerEditor(host, { kind, id, label, setId, onDone }) {
  const g = await geometry(kind, id);
  const s = toThumb(g);
  const W = g.thumb_width;
  const H = g.thumb_height;
  // where detection or the operator put them, else a rectangle inset from the edges to drag from
  const start = g.located ? g.corners.map(([x, y]) => [x * s, y * s])
    : [[0.2 * W, 0.2 * H], [0.8 * W, 0.2 * H], [0.8 * W, 0.8 * H], [0.2 * W, 0.8 * H]];
  const pts = start.map((p) => p.slice());
  const outline = svg('polygon', { class: 'chart-outline editing', points: pointList(pts, 1) });
  const handles = pts.map((p, i) => svg('circle', { class: 'handle', id: `handle-${i}`, r: 7, cx: p[0], cy: p[1], tabindex: 0 },
    svg('title', {}, ['patch 1 corner', 'end of first row', 'last patch corner', 'start of last row'][i])));
  const board = svg('svg', { class: 'editor-svg', viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none' }, outline, handles);
  const place = (i, x, y) => {
    pts[i] = [Math.max(0, Math.min(W, x)), Math.max(0, Math.min(H, y))];
    handles[i].setAttribute('cx', pts[i][0].toFixed(1));
    handles[i].setAttribute('cy', pts[i][1].toFixed(1));
    outline.setAttribute('points', pointList(pts, 1));
  };
  handles.forEach((el, i) => {
    el.addEventListener('pointerdown', (e) => { el.setPointerCapture(e.pointerId); e.preventDefault(); });
    el.addEventListener('pointermove', (e) => {
      if (!el.hasPointerCapture(e.pointerId)) return;
      const r = board.getBoundingClientRect();
      place(i, (e.clientX - r.left) * W / r.width, (e.clientY - r.top) * H / r.height);
    });
    el.addEventListener('pointerup', (e) => el.releasePointerCapture(e.pointerId));
    el.addEventListener('keydown', (e) => { // arrow keys move the focused handle by one thumbnail pixel
      const d = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[e.key];
      if (d) { e.preventDefault(); place(i, pts[i][0] + d[0], pts[i][1] + d[1]); }
    });
  });
  const msg = h('p.error#corner-message', { role: 'alert' });
  const source = kind === 'captures' ? 'capture' : 'scan';
  // The station re-reads the set's files with the new corners as a queued job; its SSE `job`
  // events re-render the page, so the pairs refresh when it ends.
  const finish = async (fn) => {
    msg.textContent = '';
    try {
      const answer = await fn();
      for (const key of [...geometries.keys()]) if (key.startsWith(`${kind}/`)) geometries.delete(key);
      host.replaceChildren(h('p.muted#reread-status', { role: 'status', dataset: { job: answer.job.id } },
        `re-reading the set's ${source}s (job ${answer.job.id})…`));
      await onDone();
    } catch (e) { msg.textContent = e.message; }
  };
  host.replaceChildren(h('div.card.corner-editor', {},
    h('h2', {}, `Fix the chart corners on ${label} ${id}`),
    h('p.muted', {}, g.located ? `${g.method} corners; ` : `${g.problem || 'chart not found'}; `,
      'drag the four handles onto the outer corners of the patch grid (first: patch 1). They apply to every ',
      source, ' of this set until detection is turned back on.'),
    h('div.editor-wrap', {}, h('img.thumb-large', { src: `/api/ui/${kind}/${id}/thumb`, alt: `${label} ${id}` }), board),
    h('p', {},
      h('button#corners-save', { type: 'button', onclick: () => finish(() => send('PUT', `/api/sets/${setId}/corners`,
        { source, corners: pts.map(([x, y]) => [Math.round(x / s * 10) / 10, Math.round(y / s * 10) / 10]) })) }, 'Save corners'), ' ',
      h('button#corners-detect', { type: 'button', onclick: () => finish(() => send('DELETE', `/api/sets/${setId}/corners?source=${source}`)) },
        'Use detection'), ' ',
      h('button#corners-cancel', { type: 'button', onclick: () => host.replaceChildren() }, 'Cancel')),
    msg));
  host.scrollIntoView({ block: 'nearest' });
}

/**
 * Re-pairing in the pairing table: what the rolls of the set say (their frames and scans), so a
 * dropped or selected scan finds the frame of its own roll that is bound to the target step.
 */
export async function rollFrames(rolls) {
  const views = await Promise.all(rolls.map((r) => get(`/api/rolls/${r.id}`)));
  const scanRoll = new Map();
  const frameOf = new Map(); // `${roll}/${stepId}` -> frame number
  const framesByRoll = new Map();
  for (const v of views) {
    framesByRoll.set(v.roll.id, v.frames);
    for (const f of v.frames) if (f.step_id) frameOf.set(`${v.roll.id}/${f.step_id}`, f.number);
    for (const sc of v.scans) scanRoll.set(sc.id, v.roll.id);
  }
  return { scanRoll, frameOf, framesByRoll, views };
}

async function repair(ctx, scan, frame) {
  const roll = ctx.film.scanRoll.get(scan);
  const d = await send('POST', `/api/rolls/${roll}/pairing`, { scan, frame });
  ctx.say(`scan ${scan} re-paired to frame ${frame}; ${d.conflicts.length} conflict(s) left`);
}

/** Makes a scan thumbnail draggable (the payload names the scan). */
export function dragSource(el, scanId) {
  el.setAttribute('draggable', 'true');
  el.addEventListener('dragstart', (e) => {
    e.dataTransfer.setData(SCAN_TYPE, String(scanId));
    e.dataTransfer.setData('text/plain', `scan ${scanId}`);
    e.dataTransfer.effectAllowed = 'move';
  });
  return el;
}

/** Makes {@code el} accept a dragged scan: {@code onScan(scanId)} runs when one is dropped on it. */
export function acceptScan(el, onScan) {
  el.addEventListener('dragover', (e) => {
    if ([...e.dataTransfer.types].includes(SCAN_TYPE)) { e.preventDefault(); el.classList.add('drop-target'); }
  });
  el.addEventListener('dragleave', () => el.classList.remove('drop-target'));
  el.addEventListener('drop', async (e) => {
    e.preventDefault();
    el.classList.remove('drop-target');
    await onScan(Number(e.dataTransfer.getData(SCAN_TYPE)));
  });
  return el;
}

/** Makes a pairing-table row a drop target: a scan dropped on it is paired to this step's frame of the scan's roll. */
export function dropTarget(row, step, ctx) {
  return acceptScan(row, async (scan) => {
    const frame = ctx.film.frameOf.get(`${ctx.film.scanRoll.get(scan)}/${step.id}`);
    try {
      if (frame === undefined) throw new Error(`step ${step.code} has no frame on the roll of scan ${scan}`);
      await repair(ctx, scan, frame);
    } catch (err) { ctx.say(err.message, true); }
    await ctx.rerender();
  });
}

/** The keyboard way: a select of the scan's roll's frames (with their steps) that re-pairs on change. */
export function moveSelect(scanId, currentFrame, stepCodes, ctx) {
  const roll = ctx.film.scanRoll.get(scanId);
  const frames = (ctx.film.framesByRoll.get(roll) || []).filter((f) => f.step_id);
  const sel = h(`select.move-scan#move-scan-${scanId}`, { 'aria-label': `move scan ${scanId} to another frame` },
    h('option', { value: '' }, 'move to frame…'),
    frames.filter((f) => f.number !== currentFrame).map((f) => h('option', { value: f.number },
      `frame ${f.number} · ${stepCodes.get(f.step_id) || f.step_id}`)));
  sel.addEventListener('change', async () => {
    if (!sel.value) return;
    try { await repair(ctx, scanId, Number(sel.value)); } catch (err) { ctx.say(err.message, true); }
    await ctx.rerender();
  });
  return sel;
}

const typedReasons = new Map(); // bad-control key -> the reason typed so far

/**
 * Mark a capture or a frame bad (with a reason) or good again: {@code key} names the elements
 * (bad-reason-KEY, mark-bad-KEY, mark-good-KEY, bad-state-KEY), {@code url} is its bad route.
 * A bad one keeps its file and readings but leaves the pairs and training.
 */
export function badControl(key, item, url, ctx) {
  const post = (body) => async () => {
    try {
      await send('POST', url, body);
      typedReasons.delete(key);
      ctx.say(body.bad ? `marked bad: ${body.reason}` : 'marked good again');
    } catch (e) { ctx.say(e.message, true); }
    await ctx.rerender();
  };
  if (item.bad) {
    return h('div.bad-control', {}, h(`span.bad#bad-state-${key}`, { title: item.bad_reason }, `bad: ${item.bad_reason}`), ' ',
      h(`button.small#mark-good-${key}`, { type: 'button', onclick: post({ bad: false }) }, 'Mark good'));
  }
  // what was typed survives the re-renders server events cause while the technician types
  const reason = h(`input.narrow#bad-reason-${key}`, { placeholder: 'why bad', 'aria-label': 'reason it is bad', maxlength: 500,
    value: typedReasons.get(key) || '' });
  reason.addEventListener('input', () => typedReasons.set(key, reason.value));
  return h('div.bad-control', {}, reason, ' ', h(`button.small#mark-bad-${key}`, { type: 'button', onclick: async () => {
    if (!reason.value.trim()) { ctx.say('give the reason it is bad (e.g. "light flickered")', true); await ctx.rerender(); return; }
    await post({ bad: true, reason: reason.value.trim() })();
  } }, 'Mark bad'));
}
