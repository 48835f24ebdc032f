// The set page's film side and results: rolls (load, shoot, lab, scan import, re-pair), training and exports.
import { get, send, h, label, bar } from './api.js';
import { servedMark } from './served.js';

const labFolders = new Map(); // roll id -> folder the simulated lab delivered to, kept across re-renders
const said = { text: '', error: false }; // the last action's outcome, shown again after the re-render
const armed = new Set(); // actions whose exposure warning was given: the next click goes ahead

/** "S1-03: 12 patches clipped, S1-01: under-exposed" for steps whose capture clips or is dark. */
const exposureWords = (bad) => bad.map((s) => `${s.code}: ${[s.clipped ? `${s.clipped} patch(es) clipped` : null,
  s.under_exposed ? 'under-exposed' : null].filter(Boolean).join(', ')}`).join('; ');

function exposureWarning(id, bad, consequence) {
  return bad.length ? h(`p.warning.exposure-warning#${id}`, { role: 'note' },
    h('strong', {}, `Exposure: ${bad.length} step(s) with a problem capture. `), `${exposureWords(bad)}. ${consequence}`) : null;
}

/** fn, but the first click while captures clip or are dark only warns (and arms the button). */
function guarded(key, bad, verb, fn) {
  return async () => {
    if (bad.length && !armed.has(key)) {
      armed.add(key);
      throw new Error(`Check the exposure first: ${exposureWords(bad)}. Mark those captures bad and shoot them again, `
        + `or click "${verb} anyway" to go on.`);
    }
    armed.delete(key);
    await fn();
  };
}

/**
 * A button's handler: runs fn, keeps its outcome for the re-render. With {@code busy}, a long
 * request (the simulated lab, an import) says so and disables the button until it answers.
 */
function action(msg, rerender, fn, busy) {
  return async (e) => {
    said.text = '';
    said.error = false;
    const button = e && e.currentTarget;
    if (busy) {
      msg.className = 'muted busy';
      msg.textContent = busy;
      if (button) button.disabled = true;
    }
    try { await fn(); } catch (err) { said.text = err.message; said.error = true; }
    await rerender();
  };
}

function rollRow(r, msg, rerender, bad) {
  const folder = h(`input#folder-${r.id}`, { placeholder: 'folder or zip of scans on the station', value: labFolders.get(r.id) || '' });
  return h('tr', { dataset: { roll: r.code } },
    h('td', {}, h(`a#roll-link-${r.id}`, { href: `#/rolls/${r.id}`, title: 'roll log and lab form' }, r.code)), h('td', {}, h(`span.roll-status#roll-status-${r.id}`, {}, label(r.status))),
    h('td', {},
      h(`button#roll-shoot-${r.id}`, { type: 'button', onclick: action(msg, rerender, guarded(`shoot-${r.id}`, bad, 'Shoot roll',
        () => send('POST', `/api/rolls/${r.id}/shoot`))) }, armed.has(`shoot-${r.id}`) ? 'Shoot roll anyway' : 'Shoot roll'), ' ',
      h(`button#roll-lab-${r.id}`, { type: 'button', onclick: action(msg, rerender, async () => {
        const d = await send('POST', `/api/rolls/${r.id}/sim-lab`, {});
        labFolders.set(r.id, d.folder);
        said.text = `the simulated lab delivered ${d.files} file(s) to ${d.folder}: import them`;
      }, `Simulated lab: developing and scanning roll ${r.code}… (about 10 s)`) }, 'Simulated lab')),
    h('td', {}, folder, ' ', h(`button#roll-import-${r.id}`, { type: 'button', onclick: action(msg, rerender, async () => {
      const rep = await send('POST', `/api/rolls/${r.id}/scans`, { path: folder.value });
      said.text = `imported ${rep.imported.length} scan(s), ${rep.bad.length} bad, ${rep.conflicts.length} conflict(s)`
        + (rep.bad.length ? `: ${rep.bad.map((b) => `${b.file} (${b.error})`).join('; ')}` : '')
        + (rep.conflicts.length ? '; resolve them under Pairing above' : '');
    }, `Importing and reading the scans of roll ${r.code}…`) }, 'Import scans')));
}

/**
 * The roll's latest film shoot while it needs the technician: running, waiting for the operator
 * to fire the film camera (a body without a remote release) and confirm, or failed with its reason.
 */
function filmShootRow(r, view, msg, rerender, total) {
  const s = view.shoots[view.shoots.length - 1];
  if (!s || !['running', 'waiting', 'failed'].includes(s.state)) return null;
  const post = (what) => action(msg, rerender, () => send('POST', `/api/film-shoots/${s.id}/${what}`));
  const body = s.state === 'waiting'
    ? [h('strong', {}, `Frame ${s.frame}: step ${s.step} is lit and on the `, h('a', { href: `/slate?step=${s.step_id}`, target: '_blank' }, 'slate'),
      '. Press the film camera\'s shutter, then confirm. '),
    h(`button#fs-confirm-${r.id}`, { type: 'button', onclick: post('confirm') }, 'Confirm frame'), ' ',
    h(`button#fs-skip-${r.id}`, { type: 'button', onclick: post('skip') }, 'Skip step'), ' ',
    h(`button#fs-cancel-${r.id}`, { type: 'button', onclick: post('cancel') }, 'Stop shoot')]
    : s.state === 'running'
      ? [`Shooting frame ${Math.min(s.frames + 1, total)} of ${total}${s.step ? ` (step ${s.step})` : ''} `,
        bar(s.frames / Math.max(1, total), `${s.frames}/${total} frames`), ' ',
        h(`button#fs-cancel-${r.id}`, { type: 'button', onclick: post('cancel') }, 'Stop shoot')]
      : [h('span.bad', {}, 'Film shoot failed: '), s.message, ` (${s.frames} frame(s) kept; shoot the roll again to go on)`];
  return h(`tr.film-shoot#film-shoot-${r.id}`, { dataset: { state: s.state } }, h('td', { colspan: 4 }, ...body));
}

