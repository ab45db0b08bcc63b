import pino from 'pino';
import { findRedisServer, redisSuiteTitle, startRedisServer, type RedisServer } from '../../../testkit/src/redis-server';
import { accounts } from '../../src/commands/accounts';
import { openStartStore } from '../../src/commands/start-store';
import { loadConfig } from '../../src/config';
import { removeTempProjects, tempProject } from '../helpers/temp-project';

const d = findRedisServer() ? describe : describe.skip;

// The Redis state store behind `wxbot start --store`, against a real redis-server.
d(redisSuiteTitle('openStartStore'), () => {
  let server: RedisServer;
  let cwd: string;
  beforeAll(async () => {
    server = await startRedisServer();
    cwd = await tempProject({ 'bot.config.json': {} });
  });
  afterAll(async () => {
    await server.close();
    await removeTempProjects();
  });

  const logged: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(line) });
  const config = (account?: string) => loadConfig({ cwd, env: {}, flags: { store: server.url, ...(account ? { account } : {}) } });

  it('is undefined without a store: the bot keeps its state log in the home', async () => {
    expect(await openStartStore(await loadConfig({ cwd, env: {} }), logger)).toBeUndefined();
  });

  it("holds the account's lease until released, logs where the state is, and reports the bot's state", async () => {
    const first = await openStartStore(await config('shop-1'), logger);
    expect(first).toBeDefined();
    try {
      expect(logged.join('')).toMatch(/state store: Redis, account \\"shop-1\\" \(lease token \d+\)/);
      await expect(openStartStore(await config('shop-1'), logger)).rejects.toMatchObject({ code: 'WXBOT_LEASE_HELD' });
      first!.reportState('running');
      // reportState does not wait for Redis: list again (each list is a round trip) until it shows.
      const row = async (): Promise<string | undefined> => {
        let listing = '';
        await accounts(['list', '--store', server.url], { cwd, env: {}, write: (t) => void (listing += t) });
        return listing.split('\n').find((l) => l.startsWith('shop-1 '));
      };
      let shown = await row();
      for (let i = 0; i < 20 && !/\brunning\b/.test(shown ?? ''); i++) shown = await row();
      expect(shown).toMatch(/\brunning\b/);
    } finally {
      await first!.release();
    }
    const again = await openStartStore(await config('shop-1'), logger);
    expect(again).toBeDefined();
    await again!.release();
  });
});
