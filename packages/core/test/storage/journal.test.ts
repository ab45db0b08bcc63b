import { INBOX_SECTION, InboxJournal, replayInbox } from '../../src/storage/journal';
import { MemoryState, MemoryStateStore } from '../../src/storage/memory-store';
import { wireMessage } from '../fixtures/wire';

describe('replayInbox', () => {
  it('keeps received entries that were not marked done, in order', () => {
    const a = { id: 'a', wire: wireMessage({ MsgId: 'a' }), receivedAt: 1 };
    const b = { id: 'b', wire: wireMessage({ MsgId: 'b' }), receivedAt: 2 };
    const c = { id: 'c', wire: wireMessage({ MsgId: 'c' }), receivedAt: 3 };
    expect(replayInbox([{ a: [a, b] }, { d: ['a'] }, { a: [c] }])).toEqual([b, c]);
    // Received again after done: pending again (a replay after the done record was lost counts once).
    expect(replayInbox([{ a: [a] }, { d: ['a'] }, { a: [a] }])).toEqual([a]);
  });

  it('skips malformed records and entries', () => {
    const a = { id: 'a', wire: wireMessage({ MsgId: 'a' }), receivedAt: 1 };
    expect(replayInbox([null, 5, { a: 'x' }, { a: [null, { id: 1, wire: {} }, { id: 'x' }, { id: 'y', wire: 'str' }, a] }, { d: 'a' }])).toEqual([a]);
    expect(replayInbox([{ a: [a] }, { d: [{ toString: () => 'a' }] }])).toEqual([]);
    expect(replayInbox()).toEqual([]);
  });
});

describe('InboxJournal', () => {
  it('what is received and not completed is pending after a restart; done records ride lazily', async () => {
    const state = new MemoryState();
    const log = new MemoryStateStore(state);
    const journal = new InboxJournal(log);
    expect(await journal.load()).toEqual([]);
    expect(journal.addRecord([])).toBeUndefined();
    const record = journal.addRecord([wireMessage({ MsgId: 'm1' }), wireMessage({ MsgId: 'm2' })]);
    expect(record?.[0]).toBe(INBOX_SECTION);
    await log.appendAll([record!]);
    expect(journal.ids()).toEqual(['m1', 'm2']);

    await journal.complete(['m1', 'unknown']);
    expect(journal.ids()).toEqual(['m2']);
    // Lazy: not written yet, so a kill now replays m1 too.
    expect(state.lines).toHaveLength(1);
    await log.flush();
    expect(JSON.parse(state.lines[1]?.json ?? '')).toEqual({ d: ['m1'] });

    const pending = await new InboxJournal(new MemoryStateStore(state)).load();
    expect(pending.map((e) => e.id)).toEqual(['m2']);
    expect(pending[0]?.wire.MsgId).toBe('m2');
    expect(typeof pending[0]?.receivedAt).toBe('number');
  });

  it('completing nothing new writes nothing', async () => {
    const state = new MemoryState();
    const log = new MemoryStateStore(state);
    const journal = new InboxJournal(log);
    await journal.load();
    await journal.complete(['never-received']);
    await log.flush();
    expect(state.lines).toEqual([]);
  });

  it('compaction keeps only the pending entries', async () => {
    const state = new MemoryState();
    const log = new MemoryStateStore(state);
    const journal = new InboxJournal(log);
    await journal.load();
    await log.appendAll([journal.addRecord([wireMessage({ MsgId: 'm1' }), wireMessage({ MsgId: 'm2' })])!]);
    await journal.complete(['m1']);
    await log.compact();
    expect(state.lines).toHaveLength(1);
    expect((await new InboxJournal(new MemoryStateStore(state)).load()).map((e) => e.id)).toEqual(['m2']);
    await journal.complete(['m2']);
    await log.compact();
    expect(state.lines).toEqual([]);
  });

  it('without a store it tracks pending ids in memory only', async () => {
    const journal = new InboxJournal(undefined);
    expect(await journal.load()).toEqual([]);
    expect(journal.addRecord([wireMessage({ MsgId: 'm1' })])).toBeDefined();
    await journal.complete(['m1']);
    expect(journal.ids()).toEqual([]);
  });
});
