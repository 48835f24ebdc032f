// A training run's model page (candidates, breakdown charts, histogram, worst patches, exports) and the LUT preview page.
import { get, h, send } from './api.js';
import { barChart, differenceGrid, histogram, swatchPair } from './charts.js';
import { servedCell, servedWords } from './served.js';

const NOT_RECORDED = 'not recorded';
const fmt = (v, d = 2) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : '–');
const evLabel = (ev) => (Number(ev) > 0 ? '+' : '') + ev;
const mean = (e) => (e ? fmt(e.overall.mean) : '–');

function bytes(n) {
  if (n === null || n === undefined) return 'missing';
  return n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1048576).toFixed(1)} MiB`;
}

/** The evaluations a report holds for its winner, in the order the page offers them. */
function evaluations(report, winner) {
  return [
    ['cv', 'Cross-validation by patch', winner.cross_validation_by_patch],
    ['loio', 'Each light unseen', winner.leave_one_illuminant_out],
    ['ev', 'Lowest and highest EV unseen', winner.held_out_ev],
    ['train', 'Training pairs (not a generalisation estimate)', report.winner_on_training_pairs],
  ].filter(([, , e]) => e);
}

/** A finalist was also scored with each light and the extreme EVs unseen; its score is the mean of those means. */
const isFinalist = (c) => Boolean(c.leave_one_illuminant_out || c.held_out_ev);
const scoreBasis = (c) => (isFinalist(c) ? 'finalist: mean of held-out means' : 'CV only: not a finalist');

/** How the winner was chosen, in words, with the run's own numbers. */
function selectionWords(report) {
  const tuned = report.tuned_once || [];
  return choiceWords(report) + (tuned.length ? ` The smoothing of ${tuned.join(', ')} was chosen once per light on all`
    + ' pairs and reused by every fold, so their held-out scores are not nested over that choice (on the bench they were'
    + ' as conservative as nested ones).' : '');
}

function choiceWords(report) {
  const ok = report.candidates.filter((c) => !c.error && !c.stopped);
  const stopped = report.candidates.filter((c) => c.stopped);
  const finalists = ok.filter(isFinalist);
  const winner = ok.find((c) => c.spec === report.winner);
  const base = `${ok.length} candidate(s) were scored by ${report.folds}-fold cross-validation grouped by patch (CV mean).`
    + (stopped.length ? ` ${stopped.length} costly candidate(s) (${stopped.map((c) => c.spec).join(', ')}) stopped early: `
      + 'on the folds done they were clearly worse than a finalist on the same folds, so they could no longer be chosen.' : '');
  if (!finalists.length) {
    return `${base} With one light and fewer than three EVs nothing more can be held out, so the lowest CV mean wins: `
      + `${report.winner} (${fmt(winner && winner.score)}).`;
  }
  const unseen = [finalists.some((c) => c.leave_one_illuminant_out) && 'each light unseen',
    finalists.some((c) => c.held_out_ev) && 'the lowest and highest EV unseen'].filter(Boolean).join(' and ');
  return `${base} The best ${finalists.length} by CV (finalists: ${finalists.map((c) => c.spec).join(', ')}) were also scored with `
    + `${unseen}; a finalist's score is the mean of its CV mean and those held-out means, so it is usually higher than a CV-only `
    + `score and the two do not compare. The winner is the finalist with the lowest score: ${report.winner} (${fmt(winner && winner.score)}).`;
}

function candidates(report) {
  return h('table#candidates', {},
    h('thead', {}, h('tr', {}, ...['Candidate', 'CV mean', 'CV p95', 'Each light unseen', 'Extreme EVs unseen', 'Score', 's / fit', ''].map((t) => h('th', {}, t)))),
    h('tbody', {}, report.candidates.map((c) => {
      const won = c.spec === report.winner;
      if (c.error) {
        return h('tr.failed', { dataset: { spec: c.spec } }, h('td', {}, c.spec), h('td.error', { colspan: 7 }, `failed: ${c.error}`));
      }
      // stopped by the selection's racing (issue 24): not failed, just no longer able to matter
      if (c.stopped) {
        return h('tr.stopped', { dataset: { spec: c.spec } }, h('td', {}, c.spec),
          h('td.muted', { colspan: 5 }, c.stopped.text), h('td.num', {}, fmt(c.fit_seconds_per_fold)), h('td', {}, ''));
      }
      const cv = c.cross_validation_by_patch;
      return h(`tr${won ? '.winner' : ''}`, { dataset: { spec: c.spec } },
        h('td', {}, c.spec), h('td.num', {}, fmt(cv.overall.mean)), h('td.num', {}, fmt(cv.overall.p95)),
        h('td.num', {}, mean(c.leave_one_illuminant_out)), h('td.num', {}, mean(c.held_out_ev)),
        h('td.num', {}, fmt(c.score), h('div.score-basis.muted', {}, scoreBasis(c))), h('td.num', {}, fmt(c.fit_seconds_per_fold)),
        h('td', {}, won ? h('strong.selected', {}, '✔ selected') : ''));
    })));
}

