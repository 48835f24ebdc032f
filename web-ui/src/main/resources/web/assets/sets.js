// Sets: the list with a creation form, and one set's steps with capture and scan side by side (pairing view).
import { get, send, h, bar } from './api.js';
import { filmAndResults } from './film.js';
import { overlaidThumb, openCornerEditor, rollFrames, dragSource, dropTarget, moveSelect, badControl } from './pairing.js';

const pairingSaid = { text: '', error: false }; // the last re-pair's outcome, shown again after the re-render

export async function sets() {
  const node = h('section#sets');
  const msg = h('p.error', { role: 'alert' });
  const form = h('form#new-set', {},
    h('label', {}, 'Name ', h('input#set-name', { required: true, placeholder: 'Portra 400 / bench A' })),
    h('label', {}, 'Film stock ', h('input#set-stock', { required: true, placeholder: 'Kodak Portra 400' })),
    h('label', {}, 'Illuminants ', h('input#set-illuminants', { placeholder: 'default from config, e.g. D65, A' })),
    h('label', {}, 'EV ', h('input#set-ev', { placeholder: 'default from config, e.g. -1, 0, 1' })),
    h('button#create-set', { type: 'submit' }, 'Create set'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.textContent = '';
    const list = (id) => document.getElementById(id).value.split(',').map((x) => x.trim()).filter(Boolean);
    try {
      const ills = list('set-illuminants');
      const evs = list('set-ev').map(Number);
      const s = await send('POST', '/api/sets', {
        name: document.getElementById('set-name').value, stock: document.getElementById('set-stock').value,
        illuminants: ills.length ? ills : null, evs: evs.length ? evs : null,
      });
      location.hash = `#/sets/${s.set.id}`;
    } catch (err) { msg.textContent = err.message; }
  });
  async function refresh() {
    const d = await get('/api/ui/dashboard');
    node.replaceChildren(h('h1', {}, 'Profiling sets'),
      h('table#set-list', {}, h('thead', {}, h('tr', {}, ...['Set', 'Stock', 'Chart', 'Status', 'Steps', 'Complete'].map((t) => h('th', {}, t)))),
        h('tbody', {}, d.sets.map((s) => h('tr', {},
          h('td', {}, h('a', { href: `#/sets/${s.id}` }, s.name)), h('td', {}, s.stock), h('td', {}, s.chart),
          h('td', {}, s.status.replace('_', ' ')), h('td.num', {}, s.steps),
          h('td', {}, bar(s.steps ? Math.min(s.captured, s.scanned) / s.steps : 0, '')))))),
      h('h2', {}, 'New set'), form, msg);
  }
  await refresh();
  return { node, refresh };
}

/** The live shoot panel: progress, the step being shot, pause/resume/cancel; events re-render it. */
function shootPanel(setId, sh, lastCapture, onFix, failures) {
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
    !busy && failures.length ? h('div#failed-steps', {},
      h('p.error', {}, `${failures.length} step(s) failed after their retries and are skipped by later shoots:`),
      h('ul', {}, failures.map((f) => h('li', { dataset: { step: f.code } },
        `${f.code}: ${f.reason} (${f.attempts} attempt(s), ${new Date(f.failedAt).toLocaleString()})`))),
      h('button#shoot-retry-failed', { type: 'button', onclick: act(`/api/sets/${setId}/shoot`, { retryFailed: true }) }, 'Retry failed steps'))
      : mine && sh.failed && sh.failed.length ? h('p.error', {}, `failed steps: ${sh.failed.join(', ')}`) : null,
    h('p', {},
      h('button#shoot-start', { type: 'button', disabled: busy, onclick: act(`/api/sets/${setId}/shoot`) }, 'Start shoot'), ' ',
      h('button#shoot-pause', { type: 'button', disabled: !(mine && sh.state === 'running'), onclick: act('/api/shoot/pause') }, 'Pause'), ' ',
      h('button#shoot-resume', { type: 'button', disabled: !(mine && sh.state === 'paused'), onclick: act('/api/shoot/resume') }, 'Resume'), ' ',
      h('button#shoot-cancel', { type: 'button', disabled: !(mine && busy), onclick: act('/api/shoot/cancel') }, 'Cancel')),
    lastCapture ? h('figure', {}, overlaidThumb('captures', lastCapture, 'capture', { imgId: 'last-capture', onFix }),
      h('figcaption.muted', {}, `last capture #${lastCapture}`)) : null,
    msg);
}

