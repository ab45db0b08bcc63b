import { Rng } from '../../src/util/rng';
import { formatSyncKey, parseSyncKeyParam, SyncLog } from '../../src/sync/sync-log';

const LOGIN = 1_700_000_000;
const entry = (n: number) => ({ kind: 'profile' as const, nickName: `n${n}`, headImgUrl: '' });

describe('SyncLog', () => {
  it('hands out events after a position, at most limit at a time', () => {
    const log = new SyncLog(new Rng(1), LOGIN);
    for (let i = 0; i < 5; i++) log.append(entry(i));
    expect(log.head).toBe(5);
    expect(log.since(0, 2).map((e) => (e.kind === 'profile' ? e.nickName : ''))).toEqual(['n0', 'n1']);
    expect(log.since(3, 10)).toHaveLength(2);
    expect(log.since(5, 10)).toEqual([]);
  });

  it('keys: 1/2/3/1000 at login; after events also 11, 201 (last event time) and 1001, all moving with the position', () => {
    const log = new SyncLog(new Rng(2), LOGIN);
    const k0 = log.keyAt(0);
    expect(k0.List.map((k) => k.Key)).toEqual([1, 2, 3, 1000]);
    expect(k0.Count).toBe(4);
    expect(k0.List.find((k) => k.Key === 1000)?.Val).toBe(LOGIN - 7200);
    log.append(entry(0));
    log.append(entry(1));
    const k2 = log.keyAt(2);
    expect(k2.List.map((k) => k.Key)).toEqual([1, 2, 3, 11, 201, 1000, 1001]);
    const val = (k: typeof k0, key: number): number => k.List.find((x) => x.Key === key)?.Val ?? NaN;
    for (const key of [1, 2, 3]) expect(val(k2, key) - val(k0, key)).toBe(2);
    expect(Math.abs(val(k2, 201) - Date.now() / 1000)).toBeLessThan(5);
    expect(val(k2, 1001)).toBe(LOGIN - 60);
    expect(val(log.keyAt(2, true), 2)).toBe(val(k2, 2) + 1);
  });

  it('finds the position of a key by its Key 1, clamped to the log; a key without Key 1 or with junk is position 0', () => {
    const log = new SyncLog(new Rng(3), LOGIN);
    for (let i = 0; i < 3; i++) log.append(entry(i));
    for (const p of [0, 1, 2, 3]) expect(log.positionOf(log.keyAt(p).List)).toBe(p);
    const k1 = log.keyAt(0).List[0]!;
    expect(log.positionOf([{ Key: 1, Val: k1.Val + 99 }])).toBe(3);
    expect(log.positionOf([{ Key: 1, Val: k1.Val - 99 }])).toBe(0);
    expect(log.positionOf([{ Key: 2, Val: 5 }])).toBe(0);
    expect(log.positionOf([{ Key: 1, Val: Number.NaN }])).toBe(0);
  });

  it('formats and parses the synccheck synckey parameter, skipping malformed pairs', () => {
    expect(formatSyncKey({ Count: 2, List: [{ Key: 1, Val: 10 }, { Key: 2, Val: 20 }] })).toBe('1_10|2_20');
    expect(parseSyncKeyParam('1_10|2_20|bad|3_4_5')).toEqual([{ Key: 1, Val: 10 }, { Key: 2, Val: 20 }]);
  });
});
