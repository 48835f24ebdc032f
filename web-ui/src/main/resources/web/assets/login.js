// Login page: logs in, and when the password is a one-time one, makes the user choose their own.
const $ = (id) => document.getElementById(id);
let current = '';
let csrf = '';

function show(msg) { $('message').textContent = msg; }

async function post(url, body, headers = {}) {
  const r = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body), credentials: 'same-origin' });
  const data = await r.json().catch(() => ({}));
  return { status: r.status, data };
}

$('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  show('');
  current = $('password').value;
  const { status, data } = await post('/api/auth/login', { name: $('name').value, password: current });
  if (status !== 200) { show(data.error || `login failed (${status})`); return; }
  csrf = data.csrf;
  if (data.must_change_password) {
    $('login-form').hidden = true;
    $('change-form').hidden = false;
    $('new-password').focus();
  } else {
    location.href = '/';
  }
});

$('change-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  if ($('new-password').value !== $('new-password2').value) { show('the two passwords differ'); return; }
  const { status, data } = await post('/api/auth/password', { current, password: $('new-password').value },
    { 'X-CSRF-Token': csrf });
  if (status !== 200) { show(data.error || `password change failed (${status})`); return; }
  location.href = '/';
});
