import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { Bot } from '@wxbot/core';
import { accountKeys, connectRedis, openRedisStore } from '@wxbot/store-redis';
import { findRedisServer, redisSuiteTitle } from '@wxbot/testkit';
import { redisAndSimulator } from '../helpers/redis-and-simulator';

// Media waiting in the outbox keep their bytes in Redis: a file send queued on a worker that
// dies is sent by the next worker, in another home, with the same bytes.

const d = findRedisServer() ? describe : describe.skip;
const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

d(redisSuiteTitle('outgoing media in Redis'), () => {
  const rig = redisAndSimulator();
  const newHome = (): string => rig.newHome();
  const fast = { longPollTimeoutMs: 3000, loginPollTimeoutMs: 3000, backoff: { baseMs: 20, capMs: 200 } };

  it('a file send queued when its worker died is sent by the next worker, from Redis, once', async () => {
    const bytes = Buffer.alloc(300_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7) % 253;
    const redis = await connectRedis(rig.server.url);
    try {
      // Worker A: one send per 10 minutes, so the file waits in the outbox behind a text.
      const homeA = newHome();
      const storeA = await openRedisStore(rig.server.url, { account: 'media', ttlMs: 300 });
      const botA = new Bot({ ...fast, endpoint: rig.sim.url, home: homeA, store: storeA, mediaStash: storeA.media, stopTimeoutMs: 100, outbox: { limits: { global: { intervalMs: 600_000, burst: 1 } } } });
      await botA.start();
      const alice = botA.contacts.findContacts('Alice')[0]?.id ?? '';
      await botA.send(alice, 'the report follows');
      const queued = botA.send(alice, { file: bytes, name: 'report.bin' }).catch((err: Error) => err);
      await until(async () => (await redis.lrange(accountKeys('media').log, 0, -1)).some((r) => r.startsWith('outbox\t') && r.includes('"stash"')), 'the file send written ahead');
      // A dies: nothing more reaches Redis, its lease is not released, its home is gone.
      storeA.kill();
      await botA.stop();
      await queued;
      rmSync(homeA, { recursive: true, force: true });
      expect(rig.sim.sent().filter((s) => s.fileName === 'report.bin')).toHaveLength(0);

      // Worker B, another home: takes the account once A's lease expired, resumes, sends the file.
      const storeB = await openRedisStore(rig.server.url, { account: 'media', ttlMs: 300, waitMs: 5_000 });
      const botB = new Bot({ ...fast, endpoint: rig.sim.url, home: newHome(), store: storeB, mediaStash: storeB.media, stopTimeoutMs: 2000, outbox: { limits: false } });
      try {
        await botB.start();
        await until(() => rig.sim.sent().some((s) => s.fileName === 'report.bin'), 'the file sent by worker B');
        await new Promise((r) => setTimeout(r, 300)); // a repeat would come now, if at all
        expect(rig.sim.sent().filter((s) => s.fileName === 'report.bin')).toEqual([expect.objectContaining({ size: bytes.length, md5: md5(bytes) })]);
      } finally {
        await botB.stop();
        await storeB.release();
      }
    } finally {
      redis.disconnect();
    }
  }, 60_000);

  it('media above the limit are refused at once with WXBOT_STORE_MEDIA_TOO_LARGE', async () => {
    const store = await openRedisStore(rig.server.url, { account: 'media-limit', mediaMaxBytes: 1000 });
    try {
      await expect(store.media.put({ path: '/nonexistent', name: 'big.bin', size: 2000 })).rejects.toMatchObject({ code: 'WXBOT_STORE_MEDIA_TOO_LARGE', message: expect.stringContaining('1000 bytes') });
    } finally {
      await store.release();
    }
  });
});
