// Sets: the list with a creation form, and one set's steps with capture and scan side by side (pairing view).
import { get, send, h, bar, label, setStatus } from './api.js';
import { filmAndResults } from './film.js';
import { overlaidThumb, openCornerEditor, rollFrames, dragSource, dropTarget, moveSelect, badControl } from './pairing.js';
import { conflictsPanel, scanName } from './conflicts.js';
import { largeCapture } from './exposure.js';
import { newSetForm, setActions } from './setform.js';
import { driftPanel } from './drift.js';

const pairingSaid = { text: '', error: false }; // the last re-pair's outcome, shown again after the re-render

export async function sets() {
  const node = h('section#sets');
  const form = await newSetForm(); // asked once: a server event's re-render must not reset what is being typed
  async function refresh() {
    const [d, sh] = await Promise.all([get('/api/ui/dashboard'), get('/api/shoot')]);
    const table = (id, list) => h(`table#${id}`, {}, h('thead', {}, h('tr', {}, ...['Set', 'Stock', 'Chart', 'Status', 'Steps', 'Complete'].map((t) => h('th', {}, t)))),
      h('tbody', {}, list.map((s) => h('tr', { dataset: { set: s.id } },
        h('td', {}, h('a', { href: `#/sets/${s.id}` }, s.name)), h('td', {}, s.stock), h('td', {}, s.chart),
        h('td', {}, setStatus(s, sh, (d.leases || {})[s.id])), h('td.num', {}, s.steps),
        h('td', {}, bar(s.steps ? Math.min(s.captured, s.scanned) / s.steps : 0, ''))))));
    const archived = d.sets.filter((s) => s.archived);
    node.replaceChildren(h('h1', {}, 'Profiling sets'), table('set-list', d.sets.filter((s) => !s.archived)),
      archived.length ? h('details#archived', {}, h('summary', {}, `Archived (${archived.length})`), table('archived-sets', archived)) : '', // replaceChildren writes a null as "null"
      h('h2', {}, 'New set'), form);
  }
  await refresh();
  return { node, refresh };
}

/** The live shoot panel: progress, the step being shot, pause/resume/cancel; events re-render it. */
function shootPanel(setId, sh, lastCapture, onFix, failures, lastClipped, drift) {
  const msg = h('p.error', { role: 'alert' });
  const act = (path, body) => async () => {
    try { await send('POST', path, body); } catch (e) { msg.textContent = e.message; }
  };
  const mine = sh.set === Number(setId);
  const busy = sh.state !== 'idle';
  return h('div#shoot.card', {},
    h('h2', {}, 'Digital shoot'),
    h('p#shoot-state', { dataset: { state: mine ? sh.state : 'idle' } },
      mine || !busy ? `${sh.state}` : `busy with set ${sh.set}`,
      mine && sh.total ? ` · ${sh.done}/${sh.total} steps` : '',
      mine && sh.step ? ` · shooting ${sh.step}` : '',
      sh.message ? ` · ${sh.message}` : ''),
    mine && sh.total ? bar(sh.done / sh.total, `${sh.done}/${sh.total}`) : null,
    driftPanel(setId, drift, busy),
    !busy && failures.length ? h('div#failed-steps', {},
      h('p.error', {}, `${failures.length} step(s) failed after their retries and are skipped by later shoots:`),
      h('ul', {}, failures.map((f) => h('li', { dataset: { step: f.code } },
        `${f.code}: ${f.reason} (${f.attempts} attempt(s), ${new Date(f.failed_at).toLocaleString()})`))),
      h('button#shoot-retry-failed', { type: 'button', onclick: act(`/api/sets/${setId}/shoot`, { retry_failed: true }) }, 'Retry failed steps'))
      : mine && sh.failed && sh.failed.length ? h('p.error', {}, `failed steps: ${sh.failed.join(', ')}`) : null,
    h('p', {},
      h('button#shoot-start', { type: 'button', disabled: busy, onclick: act(`/api/sets/${setId}/shoot`) }, 'Start shoot'), ' ',
      h('button#shoot-pause', { type: 'button', disabled: !(mine && sh.state === 'running'), onclick: act('/api/shoot/pause') }, 'Pause'), ' ',
      h('button#shoot-resume', { type: 'button', disabled: !(mine && sh.state === 'paused'), onclick: act('/api/shoot/resume') }, 'Resume'), ' ',
      h('button#shoot-cancel', { type: 'button', disabled: !(mine && busy), onclick: act('/api/shoot/cancel') }, 'Cancel')),
    lastCapture ? h('figure.last-capture', {}, largeCapture(overlaidThumb('captures', lastCapture, 'capture', { imgId: 'last-capture', onFix }), lastCapture, lastClipped),
      h('figcaption.muted', {}, `last capture #${lastCapture}`)) : null,
    msg);
}

