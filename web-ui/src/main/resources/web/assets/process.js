// Lab process control (issue 20): a roll's control strip (the flag, its numbers, the operator's
// choice for training, the typing form) on the roll page, and a lab's Shewhart X charts (#/labs/NAME).
import { get, send, sendFile, h } from './api.js';
import { s } from './charts.js';

const PROCESSES = ['C-41', 'E-6', 'ECN-2'];
const PATCHES = [['dmin', 'D-min'], ['ld', 'LD'], ['hd', 'HD']];
const CHANNELS = ['r', 'g', 'b'];
const said = { text: '', error: false }; // the strip form's or choice's outcome, kept across re-renders
// what the operator typed and whether the form is open, per roll: a server event re-renders the page mid-typing
const drafts = new Map();
const draftOf = (rollId) => { if (!drafts.has(rollId)) drafts.set(rollId, { open: false, values: {} }); return drafts.get(rollId); };
const DOWN_WEIGHT = 0.25; // emu.calibration.pairs.RollWeights.DOWN_WEIGHT
const fmt = (v) => (v >= 0 ? '+' : '') + v.toFixed(3);
const VERDICT = { in_control: 'in control', beyond_action: 'beyond an action limit (early warning)',
  out_of_control: 'processed out of control', no_reference: 'not judged: no reference strip for its lot',
  no_limits: 'not judged: no limits known for its process' };
export const labHref = (lab) => `#/labs/${encodeURIComponent(lab)}`;

/** The flag and the operator's choice: leave the roll's pairs out of training, or put them back. */
function flag(r, cs, rerender) {
  const out = cs.verdict === 'out_of_control';
  const choice = [];
  const weighted = r.train_weight < 1;
  if (r.roll.set_id && (out || r.left_out || weighted)) {
    const code = encodeURIComponent(r.roll.code);
    const act = (path, words, body) => async () => {
      try {
        const j = await send('POST', `/api/sets/${r.roll.set_id}/rolls/${code}/${path}`, body);
        said.text = `${words}; training job ${j.job.id} queued`;
        said.error = false;
      } catch (e) { said.text = e.message; said.error = true; }
      await rerender();
    };
    choice.push(r.left_out
      ? h('button#strip-put-back', { type: 'button', onclick: act('put-back', `roll ${r.roll.code} put back into training`) }, 'Put back into training')
      : h('button#strip-leave-out', { type: 'button', onclick: act('leave-out', `roll ${r.roll.code} left out of training`) }, 'Leave its pairs out of training'),
    ' ',
    weighted
      ? h('button#strip-weight-normal', { type: 'button', onclick: act('weight', `roll ${r.roll.code} back to normal weight`, { weight: 1 }) }, 'Back to normal weight')
      : h('button#strip-down-weight', { type: 'button', onclick: act('weight', `roll ${r.roll.code} down-weighted to ${DOWN_WEIGHT}`, { weight: DOWN_WEIGHT }) }, 'Down-weight its pairs'),
    h('span.muted', {}, ` Down-weighted, the roll keeps a share of its pairs (${DOWN_WEIGHT} = a quarter) in every light and EV of the fit; left out wins over a weight.`));
  }
  return [h(`p#process-flag.${out ? 'warning' : 'muted'}`, { role: out ? 'alert' : 'status', dataset: { verdict: cs.verdict } },
    h('strong', {}, VERDICT[cs.verdict] || cs.verdict), cs.breaches && cs.breaches.length ? `: ${cs.breaches.join('; ')}` : '',
    cs.why ? ` (${cs.why})` : '', r.left_out ? ' · left out of training' : '', weighted ? ` · down-weighted to ${r.train_weight}` : ''), ...choice];
}