function breakdown(e, labels) {
  const worst = e.worst_patches || [];
  return h('div#breakdown', {},
    h('div.charts', {},
      h('figure', {}, barChart('chart-illuminant', 'Mean CIEDE2000 per illuminant (tick: p95)', e.per_illuminant),
        h('figcaption.muted', {}, 'Mean CIEDE2000 per illuminant; red tick: p95; dashed: 1 just noticeable, 3 visible at a glance')),
      h('figure', {}, barChart('chart-ev', 'Mean CIEDE2000 per EV (tick: p95)',
        Object.fromEntries(Object.entries(e.per_ev).map(([k, v]) => [`EV ${k}`, v]))),
        h('figcaption.muted', {}, 'Mean CIEDE2000 per EV; red tick: p95; dashed: 1 just noticeable, 3 visible at a glance')),
      h('figure', {}, e.histogram ? histogram('histogram', e.histogram) : h('p#histogram.muted', {}, `Histogram ${NOT_RECORDED} (older report)`),
        h('figcaption.muted', {}, `CIEDE2000 per pair (dashed: 1 just noticeable, 3 visible at a glance), ${e.overall.n} pairs; mean ${fmt(e.overall.mean)}, p95 ${fmt(e.overall.p95)}, max ${fmt(e.overall.max)}`))),
    h('h2', {}, 'Worst patches: predicted (left) beside film (right), at their worst pair'),
    h('div#worst.swatches', {}, worst.map((p) => h('figure.worst', { dataset: { patch: p.patch } },
      p.worst_predicted && p.worst_film ? swatchPair(p.worst_predicted, p.worst_film) : h('div.swatch-missing.muted', {}, `colours ${NOT_RECORDED}`),
      h('figcaption', {}, h('strong', { title: `${p.patch} in the pairs CSV` }, (labels || {})[p.patch] || p.patch), ` · ${p.worst_illuminant} · EV ${evLabel(p.worst_ev)}`,
        h('br'), `dE ${fmt(p.max_delta_e)} (patch mean ${fmt(p.mean_delta_e)})`)))));
}

function exportsTable(setId, exports) {
  if (!exports.length) return h('p.muted', {}, 'No exported file.');
  return h('table#exports', {},
    h('thead', {}, h('tr', {}, ...['File', 'Format', 'Encoding', 'Size', 'Illuminant', 'Served', 'Model', 'Held-out dE', 'Bytes', 'Created', ''].map((t) => h('th', {}, t)))),
    h('tbody', {}, exports.map((x) => h('tr', { dataset: { export: x.id, format: x.format } },
      h('td', {}, h('a.export', { href: `/api/ui/exports/${x.id}/file`, title: `sha256 ${x.sha256}` }, x.name)),
      h('td', {}, x.format), h('td', {}, x.encoding), h('td.num', {}, `${x.size}³`), h('td', {}, x.illuminant || '–'), servedCell(x),
      h('td', {}, `v${x.model_version}`), h('td.num', {}, fmt(x.held_out_de2000)), h('td.num', {}, bytes(x.bytes)),
      h('td', {}, new Date(x.created_at).toLocaleString()),
      h('td', {}, x.previewable ? h('a.preview', { href: `#/preview?set=${setId}&export=${x.id}` }, 'preview') : '')))));
}

/**
 * Planned exports that failed (the model was kept), with a button that exports the model again by
 * the station's current export settings, without refitting. Reasons are the formats' own words.
 */
