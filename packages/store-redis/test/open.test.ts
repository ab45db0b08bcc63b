import { connectRedisClient, openRedisStore } from '@wxbot/store-redis';
import { closedPort } from './helpers/closed-port';

// Connecting fails fast, with a coded error naming the URL without its password, for every form.

describe('connecting to a store', () => {
  it('unreachable Sentinels or Cluster nodes: WXBOT_STORE_UNREACHABLE, password redacted', async () => {
    const port = await closedPort();
    for (const url of [`redis+sentinel://:s3cret@127.0.0.1:${port}/mymaster/0`, `redis-cluster://:s3cret@127.0.0.1:${port}`]) {
      const err = await connectRedisClient(url, { connectTimeoutMs: 1_000 }).then(() => undefined, (e: Error) => e);
      expect(err).toMatchObject({ code: 'WXBOT_STORE_UNREACHABLE' });
      expect(err!.message).toContain(`127.0.0.1:${port}`);
      expect(err!.message).not.toContain('s3cret');
    }
  });

  it('a bad URL fails before any connection with WXBOT_STORE_URL', async () => {
    await expect(openRedisStore('redis+sentinel://:s3cret@127.0.0.1:26379', { account: 'a' })).rejects.toMatchObject({ code: 'WXBOT_STORE_URL', message: expect.stringContaining('no master name') });
  });
});
