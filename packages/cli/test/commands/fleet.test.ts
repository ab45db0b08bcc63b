import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { UsageError } from '../../src/commands/args';
import { fleet } from '../../src/commands/fleet';

describe('wxbot fleet', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wxbot-fleet-cmd-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const io = (out: string[]) => ({ cwd: dir, env: {}, write: (t: string) => void out.push(t), logger: pino({ level: 'silent' }) });

  it('registers accounts and runs each as its own bot against a multi-account simulator', async () => {
    const out: string[] = [];
    // The sample of docs/cli.md.
    const running = await fleet(['--store', './fleet', '--add', 'sales-1,sales-2,sales-3', '--sim', '3'], io(out));
    try {
      while (!(running.supervisor.accounts().length === 3 && running.supervisor.accounts().every((a) => a.ready))) await new Promise((r) => setTimeout(r, 20));
      expect(out.join('')).toMatch(/webwx simulator listening on http:\/\/127\.0\.0\.1:\d+ \(3 accounts\)/);
      // Each account's QR code went to the console under its name; each logged into its own account.
      expect(out.filter((t) => /\[sales-\d\] scan with WeChat/.test(t))).toHaveLength(3);
      const sim = running.sim;
      expect(sim?.accounts().map((n) => sim.account(n).state().session?.ended === undefined && sim.account(n).state().session !== undefined)).toEqual([true, true, true]);
      expect(existsSync(path.join(dir, 'fleet', 'sales-1', 'state.log'))).toBe(true);
      expect((await running.store.holders()).size).toBe(3);
    } finally {
      await running.stop();
    }
    expect((await running.store.holders()).size).toBe(0);
  }, 30_000);

  it('refuses bad options with the usage error that names the fix', async () => {
    await expect(fleet([], io([]))).rejects.toThrow(new UsageError('wxbot fleet needs --store DIR (the directory that holds the accounts)'));
    await expect(fleet(['--store', 'x', '--max-accounts', '0'], io([]))).rejects.toThrow(/--max-accounts expects a positive whole number, got "0"/);
    // A Redis URL is a Redis fleet store (redis-fleet.process.test.ts); one that does not answer fails with the fix.
    await expect(fleet(['--store', 'redis://127.0.0.1:1/0'], io([]))).rejects.toMatchObject({ code: 'WXBOT_STORE_UNREACHABLE', message: expect.stringContaining('apt-get install -y redis-server') });
    await expect(fleet(['--store', 'x', '--add', 'a/b'], io([]))).rejects.toThrow(/--add: account name "a\/b" is not allowed/);
  });
});
