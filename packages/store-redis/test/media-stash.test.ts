import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Redis from 'ioredis';
// The modules themselves, not the @wxbot/testkit barrel (which loads the simulator too).
import { findRedisServer, redisSuiteTitle, startRedisServer, type RedisServer } from '../../testkit/src/redis-server';
import { acquireLease } from '../src/lease';
import { RedisMediaStash } from '../src/media-stash';
import { connectRedis } from '../src/open';

const d = findRedisServer() ? describe : describe.skip;

// RedisMediaStash against a real redis-server; test/e2e/media-stash.test.ts has a bot resume a
// queued file send on another worker from these bytes.
d(redisSuiteTitle('RedisMediaStash'), () => {
  let server: RedisServer;
  let redis: Redis;
  let dir: string;
  beforeAll(async () => {
    server = await startRedisServer();
    redis = await connectRedis(server.url);
    dir = mkdtempSync(path.join(tmpdir(), 'wxbot-stash-'));
  });
  afterAll(async () => {
    redis.disconnect();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const staged = (name: string, bytes: Buffer) => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return { path: file, name, size: bytes.length };
  };

  it('keeps the bytes under their sha1 with a TTL, and writes them back to a file (0600) in another home', async () => {
    const lease = await acquireLease(redis, 'stash-1', { owner: 'test' });
    try {
      const stash = new RedisMediaStash(redis, { lease, ttlMs: 60_000 });
      const bytes = Buffer.from('a picture, or near enough');
      const key = await stash.put(staged('pic.jpg', bytes));
      expect(key).toBe(createHash('sha1').update(bytes).digest('hex'));
      expect(await redis.pttl(`wxbot:{stash-1}:media:${key}`)).toBeGreaterThan(50_000);

      const home = path.join(dir, 'other-home', 'media');
      const file = await stash.get(key, home);
      expect(file).toBe(path.join(home, key));
      expect(readFileSync(file)).toEqual(bytes);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      // A second get finds the file, even once Redis has dropped the bytes.
      await redis.del(`wxbot:{stash-1}:media:${key}`);
      expect(await stash.get(key, home)).toBe(file);
      await expect(stash.get(key, path.join(dir, 'third-home'))).rejects.toThrow(`the bytes of a queued media send (${key}) are no longer in Redis (kept 60000 ms)`);
      await expect(stash.get('../../etc/passwd', home)).rejects.toThrow('not a media key');
    } finally {
      await lease.release();
    }
  });

  it('refuses media above the limit at once, and a write after the lease is lost', async () => {
    const lease = await acquireLease(redis, 'stash-2', { owner: 'test' });
    const stash = new RedisMediaStash(redis, { lease, maxBytes: 10 });
    expect(stash.maxBytes).toBe(10);
    await expect(stash.put(staged('big.bin', Buffer.alloc(11)))).rejects.toMatchObject({ code: 'WXBOT_STORE_MEDIA_TOO_LARGE', details: { name: 'big.bin', size: 11, maxBytes: 10 } });
    expect(await redis.keys('wxbot:{stash-2}:media:*')).toEqual([]);

    // Another worker takes the account (the fence moves on): this worker's write is refused.
    await redis.del('wxbot:{stash-2}:lease');
    const other = await acquireLease(redis, 'stash-2', { owner: 'other' });
    try {
      await expect(stash.put(staged('small.bin', Buffer.from('tiny')))).rejects.toMatchObject({ code: 'WXBOT_LEASE_LOST' });
      expect(await redis.keys('wxbot:{stash-2}:media:*')).toEqual([]);
    } finally {
      await other.release();
      await lease.release();
    }
  });
});
