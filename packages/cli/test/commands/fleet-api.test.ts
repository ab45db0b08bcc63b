import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { findRedisServer, redisSuiteTitle, startRedisServer, type RedisServer } from '@wxbot/testkit';
import { fleet } from '../../src/commands/fleet';
import { removeTempProjects, tempProject } from '../helpers/temp-project';

// `wxbot fleet --store redis://… --api` in process: the token goes to the config's home (a Redis
// fleet has no directory of its own), and the API lists the registered accounts with their worker.
// The directory store: fleet-api.process.test.ts.

const d = findRedisServer() ? describe : describe.skip;

d(redisSuiteTitle('wxbot fleet --store redis://… --api'), () => {
  let server: RedisServer;
  let cwd: string;
  beforeAll(async () => {
    server = await startRedisServer();
    cwd = await tempProject({ 'bot.config.json': { plugins: ['echo'], outbox: { limits: false } } });
  });
  afterAll(async () => {
    await server?.close();
    await removeTempProjects();
  });

  it('lists the accounts here and the one no worker holds, and names the token file under home', async () => {
    const out: string[] = [];
    const running = await fleet(['--store', server.url, '--config', 'bot.config.json', '--add', 'a1,a2,a3', '--max-accounts', '2', '--sim', '2', '--owner', 'w1', '--api', '0'], { cwd, env: {}, write: (t) => void out.push(t), logger: pino({ level: 'silent' }) });
    try {
      const api = running.api;
      if (!api) throw new Error('no API');
      const tokenFile = path.join(cwd, '.wxbot', 'api-token');
      expect(out.join('')).toContain(`web console (the token is saved in ${path.join(cwd, '.wxbot')}/api-token): ${api.url}/#token=`);
      expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
      const auth = { authorization: `Bearer ${readFileSync(tokenFile, 'utf8').trim()}` };
      type Item = { account: string; here: boolean; worker: string | null; state: string | null };
      let items: Item[] = [];
      for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
        items = ((await (await fetch(`${api.url}/api/accounts`, { headers: auth })).json()) as { items: Item[] }).items;
        if (items.filter((a) => a.state === 'running').length === 2) break;
      }
      const here = items.filter((a) => a.here).map((a) => a.account);
      expect(items.map((a) => [a.here, a.worker, a.state])).toEqual([
        [true, 'w1', 'running'],
        [true, 'w1', 'running'],
        [false, null, null],
      ]);
      const unheld = items.find((a) => !a.here)?.account ?? '';
      expect(['a1', 'a2', 'a3'].filter((a) => !here.includes(a))).toEqual([unheld]);
      const answer = (await (await fetch(`${api.url}/api/accounts/${unheld}/status`, { headers: auth })).json()) as { error: { code: string; message: string } };
      expect(answer.error.code).toBe('WXBOT_API_ACCOUNT_NOT_HERE');
      expect(answer.error.message).toContain('nor by any other worker right now');
    } finally {
      await running.stop();
    }
  }, 30_000);
});
