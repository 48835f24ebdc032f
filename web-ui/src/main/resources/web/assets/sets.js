// Sets: the list with a creation form, and one set's steps with capture and scan side by side (pairing view).
import { get, send, h, bar } from './api.js';

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
      const s = await send('POST', '/api/ui/sets', {
        name: document.getElementById('set-name').value, stock: document.getElementById('set-stock').value,
        illuminants: list('set-illuminants'), ev: list('set-ev').map(Number),
      });
      location.hash = `#/sets/${s.id}`;
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

function thumb(kind, id, label) {
  if (id === null || id === undefined) return h('div.thumb.empty', {}, `no ${label}`);
  return h('a', { href: `/api/ui/${kind}/${id}/file`, title: `download the ${label}` },
    h('img.thumb', { src: `/api/ui/${kind}/${id}/thumb`, alt: `${label} ${id}`, loading: 'lazy' }));
}

export async function setDetail(id) {
  const node = h('section#set-detail');
  async function refresh() {
    const d = await get(`/api/ui/sets/${id}/steps`);
    const captured = d.steps.filter((s) => s.captureId !== null).length;
    const scanned = d.steps.filter((s) => s.scanId !== null).length;
    node.replaceChildren(
      h('h1', {}, d.set.name),
      h('p.muted', {}, `${d.set.chart} · ${d.set.status.replace('_', ' ')} · ${captured}/${d.steps.length} captured · ${scanned}/${d.steps.length} scanned`),
      h('h2', {}, 'Pairing: digital capture and film scan per step'),
      h('table#pairing', {}, h('thead', {}, h('tr', {}, ...['Step', 'Illuminant', 'EV', 'Frame', 'Digital capture', 'Film scan'].map((t) => h('th', {}, t)))),
        h('tbody', {}, d.steps.map((s) => h('tr', { dataset: { step: s.code } },
          h('td', {}, s.code), h('td', {}, s.illuminant), h('td.num', {}, (s.ev > 0 ? '+' : '') + s.ev.toFixed(1)),
          h('td.num', {}, s.frame ?? '–'),
          h('td', {}, thumb('captures', s.captureId, 'capture')),
          h('td', {}, thumb('scans', s.scanId, 'scan')))))));
  }
  await refresh();
  return { node, refresh };
}