function exportFailures(modelId, failures, node) {
  if (!failures || !failures.length) return h('span');
  const said = h('p#reexport-status', { role: 'status' });
  const button = h('button#reexport', {
    type: 'button',
    onclick: async () => {
      button.disabled = true;
      said.textContent = 'Exporting again with the current export settings…';
      try {
        // A queued job that this station or a worker on another machine runs: follow it to its end.
        const { job } = await send('POST', `/api/models/${modelId}/exports`);
        let now = job;
        while (['queued', 'running'].includes(String(now.state).toLowerCase())) {
          said.textContent = `Exporting again with the current export settings… (job ${job.id} ${String(now.state).toLowerCase()}`
            + `${now.worker ? ` on ${now.worker}` : ''})`;
          await new Promise((r) => setTimeout(r, 1000));
          now = (await get('/api/jobs')).find((j) => j.id === job.id) || { state: 'failed', message: 'job gone' };
        }
        if (String(now.state).toLowerCase() !== 'done') throw new Error(`export job ${job.id} ${String(now.state).toLowerCase()}: ${now.message}`);
        node.replaceWith(await modelPage(modelId));
      } catch (e) {
        said.textContent = e.message;
        button.disabled = false;
      }
    },
  }, 'Export again with the current settings');
  return h('div#export-failures', {},
    h('h2', {}, 'Exports that failed'),
    h('p.warning', { role: 'note' }, `${failures.length} planned export${failures.length === 1 ? '' : 's'} could not be made. `
      + 'The model is kept: once the export settings in the station\'s configuration are fixed, export it again here; nothing is refitted.'),
    h('ul', {}, failures.map((f) => h('li', {},
      f.format === 'bundle' ? 'bundle' : `${f.format} · ${f.encoding} · ${f.size}³ · ${f.illuminant}`, ': ', f.reason))),
    button, said);
}

/**
 * The roll spread of a roll-aware fit (issue 20): each roll's CIEDE2000 from the nominal response
 * (the model), its deviation in the film's terms, its control limit from the other rolls and the
 * flag, with a button that leaves the roll out of training and queues a refit.
 */
function rollsSection(setId, rolls, weights = {}) {
  if (!rolls) return h('span');
  const said = h('p#rolls-status', { role: 'status' });
  const leaveOut = (roll) => async (ev) => {
    const button = ev.currentTarget;
    button.disabled = true;
    said.textContent = `Leaving ${roll} out of training…`;
    try {
      const r = await send('POST', `/api/sets/${setId}/rolls/${encodeURIComponent(roll)}/leave-out`);
      said.textContent = `Roll ${roll} left out of training; training job ${r.job.id} queued (rolls left out: ${r.left_out.join(', ')}).`;
    } catch (e) {
      said.textContent = e.message;
      button.disabled = false;
    }
  };
  const triple = (v, d = 3) => v.map((x) => fmt(x, d)).join(' ');
  const cells = (r) => r.per_light_ev.map((c) => `${c.illuminant} EV ${evLabel(c.ev)}: ${fmt(c.mean_delta_e)}`).join('\n');
  return h('div#rolls', {},
    h('h2', {}, 'Rolls'),
    h('p.muted', {}, `The model is the stock's nominal response, fitted on ${rolls.nominal_rolls.join(', ')}; each roll's deviation `
      + `(log-exposure shift, contrast, density offset per channel) is kept with it. Mean spread ${fmt(rolls.mean_spread)} CIEDE2000. `
      + 'A roll is flagged when it sits further from the other rolls than their 3-sigma control limit (Shewhart chart on the others).'),
    ...rolls.rolls.filter((r) => r.flagged).map((r) => h('p.warning.roll-flag', { role: 'note', dataset: { roll: r.roll } }, 'Flagged: ', r.flag_reason)),
    rolls.excluded.length ? h('p.muted#rolls-excluded', {}, `Left out of training by the operator: ${rolls.excluded.join(', ')}.`) : '',
    h('table#rolls-table', {},
      h('thead', {}, h('tr', {}, ...['Roll', 'Pairs', 'dE00 from nominal', 'p95', 'Control limit', 'Shift log H (r g b)', 'Contrast (r g b)', 'Offset D (r g b)', 'Training weight', '']
        .map((t) => h('th', {}, t)))),
      h('tbody', {}, rolls.rolls.map((r) => h(`tr${r.flagged ? '.flagged' : ''}`, { dataset: { roll: r.roll } },
        h('td', {}, r.roll, r.flagged ? h('strong.flag', {}, ' ⚑ flagged') : ''),
        h('td.num', {}, String(r.pairs)),
        h('td.num', { title: cells(r) }, fmt(r.mean_delta_e)), h('td.num', {}, fmt(r.p95_delta_e)),
        h('td.num', {}, r.control_limit ? `${fmt(r.control_limit.statistic)} / ${fmt(r.control_limit.upper)}` : '–'),
        h('td', {}, triple(r.deviation.log_exposure_shift)), h('td', {}, triple(r.deviation.contrast)),
        h('td', {}, triple(r.deviation.density_offset)),
        h('td.num.roll-weight', { title: 'set on the roll page (Process control); used by the next training' },
          (weights[r.roll] ?? 1) < 1 ? `${weights[r.roll]} (down-weighted)` : '1'),
        h('td', {}, h('button.leave-out', { type: 'button', id: `leave-out-${r.roll}`, onclick: leaveOut(r.roll) }, 'Leave out and refit')))))),
    h('p.muted', {}, 'Control limit: the roll\'s distance from the other rolls\' mean / their upper limit. Hover a distance for it per light and EV.'),
    said);
}

