import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { startSimulator, type Simulator } from '@wxbot/simulator';
import { consoleUrlPattern, launchConsoleBrowser, requireChromium, root, spawnWxbot, type WxbotProcess } from './helpers/browser';

// The web console of a fleet worker in a real Chromium, against `wxbot fleet --api` as a real
// process with two accounts; the simulator does not confirm by itself: the test is the phone.
const screenshot = process.env['WXBOT_UPDATE_SCREENSHOT'] === '1' ? path.join(root, 'docs/console-fleet.png') : path.join(tmpdir(), `wxbot-console-fleet-${process.pid}.png`);

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
    requireChromium();
    const { child, readUntil, exited } = spawnWxbot(['fleet', '--store', path.join(dir, 'fleet'), '--add', 'shop-1,shop-2', '--max-accounts', '2', '--endpoint', sim.url, '--api', '0', '--owner', 'w1', '--log-level', 'warn'], { cwd: dir });
    let second: WxbotProcess | undefined;
    let context: BrowserContext | undefined;
    try {
      const [, consoleUrl] = await readUntil(consoleUrlPattern);
      const browser = await launchConsoleBrowser(profile, { width: 1024, height: 900 });
      context = browser.context;
      const { page, errors } = browser;
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
      second = spawnWxbot(['fleet', '--store', path.join(dir, 'fleet'), '--add', 'shop-3', '--max-accounts', '1', '--endpoint', sim.url, '--api', '0', '--owner', 'w2', '--log-level', 'warn'], { cwd: dir });
      const [, url2] = await second.readUntil(/control API listening on (http:\/\/127\.0\.0\.1:\d+)\n/);
      const link = page.locator(`#accounts tr[data-account="shop-3"] a[href="${url2}/#account=shop-3"]`);
      await link.waitFor({ timeout: 20_000 });
      expect(await link.textContent()).toBe('w2');

      expect(errors).toEqual([]);
    } finally {
      await context?.close();
      second?.child.kill('SIGTERM');
      child.kill('SIGTERM');
      await Promise.all([exited, second?.exited]);
    }
  }, 90_000);
});
