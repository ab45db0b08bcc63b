import { createWebwxHttp, deriveHosts, type SyncState, type WebwxHttp } from '@wxbot/protocol';
import type { LiveSession } from '../../src/session/bring-up';
import { SessionSaver, type SessionView } from '../../src/bot/session-saver';
import { INBOX_SECTION, InboxJournal } from '../../src/storage/journal';
import { MemoryState, MemoryStateStore } from '../../src/storage/memory-store';
import { SESSION_SECTION, SessionStore } from '../../src/storage/session-store';
import { wireMessage } from '../fixtures/wire';

const key = (n: number) => ({ Count: 1, List: [{ Key: 1, Val: n }] });
const keys = (n: number): SyncState => ({ syncKey: key(n), syncCheckKey: key(n), skey: '@crypt_1' });

/** A saver over a MemoryStateStore, and a view of a session on a real (never used) HTTP client. */
async function setup() {
  const state = new MemoryState();
  const store = new MemoryStateStore(state);
  const sessions = new SessionStore(store);
  const journal = new InboxJournal(store);
  await sessions.load();
  await journal.load();
  const http: WebwxHttp = createWebwxHttp({ endpoint: 'http://127.0.0.1:9' });
  const session: LiveSession = {
    ctx: { http, hosts: deriveHosts('wx.qq.com'), credentials: { uin: 1, sid: 'sid', skey: '@crypt_1', passTicket: 'pt' }, mode: 'web' },
    initialSync: keys(1),
    selfUserName: '@self',
    inviteStartCount: 40,
  };
  let current = keys(1);
  let handled: string[] = [];
  const view: SessionView = { session, http, mode: 'web', keys: () => current, handledIds: () => handled };
  const records = () => state.lines.map((l) => [l.section, Object.keys(JSON.parse(l.json) as object)[0]]);
  const restart = () => new SessionStore(new MemoryStateStore(state)).load();
  return {
    state, store, sessions, journal, http, session, view, records, restart,
    saver: new SessionSaver(store, sessions, journal),
    setKeys: (k: SyncState) => void (current = k),
    setHandled: (ids: string[]) => void (handled = ids),
  };
}

afterEach(() => jest.useRealTimers());

describe('SessionSaver', () => {
  it('the first batch saves the whole session; later ones the keys and new ids, journal first in one write', async () => {
    const t = await setup();
    const m1 = wireMessage();
    t.setHandled([m1.MsgId]);
    await t.saver.saveBatch(t.view, [m1], [m1.MsgId], keys(2));
    expect(t.records()).toEqual([[INBOX_SECTION, 'a'], [SESSION_SECTION, 's']]);

    const m2 = wireMessage();
    await t.saver.saveBatch(t.view, [m2], [m2.MsgId], keys(3));
    expect(t.records().slice(2)).toEqual([[INBOX_SECTION, 'a'], [SESSION_SECTION, 'k']]);
    const saved = await t.restart();
    expect(saved).toMatchObject({ selfUserName: '@self', syncKey: key(3), syncCheckKey: key(3), handledIds: [m1.MsgId, m2.MsgId] });
    expect(t.journal.ids()).toEqual([m1.MsgId, m2.MsgId]);
  });

  it('an idle sync that did not move the keys writes nothing; moved keys are saved without messages', async () => {
    const t = await setup();
    const next = keys(2);
    await t.saver.saveBatch(t.view, [], [], next);
    const written = t.state.lines.length;
    await t.saver.saveBatch(t.view, [], [], next);
    expect(t.state.lines).toHaveLength(written);
    await t.saver.saveBatch(t.view, [], [], keys(3));
    expect(t.records().slice(written)).toEqual([[SESSION_SECTION, 'k']]);
    // An own echo: in the dedupe window, not in the journal.
    await t.saver.saveBatch(t.view, [], ['echo'], keys(3));
    expect(t.records().slice(written + 1)).toEqual([[SESSION_SECTION, 'k']]);
    expect((await t.restart())?.handledIds).toEqual(['echo']);
  });

  it('saves whole again when the skey or the cookies changed', async () => {
    const t = await setup();
    await t.saver.saveBatch(t.view, [], ['a'], keys(2));
    t.session.ctx.credentials.skey = '@crypt_2';
    await t.saver.saveBatch(t.view, [], ['b'], keys(3));
    expect(t.records().map((r) => r[1])).toEqual(['s', 's']);
    expect((await t.restart())?.credentials.skey).toBe('@crypt_2');

    await t.saver.saveBatch(t.view, [], ['c'], keys(4));
    const before = t.http.cookieVersion;
    await t.http.jar.setCookie('webwx_data_ticket=new; Domain=qq.com; Path=/', 'https://wx.qq.com/');
    expect(t.http.cookieVersion).not.toBe(before);
    await t.saver.saveBatch(t.view, [], ['d'], keys(5));
    expect(t.records().map((r) => r[1])).toEqual(['s', 's', 'k', 's']);
    expect(JSON.stringify((await t.restart())?.cookies)).toContain('webwx_data_ticket');
  });

  it('saves whole at least hourly', async () => {
    jest.useFakeTimers({ now: Date.UTC(2024, 0, 1), doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    const t = await setup();
    await t.saver.saveBatch(t.view, [], ['a'], keys(2));
    jest.setSystemTime(Date.UTC(2024, 0, 1, 1));
    await t.saver.saveBatch(t.view, [], ['b'], keys(3));
    jest.setSystemTime(Date.UTC(2024, 0, 1, 1, 0, 1));
    await t.saver.saveBatch(t.view, [], ['c'], keys(4));
    expect(t.records().map((r) => r[1])).toEqual(['s', 'k', 's']);
  });

  it('saveWhole writes the view with its current keys and handled ids; nothing without a view', async () => {
    const t = await setup();
    await t.saver.saveWhole(undefined);
    expect(t.state.lines).toEqual([]);
    const k7 = keys(7);
    t.setKeys(k7);
    t.setHandled(['x', 'y']);
    await t.saver.saveWhole(t.view);
    expect(await t.restart()).toMatchObject({ version: 1, mode: 'web', syncKey: key(7), handledIds: ['x', 'y'], hosts: deriveHosts('wx.qq.com') });
    // The same keys afterwards (the loop hands back the same objects): an idle batch writes nothing.
    await t.saver.saveBatch(t.view, [], [], k7);
    expect(t.state.lines).toHaveLength(1);
  });

  it('saveIds adds replayed ids with the current keys; after clear only a whole save brings the session back', async () => {
    const t = await setup();
    await t.saver.saveIds(undefined, ['lost']);
    await t.saver.saveWhole(t.view);
    t.setKeys(keys(4));
    await t.saver.saveIds(t.view, ['r1', 'r2']);
    expect(await t.restart()).toMatchObject({ syncKey: key(4), handledIds: ['r1', 'r2'] });
    await t.saver.clear();
    expect(await t.restart()).toBeUndefined();
    const lines = t.state.lines.length;
    await t.saver.saveBatch(t.view, [], ['late'], keys(5));
    expect(t.state.lines).toHaveLength(lines);
    await t.saver.saveWhole(t.view);
    expect(t.records().at(-1)).toEqual([SESSION_SECTION, 's']);
    expect(await t.restart()).toBeDefined();
  });
});
