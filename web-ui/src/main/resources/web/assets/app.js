// The station's pages: a hash router over views; each view fetches its data and renders with h().
import { loadSession, get, send, h, checkStation } from './api.js';
import { rollPage } from './roll.js';
import { dashboard } from './dashboard.js';
import { sets, setDetail } from './sets.js';
import { modelPage, previewPage } from './models.js';
import { labPage, labsPage } from './process.js';

const routes = [
  [/^#?\/?$/, dashboard],
  [/^#\/rolls\/(\d+)$/, rollPage],
  [/^#\/sets$/, sets],
  [/^#\/sets\/(\d+)$/, setDetail],
  [/^#\/models\/(\d+)$/, modelPage],
  [/^#\/preview(?:\?(.*))?$/, previewPage],
  [/^#\/labs$/, labsPage],
  [/^#\/labs\/([^/]+)$/, labPage],
];

let events = null;
let refresh = null;

/** Re-renders the current view when the station broadcasts a change (shoot progress, jobs). */
function listen() {
  events = new EventSource('/api/events');
  events.onmessage = () => refresh && refresh();
  events.onerror = () => checkStation(); // the stream broke: say so if the station is gone
  for (const name of ['shoot', 'capture', 'step-failed', 'job', 'job-progress', 'film-shoot', 'marked-bad']) {
    events.addEventListener(name, () => refresh && refresh());
  }
}

let rendering = 0; // the newest render; a slower, older one (the page left meanwhile) must not draw over it

async function render() {
  const view = document.getElementById('view');
  const mine = ++rendering;
  for (const [re, page] of routes) {
    const m = location.hash.match(re);
    if (m) {
      refresh = null;
      try {
        const el = await page(...m.slice(1));
        if (mine !== rendering) return;
        view.replaceChildren(el.node || el);
        refresh = el.refresh || null;
      } catch (e) {
        if (mine !== rendering) return;
        view.replaceChildren(h('p.error', { role: 'alert' }, e.message));
      }
      for (const a of document.querySelectorAll('#nav a')) {
        a.classList.toggle('active', location.hash.startsWith(a.getAttribute('href')) && a.getAttribute('href') !== '#/'
          || (a.getAttribute('href') === '#/' && (location.hash === '' || location.hash === '#/')));
      }
      return;
    }
  }
  view.replaceChildren(h('p.error', {}, 'No such page: ', location.hash));
}

const s = await loadSession();
document.getElementById('who').textContent = `${s.name} (${s.role})`;
document.getElementById('logout').addEventListener('click', async () => {
  await send('POST', '/api/auth/logout');
  location.href = '/login';
});
window.addEventListener('hashchange', render);
window.addEventListener('station-back', render);
listen();
await render();
document.body.dataset.ready = 'true';
export { get };
