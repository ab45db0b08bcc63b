import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { startSimulator, type Simulator } from '@wxbot/simulator';
import { consoleUrlPattern, launchConsoleBrowser, requireChromium, root, spawnWxbot } from './helpers/browser';

// The web console in a real Chromium, against `wxbot start` as a real process. The simulator runs
// here without auto-confirm, so the test is the phone: the QR must be on screen before the login.
/** Set WXBOT_UPDATE_SCREENSHOT=1 to refresh docs/console.png. */
const screenshot = process.env['WXBOT_UPDATE_SCREENSHOT'] === '1' ? path.join(root, 'docs/console.png') : path.join(tmpdir(), `wxbot-console-${process.pid}.png`);

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
    requireChromium();
    const { child, readUntil, exited } = spawnWxbot(['start', '--endpoint', sim.url, '--api', '0', '--home', home, '--no-pretty'], { cwd: root });
    let context: BrowserContext | undefined;
    try {
      const [, consoleUrl] = await readUntil(consoleUrlPattern);
      const browser = await launchConsoleBrowser(profile, { width: 390, height: 844 }); // a phone screen
      context = browser.context;
      const { page, errors } = browser;
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
