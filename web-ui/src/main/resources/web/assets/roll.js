// The roll page (#/rolls/N): the roll's life with timestamps, the lab form, and its frames.
import { get, send, h, label } from './api.js';
import { badControl } from './pairing.js';
import { conflictsPanel, scanName } from './conflicts.js';
import { stripSection } from './process.js';

const STAGES = [['LOADED', 'loaded'], ['SHOT', 'shot'], ['SENT_TO_LAB', 'sent to lab'],
  ['SCANS_RECEIVED', 'scans received'], ['PAIRED', 'paired']];
const PROCESSES = ['C-41', 'E-6', 'ECN-2'];
const said = { text: '', error: false }; // the lab form's outcome, shown again after the re-render
const frameSaid = { text: '', error: false }; // the last mark-bad outcome
const pairSaid = { text: '', error: false }; // the last conflict fix's outcome

function details(json) {
  let d;
  try { d = JSON.parse(json || '{}'); } catch { return json; }
  return Object.entries(d).filter(([, v]) => v !== '' && v !== null).map(([k, v]) => `${k.replace('_', ' ')}: ${k === 'push_pull' && v > 0 ? `+${v}` : v}`).join(' · ');
}

const when = (iso) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Every logged entry in order, then the stages not reached yet (greyed, no time). */
function timeline(log) {
  const reached = new Set(log.map((e) => e.stage));
  const last = Math.max(-1, ...log.map((e) => STAGES.findIndex(([s]) => s === e.stage)));
  return h('ol.roll-log#roll-log', {},
    log.map((e) => h('li', { dataset: { stage: e.stage.toLowerCase() } },
      h('time', { datetime: e.at }, when(e.at)),
      h('strong', {}, (STAGES.find(([s]) => s === e.stage) || [e.stage, e.stage])[1]),
      details(e.details_json) ? ` · ${details(e.details_json)}` : '')),
    STAGES.filter(([s], i) => !reached.has(s) && i > last).map(([s, label]) => h('li.pending', { dataset: { stage: s.toLowerCase() } }, label)));
}

/** The lab form: checked here first (so the message comes at once), then by the server. */
function labForm(rollId, rerender) {
  const msg = h(`p#lab-message.${said.error ? 'error' : 'muted'}`, { role: 'alert' }, said.text);
  const lab = h('input#lab-name', { placeholder: 'e.g. Carmencita Film Lab', autocomplete: 'organization' });
  const process = h('select#lab-process', {}, h('option', { value: '' }, 'choose…'), PROCESSES.map((p) => h('option', { value: p }, p)));
  const push = h('input#lab-push.narrow', { type: 'number', min: -3, max: 3, step: 1, value: 0 });
  const date = h('input#lab-date', { type: 'date', value: new Date().toISOString().slice(0, 10) });
  const form = h('form#lab-form', { novalidate: true }, // our messages, not the browser's bubbles
    h('label', {}, 'Lab ', lab), h('label', {}, 'Process ', process),
    h('label', {}, 'Push/pull (stops) ', push), h('label', {}, 'Date sent ', date),
    h('button#lab-send', { type: 'submit' }, 'Record sent to lab'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const problems = [];
    if (!lab.value.trim()) problems.push('name the lab the roll went to');
    if (!PROCESSES.includes(process.value)) problems.push('choose the process (C-41, E-6 or ECN-2)');
    const stops = Number(push.value);
    if (push.value.trim() === '' || !Number.isInteger(stops) || stops < -3 || stops > 3) problems.push('push/pull is whole stops from -3 to +3');
    if (!date.value) problems.push('give the date the roll was sent');
    said.error = problems.length > 0;
    said.text = problems.join('; ');
    if (!said.error) {
      try {
        await send('POST', `/api/rolls/${rollId}/lab`, { lab: lab.value.trim(), process: process.value, push_pull: stops, date: date.value });
        said.text = `sent to ${lab.value.trim()} for ${process.value}`;
      } catch (err) { said.text = err.message; said.error = true; }
    }
    if (said.error) { msg.textContent = said.text; msg.className = 'error'; return; }
    await rerender();
  });
  return [form, msg];
}

export async function rollPage(id) {
  const node = h('section#roll-page');
  said.text = '';
  said.error = false;
  frameSaid.text = '';
  pairSaid.text = '';
  async function refresh() {
    const r = await get(`/api/rolls/${id}`);
    const set = r.roll.set_id ? await get(`/api/sets/${r.roll.set_id}`) : null;
    const steps = new Map((set ? set.steps : []).map((s) => [s.id, s]));
    const ctx = { rerender: refresh, say: (text, error = false) => { frameSaid.text = text; frameSaid.error = error; } };
    const scansOf = (frameId) => r.scans.filter((s) => s.frame_id === frameId)
      .map((s) => (s.bad ? `${scanName(s)} (set aside)` : scanName(s)));
    const pairCtx = { rerender: refresh, say: (text, error = false) => { pairSaid.text = text; pairSaid.error = error; } };
    const stepCodes = new Map([...steps.values()].map((s) => [s.id, s.code]));
    const panel = conflictsPanel([r], stepCodes, pairCtx);
    node.replaceChildren(
      h('h1', {}, `Roll ${r.roll.code}`),
      h('p.muted', {}, `status ${label(r.roll.status)}`,
        set ? [' · set ', h('a', { href: `#/sets/${set.set.id}` }, set.set.name)] : ''),
      h('h2', {}, 'Roll log'), timeline(r.log),
      h('h2', {}, 'Sent to the lab'), ...labForm(id, refresh),
      ...stripSection(r, refresh),
      ...(panel ? [h('h2', {}, 'Pairing'), h(`p#conflict-message.${pairSaid.error ? 'error' : 'muted'}`, { role: 'status' }, pairSaid.text), panel] : []),
      h('h2', {}, 'Frames'),
      r.frames.length === 0 ? h('p.muted', {}, 'Not shot yet.') :
        h('table#roll-frames', {}, h('thead', {}, h('tr', {}, ...['Frame', 'Step', 'Shot', 'Scans', 'Bad frame'].map((t) => h('th', {}, t)))),
          h('tbody', {}, r.frames.map((f) => h('tr', { dataset: { frame: f.number } },
            h('td.num', {}, f.number), h('td', {}, f.step_id ? (steps.get(f.step_id)?.code || f.step_id) : '–'),
            h('td', {}, f.shot_at ? when(f.shot_at) : '–'), h('td', {}, scansOf(f.id).join(', ') || '–'),
            h('td', {}, badControl(`frame-${f.number}`, f, `/api/rolls/${id}/frames/${f.number}/bad`, ctx)))))),
      h(`p#frame-message.${frameSaid.error ? 'error' : 'muted'}`, { role: 'status' }, frameSaid.text));
  }
  await refresh();
  return { node, refresh };
}
