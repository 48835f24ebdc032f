// The pairing conflicts of rolls, in words, with the scans involved and one-click fixes: apply the
// suggested offset, set a scan aside, pick or drop a scan onto a frame, leave out a frame the lab
// sent no scan of. Shown on the set page (all its rolls) and on the roll page.
import { send, h } from './api.js';
import { overlaidThumb, dragSource, acceptScan } from './pairing.js';

/** The lab's file name of a scan (the station adds the start of its SHA-256 when storing it). */
export const scanName = (sc) => sc.file.split('/').pop().replace(/-[0-9a-f]{12}(\.[^.]*)?$/, '$1');
const signed = (n) => (n > 0 ? `+${n}` : String(n));

function frameText(v, number, stepOf) {
  const f = v.frames.find((x) => x.number === number);
  const step = f && f.step_id ? stepOf.get(f.step_id) : null;
  return `frame ${number}${step ? ` (step ${step})` : ''}`;
}

/** Runs one fix, says its outcome (or its error) and redraws the page. */
const fix = (ctx, fn) => async () => {
  try { ctx.say(await fn()); } catch (e) { ctx.say(e.message, true); }
  await ctx.rerender();
};

async function pairTo(v, sc, frame) {
  const d = await send('POST', `/api/rolls/${v.roll.id}/pairing`, { scan: sc.id, frame });
  return `scan ${scanName(sc)} paired to frame ${frame}; ${d.conflicts.length} conflict(s) left`;
}

/** One scan: thumbnail (draggable onto a frame), where it is, a frame pick-list and "Set aside". */
function scanTile(v, sc, stepOf, ctx, reason) {
  const on = sc.frame_id ? v.frames.find((f) => f.id === sc.frame_id) : null;
  const taken = new Set(v.scans.filter((x) => !x.bad && x.frame_id).map((x) => x.frame_id));
  const pick = h(`select.pick-frame#pick-frame-${sc.id}`, { 'aria-label': `pair scan ${scanName(sc)} to a frame` },
    h('option', { value: '' }, on ? 'move to frame…' : 'pair to frame…'),
    v.frames.filter((f) => !f.bad && (!on || f.id !== on.id)).map((f) => h('option', { value: f.number },
      `${frameText(v, f.number, stepOf)}${taken.has(f.id) ? ' · has a scan' : ''}`)));
  pick.addEventListener('change', () => { if (pick.value) fix(ctx, () => pairTo(v, sc, Number(pick.value)))(); });
  const aside = h(`button.small#set-aside-${sc.id}`, {
    type: 'button', title: 'leave this scan out of pairing and training (kept; it can be restored)',
    onclick: fix(ctx, async () => {
      await send('POST', `/api/scans/${sc.id}/bad`, { bad: true, reason });
      return `scan ${scanName(sc)} set aside (${reason})`;
    }),
  }, 'Set aside');
  return dragSource(h(`div.scan-tile#conflict-scan-${sc.id}`, { dataset: { scan: sc.id } },
    overlaidThumb('scans', sc.id, 'scan', { key: `conflict-thumb-${sc.id}` }),
    h('p.scan-name', {}, scanName(sc), h('span.muted', {}, on ? ` · on ${frameText(v, on.number, stepOf)}` : ' · not paired')),
    h('p', {}, pick, ' ', aside)), sc.id);
}

/** A frame without a scan: drop a scan on it, pick one, or record that the lab sent none. */
function missingFrame(v, number, stepOf, ctx) {
  const free = v.scans.filter((s) => !s.bad && !s.frame_id);
  const key = `${v.roll.id}-${number}`;
  const pick = h(`select.pick-scan#pick-scan-${key}`, { 'aria-label': `pair a scan to frame ${number}` },
    h('option', { value: '' }, free.length ? 'pair a scan…' : 'no unpaired scan'),
    free.map((s) => h('option', { value: s.id }, scanName(s))));
  pick.addEventListener('change', () => {
    const sc = free.find((s) => String(s.id) === pick.value);
    if (sc) fix(ctx, () => pairTo(v, sc, number))();
  });
  const none = h(`button.small#no-scan-${key}`, {
    type: 'button', title: 'mark the frame bad: it leaves the pairs and is no longer missing',
    onclick: fix(ctx, async () => {
      await send('POST', `/api/rolls/${v.roll.id}/frames/${number}/bad`, { bad: true, reason: 'the lab sent no scan of it' });
      return `frame ${number} left out: the lab sent no scan of it`;
    }),
  }, 'Lab sent none: leave it out');
  const li = h(`li.missing-frame#missing-${key}`, { dataset: { frame: number } },
    h('strong', {}, `${frameText(v, number, stepOf)} has no scan. `),
    'Drop a scan here, pick one, or leave the frame out if the lab did not scan it. ', pick, ' ', none);
  return acceptScan(li, async (scanId) => {
    const sc = v.scans.find((s) => s.id === scanId);
    await fix(ctx, async () => {
      if (!sc) throw new Error(`scan ${scanId} is not on roll ${v.roll.code}`);
      return pairTo(v, sc, number);
    })();
  });
}