/** The capture's exposure at a glance: clipped patches (of 24) or under-exposed. */
function exposureBadge(s) {
  if (s.capture_id === null) return null;
  if (s.clipped) return h(`span.badge.clip#clip-${s.code}`, { title: 'patches read at full scale: their colour is lost' }, `${s.clipped} patch(es) clipped`);
  if (s.under_exposed) return h(`span.badge.dark#dark-${s.code}`, { title: 'the brightest patch is more than 3 stops under full scale' }, 'under-exposed');
  return h('span.badge.exposure-ok', {}, 'exposure ok');
}

/** The corner editor's "re-reading… (job N)" note becomes the job's outcome once it ended. */
async function rereadEnded(editor) {
  const note = editor.querySelector('#reread-status[data-job]');
  if (!note) return;
  const job = (await get('/api/jobs')).find((j) => String(j.id) === note.dataset.job);
  if (job && !['queued', 'running'].includes(label(job.state))) {
    delete note.dataset.job;
    note.dataset.state = label(job.state);
    note.textContent = `re-read ${label(job.state)} (job ${job.id})${job.message ? `: ${job.message}` : ''}`;
  }
}

export async function setDetail(id) {
  let actionsKept = null;
  const content = h('div');
  const editor = h('div#corner-editor'); // outside the re-rendered part: server events must not reset a drag
  const node = h('section#set-detail', {}, content, editor);
  const onFix = (kind, thumbId, label) => openCornerEditor(editor, { kind, id: thumbId, label, setId: id, onDone: refresh })
    .catch((e) => { pairingSaid.text = e.message; pairingSaid.error = true; });
  async function refresh() {
    await rereadEnded(editor);
    const [d, sh, set] = await Promise.all([get(`/api/ui/sets/${id}/steps`), get('/api/shoot'), get(`/api/sets/${id}`)]);
    const drift = await get(`/api/sets/${id}/drift`);
    const rolls = await rollFrames(set.rolls);
    const film = await filmAndResults(id, refresh, set, rolls.views, d.steps);
    const ctx = {
      film: rolls, rerender: refresh,
      say: (text, error = false) => { pairingSaid.text = text; pairingSaid.error = error; },
    };
    const stepCodes = new Map(d.steps.map((s) => [s.id, s.code]));
    const captures = new Map((set.captures || []).map((c) => [c.id, c]));
    const captureCell = (s) => (s.capture_id === null ? overlaidThumb('captures', null, 'capture')
      : overlaidThumb('captures', s.capture_id, 'capture', { onFix,
        extra: captures.has(s.capture_id) ? badControl(`capture-${s.capture_id}`, captures.get(s.capture_id), `/api/captures/${s.capture_id}/bad`, ctx) : null }));
    const lastCapture = d.steps.reduce((m, s) => (s.capture_id !== null && s.capture_id > m ? s.capture_id : m), 0) || null;
    const captured = d.steps.filter((s) => s.capture_id !== null).length;
    const scanned = d.steps.filter((s) => s.scan_id !== null).length;
    // every scan (not set aside) paired to a frame of the step, on any roll; more than one on a frame is a duplicate
    const onStep = new Map(); // step id -> [{ roll, frame, scan, dup }]
    const framesOf = new Map(); // step id -> ['R-0001 #2', ...]
    for (const v of rolls.views) {
      const frameById = new Map(v.frames.map((f) => [f.id, f]));
      for (const f of v.frames) if (f.step_id) framesOf.set(f.step_id, [...(framesOf.get(f.step_id) || []), `${v.roll.code} #${f.number}`]);
      const good = v.scans.filter((sc) => !sc.bad && sc.frame_id);
      for (const sc of good) {
        const f = frameById.get(sc.frame_id);
        if (!f || !f.step_id) continue;
        const dup = good.filter((x) => x.frame_id === sc.frame_id).length;
        onStep.set(f.step_id, [...(onStep.get(f.step_id) || []), { roll: v.roll, frame: f, scan: sc, dup }]);
      }
    }
    const scanCell = (s) => {
      const list = onStep.get(s.id) || [];
      if (!list.length) return overlaidThumb('scans', null, 'scan');
      return list.map(({ roll, frame, scan, dup }) => dragSource(overlaidThumb('scans', scan.id, 'scan', {
        onFix,
        extra: h('div.scan-caption', {}, h('span.muted', { title: scanName(scan) }, `roll ${roll.code} · frame ${frame.number}`),
          dup > 1 ? h('span.badge.dup', { title: 'set one aside in the conflicts above' }, `${dup} scans on this frame`) : null,
          moveSelect(scan.id, frame.number, stepCodes, ctx)),
      }), scan.id));
    };
    // nothing shot: no capture, no film frame (what the station checks before an edit)
    const shot = (set.captures || []).length > 0 || rolls.views.some((v) => v.frames.some((f) => f.step_id));
    const key = JSON.stringify([shot, set.set, set.steps.map((s) => [s.illuminant, s.ev])]);
    if (!actionsKept || actionsKept.key !== key) actionsKept = { key, node: setActions(set, shot, refresh) };
    const actions = actionsKept.node; // kept across server-event re-renders: an open edit form is not reset
    const hasDup = (s) => (onStep.get(s.id) || []).some((x) => x.dup > 1);
    content.replaceChildren(
      h('h1', {}, d.set.name),
      h('p.muted#set-status', {}, `${d.set.chart} · ${setStatus(d.set, sh, d.lease)} · ${captured}/${d.steps.length} captured · ${scanned}/${d.steps.length} scanned`),
      ...(set.warnings || []).map((w) => h('p.warning.set-warning', { role: 'note' }, 'Warning: ', w)),
      actions,
      shootPanel(id, sh, lastCapture, onFix, set.failures || [], (d.steps.find((s) => s.capture_id === lastCapture) || {}).clipped, drift),
      h('h2', {}, 'Pairing: digital capture and film scan per step'),
      h('p.muted', {}, 'Boxes: the patch areas read (red: clipped, amber: not uniform). Every scan of a step is listed with its roll and frame; drag a scan onto another step, or pick its frame, to re-pair it.'),
      h(`p#pairing-message.${pairingSaid.error ? 'error' : 'muted'}`, { role: 'status' }, pairingSaid.text),
      conflictsPanel(rolls.views, stepCodes, ctx) || '',
      h('table#pairing', {}, h('thead', {}, h('tr', {}, ...['Step', 'Illuminant', 'EV', 'Frames (roll #)', 'Digital capture', 'Film scans'].map((t) => h('th', {}, t)))),
        h('tbody', {}, d.steps.map((s) => dropTarget(h(`tr${hasDup(s) ? '.has-duplicate' : ''}${s.clipped ? '.clipping' : ''}${s.under_exposed ? '.dark' : ''}`,
          { dataset: { step: s.code, clipped: s.clipped } },
          h('td', {}, s.code), h('td', {}, s.illuminant), h('td.num', {}, (s.ev > 0 ? '+' : '') + s.ev.toFixed(1)),
          h('td', {}, (framesOf.get(s.id) || ['–']).join(', ')),
          h('td', {}, captureCell(s), exposureBadge(s)),
          h('td', {}, scanCell(s))), s, ctx)))),
      film);
  }
  await refresh();
  return { node, refresh };
}
