import path from 'node:path';
import { WxbotError } from '../errors/wxbot-error';
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
  /**
   * The values of one chat (friend or group, by its UserName of this login), kept under the
   * chat's stable id (docs/identities.md): after a re-login, when every UserName changed, the
   * same chat finds them again. Throws WXBOT_CONTACT_UNRESOLVED for a chat without a stable id
   * (not a contact of this login, or before its contacts are loaded).
   * @example
   * const chat = api.storage.chat(ctx.message.chat.id);
   * await chat.set('seen', (chat.get<number>('seen') ?? 0) + 1);
   */
  chat(chatId: string): PluginStorage;
}

/** A session-scoped UserName inside a key: the key is orphaned at the next login. */
const USERNAME_IN_KEY = /@@?[0-9a-f]{32,}/;

/** The keys of one chat inside a plugin's storage: `chat:<stableId>:<key>`. */
class ChatStorage implements PluginStorage {
  constructor(
    private readonly all: PluginStorage,
    private readonly prefix: string,
  ) {}

  get<T>(key: string): T | undefined {
    return this.all.get<T>(this.prefix + key);
  }

  set(key: string, value: unknown): Promise<void> {
    return this.all.set(this.prefix + key, value);
  }

  delete(key: string): Promise<void> {
    return this.all.delete(this.prefix + key);
  }

  keys(): string[] {
    return this.all.keys().flatMap((k) => (k.startsWith(this.prefix) ? [k.slice(this.prefix.length)] : []));
  }

  chat(chatId: string): PluginStorage {
    return this.all.chat(chatId);
  }
}

class JsonPluginStorage implements PluginStorage {
  private readonly writer: CoalescingWriter | undefined;
  private warned = false;

  constructor(
    private readonly values: Map<string, unknown>,
    file: string | undefined,
    private readonly onError: (err: Error) => void,
    private readonly stableIdOf: StableIdOf = () => undefined,
  ) {
    this.writer = file ? new CoalescingWriter(() => writePrivateFileAtomic(file, JSON.stringify(Object.fromEntries(this.values))), onError) : undefined;
  }

  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    if (value === undefined) return this.delete(key);
    if (!this.warned && USERNAME_IN_KEY.test(key)) {
      this.warned = true;
      this.onError(new Error(`storage key "${key}" holds a UserName, which changes at every login: the value is orphaned then; key it by the chat's stable id (storage.chat(chatId), docs/identities.md)`));
    }
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

  chat(chatId: string): PluginStorage {
    return chatStorage(this, chatId, this.stableIdOf);
  }
}

/** Gives a chat's stable id by its UserName of this login (undefined: none yet). */
export type StableIdOf = (chatId: string) => string | undefined;

/**
 * `storage.chat(chatId)` for any PluginStorage (the file per plugin, the store's `plugins`
 * section): the chat's keys under its stable id, or WXBOT_CONTACT_UNRESOLVED without one.
 */
export function chatStorage(all: PluginStorage, chatId: string, stableIdOf: StableIdOf): PluginStorage {
  const stableId = stableIdOf(chatId);
  if (!stableId) {
    throw new WxbotError('WXBOT_CONTACT_UNRESOLVED', `storage.chat("${chatId}"): this chat has no stable id: it is not a contact or group of this login, or its contacts are not loaded yet (wait for the 'login' event)`, { chatId, reason: 'unknown' });
  }
  return new ChatStorage(all, `chat:${stableId}:`);
}

/**
 * Open a plugin's storage under `dir` (undefined: in memory only, e.g. in tests). `stableIdOf`
 * gives a chat's stable id by its UserName, for `chat()`.
 */
export async function openPluginStorage(dir: string | undefined, plugin: string, onError: (err: Error) => void, stableIdOf?: StableIdOf): Promise<PluginStorage> {
  if (!dir) return new JsonPluginStorage(new Map(), undefined, onError, stableIdOf);
  const file = path.join(dir, `${plugin.replace(/[^\w.-]/g, '_')}.json`);
  let saved: unknown;
  try {
    saved = await readJsonFile(file);
  } catch (err) {
    onError(new Error(`plugin "${plugin}": its storage file ${file} is unreadable (${(err as Error).message}); starting empty`));
  }
  const entries = saved && typeof saved === 'object' && !Array.isArray(saved) ? Object.entries(saved as Record<string, unknown>) : [];
  return new JsonPluginStorage(new Map(entries), file, onError, stableIdOf);
}
