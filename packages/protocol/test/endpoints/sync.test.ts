import { nextSyncState, formatSyncKey } from '@wxbot/protocol';

describe('sync keys', () => {
  const k = (...vals: number[]) => ({ Count: vals.length, List: vals.map((v, i) => ({ Key: i + 1, Val: v })) });
  const empty = { Count: 0, List: [] };
  it('formats for synccheck', () => expect(formatSyncKey(k(10, 20))).toBe('1_10|2_20'));
  it('never overwrites good keys with empty ones and adopts a new SKey', () => {
    const prev = { syncKey: k(1, 2), syncCheckKey: k(1, 3), skey: '@crypt_old' };
    expect(nextSyncState(prev, { SyncKey: empty, SyncCheckKey: empty, SKey: '' })).toEqual(prev);
    const next = nextSyncState(prev, { SyncKey: k(5, 6), SyncCheckKey: k(5, 7), SKey: '@crypt_new' });
    expect(next).toEqual({ syncKey: k(5, 6), syncCheckKey: k(5, 7), skey: '@crypt_new' });
  });
});