/** The strip's densities, the reference's and the control values, one row per patch. */
function table(cs) {
  const cv = cs.control_values;
  const key = { dmin: 'dmin', ld: 'ld', hd: 'hd_ld' };
  return h('table#strip-table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Patch'), ...CHANNELS.map((c) => h('th', {}, `strip ${c.toUpperCase()}`)),
    ...CHANNELS.map((c) => h('th', {}, `ref ${c.toUpperCase()}`)), ...CHANNELS.map((c) => h('th', {}, `control value ${c.toUpperCase()}`)))),
  h('tbody', {}, PATCHES.map(([p, name]) => h('tr', {}, h('td', {}, p === 'hd' ? 'HD (control value: HD-LD)' : name),
    ...cs.densities[p].map((v) => h('td.num', {}, v.toFixed(2))),
    ...(cs.reference ? cs.reference[p] : [null, null, null]).map((v) => h('td.num', {}, v === null ? '–' : v.toFixed(2))),
    ...(cv ? cv[key[p]] : [null, null, null]).map((v) => h('td.num', {}, v === null ? '–' : fmt(v)))))));
}

/** The typing form: lab and process default to the roll's lab entry. */
function stripForm(r, rerender) {
  const sent = [...r.log].reverse().find((e) => e.stage === 'SENT_TO_LAB');
  let d = {};
  try { d = sent ? JSON.parse(sent.details_json) : {}; } catch { d = {}; }
  const v = draftOf(r.roll.id).values;
  const kept = (el, fallback = '') => { el.value = v[el.id] ?? fallback; el.addEventListener('input', () => { v[el.id] = el.value; }); return el; };
  const lab = kept(h('input#strip-lab'), d.lab || '');
  const process = kept(h('select#strip-process', {}, PROCESSES.map((p) => h('option', { value: p }, p))), d.process || 'C-41');
  const lot = kept(h('input#strip-lot.narrow', { placeholder: 'e.g. 1234' }));
  const date = kept(h('input#strip-date', { type: 'date' }), d.date || new Date().toISOString().slice(0, 10));
  const cells = {};
  const grid = h('table', {}, h('tr', {}, h('th', {}, ''), CHANNELS.map((c) => h('th', {}, c.toUpperCase()))),
    PATCHES.map(([p, name]) => h('tr', {}, h('th', {}, name), CHANNELS.map((c) => {
      cells[`${p}_${c}`] = kept(h(`input#strip-${p}-${c}.narrow`, { type: 'number', step: '0.01', min: 0, max: 6 }));
      return h('td', {}, cells[`${p}_${c}`]);
    }))));
  const msg = h(`p#strip-message.${said.error ? 'error' : 'muted'}`, { role: 'status' }, said.text);
  const scan = h('input#strip-scan', { type: 'file', accept: '.tif,.tiff,.png,image/tiff,image/png' });
  const readScan = async () => {
    if (!scan.files.length || !lot.value.trim()) { said.text = 'choose the strip\'s scan and give its lot'; said.error = true; msg.textContent = said.text; msg.className = 'error'; return; }
    const q = new URLSearchParams({ lot: lot.value.trim(), process: process.value, date: date.value, ...(lab.value.trim() ? { lab: lab.value.trim() } : {}) });
    try {
      await sendFile(`/api/rolls/${r.roll.id}/control-strip/scan?${q}`, scan.files[0]);
      said.text = `control strip read from ${scan.files[0].name} (lot ${lot.value.trim()})`; said.error = false;
      drafts.delete(r.roll.id);
    } catch (err) { said.text = err.message; said.error = true; }
    await rerender();
  };
  const form = h('form#strip-form', { novalidate: true }, h('label', {}, 'Lab ', lab), h('label', {}, 'Process ', process),
    h('label', {}, 'Strip lot ', lot), h('label', {}, 'Date run ', date), grid, h('button#strip-save', { type: 'submit' }, 'Record control strip'),
    h('p', {}, 'or read it from the strip\'s scan (linear 16-bit TIFF, D-min | LD | HD side by side): ', scan,
      h('button#strip-read-scan', { type: 'button', onclick: readScan }, 'Read the scan')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { lab: lab.value.trim(), process: process.value, lot: lot.value.trim(), date: date.value };
    const empty = Object.entries(cells).filter(([, el]) => el.value.trim() === '').map(([k]) => k);
    if (empty.length) { said.text = `type every density (status M); missing: ${empty.join(', ')}`; said.error = true; msg.textContent = said.text; msg.className = 'error'; return; }
    for (const [p] of PATCHES) body[p] = CHANNELS.map((c) => Number(cells[`${p}_${c}`].value));
    try {
      await send('POST', `/api/rolls/${r.roll.id}/control-strip`, body);
      said.text = `control strip recorded (lot ${body.lot})`; said.error = false;
      drafts.delete(r.roll.id);
    } catch (err) { said.text = err.message; said.error = true; }
    await rerender();
  });
  return [form, msg];
}

