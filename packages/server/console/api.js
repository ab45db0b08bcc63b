// The console's access to the control API. The token comes from the URL fragment the bot printed
// (a fragment is never sent to the server, so it never lands in a log) and is kept in localStorage.
const KEY = 'wxbot-token';

export function takeToken() {
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (m) {
    localStorage.setItem(KEY, decodeURIComponent(m[1]));
    history.replaceState(null, '', location.pathname);
  }
  return localStorage.getItem(KEY);
}

export function saveToken(token) {
  localStorage.setItem(KEY, token);
}

export class Unauthorized extends Error {}

/** `/api`, or `/api/accounts/NAME` once a fleet's account is chosen: the one-bot views then show it. */
let base = '/api';

export function useAccount(account) {
  base = `/api/accounts/${encodeURIComponent(account)}`;
}

/** A one-bot path (`/api/status`) under the chosen account; `fleet: true` keeps it as is (`/api/accounts`). */
const under = (path, fleet) => (fleet ? path : path.replace(/^\/api(?=\/)/, base));

export async function api(path, { fleet, ...init } = {}) {
  const headers = { authorization: `Bearer ${localStorage.getItem(KEY) ?? ''}`, ...(init.body ? { 'content-type': 'application/json' } : {}) };
  const res = await fetch(under(path, fleet), { ...init, headers });
  if (res.status === 401) throw new Unauthorized('unauthorized');
  const body = await res.json().catch(() => ({}));
  return { status: res.status, body };
}

/**
 * Server-Sent Events over fetch: EventSource cannot send the Authorization header. Reconnects after
 * a drop; `onEvent(type, data)` gets each event. Default: the (chosen account's) bot stream.
 */
export function listen(onEvent, onDown, path = under('/api/events')) {
  let stopped = false;
  const run = async () => {
    while (!stopped) {
      try {
        const res = await fetch(path, { headers: { authorization: `Bearer ${localStorage.getItem(KEY) ?? ''}` } });
        if (res.status === 401) throw new Unauthorized('unauthorized');
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const type = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (type && data) onEvent(type, JSON.parse(data));
          }
        }
      } catch (err) {
        if (err instanceof Unauthorized) return onDown(err);
      }
      onDown();
      await new Promise((r) => setTimeout(r, 2000));
    }
  };
  void run();
  return () => (stopped = true);
}
