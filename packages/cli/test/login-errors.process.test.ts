import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSimulator } from '@wxbot/simulator';
import { readUntil, wxbot } from './helpers/process';

// A bot is a daemon: no network at login is waited out with a visible countdown, and a refusal
// ends in one coded paragraph that names the fix. Real processes, real sockets.
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('wxbot start: login failures (real process)', () => {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'wxbot-login-errors-')));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('retries while the server is unreachable, with a countdown in the log, and logs in once it is back', async () => {
    const port = await closedPort();
    const p = wxbot(['start', '--endpoint', `http://127.0.0.1:${port}`, '--home', path.join(dir, 'home-net'), '--no-pretty'], dir);
    let sim: Awaited<ReturnType<typeof startSimulator>> | undefined;
    try {
      await readUntil(p, /"msg":"login: qr-login failed \(jslogin: network error: [^"]*ECONNREFUSED[^"]*\); retrying in \d+ s \(attempt 1 of 10; check the network[^"]*"/);
      const line = p.out.join('').split('\n').find((l) => l.includes('"msg":"login: qr-login failed')) ?? '';
      expect(JSON.parse(line)).toMatchObject({ level: 40, step: 'qr-login', code: 'WEBWX_NETWORK', attempt: 1, attempts: 10 });
      sim = await startSimulator({ port, autoConfirm: true });
      await readUntil(p, /"msg":"logged in as wxbot/);
      expect(p.out.join('')).not.toMatch(/\n\s+at /);
    } finally {
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
      await sim?.close();
    }
  }, 60_000);

  it('ret 1203 ends in one coded paragraph that names --login-mode desktop', async () => {
    writeFileSync(path.join(dir, 'blocked.json'), JSON.stringify({ self: { nickName: 'bot', webLoginBlocked: true, desktopCapable: true }, friends: [], groups: [] }));
    writeFileSync(path.join(dir, 'bot.config.json'), JSON.stringify({ sim: { scenario: './blocked.json' } }));
    const p = wxbot(['start', '--sim', '--home', path.join(dir, 'home-1203'), '--no-pretty'], dir);
    expect(await p.exited).toBe(1);
    const out = p.out.join('');
    expect(out).toMatch(/wxbot: WeChat refused the login \(ret 1203\): this account may not log in to Web WeChat\. Fix: start with --login-mode desktop .*\[WEBWX_LOGIN_REFUSED\]\n/);
    expect(out).not.toMatch(/\n\s+at /);
    expect(out).not.toMatch(/LoginRefusedError/);

    // The named fix works.
    const desktop = wxbot(['start', '--sim', '--login-mode', 'desktop', '--home', path.join(dir, 'home-1203'), '--no-pretty'], dir);
    try {
      await readUntil(desktop, /"msg":"logged in as bot/);
    } finally {
      desktop.child.kill('SIGTERM');
      expect(await desktop.exited).toBe(0);
    }
  }, 60_000);
});