/** One roll's conflicts: duplicates first (they block an offset), then offset, unmatched, missing. */
function rollConflicts(v, stepOf, ctx) {
  const byId = new Map(v.scans.map((s) => [s.id, s]));
  const shown = new Set(); // a scan gets one tile; later mentions name it
  const tiles = (ids, reason) => h('div.scan-tiles', {}, ids.map((id) => byId.get(id)).filter(Boolean).map((sc) => {
    if (shown.has(sc.id)) return h('span.scan-chip', {}, scanName(sc));
    shown.add(sc.id);
    return scanTile(v, sc, stepOf, ctx, reason);
  }));
  const order = ['duplicate', 'offset', 'unmatched', 'missing'];
  const list = [...v.conflicts].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  const dupScans = new Set(list.filter((c) => c.kind === 'duplicate').flatMap((c) => c.scans));
  const items = list.map((c, i) => {
    const li = (...body) => h(`li.conflict#conflict-${v.roll.id}-${i}`, { dataset: { kind: c.kind } }, ...body);
    if (c.kind === 'duplicate') {
      return li(h('p', {}, h('strong', {}, 'Duplicate scans. '), `${c.message}: set aside the extra scan, or pair it to the frame it shows.`),
        tiles(c.scans, 'duplicate scan'));
    }
    if (c.kind === 'offset') {
      const blocked = c.scans.filter((id) => dupScans.has(id)).map((id) => scanName(byId.get(id)));
      return li(h('p', {}, h('strong', {}, `Numbering offset ${signed(c.suggested_offset)}. `), `${c.message}.`),
        blocked.length ? h('p.warning', {}, `Resolve the duplicate first (${blocked.join(', ')}): two scans cannot go to one frame.`) : null,
        h('p', {}, h(`button#apply-offset-${v.roll.id}`, {
          type: 'button', disabled: blocked.length > 0,
          onclick: fix(ctx, async () => {
            const d = await send('POST', `/api/rolls/${v.roll.id}/pairing`, { offset: c.suggested_offset });
            return `offset ${signed(c.suggested_offset)} applied: ${d.paired} scan(s) paired; ${d.conflicts.length} conflict(s) left`;
          }),
        }, `Apply offset ${signed(c.suggested_offset)} to ${c.scans.length} scan(s)`)),
        tiles(c.scans, 'fits no frame of the roll'));
    }
    if (c.kind === 'missing') return c.frames.map((n) => missingFrame(v, n, stepOf, ctx));
    return li(h('p', {}, h('strong', {}, 'Unpaired scan. '), `${c.message}: drag it onto a frame below, pick its frame, or set it aside.`),
      tiles(c.scans, 'fits no frame of the roll'));
  });
  const aside = v.scans.filter((s) => s.bad);
  return h(`div.card.conflicts-card#conflicts-roll-${v.roll.id}`, { dataset: { conflicts: v.conflicts.length } },
    h('h3', {}, `Roll ${v.roll.code}: `, v.conflicts.length ? `${v.conflicts.length} pairing conflict(s)` : 'no pairing conflict'),
    items.length ? h('ol.conflicts', {}, items.flat()) : null,
    aside.length ? h('p.muted.set-aside', {}, 'Set aside: ', aside.map((s) => h('span.scan-chip', { title: s.bad_reason },
      `${scanName(s)} (${s.bad_reason}) `, h(`button.small#restore-scan-${s.id}`, {
        type: 'button', onclick: fix(ctx, async () => { await send('POST', `/api/scans/${s.id}/bad`, { bad: false }); return `scan ${scanName(s)} restored`; }),
      }, 'Restore')))) : null);
}

/**
 * The conflicts panel of some rolls' views ({roll, frames, scans, conflicts}): nothing before any
 * scan arrives; a card per roll with scans. stepOf maps a step id to its code; ctx.say/rerender.
 */
export function conflictsPanel(views, stepOf, ctx) {
  const withScans = views.filter((v) => v.scans.length);
  if (!withScans.length) return null;
  const open = withScans.filter((v) => v.conflicts.length || v.scans.some((s) => s.bad));
  return h('div#conflicts', { dataset: { open: withScans.reduce((n, v) => n + v.conflicts.length, 0) } },
    open.length ? open.map((v) => rollConflicts(v, stepOf, ctx))
      : h('p.ok', {}, `Every scan is paired: no conflict on ${withScans.map((v) => v.roll.code).join(', ')}.`));
}
