import { promises as fs } from 'node:fs';
import type { StagedMedia } from './stage-media';

/**
 * Where the bytes of outgoing media wait while their send is queued, when the staged file alone
 * is not enough: with a shared state store (Redis) the send may run on another machine after a
 * crash, where the staged file does not exist. The outbox keeps the stash key with the send.
 * `@wxbot/store-redis` implements it (`store.media`); without one, the staged file is used.
 * @example
 * const store = await openRedisStore(url, { account: 'sales-1' });
 * const bot = new Bot({ store, mediaStash: store.media });
 */
export interface MediaStash {
  /** Keep the staged file's bytes; resolves with their key. Rejects with a coded error above the stash's size limit. */
  put(staged: StagedMedia): Promise<string>;
  /** A local file with the bytes of `key`, written into `dir` if this machine has none. */
  get(key: string, dir: string): Promise<string>;
}

/** The file a media send reads: its staged file if it exists here, else the stash's copy. */
export async function localMediaPath(p: StagedMedia & { stash?: string | undefined }, fetchStashed: ((key: string) => Promise<string>) | undefined): Promise<string> {
  if (!p.stash || !fetchStashed) return p.path;
  const here = await fs.stat(p.path).catch(() => undefined);
  return here?.isFile() && here.size === p.size ? p.path : fetchStashed(p.stash);
}
