import { api, listen } from './api.js';
import { $, el } from './dom.js';

// The overview of a fleet worker: one row per account (here and on other workers), and the QR of
// every account here that waits for a scan, large, so an operator of many accounts sees at once
// which phone to pick up. Text from the API is set with textContent, never as HTML.

/** The account named in the address (`#account=NAME`), or null. */
export function chosenAccount() {
  const m = /(?:^#|&)account=([^&]+)/.exec(location.hash);
  return m ? decodeURIComponent(m[1]) : null;
}

const shownQrs = new Map(); // account → uuid on screen

function row(item, chosen) {
  const tr = el('tr');
  tr.dataset.account = item.account;
  if (item.account === chosen) tr.className = 'chosen';
  const name = el('td');
  if (item.here) {
    const link = el('a', item.account);
    link.href = `#account=${encodeURIComponent(item.account)}`;
    name.append(link);
  } else name.append(el('span', item.account));
  const state = el('td');
  state.append(el('span', item.state ?? (item.worker ? 'elsewhere' : 'unheld'), `state state-${item.state ?? 'none'}`));
  if (item.qrPending) state.append(' ', el('span', 'QR needed', 'qr-badge'));
  const worker = el('td', item.here ? `${item.worker ?? 'this worker'} (here)` : undefined, 'muted');
  if (!item.here && item.url && /^https?:\/\//.test(item.url)) {
    // The holding worker's own console, opened on this account (it asks for its token there).
    const link = el('a', item.worker ?? item.url);
    link.href = `${item.url}/#account=${encodeURIComponent(item.account)}`;
    link.title = item.url;
    link.rel = 'noopener';
    worker.append(link);
  } else if (!item.here) worker.textContent = item.worker ?? 'none';
  tr.append(name, state, el('td', item.name ?? ''), worker);
  return tr;
}

async function showQrs(items) {
  const waiting = items.filter((i) => i.here && i.qrPending);
  const cards = [];
  for (const item of waiting) {
    let card = $('fleet-qrs').querySelector(`[data-account="${CSS.escape(item.account)}"]`);
    const { status, body } = await api(`/api/accounts/${encodeURIComponent(item.account)}/qr`, { fleet: true });
    if (status !== 200) continue;
    if (!card || shownQrs.get(item.account) !== body.uuid) {
      card = el('figure', undefined, 'fleet-qr');
      card.dataset.account = item.account;
      const img = el('img');
      img.alt = `login QR code of ${item.account}`;
      img.src = body.png;
      card.append(el('figcaption', `${item.account}: scan with the phone of this account`), img);
      shownQrs.set(item.account, body.uuid);
    }
    cards.push(card);
  }
  for (const account of [...shownQrs.keys()]) if (!waiting.some((i) => i.account === account)) shownQrs.delete(account);
  $('fleet-qrs').replaceChildren(...cards);
}

async function refresh(chosen) {
  const { status, body } = await api('/api/accounts', { fleet: true });
  if (status !== 200) return;
  const { here, running, qrPending, registered } = body.counts;
  $('fleet-summary').textContent = `${body.worker ? `worker ${body.worker}: ` : ''}${here} accounts here, ${running} running, ${qrPending} waiting for a scan${registered !== null ? `; ${registered} registered` : ''}${body.registryError ? ` (fleet store: ${body.registryError})` : ''}`;
  $('accounts').replaceChildren(...body.items.map((item) => row(item, chosen)));
  await showQrs(body.items);
  if (!chosen) $('state').textContent = qrPending ? `${qrPending} QR needed` : `${running}/${here} running`;
}

/** Shows the overview and keeps it current from the fleet-wide event stream (and every 5 s). */
export async function startFleet(chosen, onDown) {
  document.body.classList.add('fleet');
  if (!chosen) document.body.classList.add('fleet-overview');
  $('fleet').hidden = false;
  window.addEventListener('hashchange', () => location.reload());
  await refresh(chosen);
  let pending;
  const soon = () => {
    clearTimeout(pending);
    pending = setTimeout(() => void refresh(chosen).catch(() => undefined), 100);
  };
  listen(soon, onDown, '/api/events?types=state,qr,login,logout,attached,detached');
  setInterval(soon, 5000);
}
