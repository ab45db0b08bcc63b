import pino from 'pino';
import { createWebwxHttp, type TicketResult, type WebwxHttp } from '@wxbot/protocol';
import { startSimulator, type Simulator } from '@wxbot/simulator';
import { ContactStore } from '../../src/contacts/contact-store';
import { bringUpSession, type BringUpOptions } from '../../src/session/bring-up';
import { qrLogin } from '../../src/session/login-flow';

const log = pino({ level: 'silent' });
let sim: Simulator;
let http: WebwxHttp;
let ticket: TicketResult;

beforeEach(async () => {
  sim = await startSimulator({ longPollMs: 300, autoConfirm: true, autoConfirmDelayMs: 1 });
  http = createWebwxHttp({ endpoint: sim.url });
  ticket = await qrLogin({ http, mode: 'web', qrRetries: 1, log, signal: new AbortController().signal }, { onQr: () => undefined, onScan: () => undefined });
});
afterEach(async () => {
  http.close();
  await sim.close();
});

function options(store: ContactStore, steps: string[], overrides: Partial<BringUpOptions> = {}): BringUpOptions {
  return { http, hosts: ticket.hosts, credentials: ticket.ticket, mode: 'web', store, log, signal: new AbortController().signal, onProgress: (step) => void steps.push(step), ...overrides };
}

describe('bringUpSession', () => {
  it('init, status notify, the contact list, then the members of groups it lacks: a session ready to sync', async () => {
    const store = new ContactStore();
    const steps: string[] = [];
    const live = await bringUpSession(options(store, steps));
    expect([...new Set(steps)]).toEqual(['init', 'status-notify', 'contacts', 'members']);
    const state = sim.state();
    expect(live.selfUserName).toBe(state.session?.userName);
    expect(store.self.id).toBe(live.selfUserName);
    // The server's SKey from init replaces the ticket's; the caller's credentials stay untouched.
    expect(live.ctx.credentials.skey).toBe(state.session?.skey);
    expect(live.ctx.credentials).not.toBe(ticket.ticket);
    expect(live.initialSync.skey).toBe(live.ctx.credentials.skey);
    expect(live.initialSync.syncKey).toBe(live.initialSync.syncCheckKey);
    expect(live.inviteStartCount).toBeGreaterThan(0);
    // Dev Team is unsaved, known only from init's ChatSet: fetched with its members.
    const devTeam = state.groups.find((g) => g.topic === 'Dev Team')!;
    expect(store.group(devTeam.userName)?.members.map((m) => m.nickName)).toEqual(expect.arrayContaining(['Mallory', 'Trent']));
    expect(store.groupsMissingMembers()).toEqual([]);
    expect(store.findContacts('Alice')).toHaveLength(1);
  });

  it('continues from saved keys when given (a resume)', async () => {
    const savedKeys = { syncKey: { Count: 1, List: [{ Key: 1, Val: 123 }] }, syncCheckKey: { Count: 1, List: [{ Key: 1, Val: 124 }] } };
    const live = await bringUpSession(options(new ContactStore(), [], { savedKeys }));
    expect(live.initialSync).toEqual({ ...savedKeys, skey: live.ctx.credentials.skey });
  });

  it('fails with the server error when the session is gone', async () => {
    sim.forceLogout(1101);
    await expect(bringUpSession(options(new ContactStore(), []))).rejects.toMatchObject({ ret: 1101 });
  });
});