/**
 * Rolls, training and exports of one set, as a node; rerender redraws the whole set page. The set
 * view and its rolls' views come from the set page, which needs them too.
 */
export async function filmAndResults(setId, rerender, set, rollViews, steps) {
  // steps whose capture clips or is under-exposed: warned about before the film shoot and training
  const bad = steps.filter((s) => s.capture_id !== null && (s.clipped > 0 || s.under_exposed));
  const paired = set.steps_paired;
  const [models, jobs] = await Promise.all([get(`/api/sets/${setId}/models`), get('/api/jobs')]);
  const msg = h(`p#film-message.${said.error ? 'error' : 'muted'}`, { role: 'status' }, said.text);
  const code = h('input#roll-code', { placeholder: 'roll code, e.g. R-0001' });
  const trigger = h('select#roll-trigger', { title: 'how each film frame is taken' },
    h('option', { value: 'rig-shutter' }, 'rig fires the shutter'),
    h('option', { value: 'operator' }, 'operator fires and confirms'));
  const setOf = (j) => { try { return JSON.parse(j.payload).set; } catch { return null; } };
  const myJobs = jobs.filter((j) => String(setOf(j)) === String(setId)).sort((a, b) => b.id - a.id).slice(0, 5);
  return h('div#film', {},
    h('h2', {}, 'Film rolls'),
    exposureWarning('film-exposure-warning', bad, 'Film shot against them pairs with a wrong digital reading: shoot those steps again first.'),
    set.rolls.length ? h('table#rolls', {}, h('thead', {}, h('tr', {}, ...['Roll', 'Status', 'Shoot', 'Scans'].map((t) => h('th', {}, t)))),
      h('tbody', {}, set.rolls.flatMap((r, i) => [rollRow(r, msg, rerender, bad), filmShootRow(r, rollViews[i], msg, rerender, set.steps.length)].filter(Boolean)))) : h('p.muted', {}, 'No roll loaded yet.'),
    h('p', {}, code, ' ', trigger, ' ', h('button#roll-load', { type: 'button', onclick: action(msg, rerender, () => send('POST', `/api/sets/${setId}/rolls`, { code: code.value, trigger: trigger.value })) }, 'Load roll'),
      ' ', h('button#refresh', { type: 'button', onclick: rerender }, 'Refresh')),
    msg,
    h('h2', {}, 'Training'),
    exposureWarning('train-exposure-warning', bad, 'A model trained on them learns the clipping: mark them bad and shoot them again first.'),
    h('p', {}, h('button#train', {
      type: 'button', disabled: paired === 0,
      title: paired === 0 ? 'nothing to train on yet' : undefined,
      onclick: action(msg, rerender, guarded('train', bad, 'Train', () => send('POST', `/api/sets/${setId}/train`))),
    }, armed.has('train') ? 'Train anyway' : 'Train now'),
    ' ', h('span#train-reason', {}, paired === 0
      ? 'Nothing to train on yet: no step has both a good capture and a paired film scan.'
      : `${paired} step(s) paired`)),
    myJobs.length ? h('table#train-jobs', {}, h('tbody', {}, myJobs.map((j) => h('tr', {}, h('td', {}, `job ${j.id}`),
      h('td', {}, h(`span.state.${String(j.state).toLowerCase()}`, {}, label(j.state))), h('td', {}, j.message))))) : null,
    h('h2', {}, 'Models and exports'),
    models.length ? h('p', {}, h('a#preview-link', { href: `#/preview?set=${setId}` }, 'LUT preview')) : null,
    models.length === 0 ? h('p.muted', {}, 'No model yet.') :
      h('table#models', {}, h('thead', {}, h('tr', {}, ...['Model', 'Fitter', 'Held-out CIEDE2000', 'Exports (download)'].map((t) => h('th', {}, t)))),
        h('tbody', {}, models.map(({ model, exports }) => h('tr', {},
          h('td', {}, h('a.model-link', { href: `#/models/${model.id}`, title: 'training run: candidates, charts, worst patches' }, `v${model.version}`)), h('td', {}, model.fitter), h('td.num', {}, model.held_out_de2000.toFixed(2)),
          h('td', {}, exports.map((e) => h('div', {}, h('a.export', { href: `/api/ui/exports/${e.id}/file`, dataset: { format: e.format } },
            `${e.format} · ${e.encoding} · ${e.size}³${e.illuminant ? ` · ${e.illuminant}` : ''}`),
            h('span.muted', { title: `sha256 ${e.sha256}` }, ` ${e.file.split('/').pop()}`), servedMark(e)))))))));
}
