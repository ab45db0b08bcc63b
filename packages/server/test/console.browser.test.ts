import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { startSimulator, type Simulator } from '@wxbot/simulator';

// The web console in a real Chromium, against `wxbot start` as a real process. The simulator runs
// here without auto-confirm, so the test is the phone: the QR must be on screen before the login.
const root = path.resolve(__dirname, '../../..');
const bin = path.join(root, 'packages/cli/bin/wxbot.js');
const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** Set WXBOT_UPDATE_SCREENSHOT=1 to refresh docs/console.png. */
const screenshot = process.env['WXBOT_UPDATE_SCREENSHOT'] === '1' ? path.join(root, 'docs/console.png') : path.join(tmpdir(), `wxbot-console-${process.pid}.png`);

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

describe('web console (Chromium)', () => {
  let sim: Simulator;
  const home = mkdtempSync(path.join(tmpdir(), 'wxbot-console-home-'));
  const profile = mkdtempSync(path.join(tmpdir(), 'wxbot-chromium-'));
  beforeAll(async () => {
    sim = await startSimulator({ longPollMs: 300, loginPollMs: 300 });
  });
  afterAll(async () => {
    await sim.close();
    rmSync(home, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  });

  it('shows the QR, the account after the phone confirms, incoming messages, and sends from the send box', async () => {
    if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath}: apt-get install -y chromium, or set CHROMIUM_PATH`);
    const env = { ...process.env };
    delete env['NODE_PATH'];
    delete env['WXBOT_API_TOKEN'];
    const child = spawn(process.execPath, [bin, 'start', '--endpoint', sim.url, '--api', '0', '--home', home, '--no-pretty'], { cwd: root, env });
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
        viewport: { width: 390, height: 844 }, // a phone screen
      });
      const page = context.pages()[0] ?? (await context.newPage());
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      await page.goto(consoleUrl!);

      const qr = page.locator('#qr');
      await qr.waitFor({ state: 'visible', timeout: 20_000 });
      expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
      expect(page.url()).not.toContain('token='); // the fragment is taken out of the address bar
      await page.screenshot({ path: screenshot.replace(/\.png$/, '-login.png') });

      sim.scan();
      sim.confirm();
      await page.locator('#account-name', { hasText: 'wxbot' }).waitFor({ timeout: 20_000 });
      expect(await qr.isVisible()).toBe(false);
      await page.locator('#plugins li', { hasText: 'echo' }).waitFor();

      sim.injectText({ from: 'Carol', text: 'hello console' });
      await page.locator('#feed li', { hasText: 'Carol: hello console' }).waitFor({ timeout: 10_000 });

      await page.fill('#search', 'Alice');
      await page.locator('#results .result', { hasText: 'Alice' }).first().click();
      await page.fill('#text', 'typed in the console');
      await page.click('#send');
      const deadline = Date.now() + 15_000;
      while (!sim.sent().some((s) => s.content === 'typed in the console' && s.to === 'Alice')) {
        if (Date.now() > deadline) throw new Error(`not sent; sent: ${JSON.stringify(sim.sent().map((s) => s.content))}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      await page.locator('#send-status', { hasText: 'sent' }).waitFor({ timeout: 10_000 });
      await page.screenshot({ path: screenshot, fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context?.close();
      child.kill('SIGTERM');
      await exited;
    }
  }, 90_000);
});