/** The roll page's "Process control" section. */
export function stripSection(r, rerender) {
  const cs = r.control_strip;
  return [h('h2', {}, 'Process control'),
    ...(cs ? [h('p.muted', {}, `${cs.process} strip lot ${cs.lot} run ${cs.date} by `, h('a#lab-chart-link', { href: labHref(cs.lab) }, cs.lab),
      ` (${cs.source === 'lab' ? 'delivered by the lab' : 'typed'}) · `, h('a', { href: labHref(cs.lab) }, 'the lab\'s process-control charts')),
    ...flag(r, cs, rerender), table(cs), cs.limits ? h('p.muted.limits-source', {}, `Limits: ${cs.limits.source}`) : '']
      : [h('p.muted', {}, 'No control strip recorded for this roll.')]),
    ...((([form, msg]) => {
      const draft = draftOf(r.roll.id);
      const box = h('details', { open: !cs || draft.open ? true : undefined }, h('summary', {}, cs ? 'Type the strip again' : 'Type the lab\'s control strip'), form);
      box.addEventListener('toggle', () => { draft.open = box.open; });
      return [box, msg];
    })(stripForm(r, rerender)))];
}

const W = 300;
const H = 130;
const PAD = 34;

/** One Shewhart X chart: deviations by date, aim at 0, action limits dashed, control limits solid, points beyond marked. */
function xChart(series) {
  const pts = series.points;
  const lim = series.control_limit ?? 0;
  const top = Math.max(lim * 1.4, ...pts.map((p) => Math.abs(p.deviation) * 1.1), 0.02);
  const x = (i) => PAD + (pts.length === 1 ? (W - PAD) / 2 : (i * (W - PAD - 10)) / (pts.length - 1));
  const y = (v) => H / 2 - (v / top) * (H / 2 - 8);
  const line = (v, cls, words) => s('g', { class: cls }, s('line', { x1: PAD, x2: W - 4, y1: y(v), y2: y(v) }), s('title', {}, words),
    s('text', { x: 2, y: y(v) + 4 }, v === 0 ? 'aim' : (v > 0 ? '+' : '') + v.toFixed(2)));
  const title = `${series.label} ${series.channel.toUpperCase()}`;
  return s('svg', { class: 'chart xchart', id: `xchart-${series.value}-${series.channel}`, viewBox: `0 0 ${W} ${H + 16}`, width: W, height: H + 16, role: 'img', 'aria-label': title },
    s('title', {}, title),
    s('text', { x: PAD, y: 11, class: 'chart-title' }, title),
    line(0, 'aim', 'aim'),
    series.action_limit != null ? [line(series.action_limit, 'action', 'action limit'), line(-series.action_limit, 'action', 'action limit')] : [],
    series.control_limit != null ? [line(series.control_limit, 'control', 'control limit'), line(-series.control_limit, 'control', 'control limit')] : [],
    s('polyline', { class: 'trace', points: pts.map((p, i) => `${x(i)},${y(p.deviation)}`).join(' ') }),
    pts.map((p, i) => s('circle', { class: `point ${p.verdict || 'unjudged'}`, cx: x(i), cy: y(p.deviation), r: p.verdict === 'out_of_control' ? 5 : 3.5, dataset: undefined, 'data-roll': p.roll },
      s('title', {}, `${p.roll} ${p.date}: ${fmt(p.deviation)}${p.verdict ? ` (${p.verdict.replaceAll('_', ' ')})` : ''}`))),
    s('text', { x: PAD, y: H + 12, class: 'axis-label' }, pts.length ? `${pts[0].date} … ${pts[pts.length - 1].date}` : ''));
}

