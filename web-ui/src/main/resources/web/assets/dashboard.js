// Dashboard: devices, sets and how complete they are, recent jobs; refreshed by server events.
import { get, h, bar, label, setStatus } from './api.js';
import { lampLine } from './drift.js';

function setRow(s, shoot, lease) {
  const done = s.steps ? Math.min(s.captured, s.scanned) / s.steps : 0;
  return h('tr', { dataset: { set: s.id } },
    h('td', {}, h('a', { href: `#/sets/${s.id}` }, s.name)),
    h('td', {}, s.stock),
    h('td', {}, setStatus(s, shoot, lease)),
    h('td.num', {}, `${s.captured}/${s.steps}`),
    h('td.num', {}, `${s.scanned}/${s.steps}`),
    h('td', {}, bar(done, `${Math.round(done * 100)}% complete`)));
}

/** The set a job works on, as a link (training and re-reads name one). */
const jobSet = (j) => (j.set ? h('a.job-set', { href: `#/sets/${j.set}` }, j.set_name) : '–');

function jobRow(j) {
  return h('tr', { dataset: { job: j.id } }, h('td.num', {}, j.id), h('td', {}, j.kind), h('td', {}, jobSet(j)),
    h('td', {}, h(`span.state.${j.state}`, {}, label(j.state))),
    h('td', {}, bar(j.progress, `${Math.round(j.progress * 100)}%`)), h('td', {}, j.message),
    h('td', {}, new Date(j.created_at).toLocaleString()));
}

export async function dashboard() {
  const node = h('section#dashboard');
  async function refresh() {
    const [d, shoot, lamp] = await Promise.all([get('/api/ui/dashboard'), get('/api/shoot'), get('/api/devices/lamp').catch(() => null)]);
    const cam = d.devices.camera;
    const sets = d.sets.filter((s) => !s.archived); // archived sets are listed on the sets page only
    const rig = d.devices.rig;
    node.replaceChildren(
      h('h1', {}, 'Dashboard'),
      h('div.cards', {},
        h('div.card', {}, h('h2', {}, 'Camera'), h('p', {}, cam.driver === 'sim' ? 'virtual bench camera' : cam.driver),
          h('p.muted', {}, [cam.model, cam.port].filter(Boolean).join(' on ') || 'auto-detect')),
        h('div.card', {}, h('h2', {}, 'Illuminant rig'), h('p', {}, rig.driver === 'sim' ? 'virtual bench rig' : rig.driver),
          h('p.muted', {}, rig.port || ''), lampLine(lamp)),
        h('div.card', {}, h('h2', {}, 'Current run'),
          ...(d.jobs.filter((j) => j.state === 'running').map((j) => h('p', {}, `${j.kind} #${j.id}`, j.set ? [' for ', jobSet(j)] : '', ': ', bar(j.progress, ''), ` ${j.message}`, j.worker ? h('span.muted', {}, ` (on ${j.worker})`) : ''))),
          d.jobs.some((j) => j.state === 'running') ? null : h('p.muted', {}, 'idle'))),
      h('h2', {}, 'Profiling sets'),
      sets.length === 0 ? h('p.muted', {}, 'No sets yet. ', h('a', { href: '#/sets' }, 'Create one')) :
        h('table#sets-table', {}, h('thead', {}, h('tr', {}, ...['Set', 'Stock', 'Status', 'Captured', 'Scanned', 'Complete'].map((t) => h('th', {}, t)))),
          h('tbody', {}, sets.map((s) => setRow(s, shoot, (d.leases || {})[s.id])))),
      d.sets.length > sets.length ? h('p.muted#archived-note', {}, `${d.sets.length - sets.length} archived set(s): `, h('a', { href: '#/sets' }, 'see the sets page')) : '', // replaceChildren writes a null as "null"
      h('h2', {}, 'Recent jobs'),
      d.jobs.length === 0 ? h('p.muted', {}, 'No jobs yet.') :
        h('table#jobs-table', {}, h('thead', {}, h('tr', {}, ...['#', 'Kind', 'Set', 'State', 'Progress', 'Message', 'Queued'].map((t) => h('th', {}, t)))),
          h('tbody', {}, d.jobs.map(jobRow))));
  }
  await refresh();
  return { node, refresh };
}
