import { chatStorage, type PluginStorage, type StableIdOf } from './plugin-storage';
import type { StateStore } from './state-store';

/** The section's records: a plugin's whole store (snapshot), one value set, or one deleted. */
type PluginRecord = { p: string; all: Record<string, unknown> } | { p: string; k: string; v: unknown } | { p: string; k: string; d: 1 };

/**
 * Every plugin's storage as one section (`plugins`) of the bot's StateStore, instead of a file
 * per plugin in the home: with a Redis store, a plugin's values move with the account to
 * another worker, and a write is fenced like every other. Each value change is one small record
 * (`append`, durable when `set()` resolves); compaction keeps one record per plugin.
 * Chosen with `BotOptions.pluginStorage: 'store'`.
 * @example
 * const plugins = new PluginSection(store);
 * await plugins.load();
 * const storage = plugins.storageFor('greeter'); // what api.storage is for that plugin
 */
export class PluginSection {
  private readonly values = new Map<string, Map<string, unknown>>();
  private loaded: Promise<void> | undefined;

  constructor(private readonly store: StateStore) {
    store.register('plugins', () => [...this.values].filter(([, map]) => map.size > 0).map(([p, map]) => ({ p, all: Object.fromEntries(map) })));
  }

  /** Replay the saved records (once). */
  load(): Promise<void> {
    this.loaded ??= this.store.open().then((saved) => {
      for (const record of (saved.get('plugins') ?? []) as PluginRecord[]) {
        if ('all' in record) this.values.set(record.p, new Map(Object.entries(record.all)));
        else if ('d' in record) this.values.get(record.p)?.delete(record.k);
        else this.mapOf(record.p).set(record.k, record.v);
      }
    });
    return this.loaded;
  }

  /** The storage a plugin sees; the same values across hot reloads. `stableIdOf` serves `chat()`. */
  storageFor(plugin: string, stableIdOf: StableIdOf = () => undefined): PluginStorage {
    const map = this.mapOf(plugin);
    const storage: PluginStorage = {
      get: <T>(key: string) => map.get(key) as T | undefined,
      set: async (key, value) => {
        if (value === undefined) return this.delete(plugin, map, key);
        // Round-trip now so a value that cannot be stored fails here, at the caller.
        const copy = JSON.parse(JSON.stringify(value)) as unknown;
        map.set(key, copy);
        await this.store.append('plugins', { p: plugin, k: key, v: copy });
      },
      delete: (key) => this.delete(plugin, map, key),
      keys: () => [...map.keys()],
      chat: (chatId) => chatStorage(storage, chatId, stableIdOf),
    };
    return storage;
  }

  private async delete(plugin: string, map: Map<string, unknown>, key: string): Promise<void> {
    if (map.delete(key)) await this.store.append('plugins', { p: plugin, k: key, d: 1 });
  }

  private mapOf(plugin: string): Map<string, unknown> {
    let map = this.values.get(plugin);
    if (!map) this.values.set(plugin, (map = new Map()));
    return map;
  }
}
