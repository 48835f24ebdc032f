// The new-set form: pick-lists of what the bench has (GET /api/sets/options), the config's default
// plan pre-filled, and the plan's size and estimated shoot time said before the set is made.
import { get, send, h } from './api.js';

/** "about 1 min 30 s" for a number of seconds. */
const duration = (s) => (s < 60 ? `about ${s} s` : `about ${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`);

/** The new-set form, the config's default plan pre-filled. */
export async function newSetForm() {
  const o = await get('/api/sets/options');
  return planForm(o, { id: 'new-set', name: '', stock: '', lights: o.plan.illuminants, evs: o.plan.evs, button: 'Create set' },
    (body) => send('POST', '/api/sets', body));
}

/** The edit form of a set nothing of which is shot: its name, stock and plan pre-filled. */
export async function editSetForm(view, onSaved) {
  const [o, stocks] = await Promise.all([get('/api/sets/options'), get('/api/stocks')]);
  const stock = (stocks.find((s) => s.id === view.set.stock_id) || {}).name || '';
  const uniq = (xs) => [...new Set(xs)];
  return planForm(o, { id: 'edit-set', name: view.set.name, stock, lights: uniq(view.steps.map((s) => s.illuminant)),
    evs: uniq(view.steps.map((s) => s.ev)), button: 'Save plan' },
  async (body) => { const s = await send('PUT', `/api/sets/${view.set.id}`, body); onSaved(s); return s; });
}

/** The form itself; {@code submit(body)} sends it and answers the set view. */
function planForm(o, init, submit) {
  const msg = h(`p.error#${init.id}-error`, { role: 'alert' });
  // virtual bench: only its stocks; real film: the catalogue, and a new name adds a stock to it
  const stock = o.stocks_from === 'virtual bench'
    ? h(`select#${init.id}-stock`, { required: true }, h('option', { value: '' }, 'pick a stock'),
      o.stocks.map((s) => h('option', { value: s, selected: s === init.stock }, s)))
    : h(`input#${init.id}-stock`, { required: true, list: 'stock-list', value: init.stock, placeholder: 'a stock of the catalogue, or a new one' });
  const stocks = o.stocks_from === 'virtual bench' ? null : h('datalist#stock-list', {}, o.stocks.map((s) => h('option', { value: s })));
  // the default plan's lights first, in its order (the shoot's order), then the rig's other presets
  const offered = [...init.lights.filter((l) => o.lights.includes(l)), ...o.lights.filter((l) => !init.lights.includes(l))];
  const lights = h(`fieldset#${init.id}-lights`, {}, h('legend', {}, 'Illuminants (the rig\'s presets)'),
    offered.length ? offered.map((l) => h('label.light', {}, h('input.set-light', {
      type: 'checkbox', value: l, checked: init.lights.includes(l), onchange: () => summary(),
    }), ` ${l}`)) : h('p.warning', {}, 'The rig does not answer: its presets are unknown.'));
  const ev = h(`input#${init.id}-ev`, { value: init.evs.join(', '), oninput: () => summary() });
  const said = h(`p.muted#${init.id}-summary`, { role: 'status' });
  const chosen = () => [...lights.querySelectorAll('input.set-light:checked')].map((c) => c.value);
  const evs = () => ev.value.split(',').map((x) => x.trim()).filter(Boolean).map(Number);
  function summary() {
    const n = chosen().length;
    const e = evs();
    const bad = e.filter((x) => !(x >= o.ev_range[0] && x <= o.ev_range[1]));
    said.className = bad.length || !n || !e.length ? 'error' : 'muted';
    said.textContent = bad.length ? `EV ${bad.join(', ')} is outside ${o.ev_range[0]}..${o.ev_range[1]}`
      : !n ? 'Pick at least one illuminant.' : !e.length ? 'Give at least one EV.'
        : `${n} illuminant(s) x ${e.length} EV = ${n * e.length} steps, ${duration(Math.ceil(n * e.length * o.plan.step_seconds))} to shoot`;
  }
  summary();
  const name = h(`input#${init.id}-name`, { required: true, value: init.name, placeholder: 'Portra 400 / bench A' });
  const form = h(`form#${init.id}`, {},
    h('label', {}, 'Name ', name),
    h('label', {}, 'Film stock ', stock), stocks,
    lights,
    h('label', {}, 'EV ', ev),
    said,
    h(`button#${init.id}-submit`, { type: 'submit' }, init.button));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.textContent = '';
    try {
      const s = await submit({ name: name.value, stock: stock.value, illuminants: chosen(), evs: evs() });
      location.hash = `#/sets/${s.set.id}`;
    } catch (err) { msg.textContent = err.message; }
  });
  return h('div', {}, form, msg);
}

/**
 * What can be done with the set as a whole: edit its plan while nothing of it is shot, duplicate
 * it (same stock, chart and plan; nothing shot), archive it (hidden from the dashboard) or bring it back.
 */
export function setActions(view, shot, rerender) {
  const msg = h('p.error#set-actions-error', { role: 'alert' });
  const holder = h('div#edit-holder');
  const act = (f) => async () => { msg.textContent = ''; try { await f(); } catch (e) { msg.textContent = e.message; } };
  const copyName = h('input#duplicate-name', { value: `${view.set.name} (copy)`, 'aria-label': 'name of the copy' });
  const archived = !!view.set.archived_at;
  return h('div#set-actions.card', {},
    h('p', {},
      h('button#edit-set', {
        type: 'button', disabled: shot,
        title: shot ? 'something of this set is shot: its plan cannot change (duplicate it instead)' : 'change name, stock or plan',
        onclick: act(async () => holder.replaceChildren(await editSetForm(view, rerender))),
      }, 'Edit plan'),
      shot ? h('span.muted#edit-disabled', {}, ' (shot already: duplicate it to change the plan) ') : ' ',
      copyName, ' ',
      h('button#duplicate-set', { type: 'button', onclick: act(async () => {
        const s = await send('POST', `/api/sets/${view.set.id}/duplicate`, { name: copyName.value });
        location.hash = `#/sets/${s.set.id}`;
      }) }, 'Duplicate'), ' ',
      h('button#archive-set', { type: 'button', onclick: act(async () => {
        await send('POST', `/api/sets/${view.set.id}/archive`, { archived: !archived });
        await rerender();
      }) }, archived ? 'Bring back from the archive' : 'Archive'),
      archived ? h('span.badge#archived-badge', {}, ' archived: hidden from the dashboard') : null),
    holder, msg);
}