export async function modelPage(id) {
  const d = await get(`/api/ui/models/${id}/report`);
  const m = d.model;
  const node = h('section#model-page');
  const head = [
    h('h1', {}, `Model v${m.version}`, d.set ? ` · ${d.set.name}` : ''),
    h('p.muted', {}, `${m.fitter} · held-out CIEDE2000 mean ${fmt(m.held_out_de2000)} · trained ${new Date(m.created_at).toLocaleString()} · `,
      h('a', { href: `#/sets/${m.set}` }, 'back to the set'), ' · ', h('a#to-preview', { href: `#/preview?set=${m.set}&model=${m.id}` }, 'LUT preview')),
  ];
  const r = d.report;
  if (!r) {
    node.replaceChildren(...head, h('p.muted', {}, `Fit report ${NOT_RECORDED} for this model.`),
      exportFailures(m.id, d.export_failures, node), h('h2', {}, 'Exported files'), exportsTable(m.set, d.exports));
    return node;
  }
  const winner = r.candidates.find((c) => c.spec === r.winner);
  const evs = evaluations(r, winner);
  const holder = h('div');
  const tabs = h('p#evaluation-tabs', {}, evs.map(([key, label, e], i) => h('button', {
    type: 'button', class: i === 0 ? 'tab active' : 'tab', dataset: { key },
    onclick: (ev) => {
      for (const b of tabs.querySelectorAll('button')) b.classList.toggle('active', b === ev.currentTarget);
      holder.replaceChildren(breakdown(e, d.patch_labels));
    },
  }, label)));
  holder.replaceChildren(breakdown(evs[0][2], d.patch_labels));
  node.replaceChildren(...head,
    h('p.muted', {}, `${r.pairs} pairs · ${r.folds}-fold cross-validation grouped by patch · seed ${r.seed} · score = mean of the held-out means`),
    ...(r.warnings || []).map((w) => h('p.warning', { role: 'note' }, 'Warning: ', w)),
    h('h2', {}, 'Candidates'), candidates(r), h('p#selection-words', {}, selectionWords(r)),
    h('h2', {}, `Selected: ${r.winner}`), tabs, holder, rollsSection(m.set, d.rolls, Object.fromEntries((d.roll_weights || []).map((x) => [x.roll, x.weight]))), exportFailures(m.id, d.export_failures, node),
    h('h2', {}, 'Exported files'), exportsTable(m.set, d.exports));
  return node;
}

