import { outboxSnapshot, replayOutbox, type OutboxState, type StoredAction, type StoredOutcome } from '../../src/outbox/outbox-store';

const action = (id: string, extra: Partial<StoredAction> = {}): StoredAction => ({
  id, kind: 'text', key: '@alice', payload: { to: '@alice', text: `hi ${id}` }, risky: false, clientMsgId: `17954844744263${id}`, createdAt: 1000, attempts: 0, ...extra,
});
const done = (idem: string, ok = true): StoredOutcome => (ok ? { idem, at: 2000, ok, result: { msgId: idem } } : { idem, at: 2000, ok, error: 'WEBWX_RET' });
const empty: OutboxState = { queue: [], done: [], breakers: {}, day: '', counts: {} };
// Records as they come back from the state log: parsed JSON, never shared with the writer.
const fromLog = (records: unknown[]): unknown[] => JSON.parse(JSON.stringify(records)) as unknown[];

describe('replayOutbox', () => {
  it('of nothing is the empty state', () => {
    expect(replayOutbox()).toEqual(empty);
    expect(replayOutbox([])).toEqual(empty);
  });

  it('queues, counts attempts, finishes, remembers outcomes and breakers', () => {
    const state = replayOutbox(fromLog([
      { q: action('1', { idem: 'msg:9#0' }) },
      { q: action('2') },
      { q: action('3', { kind: 'verify-user', risky: true }) },
      { n: '2', attempts: 1 },
      { n: '2', attempts: 2 },
      { f: '1', o: done('msg:9#0'), day: '2026-12-02', counts: { text: 1 } },
      { b: 'text', s: { trips: 1, openUntil: 5000 } },
      { b: 'text', s: { trips: 2, openUntil: 9000 } },
    ]));
    expect(state.queue).toEqual([action('2', { attempts: 2 }), action('3', { kind: 'verify-user', risky: true })]);
    expect(state.done).toEqual([done('msg:9#0')]);
    expect(state.breakers).toEqual({ text: { trips: 2, openUntil: 9000 } });
    expect(state.day).toBe('2026-12-02');
    expect(state.counts).toEqual({ text: 1 });
  });

  it('a finish without an outcome drops the action; a later outcome of the same key replaces the earlier', () => {
    const state = replayOutbox(fromLog([
      { q: action('1') },
      { q: action('2') },
      { f: '1' },
      { o: [done('msg:1#0', false), done('msg:2#0')] },
      { f: '2', o: done('msg:1#0') },
    ]));
    expect(state.queue).toEqual([]);
    expect(state.done).toEqual([done('msg:1#0'), done('msg:2#0')]);
  });

  it('cap counters come from the last f or c record that carries a day', () => {
    const state = replayOutbox(fromLog([
      { c: { text: 5 }, day: '2026-12-01' },
      { f: 'x', day: '2026-12-02', counts: { text: 1, 'verify-user': 1 } },
      { f: 'y' }, // no counters: the day stays
    ]));
    expect(state.day).toBe('2026-12-02');
    expect(state.counts).toEqual({ text: 1, 'verify-user': 1 });
    expect(replayOutbox([{ f: 'x', day: '2026-12-02', counts: { text: 1 } }, { c: { text: 3 }, day: '2026-12-03' }])).toMatchObject({ day: '2026-12-03', counts: { text: 3 } });
  });

  it('skips malformed records and keeps the good ones around them', () => {
    const state = replayOutbox([
      null,
      42,
      'q',
      [],
      {},
      { q: null },
      { q: { id: 1, kind: 'text', key: '@a' } },
      { q: { id: 'no-kind', key: '@a' } },
      { q: { id: 'no-key', kind: 'text' } },
      { q: action('ok') },
      { n: 'unknown', attempts: 3 },
      { n: 'ok', attempts: 'many' },
      { f: 'gone', o: { at: 1, ok: true } },
      { f: 'gone', o: 'done' },
      { o: 'not a list' },
      { o: [null, { ok: true }, done('msg:1#0')] },
      { b: 'text' },
      { b: 'text', s: { trips: 'two', openUntil: 1 } },
      { c: { text: 1 } },
      { c: null, day: '2026-12-02' },
      { f: 'gone', day: '2026-12-02', counts: null },
      { f: 'gone', day: 7, counts: { text: 1 } },
    ]);
    expect(state).toEqual({ ...empty, queue: [action('ok', { attempts: 0 })], done: [done('msg:1#0')] });
  });
});

describe('outboxSnapshot', () => {
  it('of the empty state writes nothing', () => {
    expect(outboxSnapshot(empty)).toEqual([]);
  });

  it('replays to the state it was taken from (also through JSON, as the log stores it)', () => {
    const state: OutboxState = {
      queue: [action('2', { attempts: 3, idem: 'msg:5#1' }), action('3', { kind: 'image', payload: { path: '/tmp/a.png' } })],
      done: [done('msg:5#0'), done('msg:6#0', false)],
      breakers: { text: { trips: 2, openUntil: 9000 }, 'verify-user': { trips: 1, openUntil: 100 } },
      day: '2026-12-02',
      counts: { text: 12, 'verify-user': 2 },
    };
    expect(replayOutbox(outboxSnapshot(state))).toEqual(state);
    expect(replayOutbox(fromLog(outboxSnapshot(state)))).toEqual(state);
  });

  it('compacts a long history to the same state', () => {
    const history = fromLog([
      { q: action('1', { idem: 'msg:1#0' }) },
      { n: '1', attempts: 1 },
      { f: '1', o: done('msg:1#0'), day: '2026-12-02', counts: { text: 1 } },
      { q: action('2') },
      { n: '2', attempts: 1 },
      { b: 'text', s: { trips: 1, openUntil: 4000 } },
    ]);
    const state = replayOutbox(history);
    const snapshot = outboxSnapshot(state);
    expect(snapshot.length).toBeLessThan(history.length);
    expect(replayOutbox(fromLog(snapshot))).toEqual(state);
  });
});
