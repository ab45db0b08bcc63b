import { WxbotError } from '../../src/errors/wxbot-error';
import { MemoryState, MemoryStateStore } from '../../src/storage/memory-store';

const sections = async (store: MemoryStateStore) => Object.fromEntries(await store.open());

describe('MemoryStateStore', () => {
  it('a second store over the same state reads the records back as JSON, per section, in order', async () => {
    const state = new MemoryState();
    const store = new MemoryStateStore(state);
    await store.append('a', { n: 1, when: new Date(0) });
    await store.appendAll([['b', { n: 2 }], ['a', { n: 3 }]]);
    expect(await sections(new MemoryStateStore(state))).toEqual({ a: [{ n: 1, when: '1970-01-01T00:00:00.000Z' }, { n: 3 }], b: [{ n: 2 }] });
  });

  it('open() reads once: records appended later are not in the map it returned', async () => {
    const store = new MemoryStateStore();
    await store.append('a', 1);
    const first = await store.open();
    await store.append('a', 2);
    expect(await store.open()).toBe(first);
    expect(first.get('a')).toEqual([1]);
  });

  it('a lazy record goes out with the next write, before it, or on flush; a kill loses it', async () => {
    const state = new MemoryState();
    const store = new MemoryStateStore(state);
    await store.appendLazy('a', 'lazy');
    expect(state.lines).toEqual([]);
    await store.append('b', 'now');
    expect(state.lines.map((l) => l.json)).toEqual(['"lazy"', '"now"']);

    await store.appendLazy('a', 'later');
    await store.flush();
    expect(state.lines).toHaveLength(3);

    await store.appendLazy('a', 'lost');
    store.kill();
    await store.append('a', 'after kill');
    await store.flush();
    expect(state.lines).toHaveLength(3);
  });

  it('a lazy record is written within 100 ms with no other write', async () => {
    jest.useFakeTimers();
    try {
      const state = new MemoryState();
      const store = new MemoryStateStore(state);
      await store.appendLazy('a', 1);
      jest.advanceTimersByTime(99);
      expect(state.lines).toEqual([]);
      jest.advanceTimersByTime(1);
      expect(state.lines).toHaveLength(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('compact replaces the records by the registered snapshots, pending lazy records first', async () => {
    const state = new MemoryState();
    const store = new MemoryStateStore(state);
    let current = [{ v: 1 }];
    store.register('a', () => current);
    store.register('b', () => []);
    await store.append('a', { v: 0 });
    await store.append('b', { gone: true });
    await store.appendLazy('a', { v: 'lazy' });
    current = [{ v: 2 }];
    await store.compact();
    expect(state.lines).toEqual([{ section: 'a', json: '{"v":2}' }]);
    store.kill();
    current = [];
    await store.compact();
    expect(state.lines).toHaveLength(1);
  });

  it('rejects a bad or twice-registered section name with WXBOT_STORE_SECTION', () => {
    const store = new MemoryStateStore();
    store.register('a', () => []);
    for (const name of ['a', '', 'x\ty', 'x\ny']) {
      expect(() => store.register(name, () => [])).toThrow(expect.objectContaining({ code: 'WXBOT_STORE_SECTION' }) as WxbotError);
    }
  });
});
