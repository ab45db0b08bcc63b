import { MemoryState, MemoryStateStore } from '@wxbot/core/internals';
import { PluginSection } from '../../src/storage/plugin-section';

// Plugins' storage as the `plugins` section of the state store: values survive a restart (a new
// store over the same state), deletes too, and compaction keeps one record per plugin.
describe('PluginSection', () => {
  it('values set and deleted come back after a restart, per plugin', async () => {
    const state = new MemoryState();
    const first = new PluginSection(new MemoryStateStore(state));
    await first.load();
    const a = first.storageFor('a');
    await a.set('count', 1);
    await a.set('count', 2);
    await a.set('gone', { x: 1 });
    await a.delete('gone');
    await first.storageFor('b').set('name', 'bee');
    await a.set('undefined-deletes', 1);
    await a.set('undefined-deletes', undefined);

    const again = new PluginSection(new MemoryStateStore(state));
    await again.load();
    expect(again.storageFor('a').get('count')).toBe(2);
    expect(again.storageFor('a').keys()).toEqual(['count']);
    expect(again.storageFor('b').get('name')).toBe('bee');
    expect(again.storageFor('c').keys()).toEqual([]);
  });

  it('a value is copied when set, and a value JSON cannot hold fails at the caller', async () => {
    const section = new PluginSection(new MemoryStateStore());
    await section.load();
    const storage = section.storageFor('p');
    const value = { list: [1] };
    await storage.set('v', value);
    value.list.push(2);
    expect(storage.get('v')).toEqual({ list: [1] });
    await expect(storage.set('big', 10n)).rejects.toThrow(TypeError);
  });

  it('compaction keeps one record per plugin with values', async () => {
    const state = new MemoryState();
    const store = new MemoryStateStore(state);
    const section = new PluginSection(store);
    await section.load();
    for (let i = 0; i < 20; i++) await section.storageFor('counter').set('n', i);
    await section.storageFor('empty').set('x', 1);
    await section.storageFor('empty').delete('x');
    await store.compact();
    expect(state.lines.filter((l) => l.section === 'plugins').map((l) => JSON.parse(l.json) as unknown)).toEqual([{ p: 'counter', all: { n: 19 } }]);
    const again = new PluginSection(new MemoryStateStore(state));
    await again.load();
    expect(again.storageFor('counter').get('n')).toBe(19);
  });
});