export async function setDetail(id) {
  const content = h('div');
  const editor = h('div#corner-editor'); // outside the re-rendered part: server events must not reset a drag
  const node = h('section#set-detail', {}, content, editor);
  const onFix = (kind, thumbId, label) => openCornerEditor(editor, { kind, id: thumbId, label, setId: id, onDone: refresh })
    .catch((e) => { pairingSaid.text = e.message; pairingSaid.error = true; });
  async function refresh() {
    const [d, sh, set] = await Promise.all([get(`/api/ui/sets/${id}/steps`), get('/api/shoot'), get(`/api/sets/${id}`)]);
    const rolls = await rollFrames(set.rolls);
    const film = await filmAndResults(id, refresh, set, rolls.views);
    const ctx = {
      film: rolls, rerender: refresh,
      say: (text, error = false) => { pairingSaid.text = text; pairingSaid.error = error; },
    };
    const stepCodes = new Map(d.steps.map((s) => [s.id, s.code]));
    const captures = new Map((set.captures || []).map((c) => [c.id, c]));
    const captureCell = (s) => (s.captureId === null ? overlaidThumb('captures', null, 'capture')
      : overlaidThumb('captures', s.captureId, 'capture', { onFix,
        extra: captures.has(s.captureId) ? badControl(`capture-${s.captureId}`, captures.get(s.captureId), `/api/captures/${s.captureId}/bad`, ctx) : null }));
    const lastCapture = d.steps.reduce((m, s) => (s.captureId !== null && s.captureId > m ? s.captureId : m), 0) || null;
    const captured = d.steps.filter((s) => s.captureId !== null).length;
    const scanned = d.steps.filter((s) => s.scanId !== null).length;
    const scanCell = (s) => (s.scanId === null ? overlaidThumb('scans', null, 'scan')
      : dragSource(overlaidThumb('scans', s.scanId, 'scan', { onFix, extra: moveSelect(s.scanId, s.frame, stepCodes, ctx) }), s.scanId));
    content.replaceChildren(
      h('h1', {}, d.set.name),
      h('p.muted', {}, `${d.set.chart} · ${d.set.status.replace('_', ' ')} · ${captured}/${d.steps.length} captured · ${scanned}/${d.steps.length} scanned`),
      ...(set.warnings || []).map((w) => h('p.warning.set-warning', { role: 'note' }, 'Warning: ', w)),
      shootPanel(id, sh, lastCapture, onFix, set.failures || []),
      h('h2', {}, 'Pairing: digital capture and film scan per step'),
      h('p.muted', {}, 'Boxes: the patch areas read (red: clipped, amber: not uniform). Drag a scan onto another step, or pick its frame, to re-pair it.'),
      h(`p#pairing-message.${pairingSaid.error ? 'error' : 'muted'}`, { role: 'status' }, pairingSaid.text),
      h('table#pairing', {}, h('thead', {}, h('tr', {}, ...['Step', 'Illuminant', 'EV', 'Frame', 'Digital capture', 'Film scan'].map((t) => h('th', {}, t)))),
        h('tbody', {}, d.steps.map((s) => dropTarget(h('tr', { dataset: { step: s.code } },
          h('td', {}, s.code), h('td', {}, s.illuminant), h('td.num', {}, (s.ev > 0 ? '+' : '') + s.ev.toFixed(1)),
          h('td.num', {}, s.frame ?? '–'),
          h('td', {}, captureCell(s)),
          h('td', {}, scanCell(s))), s, ctx)))),
      film);
  }
  await refresh();
  return { node, refresh };
}
