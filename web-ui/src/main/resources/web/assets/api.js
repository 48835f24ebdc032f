// The station's JSON API as seen by the pages: session (CSRF token), GET/POST helpers, a tiny DOM builder.
let session = null;

export async function loadSession() {
  const r = await fetch('/api/auth/session', { credentials: 'same-origin' });
  if (r.status === 401 || r.status === 403) { location.href = '/login'; throw new Error('not logged in'); }
  session = await r.json();
  if (session.must_change_password) { location.href = '/login'; }
  return session;
}

/**
 * fetch, but a station that does not answer (daemon stopped, network down) raises a banner that
 * stays until /api/health answers again; then the page is redrawn (the `station-back` event).
 */
async function request(url, opts) {
  let r;
  try {
    r = await fetch(url, { credentials: 'same-origin', ...opts });
  } catch {
    offline(true);
    throw new Error('the station does not answer: is the daemon running?');
  }
  offline(false);
  return r;
}

function offline(down) {
  const banner = document.getElementById('offline');
  if (down && !banner) {
    document.body.prepend(h('div#offline.offline-banner', { role: 'alert' },
      h('strong', {}, 'The station does not answer. '),
      'The daemon is stopped or the network is down; nothing shown here is current. Trying again every 3 s…'));
    const poll = () => setTimeout(() => fetch('/api/health').then(() => offline(false), poll), 3000);
    poll();
  } else if (!down && banner) {
    banner.remove();
    window.dispatchEvent(new Event('station-back'));
  }
}

/** Asks whether the station answers (after the event stream broke), raising the banner if not. */
export function checkStation() {
  fetch('/api/health').then(() => offline(false), () => offline(true));
}

async function handle(r) {
  if (r.status === 401) { location.href = '/login'; throw new Error('session ended'); }
  const data = await r.json().catch(() => ({}));
  if (!r.ok) { throw new Error(data.error || `${r.status} ${r.statusText}`); }
  return data;
}

export async function get(url) {
  return handle(await request(url));
}

export async function send(method, url, body) {
  return handle(await request(url, {
    method,
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf },
    body: body === undefined ? undefined : JSON.stringify(body),
  }));
}

/** A POST of a file's bytes (an image), with the CSRF token; the answer as send's. */
export async function sendFile(url, file) {
  return handle(await request(url, { method: 'POST', headers: { 'Content-Type': file.type || 'application/octet-stream', 'X-CSRF-Token': session.csrf }, body: file }));
}

/** h('div.cls#id', {attr}, ...children): builds elements; text is always set as text, never as HTML. */
export function h(tag, attrs = {}, ...children) {
  const [, name, rest] = tag.match(/^([a-z0-9]+)(.*)$/);
  const el = document.createElement(name);
  for (const part of rest.match(/[.#][^.#]+/g) || []) {
    if (part[0] === '.') el.classList.add(part.slice(1)); else el.id = part.slice(1);
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** A state as words: AT_LAB -> "at lab". */
export const label = (state) => String(state ?? '').toLowerCase().replaceAll('_', ' ');

/** A set's status in words; "shooting" only while its digital shoot really runs (else it stopped part-way). */
export const setStatus = (set, shoot, lease) => {
  const here = shoot && shoot.set === Number(set.id) && shoot.state !== 'idle';
  // issue 21: another bench of a shared catalogue holds the set's lease while it shoots it
  if (lease && !here) return `being shot at bench ${lease.bench} since ${new Date(lease.since).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
  return String(set.status).toUpperCase() === 'SHOOTING' && !here ? 'partly shot (no shoot running)' : label(set.status);
};

/** A progress bar: its width is set through the CSSOM (the CSP forbids inline style attributes). */
export function bar(fraction, label) {
  const fill = h('span.fill');
  fill.style.width = `${Math.round(Math.max(0, Math.min(1, fraction)) * 100)}%`;
  return h('span.bar', { title: label, role: 'progressbar', 'aria-valuenow': Math.round(fraction * 100) }, fill);
}
