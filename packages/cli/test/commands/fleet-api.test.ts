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

const until = async (check: () => Promise<boolean>): Promise<void> => {
  for (const deadline = Date.now() + 15_000; !(await check()); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() > deadline) throw new Error('timed out');
  }
};

describe('wxbot fleet --api: two workers on one fleet directory', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await tempProject({ 'bot.config.json': { plugins: ['echo'], outbox: { limits: false } } });
  });
  afterAll(() => removeTempProjects());

  it("each worker's heartbeat carries its API URL: the other worker lists it and points a request for that account there; each account's handlers are timed under its label", async () => {
    const token = 'fleet-test-token-0123456789';
    const start = (owner: string, accounts: string) =>
      fleet(['--store', 'fleet', '--config', 'bot.config.json', '--add', accounts, '--max-accounts', '1', '--sim', '1', '--owner', owner, '--api', '0', '--lease-ttl', '3000'], { cwd, env: { WXBOT_API_TOKEN: token }, write: () => undefined, logger: pino({ level: 'silent' }) });
    const w1 = await start('w1', 'a1');
    const w2 = await start('w2', 'a2');
    try {
      const [url1, url2] = [w1.api?.url, w2.api?.url];
      if (!url1 || !url2) throw new Error('no API');
      const auth = { authorization: `Bearer ${token}` };
      type Item = { account: string; here: boolean; worker: string | null; url?: string };
      let items: Item[] = [];
      // Until w1 sees a2 held by w2 with w2's URL (w2's first heartbeat may come after w1's scan).
      for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
        items = ((await (await fetch(`${url1}/api/accounts`, { headers: auth })).json()) as { items: Item[] }).items;
        if (items.some((a) => a.account === 'a2' && a.url)) break;
      }
      expect(items.find((a) => a.account === 'a1')).toMatchObject({ here: true, worker: 'w1' });
      expect(items.find((a) => a.account === 'a2')).toMatchObject({ here: false, worker: 'w2', url: url2 });
      const answer = (await (await fetch(`${url1}/api/accounts/a2/status`, { headers: auth })).json()) as { error: { code: string; message: string } };
      expect(answer.error.code).toBe('WXBOT_API_ACCOUNT_NOT_HERE');
      expect(answer.error.message).toContain(`worker w2 holds it: ask ${url2}/api/accounts/a2`);
      // The URL it names answers for the account.
      expect((await fetch(`${url2}/api/accounts/a2/status`, { headers: auth })).status).toBe(200);

      // Each account's plugins are timed under its own label: a message to a1 (echoed by the plugin).
      const sim1 = w1.sim;
      if (!sim1) throw new Error('no simulator');
      const simAccount = sim1.accounts()[0] ?? '';
      await until(async () => ((await (await fetch(`${url1}/api/accounts/a1/status`, { headers: auth })).json()) as { state: string }).state === 'running');
      sim1.account(simAccount).injectText({ from: sim1.account(simAccount).state().friends[0]?.nickName ?? '', text: 'timed' });
      await until(async () => /wxbot_handler_seconds_count\{account="a1",kind="text"\} 1/.test(await (await fetch(`${url1}/metrics`, { headers: auth })).text()));
    } finally {
      await Promise.all([w1.stop(), w2.stop()]);
    }
  }, 30_000);
});
