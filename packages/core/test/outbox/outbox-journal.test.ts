import { OutboxJournal } from '../../src/outbox/outbox-journal';
import { OUTBOX_SECTION, type OutboxState, type StoredAction } from '../../src/outbox/outbox-store';
import { MemoryState, MemoryStateStore } from '../../src/storage/memory-store';

const action = (id: string): StoredAction => ({ id, kind: 'text', key: '@a', payload: { to: '@a', text: id }, risky: false, clientMsgId: `1700000000000000${id}`, createdAt: 1, attempts: 0 });
const empty = (): OutboxState => ({ queue: [], done: [], breakers: {}, day: '', counts: {} });

describe('OutboxJournal', () => {
  it('what it writes, a restart reads back as the outbox state', async () => {
    const state = new MemoryState();
    const journal = new OutboxJournal(new MemoryStateStore(state), empty);
    expect(journal.enabled).toBe(true);
    expect(journal.location).toBe('memory');
    expect(await journal.load()).toEqual(empty());
    await journal.queued(action('1'));
    await journal.queued(action('2'));
    await journal.attempts('2', 3);
    await journal.finished('1', { idem: 'msg:1#0', at: 5, ok: true, result: { msgId: 'm1' } }, { day: '2026-12-02', counts: { text: 1 } });
    await journal.breaker('text', { trips: 1, openUntil: 99 });
    expect(state.lines.every((l) => l.section === OUTBOX_SECTION)).toBe(true);

    const again = await new OutboxJournal(new MemoryStateStore(state), empty).load();
    expect(again).toEqual({
      queue: [{ ...action('2'), attempts: 3 }],
      done: [{ idem: 'msg:1#0', at: 5, ok: true, result: { msgId: 'm1' } }],
      breakers: { text: { trips: 1, openUntil: 99 } },
      day: '2026-12-02',
      counts: { text: 1 },
    });
  });

  it('a finish without an outcome drops the action', async () => {
    const state = new MemoryState();
    const journal = new OutboxJournal(new MemoryStateStore(state), empty);
    await journal.queued(action('1'));
    await journal.finished('1', undefined);
    expect((await new OutboxJournal(new MemoryStateStore(state), empty).load())?.queue).toEqual([]);
  });

  it('compaction writes the current state it is given', async () => {
    const state = new MemoryState();
    const store = new MemoryStateStore(state);
    const current: OutboxState = { ...empty(), queue: [action('7')] };
    const journal = new OutboxJournal(store, () => current);
    await journal.queued(action('1'));
    await journal.finished('1', undefined);
    await store.compact();
    expect((await new OutboxJournal(new MemoryStateStore(state), empty).load())?.queue.map((a) => a.id)).toEqual(['7']);
  });

  it('without a store nothing is written and every call resolves', async () => {
    const journal = new OutboxJournal(undefined, empty);
    expect(journal.enabled).toBe(false);
    expect(journal.location).toBe('nowhere');
    expect(await journal.load()).toBeUndefined();
    await expect(Promise.all([journal.queued(action('1')), journal.attempts('1', 1), journal.finished('1', undefined), journal.breaker('text', { trips: 0, openUntil: 0 }), journal.flush(), journal.close()])).resolves.toBeDefined();
  });
});
