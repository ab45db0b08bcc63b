import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { startSimulator, type Simulator } from '@wxbot/simulator';

// The web console of a fleet worker in a real Chromium, against `wxbot fleet --api` as a real
// process with two accounts; the simulator does not confirm by itself: the test is the phone.
const root = path.resolve(__dirname, '../../..');
const bin = path.join(root, 'packages/cli/bin/wxbot.js');
const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const screenshot = process.env['WXBOT_UPDATE_SCREENSHOT'] === '1' ? path.join(root, 'docs/console-fleet.png') : path.join(tmpdir(), `wxbot-console-fleet-${process.pid}.png`);

async function readUntil(out: string[], pattern: RegExp, exited: () => boolean, timeoutMs = 30_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = out.join('').match(pattern);
    if (m) return m;
    if (exited()) throw new Error(`wxbot exited:\n${out.join('')}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${out.join('')}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('fleet web console (Chromium)', () => {
  let sim: Simulator;
  const dir = mkdtempSync(path.join(tmpdir(), 'wxbot-console-fleet-'));
  const profile = mkdtempSync(path.join(tmpdir(), 'wxbot-chromium-fleet-'));
  beforeAll(async () => {
    sim = await startSimulator({ accounts: 2, longPollMs: 300, loginPollMs: 300 });
  });
  afterAll(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  });

  it("lists the accounts, shows each QR waiting for a scan, and the account's row turns running after it", async () => {
    if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath}: apt-get install -y chromium, or set CHROMIUM_PATH`);
    const env = { ...process.env };
    delete env['NODE_PATH'];
    delete env['WXBOT_API_TOKEN'];
    const child = spawn(process.execPath, [bin, 'fleet', '--store', path.join(dir, 'fleet'), '--add', 'shop-1,shop-2', '--max-accounts', '2', '--endpoint', sim.url, '--api', '0', '--owner', 'w1', '--log-level', 'warn'], { cwd: dir, env });
    let second: ReturnType<typeof spawn> | undefined;
    const out: string[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => out.push(d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    let context: BrowserContext | undefined;
    try {
      const [, consoleUrl] = await readUntil(out, /web console \(the token is saved in .*\): (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)\n/, () => child.exitCode !== null);
      context = await chromium.launchPersistentContext(profile, {
        executablePath,
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        viewport: { width: 1024, height: 900 },
      });
      const page = context.pages()[0] ?? (await context.newPage());
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      await page.goto(consoleUrl!);

      // Both accounts wait for a phone: both QRs on the overview, both rows badged.
      for (const account of ['shop-1', 'shop-2']) {
        const img = page.locator(`#fleet-qrs figure[data-account="${account}"] img`);
        await img.waitFor({ state: 'visible', timeout: 20_000 });
        expect(await img.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
        await page.locator(`#accounts tr[data-account="${account}"] .qr-badge`).waitFor();
      }
      expect(await page.locator('#send-form').isVisible()).toBe(false); // no account chosen: the overview only
      await page.screenshot({ path: screenshot.replace(/\.png$/, '-qr.png') });

      // The phone of simulator account-1 confirms the newest QR: that account's row turns running.
      sim.account('account-1').scan();
      sim.account('account-1').confirm();
      const runningRow = page.locator('#accounts tr', { has: page.locator('.state-running') });
      await runningRow.waitFor({ timeout: 20_000 });
      const scanned = (await runningRow.getAttribute('data-account')) ?? '';
      const other = scanned === 'shop-1' ? 'shop-2' : 'shop-1';
      expect(['shop-1', 'shop-2']).toContain(scanned);
      await page.locator(`#fleet-qrs figure[data-account="${scanned}"]`).waitFor({ state: 'detached', timeout: 10_000 });
      expect(await page.locator(`#fleet-qrs figure[data-account="${other}"] img`).isVisible()).toBe(true);
      expect(await runningRow.locator('td').nth(2).textContent()).not.toBe('');

      // Choosing the account shows its own views (the one-bot console) under the overview.
      await runningRow.locator('a').click();
      await page.locator('#account-name').waitFor({ state: 'visible', timeout: 10_000 });
      expect(await page.locator('#fleet-account').textContent()).toBe(scanned);
      expect(await page.locator('#send-form').isVisible()).toBe(true);
      await page.screenshot({ path: screenshot, fullPage: true });
      // A second worker joins with an account of its own (after the scans above: its QR would be
      // the newest): w1's row for it links to w2's console.
      second = spawn(process.execPath, [bin, 'fleet', '--store', path.join(dir, 'fleet'), '--add', 'shop-3', '--max-accounts', '1', '--endpoint', sim.url, '--api', '0', '--owner', 'w2', '--log-level', 'warn'], { cwd: dir, env });
      const out2: string[] = [];
      second.stdout?.on('data', (d: Buffer) => out2.push(d.toString()));
      second.stderr?.on('data', (d: Buffer) => out2.push(d.toString()));
      const [, url2] = await readUntil(out2, /control API listening on (http:\/\/127\.0\.0\.1:\d+)\n/, () => second?.exitCode !== null);
      const link = page.locator(`#accounts tr[data-account="shop-3"] a[href="${url2}/#account=shop-3"]`);
      await link.waitFor({ timeout: 20_000 });
      expect(await link.textContent()).toBe('w2');

      expect(errors).toEqual([]);
    } finally {
      await context?.close();
      const secondExited = second && second.exitCode === null ? new Promise((r) => second?.once('exit', r)) : undefined;
      second?.kill('SIGTERM');
      child.kill('SIGTERM');
      await Promise.all([exited, secondExited]);
    }
  }, 90_000);
});
