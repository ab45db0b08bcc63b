import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cleanEnv, injectVia, readUntil, root, untilSent, wxbot } from './helpers/process';

// `wxbot start --sim --api 0` as a user runs it: a real process, the API over HTTP.
describe('wxbot start --sim --api 0 (real process)', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'wxbot-api-home-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('prints the API address and the console URL, serves every route with the token, and logs out through the API', async () => {
    const p = wxbot(['start', '--sim', '--api', '0', '--no-pretty', '--home', home], root);
    try {
      const [, simUrl] = await readUntil(p, /webwx simulator listening on (http:\/\/127\.0\.0\.1:\d+)/);
      const [, url] = await readUntil(p, /control API listening on (http:\/\/127\.0\.0\.1:\d+)\n/);
      const [, token] = await readUntil(p, /web console \(the token is saved in .*api-token\): http:\/\/127\.0\.0\.1:\d+\/#token=(\S+)\n/);
      const tokenFile = path.join(home, 'sim', 'api-token');
      expect(readFileSync(tokenFile, 'utf8').trim()).toBe(decodeURIComponent(token!));
      expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
      await readUntil(p, /"msg":"logged in as wxbot/);
      const auth = { authorization: `Bearer ${decodeURIComponent(token!)}` };
      const get = (route: string, headers: Record<string, string> = auth) => fetch(`${url}${route}`, { headers });

      expect((await get('/healthz', {})).status).toBe(200);
      expect((await get('/readyz', {})).status).toBe(200);
      expect((await get('/api/status', {})).status).toBe(401);
      expect((await get('/api/status', { authorization: 'Bearer wrong' })).status).toBe(401);
      const status = (await (await get('/api/status')).json()) as { state: string; account: { name: string } };
      expect(status).toMatchObject({ state: 'running', account: { name: 'wxbot' } });
      expect((await get('/api/qr')).status).toBe(404);
      expect((await get('/api/openapi.json')).status).toBe(200);
      expect((await get('/metrics')).status).toBe(200);
      expect((await get('/')).headers.get('content-type')).toMatch(/text\/html/);
      const alice = ((await (await get('/api/contacts?q=Alice')).json()) as { items: Array<{ id: string }> }).items[0]!;
      const rooms = (await (await get('/api/rooms')).json()) as { items: unknown[] };
      expect(rooms.items.length).toBeGreaterThan(0);

      const events = await get('/api/events?types=message,sent');
      const reader = events.body!.getReader();
      let streamed = '';
      const reading = (async () => {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          streamed += Buffer.from(value).toString();
        }
      })().catch(() => undefined);

      const send = await fetch(`${url}/api/messages`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ to: alice.id, text: 'hello from curl' }) });
      expect(send.status).toBe(202);
      const { actionId } = (await send.json()) as { actionId: string };
      await untilSent(simUrl!, (sent) => sent.some((s) => s.content === 'hello from curl' && s.to === 'Alice'));
      const deadline = Date.now() + 10_000;
      while (!streamed.includes(actionId) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      expect(streamed).toMatch(new RegExp(`event: sent\\ndata: \\{"actionId":"${actionId}"`));
      expect((await (await get('/api/outbox')).json()) as object).toMatchObject({ queued: [] });
      await reader.cancel();
      await reading;

      // The timing plugin the CLI puts first feeds the handler histogram.
      await injectVia(simUrl!, { from: 'Bob', text: 'ping' });
      await untilSent(simUrl!, (sent) => sent.some((s) => s.content === 'pong'));
      let metrics = '';
      for (const deadline = Date.now() + 10_000; !/wxbot_handler_seconds_count\{kind="text"\} [1-9]/.test(metrics) && Date.now() < deadline; ) metrics = await (await get('/metrics')).text();
      expect(metrics).toMatch(/wxbot_handler_seconds_count\{kind="text"\} [1-9]/);

      const logout = await fetch(`${url}/api/logout`, { method: 'POST', headers: auth });
      expect(logout.status).toBe(202);
      // Logging out stops the bot, and `wxbot start` exits with it.
      expect(await p.exited).toBe(0);
    } finally {
      p.child.kill('SIGTERM');
    }
    expect(p.out.join('')).not.toMatch(/@crypt_/);
  }, 60_000);

  it('refuses to listen on a non-loopback address without a token (exit 1, coded message)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wxbot-api-open-'));
    writeFileSync(path.join(dir, 'package.json'), '{"name":"fixture"}');
    writeFileSync(path.join(dir, 'bot.config.json'), JSON.stringify({ api: { host: '0.0.0.0', port: 0 } }));
    const p = wxbot(['start', '--sim', '--home', path.join(dir, 'home')], dir, cleanEnv());
    const code = await p.exited;
    rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(p.out.join('')).toMatch(/reachable from other machines, without a token.*\[WXBOT_API_TOKEN_REQUIRED\]/);
  }, 30_000);
});