/** #/labs/NAME: the lab's charts per process, the out-of-control strips listed with links to their rolls. */
export async function labPage(encoded) {
  const lab = decodeURIComponent(encoded);
  const d = await get(`/api/labs/${encodeURIComponent(lab)}/process-control`);
  const blocks = d.processes.map((p) => {
    const out = new Map();
    for (const se of p.series) for (const pt of se.points) if (pt.verdict === 'out_of_control') out.set(pt.roll, pt.roll_id);
    return h('section.process', { dataset: { process: p.process } }, h('h2', {}, `${p.process}: ${p.strips} strip(s)`),
      p.limits ? h('p.muted', {}, `Action limits dashed, control limits solid (density units from the aim). Limits: ${p.limits.source}`)
        : h('p.warning', {}, `No ${p.process} limits known: the points are plotted unjudged. Set them in config.toml from your process manual.`),
      out.size ? h('p.warning#out-of-control-rolls', {}, 'Processed out of control: ',
        [...out].flatMap(([code, id], i) => [i ? ', ' : '', h('a', { href: `#/rolls/${id}` }, code)])) : h('p.muted', {}, 'No strip out of control.'),
      h('div.xcharts', {}, p.series.map(xChart)));
  });
  return h('section#lab-page', {}, h('h1', {}, `Process control: ${lab}`), h('p', {}, h('a', { href: '#/labs' }, 'All labs')),
    d.without_reference.length ? h('p.warning', {}, `Strips of a lot without reference strip (not plotted): ${d.without_reference.join(', ')}`) : '',
    ...blocks, referenceForm());
}

/** The reference strip of a lot, typed once per lot (its densities corrected by the lot's correction factors). */
function referenceForm() {
  const process = h('select#ref-process', {}, PROCESSES.map((p) => h('option', { value: p }, p)));
  const lot = h('input#ref-lot.narrow');
  const cells = {};
  const msg = h('p#ref-message.muted', { role: 'status' });
  const form = h('form#ref-form', { novalidate: true }, h('label', {}, 'Process ', process), h('label', {}, 'Strip lot ', lot),
    h('table', {}, PATCHES.map(([p, name]) => h('tr', {}, h('th', {}, name), CHANNELS.map((c) => {
      cells[`${p}_${c}`] = h(`input#ref-${p}-${c}.narrow`, { type: 'number', step: '0.01', min: 0, max: 6 });
      return h('td', {}, cells[`${p}_${c}`]);
    })))), h('button#ref-save', { type: 'submit' }, 'Record reference strip'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { process: process.value, lot: lot.value.trim() };
    for (const [p] of PATCHES) body[p] = CHANNELS.map((c) => (cells[`${p}_${c}`].value.trim() === '' ? null : Number(cells[`${p}_${c}`].value)));
    try {
      await send('POST', '/api/strip-references', body);
      msg.textContent = `reference strip of ${body.process} lot ${body.lot} recorded`; msg.className = 'muted';
    } catch (err) { msg.textContent = err.message; msg.className = 'error'; }
  });
  return h('details', {}, h('summary', {}, 'Type a lot\'s reference strip'), form, msg);
}

/** #/labs: every lab with strips. */
export async function labsPage() {
  const labs = await get('/api/labs');
  return h('section#labs-page', {}, h('h1', {}, 'Labs'),
    labs.length === 0 ? h('p.muted', {}, 'No control strips recorded yet: a roll page takes them.')
      : h('ul', {}, labs.map((l) => h('li', {}, h('a', { href: labHref(l.lab) }, l.lab), ` · ${l.strips} strip(s)`))));
}
