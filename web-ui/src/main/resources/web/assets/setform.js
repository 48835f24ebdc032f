// The new-set form: pick-lists of what the bench has (GET /api/sets/options), the config's default
// plan pre-filled, and the plan's size and estimated shoot time said before the set is made.
import { get, send, h } from './api.js';

/** "about 1 min 30 s" for a number of seconds. */
const duration = (s) => (s < 60 ? `about ${s} s` : `about ${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`);

export async function newSetForm() {
  const o = await get('/api/sets/options');
  const msg = h('p.error#set-error', { role: 'alert' });
  // virtual bench: only its stocks; real film: the catalogue, and a new name adds a stock to it
  const stock = o.stocks_from === 'virtual bench'
    ? h('select#set-stock', { required: true }, h('option', { value: '' }, 'pick a stock'), o.stocks.map((s) => h('option', { value: s }, s)))
    : h('input#set-stock', { required: true, list: 'stock-list', placeholder: 'a stock of the catalogue, or a new one' });
  const stocks = o.stocks_from === 'virtual bench' ? null : h('datalist#stock-list', {}, o.stocks.map((s) => h('option', { value: s })));
  const lights = h('fieldset#set-lights', {}, h('legend', {}, 'Illuminants (the rig\'s presets)'),
    o.lights.length ? o.lights.map((l) => h('label.light', {}, h('input.set-light', {
      type: 'checkbox', value: l, checked: o.plan.illuminants.includes(l), onchange: () => summary(),
    }), ` ${l}`)) : h('p.warning', {}, 'The rig does not answer: its presets are unknown.'));
  const ev = h('input#set-ev', { value: o.plan.evs.join(', '), oninput: () => summary() });
  const said = h('p.muted#plan-summary', { role: 'status' });
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
  const form = h('form#new-set', {},
    h('label', {}, 'Name ', h('input#set-name', { required: true, placeholder: 'Portra 400 / bench A' })),
    h('label', {}, 'Film stock ', stock), stocks,
    lights,
    h('label', {}, 'EV ', ev),
    said,
    h('button#create-set', { type: 'submit' }, 'Create set'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.textContent = '';
    try {
      const s = await send('POST', '/api/sets', {
        name: document.getElementById('set-name').value, stock: stock.value, illuminants: chosen(), evs: evs(),
      });
      location.hash = `#/sets/${s.set.id}`;
    } catch (err) { msg.textContent = err.message; }
  });
  return h('div', {}, form, msg);
}
