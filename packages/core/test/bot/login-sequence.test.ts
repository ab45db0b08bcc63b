import pino from 'pino';
import { createWebwxHttp, type WebwxHttp } from '@wxbot/protocol';
import { startSimulator, type Simulator } from '@wxbot/simulator';
import { ContactStore } from '../../src/contacts/contact-store';
import { bringUpSession, type LiveSession } from '../../src/session/bring-up';
import type { SavedSession } from '../../src/storage/session-store';
import { runLoginSequence, type LoginAttempt, type LoginSequenceDeps } from '../../src/bot/login-sequence';

// The order of the ways in (saved session, push login, QR) against the simulator, whose phone
// confirms every login by itself. bringUp is the real bring-up.
const log = pino({ level: 'silent' });
let sim: Simulator;
const clients: WebwxHttp[] = [];

beforeAll(async () => {
  sim = await startSimulator({ longPollMs: 300, loginPollMs: 200, autoConfirm: true, autoConfirmDelayMs: 1 });
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
  sim.faults.clear();
});
afterAll(() => sim.close());

function run(saved: SavedSession | undefined, options: LoginSequenceDeps['options'] = {}) {
  const progress: string[] = [];
  const qrs: string[] = [];
  const attempts: LoginAttempt[] = [];
  let live: LiveSession | undefined;
  let http: WebwxHttp | undefined;
  const done = runLoginSequence({
    saved,
    options,
    log,
    signal: new AbortController().signal,
    hooks: { onQr: (uuid) => void qrs.push(uuid), onScan: () => undefined },
    newHttp: (jar) => {
      http = createWebwxHttp({ endpoint: sim.url, ...(jar ? { jar } : {}) });
      clients.push(http);
      return http;
    },
    flowOptions: (h) => ({ http: h, mode: 'web', qrRetries: 2, log, signal: new AbortController().signal }),
    progress: (step) => void progress.push(step),
    bringUp: async (attempt) => {
      attempts.push(attempt);
      live = await bringUpSession({ http: attempt.http, hosts: attempt.ticket.hosts, credentials: attempt.ticket.ticket, mode: 'web', store: new ContactStore(), log, signal: new AbortController().signal, savedKeys: attempt.savedKeys, onProgress: () => undefined });
    },
    retry: { attempts: 2, baseMs: 1, capMs: 2 },
  });
  return { done, progress, qrs, attempts, live: () => live!, http: () => http! };
}

/** What the Bot saves after a login: credentials, hosts, cookies and keys. */
function saveOf(live: LiveSession, http: WebwxHttp): SavedSession {
  return {
    version: 1, savedAt: Date.now(), mode: 'web', credentials: { ...live.ctx.credentials }, hosts: live.ctx.hosts, cookies: http.jar.serializeSync(),
    selfUserName: live.selfUserName, syncKey: live.initialSync.syncKey, syncCheckKey: live.initialSync.syncCheckKey, handledIds: [],
  };
}

async function firstLogin(): Promise<SavedSession> {
  const first = run(undefined);
  await first.done;
  return saveOf(first.live(), first.http());
}

describe('runLoginSequence', () => {
  it('without a saved session: a QR code', async () => {
    const r = run(undefined);
    await r.done;
    expect(r.progress).toEqual(['qr-login']);
    expect(r.qrs).toHaveLength(1);
    expect(r.attempts.map((a) => a.method)).toEqual(['qr']);
    expect(r.attempts[0]?.savedKeys).toBeUndefined();
  });

  it('a saved session the server still knows is resumed from its keys, with no phone', async () => {
    const saved = await firstLogin();
    const r = run(saved);
    await r.done;
    expect(r.progress).toEqual(['resume']);
    expect(r.qrs).toEqual([]);
    expect(r.attempts[0]).toMatchObject({ method: 'resume', savedKeys: { syncKey: saved.syncKey, syncCheckKey: saved.syncCheckKey } });
    expect(r.attempts[0]?.ticket.ticket.sid).toBe(saved.credentials.sid);
  });

  it('a dead saved session falls through to a push login on its cookies', async () => {
    const saved = await firstLogin();
    sim.forceLogout(1101);
    const r = run(saved);
    await r.done;
    expect(r.progress).toEqual(['resume', 'push-login']);
    expect(r.attempts.map((a) => a.method)).toEqual(['resume', 'push']);
    expect(r.qrs).toEqual([]);
    expect(r.attempts[1]?.ticket.ticket.sid).not.toBe(saved.credentials.sid);
  });

  it('resume and push login can be turned off: straight to a QR code', async () => {
    const saved = await firstLogin();
    const r = run(saved, { resume: false, pushLogin: false });
    await r.done;
    expect(r.progress).toEqual(['qr-login']);
    expect(r.attempts.map((a) => a.method)).toEqual(['qr']);
  });

  it('a saved session without keys is not resumed', async () => {
    const saved = { ...(await firstLogin()), syncKey: null };
    const r = run(saved);
    await r.done;
    expect(r.progress).toEqual(['push-login']);
  });

  it('a network failure that outlasts the retries ends the login instead of falling through', async () => {
    const saved = await firstLogin();
    sim.faults.add({ kind: 'init', type: 'reset', times: 'always' });
    const r = run(saved);
    await expect(r.done).rejects.toMatchObject({ name: 'NetworkError' });
    expect(r.progress).toEqual(['resume']);
    expect(r.attempts).toHaveLength(2);
  });
});
