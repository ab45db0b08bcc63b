import { api, listen, saveToken, takeToken, Unauthorized, useAccount } from './api.js';
import { chosenAccount, startFleet } from './fleet.js';
import { $, el } from './dom.js';

// Everything shown comes from the API as text (dom.js's `el` sets it with textContent).

let target = null;
/** Sends this page asked for, and those already confirmed (the event can beat the POST's answer). */
let pendingSend = '';
const sentIds = new Set();
let shownQr = '';

function askToken() {
  $('token-form').hidden = false;
  $('state').textContent = 'token needed';
}

async function showQr() {
  const { status, body } = await api('/api/qr');
  if (status !== 200) return;
  if (body.uuid !== shownQr) {
    shownQr = body.uuid;
    $('qr').src = body.png;
    $('qr-note').textContent = body.url;
  }
  $('login').hidden = false;
  $('account').hidden = true;
}

function duration(seconds) {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return h ? `${h} h ${m} min` : m ? `${m} min` : `${seconds} s`;
}

async function refreshStatus() {
  const { body } = await api('/api/status');
  $('state').textContent = body.state;
  if (body.qrPending) await showQr();
  if (body.account) {
    $('login').hidden = true;
    $('account').hidden = false;
    $('account-name').textContent = body.account.name;
    $('account-state').textContent = body.state;
    $('account-method').textContent = body.loginMethod ?? '';
    $('account-uptime').textContent = duration(body.uptimeSeconds);
    $('account-counts').textContent = `${body.counts.contacts} contacts, ${body.counts.groups} groups`;
    const breakers = Object.entries(body.governor.breakers).filter(([, s]) => s !== 'closed');
    $('account-governor').textContent = breakers.length ? breakers.map(([k, s]) => `${k}: ${s}`).join(', ') : 'all clear';
  }
  $('plugins').replaceChildren(...body.plugins.map((name) => el('li', name)));
}

async function refreshOutbox() {
  const { body } = await api('/api/outbox');
  const items = [
    ...body.queued.map((q) => el('li', `${q.kind} → ${q.key}${q.running ? ' (sending)' : ''}${q.attempts ? `, ${q.attempts} attempts` : ''}`)),
    ...body.recent.slice(0, 10).map((r) => el('li', `${r.kind} → ${r.toName || r.to}: ${r.status}${r.error ? ` (${r.error.message})` : ''}`, 'muted')),
  ];
  $('outbox').replaceChildren(...(items.length ? items : [el('li', 'empty', 'muted')]));
}

function addToFeed(message) {
  if (message.kind === 'status') return; // read receipts and conversation lists: not for people
  const item = el('li');
  const where = message.isGroup ? `${message.chat.name} / ${message.sender.name}` : message.chat.name;
  item.append(el('span', `${message.isSelf ? 'me' : where}: `, 'who'), el('span', message.text || `[${message.kind}]`));
  item.dataset.kind = message.kind;
  $('feed').prepend(item);
  while ($('feed').children.length > 200) $('feed').lastElementChild.remove();
}

let searchTimer;
function search() {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(async () => {
    const q = encodeURIComponent($('search').value.trim());
    if (!q) return $('results').replaceChildren();
    const [contacts, rooms] = await Promise.all([api(`/api/contacts?q=${q}&limit=8`), api(`/api/rooms?q=${q}&limit=8`)]);
    const hits = [...(contacts.body.items ?? []), ...(rooms.body.items ?? [])];
    $('results').replaceChildren(
      ...hits.map((hit) => {
        const button = el('button', `${hit.name}${hit.kind === 'group' ? ` (group, ${hit.memberCount})` : ''}`);
        button.type = 'button';
        button.className = 'result';
        button.onclick = () => {
          target = hit;
          $('target').textContent = hit.name;
          $('send').disabled = false;
          $('results').replaceChildren();
        };
        const li = el('li');
        li.append(button);
        return li;
      }),
    );
  }, 200);
}

async function send(event) {
  event.preventDefault();
  const text = $('text').value.trim();
  if (!target || !text) return;
  const { status, body } = await api('/api/messages', { method: 'POST', body: JSON.stringify({ to: target.id, text }) });
  if (status === 202) pendingSend = body.actionId;
  $('send-status').textContent = status === 202 ? (sentIds.has(body.actionId) ? 'sent' : 'queued') : body.error?.message ?? `error ${status}`;
  if (status === 202) $('text').value = '';
  void refreshOutbox();
}

function onEvent(type, data) {
  if (type === 'state') {
    $('state').textContent = data.state;
    void refreshStatus();
  } else if (type === 'qr') void showQr();
  else if (type === 'login') void refreshStatus();
  else if (type === 'message') addToFeed(data);
  else if (type === 'sent') {
    sentIds.add(data.actionId);
    if (data.actionId === pendingSend) $('send-status').textContent = 'sent';
    const item = el('li', `me → ${target && target.id === data.to ? target.name : data.to}: sent`, 'sent');
    $('feed').prepend(item);
    void refreshOutbox();
  }
}

async function main() {
  $('token-entry').onsubmit = (e) => {
    e.preventDefault();
    saveToken($('token').value.trim());
    location.reload();
  };
  if (!takeToken()) return askToken();
  $('search').oninput = search;
  $('send-form').onsubmit = send;
  const down = (err) => {
    if (err instanceof Unauthorized) askToken();
    else $('state').textContent = 'disconnected';
  };
  try {
    // A fleet worker answers /api/accounts: its overview first, then the chosen account's views.
    const fleet = await api('/api/accounts', { fleet: true });
    if (fleet.status === 200) {
      const chosen = chosenAccount();
      await startFleet(chosen, down);
      if (!chosen || !fleet.body.items.some((a) => a.here && a.account === chosen)) return;
      useAccount(chosen);
      $('fleet-account').textContent = chosen;
      $('fleet-account').hidden = false;
      document.title = `${chosen} · wxbot console`;
    }
    await refreshStatus();
    await refreshOutbox();
  } catch (err) {
    if (err instanceof Unauthorized) return askToken();
    throw err;
  }
  listen(onEvent, down);
  setInterval(() => void refreshStatus().catch(() => undefined), 5000);
  setInterval(() => void refreshOutbox().catch(() => undefined), 5000);
}

void main();
