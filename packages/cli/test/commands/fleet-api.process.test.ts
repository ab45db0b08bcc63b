import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readUntil, wxbot } from '../helpers/process';

// `wxbot fleet --sim 3 --api 0` as an operator runs it: one control API for the worker's accounts.
describe('wxbot fleet --api (real process)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wxbot-fleet-api-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the API and console URLs and lists every account of the worker with its state', async () => {
    const p = wxbot(['fleet', '--store', './fleet', '--add', 'sales-1,sales-2,sales-3', '--sim', '3', '--api', '0', '--owner', 'w1', '--log-level', 'warn'], dir);
    try {
      const [, url] = await readUntil(p, /control API listening on (http:\/\/127\.0\.0\.1:\d+)\n/);
      const [, token] = await readUntil(p, /web console \(the token is saved in .*api-token\): http:\/\/127\.0\.0\.1:\d+\/#token=(\S+)\n/);
      const tokenFile = path.join(dir, 'fleet', 'api-token');
      expect(readFileSync(tokenFile, 'utf8').trim()).toBe(decodeURIComponent(token!));
      expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
      const auth = { authorization: `Bearer ${decodeURIComponent(token!)}` };
      type Item = { account: string; here: boolean; worker: string; state: string; name: string | null };
      let items: Item[] = [];
      const deadline = Date.now() + 20_000;
      while (!(items.length === 3 && items.every((a) => a.state === 'running')) && Date.now() < deadline) {
        items = ((await (await fetch(`${url}/api/accounts`, { headers: auth })).json()) as { items: Item[] }).items;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(items.map((a) => [a.account, a.here, a.worker, a.state])).toEqual(['sales-1', 'sales-2', 'sales-3'].map((a) => [a, true, 'w1', 'running']));
      expect(items.every((a) => typeof a.name === 'string')).toBe(true);
      const status = (await (await fetch(`${url}/api/accounts/sales-2/status`, { headers: auth })).json()) as { state: string };
      expect(status.state).toBe('running');
      expect((await fetch(`${url}/api/accounts`)).status).toBe(401);
      // The token file in the fleet directory is not mistaken for an account (nor is `@workers`,
      // the worker heartbeats: `@` cannot start an account name); the list above has just the three.
      expect(readdirSync(path.join(dir, 'fleet')).sort()).toEqual(['@workers', 'api-token', 'sales-1', 'sales-2', 'sales-3']);
      expect(p.out.join('').split(decodeURIComponent(token!)).length).toBe(2); // printed once, in the console URL
    } finally {
      p.child.kill('SIGTERM');
    }
    expect(await p.exited).toBe(0);
  }, 40_000);
});
