import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { WxbotError, type MediaStash, type StagedMedia } from '@wxbot/core';
import type { Redis } from 'ioredis';
import { isFenced, withScripts, type RedisClient, type ScriptCommands } from './commands';
import type { Lease } from './lease';

/** Largest media a queued send may keep in Redis (the same as a download's default cap). */
export const DEFAULT_MEDIA_MAX_BYTES = 25 * 1024 * 1024;
/** How long the bytes stay after their send was queued: long enough for a restart elsewhere. */
export const DEFAULT_MEDIA_TTL_MS = 3 * 24 * 3600 * 1000;

export interface RedisMediaStashOptions {
  lease: Lease;
  /** Refuse larger media with WXBOT_STORE_MEDIA_TOO_LARGE. Default 25 MiB. */
  maxBytes?: number;
  /** Default 3 days. */
  ttlMs?: number;
}

/**
 * The bytes of media waiting to be sent, in Redis (`wxbot:{account}:media:<sha1>`, with a TTL),
 * so a send resumed by another worker after a crash finds them. Written with the lease's fencing
 * token; above `maxBytes` a send is refused at once with WXBOT_STORE_MEDIA_TOO_LARGE.
 * @example
 * const bot = new Bot({ store, mediaStash: store.media });
 */
export class RedisMediaStash implements MediaStash {
  private readonly redis: Redis & ScriptCommands;
  readonly maxBytes: number;
  private readonly ttlMs: number;

  constructor(redis: RedisClient, private readonly options: RedisMediaStashOptions) {
    this.redis = withScripts(redis);
    this.maxBytes = options.maxBytes ?? DEFAULT_MEDIA_MAX_BYTES;
    this.ttlMs = options.ttlMs ?? DEFAULT_MEDIA_TTL_MS;
  }

  async put(staged: StagedMedia): Promise<string> {
    if (staged.size > this.maxBytes) {
      throw new WxbotError('WXBOT_STORE_MEDIA_TOO_LARGE', `cannot queue "${staged.name}" (${staged.size} bytes): media waiting to be sent are kept in Redis, up to ${this.maxBytes} bytes; send a smaller file, or raise the limit (openRedisStore(url, { mediaMaxBytes }))`, { name: staged.name, size: staged.size, maxBytes: this.maxBytes });
    }
    const bytes = await fs.readFile(staged.path);
    const key = createHash('sha1').update(bytes).digest('hex');
    const { lease } = this.options;
    lease.assertHeld();
    try {
      await this.redis.wxbotMedia(lease.keys.lease, lease.keys.fence, lease.keys.media + key, String(lease.token), bytes, this.ttlMs);
    } catch (err) {
      if (isFenced(err)) throw lease.markLost('a media write was refused: its fencing token is stale');
      throw err;
    }
    return key;
  }

  async get(key: string, dir: string): Promise<string> {
    if (!/^[0-9a-f]{40}$/.test(key)) throw new Error(`not a media key: ${JSON.stringify(key)}`);
    const file = path.join(dir, key);
    if (await fs.stat(file).then((s) => s.isFile(), () => false)) return file;
    const bytes = await this.redis.getBuffer(this.options.lease.keys.media + key);
    if (!bytes) throw new Error(`the bytes of a queued media send (${key}) are no longer in Redis (kept ${this.ttlMs} ms)`);
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    // Written under a temporary name and renamed: a crash never leaves a partial file under the key.
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, bytes, { mode: 0o600 });
    await fs.rename(tmp, file);
    return file;
  }
}
