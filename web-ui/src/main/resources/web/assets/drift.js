// Bench drift of a set (issue 20): the summary line of its last shoot run, the reference frames' values per
// channel over every run, the steps that drifted beyond the threshold and a button that re-shoots them.
import { send, h } from './api.js';

const said = { text: '', error: false }; // the last re-shoot request's outcome, kept across server-event re-renders
const pct = (v) => `${v >= 0 ? '+' : ''}${v.toFixed(2)}%`;

/** The set's drift panel, or null when no reference frame was shot. */
export function driftPanel(setId, drift, busy) {
  const runs = drift && drift.runs ? drift.runs : [];
  if (!runs.length) return null;
  const run = runs[runs.length - 1];
  const drifted = drift.drifted_steps || [];
  const reshoot = async () => {
    try {
      const r = await send('POST', `/api/sets/${setId}/drift/reshoot`);
      said.text = `re-shooting ${r.steps.length} step(s): ${r.steps.join(', ')}; the drifted captures are kept, marked superseded`;
      said.error = false;
    } catch (e) {
      said.text = e.message;
      said.error = true;
    }
    const m = document.getElementById('drift-message');
    if (m) { m.textContent = said.text; m.className = said.error ? 'error' : 'muted'; }
  };
  return h('div#drift', {},
    h(`p#shoot-drift${run.flagged ? '.error' : '.muted'}`, { dataset: { flagged: String(run.flagged) } },
      `${run.flagged ? 'Bench drift over the threshold' : 'Bench drift'}: ${run.max_drift_percent.toFixed(2)}% max `
      + `(limit ${drift.threshold_percent}%) over ${run.references.length} reference frame(s); exposure ${pct(run.exposure_drift_percent)}, `
      + `light R ${pct(run.light_drift_percent[0])} G ${pct(run.light_drift_percent[1])} B ${pct(run.light_drift_percent[2])}; `
      + 'digital values normalised by the references'),
    h('details#drift-details', { open: drift.flagged || null }, h('summary', {}, 'Reference frames per channel'),
      h('table#drift-references', {}, h('thead', {}, h('tr', {}, ...['Run', 'After step', 'Taken', 'R', 'G', 'B'].map((t) => h('th', {}, t)))),
        h('tbody', {}, runs.flatMap((r, i) => r.references.map((ref) => h('tr', { dataset: { run: i + 1, position: ref.position } },
          h('td.num', {}, i + 1), h('td.num', {}, ref.position), h('td', {}, ref.taken_at ? new Date(ref.taken_at).toLocaleTimeString() : ''),
          ...ref.ratio.map((q, c) => h(`td.num${Math.abs(q - 1) * 100 > drift.threshold_percent ? '.drifted' : ''}`,
            { title: ref.rgb ? `neutral row mean ${ref.rgb[c].toFixed(5)}` : '' }, pct((q - 1) * 100))))))))),
    drifted.length ? h('div#drifted-steps', {},
      h('p.error', {}, `${drifted.length} step(s) drifted more than ${drift.threshold_percent}% within their run:`),
      h('ul', {}, drifted.map((d) => h('li', { dataset: { step: d.code, capture: d.capture } },
        `${d.code} (capture #${d.capture}): R ${pct(d.drift_percent[0])} G ${pct(d.drift_percent[1])} B ${pct(d.drift_percent[2])}`))),
      h('button#reshoot-drifted', { type: 'button', disabled: busy, onclick: reshoot }, 'Re-shoot the drifted steps'),
      busy ? h('span.muted', {}, ' (when the running shoot has ended)') : null) : null,
    h(`p#drift-message.${said.error ? 'error' : 'muted'}`, { role: 'status' }, said.text));
}

/** The rig's counted lamp hours, in total and per light, against the rated life when configured ([drift] lamp_rated_hours). */
export function lampLine(lamp) {
  if (!lamp) return null;
  const fmt = (v) => `${v.toFixed(v < 10 ? 2 : 1)} h`;
  const rated = lamp.lamp_rated_hours;
  const used = lamp.lamp_life_used_percent;
  const total = rated === null
    ? h('p.muted#lamp-hours', { dataset: { hours: lamp.lamp_hours } }, `Lamp: ${fmt(lamp.lamp_hours)} lit in shoots (rated life not configured)`)
    : h(`p#lamp-hours${used >= 90 ? '.error' : '.muted'}`, { dataset: { hours: lamp.lamp_hours, rated } },
      `Lamp: ${fmt(lamp.lamp_hours)} of ${rated} h rated (${used.toFixed(1)}% used)${used >= 90 ? ': replace it soon' : ''}`);
  const lights = lamp.lamp_lights || [];
  return [total, lights.length ? h('ul.muted#lamp-lights', {}, lights.map((l) => h(`li${l.life_used_percent >= 90 ? '.error' : ''}`,
    { dataset: { light: l.light, hours: l.hours } },
    `${l.light}: ${fmt(l.hours)}${l.life_used_percent === null ? '' : ` (${l.life_used_percent.toFixed(1)}% of rated)`}`))) : null];
}
