import { acquireLease, accountKeys, connectRedis, openRedisStore, RedisStateStore } from '@wxbot/store-redis';
import { findRedisServer, redisSuiteTitle, startRedisServer, type RedisServer } from '@wxbot/testkit';
import { createHook } from 'node:async_hooks';
import { closedPort } from './helpers/closed-port';

const d = findRedisServer() ? describe : describe.skip;

describe('openRedisStore: bad input', () => {
  it('a URL that is not redis:// is WXBOT_STORE_URL, an odd account name WXBOT_ACCOUNT_NAME', async () => {
    await expect(openRedisStore('http://127.0.0.1:6379')).rejects.toMatchObject({ code: 'WXBOT_STORE_URL' });
    await expect(openRedisStore('redis://127.0.0.1:1/0', { account: 'a b' })).rejects.toMatchObject({ code: 'WXBOT_ACCOUNT_NAME' });
  });

  it('a Redis that does not answer at start is WXBOT_STORE_UNREACHABLE naming the URL (not its password) and the fix', async () => {
    const port = await closedPort();
    const err = await openRedisStore(`redis://:s3cret@127.0.0.1:${port}/2`).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'WXBOT_STORE_UNREACHABLE' });
    expect((err as Error).message).toContain(`127.0.0.1:${port}/2`);
    expect((err as Error).message).toContain('apt-get install -y redis-server');
    expect((err as Error).message).not.toContain('s3cret');
  });

  it('a failed connect leaves no timer behind: a CLI that cannot reach Redis exits at once', async () => {
    const port = await closedPort();
    // Every timer created meanwhile must be gone (cleared or fired) once the connect failed.
    const live = new Set<number>();
    const hook = createHook({
      init: (id, type) => void (type === 'Timeout' && live.add(id)),
      destroy: (id) => void live.delete(id),
    }).enable();
    try {
      await expect(connectRedis(`redis://127.0.0.1:${port}/0`)).rejects.toMatchObject({ code: 'WXBOT_STORE_UNREACHABLE' });
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      hook.disable();
    }
    // ioredis's disconnect() on a connection that had already ended armed a 2 s socket-destroy timer.
    expect(live.size).toBe(0);
  });
});

d(redisSuiteTitle('RedisStateStore against a real redis-server'), () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(() => server.close());

  it('accounts are namespaced: two accounts in one Redis never see each other\'s records', async () => {
    const a = await openRedisStore(server.url, { account: 'ns-a' });
    const b = await openRedisStore(server.url, { account: 'ns-b' });
    await a.append('inbox', 'of a');
    await b.append('inbox', 'of b');
    await a.release();
    await b.release();
    const again = await openRedisStore(server.url, { account: 'ns-a' });
    expect((await again.open()).get('inbox')).toEqual(['of a']);
    expect(again.location).toBe(`${server.url}#ns-a`);
    await again.release();
  });

  it('Redis stopped and restarted mid-flood: appends wait (none resolves while it is down), then every record is there once, in order', async () => {
    const errors: Error[] = [];
    let outage: () => void = () => undefined;
    const firstError = new Promise<void>((resolve) => (outage = resolve));
    const store = await openRedisStore(server.url, { account: 'flood', onError: (err) => { errors.push(err); outage(); } });
    await store.open();
    const total = 3_000;
    let resolved = 0;
    let resolvedWhileDown = 0;
    let down = false;
    const writes: Array<Promise<void>> = [];
    for (let i = 0; i < total; i++) {
      writes.push(store.appendAll([['inbox', { a: [i] }], ['session', { k: i }]]).then(() => {
        resolved += 1;
        if (down) resolvedWhileDown += 1;
      }));
      if (i === 1_000) {
        // Mid-flood: wait until some writes are acknowledged, then stop the server.
        await writes[500];
        await server.stop();
        down = true;
      }
      if (i % 50 === 0) await Promise.resolve();
    }
    await firstError;
    expect(resolved).toBeLessThan(total);
    down = false;
    await server.start();
    await Promise.all(writes);
    expect(resolvedWhileDown).toBe(0);
    expect(errors[0]?.message).toMatch(/pauses and retries/);
    await store.release();

    const again = await openRedisStore(server.url, { account: 'flood' });
    const saved = await again.open();
    expect(saved.get('inbox')).toEqual(Array.from({ length: total }, (_, i) => ({ a: [i] })));
    expect(saved.get('session')).toEqual(Array.from({ length: total }, (_, i) => ({ k: i })));
    await again.release();
  });

  it('a log past compactRecords is compacted to the snapshot, in one atomic write', async () => {
    const redis = await connectRedis(server.url);
    const lease = await acquireLease(redis, 'compacting');
    let count = 0;
    const store = new RedisStateStore(redis, { lease, compactRecords: 100, ownsClient: true });
    store.register('counter', () => [{ set: count }]);
    await store.open();
    for (let i = 0; i < 450; i++) {
      count += 1;
      await store.append('counter', { add: 1 });
    }
    expect(await redis.llen(accountKeys('compacting').log)).toBeLessThan(120);
    await store.release();
    const again = await openRedisStore(server.url, { account: 'compacting' });
    const replayed = (await again.open()).get('counter') as Array<{ set?: number; add?: number }>;
    expect(replayed.reduce((sum, r) => (r.set !== undefined ? r.set : sum + (r.add ?? 0)), 0)).toBe(450);
    await again.release();
  });
});