/** #/preview?set=S[&model=M][&export=E][&capture=C]: a capture before and after one of the set's LUTs. */
export async function previewPage(query = '') {
  const q = new URLSearchParams(query);
  const setId = q.get('set');
  const node = h('section#preview-page', {}, h('h1', {}, 'LUT preview'));
  if (!setId) {
    const dash = await get('/api/ui/dashboard');
    node.append(h('p', {}, 'Pick a set:'), h('ul', {}, dash.sets.map((s) => h('li', {}, h('a', { href: `#/preview?set=${s.id}` }, s.name)))));
    return node;
  }
  const [steps, listed] = await Promise.all([get(`/api/ui/sets/${setId}/steps`), get(`/api/ui/sets/${setId}/preview-exports`)]);
  const captures = steps.steps.filter((st) => st.capture_id !== null);
  const exports = listed.exports; // only what the preview can render; the rest said below with the reason
  const msg = h('p#preview-error.error', { role: 'alert' });
  node.append(h('p.muted', {}, steps.set.name, ' · ', h('a', { href: `#/sets/${setId}` }, 'back to the set')));
  if (listed.not_previewable.length) {
    node.append(h('p.muted#preview-not-listed', {}, 'Not listed: ', listed.not_previewable.map((o, i) => [i ? '; ' : '',
      `${o.count} ${o.format} export(s) (${o.reason})`])));
  }
  if (!captures.length || !exports.length) {
    node.append(h('p.muted', {}, !captures.length ? 'No capture in this set yet.'
      : listed.not_previewable.length ? 'No export of this set can be previewed here.' : 'No exported LUT for this set yet: train it first.'));
    return node;
  }
  const wantedExport = q.get('export') || (exports.find((x) => x.format === 'cube' && (!q.get('model') || String(x.model) === q.get('model'))) || exports[0]).id;
  // by default a capture under the LUT's own light, nearest EV 0: the look the LUT was made for
  const lut = exports.find((x) => String(x.id) === String(wantedExport));
  const wantedCapture = q.get('capture') || [...captures].sort((a, b) => (a.illuminant === lut?.illuminant ? 0 : 1) - (b.illuminant === lut?.illuminant ? 0 : 1)
    || Math.abs(a.ev) - Math.abs(b.ev))[0].capture_id;
  const captureSel = h('select#preview-capture', {}, captures.map((st) => h('option', { value: st.capture_id, selected: String(st.capture_id) === String(wantedCapture) },
    `${st.code} · ${st.illuminant} · EV ${evLabel(st.ev)}`)));
  const exportSel = h('select#preview-export', {}, exports.map((x) => h('option', { value: x.id, selected: String(x.id) === String(wantedExport) },
    `v${x.version} · ${x.format} · ${x.encoding} · ${x.size}³${x.illuminant ? ` · ${x.illuminant}` : ''} · ${x.name}`
    + (x.served && x.served.kind !== 'trained' ? ` · ⚠ not trained: ${servedWords(x.served)}` : ''))));
  const before = h('img#preview-before.preview', { alt: 'capture, display-encoded' });
  const after = h('img#preview-after.preview', { alt: 'capture through the LUT' });
  // the third way: what the film made of the same step (its paired scan), the comparison the LUT aims at
  const scanOf = new Map(captures.map((st) => [String(st.capture_id), st.scan_id]));
  const film = h('figure#preview-film');
  // the difference view: per patch, the LUT's prediction against the scan, from the stored readings (no registration)
  const diff = h('figure#preview-diff');
  const url = (view) => `/api/ui/preview?capture=${captureSel.value}&export=${exportSel.value}&size=720&view=${view}`;
  const show = () => {
    msg.textContent = '';
    before.src = url('before');
    after.src = url('after');
    const scan = scanOf.get(captureSel.value);
    film.replaceChildren(scan === null || scan === undefined
      ? h('p#preview-no-scan.muted', {}, 'No film scan paired to this step yet.')
      : h('img#preview-scan.preview', { src: `/api/ui/scans/${scan}/thumb`, alt: `film scan ${scan}` }),
    h('figcaption.muted', {}, 'Film: the scan of the same step, as delivered (sRGB)'));
    showDifference(scan);
  };
  const showDifference = async (scan) => {
    const wanted = `${captureSel.value}/${exportSel.value}`;
    diff.dataset.for = wanted;
    if (scan === null || scan === undefined) {
      diff.replaceChildren(h('p#preview-diff-none.muted', {}, 'No film scan paired: no difference to show.'));
      return;
    }
    diff.replaceChildren(h('p.muted', {}, 'Comparing the readings…'));
    try {
      const d = await get(`/api/ui/preview/difference?capture=${captureSel.value}&export=${exportSel.value}&scan=${scan}`);
      if (diff.dataset.for !== wanted) return; // the choice changed meanwhile
      diff.replaceChildren(d.patches.length ? differenceGrid(d) : h('p#preview-diff-none.muted', {}, 'No patch readable on both the capture and the scan.'),
        h('figcaption#preview-diff-caption.muted', {}, d.patches.length
          ? `Difference per patch, LUT vs film: CIEDE2000 mean ${fmt(d.mean)}, max ${fmt(d.max)} over ${d.patches.length} of ${d.patch_count} patches (hover for the value; dashed: clipped or unread)`
          : ''));
    } catch (e) {
      if (diff.dataset.for === wanted) diff.replaceChildren(h('p.error', { role: 'alert' }, `difference: ${e.message}`));
    }
  };
  // an <img> cannot read an error body: ask again to show the station's reason (e.g. 409 for an OCIO look)
  const explain = (img) => async () => {
    const r = await fetch(img.src, { credentials: 'same-origin' });
    const data = await r.json().catch(() => ({}));
    msg.textContent = data.error || `${r.status} ${r.statusText}`;
  };
  before.addEventListener('error', explain(before));
  after.addEventListener('error', explain(after));
  captureSel.addEventListener('change', show);
  exportSel.addEventListener('change', show);
  node.append(
    h('form#preview-form', {}, h('label', {}, 'Capture ', captureSel), h('label', {}, 'Exported LUT ', exportSel)),
    msg,
    h('div.side-by-side', {},
      h('figure', {}, before, h('figcaption.muted', {}, 'Before: the capture, sRGB display encoding')),
      h('figure', {}, after, h('figcaption.muted', {}, 'After: through the LUT (tetrahedral), film scan sRGB')), film, diff));
  show();
  return node;
}
