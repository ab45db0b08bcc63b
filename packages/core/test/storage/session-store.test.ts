import { deriveHosts } from '@wxbot/protocol';
import { MemoryState, MemoryStateStore } from '../../src/storage/memory-store';
import { replaySession, SESSION_SECTION, SessionStore, type SavedSession } from '../../src/storage/session-store';

const key = (n: number) => ({ Count: 1, List: [{ Key: 1, Val: n }] });

function session(overrides: Partial<SavedSession> = {}): SavedSession {
  return {
    version: 1,
    savedAt: 1_700_000_000_000,
    mode: 'web',
    credentials: { uin: 42, sid: 'sid', skey: '@crypt_1', passTicket: 'pt' },
    hosts: deriveHosts('wx.qq.com'),
    cookies: { cookies: [] },
    selfUserName: '@self',
    syncKey: key(1),
    syncCheckKey: key(1),
    handledIds: ['m1'],
    ...overrides,
  };
}

describe('replaySession', () => {
  it('applies keys records to the last whole session, and a clear forgets it', () => {
    const s = session();
    expect(replaySession([{ s }, { k: { syncKey: key(2), syncCheckKey: key(3) }, ids: ['m2', 'm3'] }])).toEqual({ ...s, syncKey: key(2), syncCheckKey: key(3), handledIds: ['m1', 'm2', 'm3'] });
    expect(replaySession([{ s }, { clear: true }])).toBeUndefined();
    expect(replaySession([{ s }, { clear: true }, { k: { syncKey: key(2), syncCheckKey: null }, ids: ['m2'] }])).toBeUndefined();
    expect(replaySession([{ s: session({ selfUserName: '@old' }) }, { s: session({ selfUserName: '@new', handledIds: [] }) }])?.selfUserName).toBe('@new');
  });

  it('skips malformed records and whole sessions that lack what a resume needs', () => {
    const s = session();
    expect(replaySession([null, 'x', 7, { s }, { k: 'nope' }, {}])).toEqual(s);
    expect(replaySession([{ s: { ...s, version: 2 } }])).toBeUndefined();
    expect(replaySession([{ s: { ...s, credentials: undefined } }])).toBeUndefined();
    expect(replaySession([{ s: { ...s, selfUserName: '' } }])).toBeUndefined();
    // A bad whole record replaces a good one: the saved session is no longer trusted.
    expect(replaySession([{ s }, { s: { ...s, hosts: null } }])).toBeUndefined();
    expect(replaySession([{ k: { syncKey: key(2) }, ids: ['m2'] }])).toBeUndefined();
    expect(replaySession()).toBeUndefined();
  });

  it('reads handled ids as strings, missing keys as null, and keeps the newest windowSize ids', () => {
    const s = { ...session(), handledIds: [1, 2] as unknown as string[] };
    const out = replaySession([{ s }, { k: {}, ids: [3, 4, 5] }], 3);
    expect(out?.handledIds).toEqual(['3', '4', '5']);
    expect(out?.syncKey).toBeNull();
    expect(out?.syncCheckKey).toBeNull();
    expect(replaySession([{ s: { ...session(), handledIds: 'm1' } }])?.handledIds).toEqual([]);
  });
});

describe('SessionStore', () => {
  it('a restart loads what was saved: the whole session, then the keys and ids of each batch', async () => {
    const state = new MemoryState();
    const store = new SessionStore(new MemoryStateStore(state));
    expect(await store.load()).toBeUndefined();
    await store.save(session());
    await store.saveKeys({ syncKey: key(5), syncCheckKey: key(6) }, ['m2']);
    expect(state.lines.map((l) => l.section)).toEqual([SESSION_SECTION, SESSION_SECTION]);
    expect(JSON.parse(state.lines[1]?.json ?? '')).toEqual({ k: { syncKey: key(5), syncCheckKey: key(6) }, ids: ['m2'] });

    const again = await new SessionStore(new MemoryStateStore(state)).load();
    expect(again).toEqual({ ...session(), syncKey: key(5), syncCheckKey: key(6), handledIds: ['m1', 'm2'] });
  });

  it('keys without a session write nothing; clear writes a record that forgets the session', async () => {
    const state = new MemoryState();
    const store = new SessionStore(new MemoryStateStore(state));
    await store.load();
    expect(store.keysRecord({ syncKey: key(2), syncCheckKey: key(2) }, ['m2'])).toBeUndefined();
    await store.saveKeys({ syncKey: key(2), syncCheckKey: key(2) }, ['m2']);
    expect(state.lines).toEqual([]);
    await store.save(session());
    await store.clear();
    expect(await new SessionStore(new MemoryStateStore(state)).load()).toBeUndefined();
    expect(store.keysRecord({ syncKey: key(2), syncCheckKey: key(2) }, [])).toBeUndefined();
  });

  it('compaction keeps one whole record with the current keys and ids', async () => {
    const state = new MemoryState();
    const log = new MemoryStateStore(state);
    const store = new SessionStore(log);
    await store.load();
    await store.save(session());
    for (let i = 2; i <= 4; i++) await store.saveKeys({ syncKey: key(i), syncCheckKey: key(i) }, [`m${i}`]);
    await log.compact();
    expect(state.lines).toHaveLength(1);
    expect(await new SessionStore(new MemoryStateStore(state)).load()).toEqual({ ...session(), syncKey: key(4), syncCheckKey: key(4), handledIds: ['m1', 'm2', 'm3', 'm4'] });
  });

  it('trims the dedupe window in steps of 500 in memory, to the window on replay', () => {
    const store = new SessionStore(undefined, 10);
    store.sessionRecord(session({ handledIds: [] }));
    const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => `m${from + i}`);
    const first = store.keysRecord({ syncKey: key(2), syncCheckKey: key(2) }, ids(0, 510));
    expect(first?.[1]).toEqual({ k: { syncKey: key(2), syncCheckKey: key(2) }, ids: ids(0, 510) });
    store.keysRecord({ syncKey: key(3), syncCheckKey: key(3) }, ids(510, 1));
    // 511 ids > 10 + 500: trimmed to the newest 10.
    return store.load().then((s) => expect(s?.handledIds).toEqual(ids(501, 10)));
  });

  it('without a store it keeps the session in memory only', async () => {
    const store = new SessionStore(undefined);
    await expect(store.save(session())).resolves.toBeUndefined();
    await store.saveKeys({ syncKey: key(9), syncCheckKey: key(9) }, ['m9']);
    expect((await store.load())?.handledIds).toEqual(['m1', 'm9']);
    await store.clear();
    expect(await store.load()).toBeUndefined();
  });
});
