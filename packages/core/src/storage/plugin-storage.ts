import path from 'node:path';
import { CoalescingWriter } from './coalescing-writer';
import { readJsonFile, writePrivateFileAtomic } from './secure-file';

/**
 * A plugin's own key-value store: JSON values, kept in memory and saved (atomically, 0600) to
 * `<home>/plugins/<plugin name>.json`, so it survives restarts and hot reloads.
 * @example
 * const seen = api.storage.get<number>('seen') ?? 0;
 * await api.storage.set('seen', seen + 1);
 */
export interface PluginStorage {
  get<T = unknown>(key: string): T | undefined;
  /** Store a JSON-serialisable value; resolves once it is on disk. */
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  keys(): string[];
}

class JsonPluginStorage implements PluginStorage {
  private readonly writer: CoalescingWriter | undefined;

  constructor(
    private readonly values: Map<string, unknown>,
    file: string | undefined,
    onError: (err: Error) => void,
  ) {
    this.writer = file ? new CoalescingWriter(() => writePrivateFileAtomic(file, JSON.stringify(Object.fromEntries(this.values))), onError) : undefined;
  }

  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    if (value === undefined) return this.delete(key);
    // Round-trip now so a value that cannot be stored fails here, at the caller, not at save time.
    this.values.set(key, JSON.parse(JSON.stringify(value)) as unknown);
    await this.writer?.write();
  }

  async delete(key: string): Promise<void> {
    if (this.values.delete(key)) await this.writer?.write();
  }

  keys(): string[] {
    return [...this.values.keys()];
  }
}

/** Open a plugin's storage under `dir` (undefined: in memory only, e.g. in tests). */
export async function openPluginStorage(dir: string | undefined, plugin: string, onError: (err: Error) => void): Promise<PluginStorage> {
  if (!dir) return new JsonPluginStorage(new Map(), undefined, onError);
  const file = path.join(dir, `${plugin.replace(/[^\w.-]/g, '_')}.json`);
  let saved: unknown;
  try {
    saved = await readJsonFile(file);
  } catch (err) {
    onError(new Error(`plugin "${plugin}": its storage file ${file} is unreadable (${(err as Error).message}); starting empty`));
  }
  const entries = saved && typeof saved === 'object' && !Array.isArray(saved) ? Object.entries(saved as Record<string, unknown>) : [];
  return new JsonPluginStorage(new Map(entries), file, onError);
}
