import { existsSync } from 'node:fs';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

// What the Chromium console tests share: the wxbot CLI as a real process, reading its output
// until a line shows up, and a headless Chromium on a throwaway profile.

export const root = path.resolve(__dirname, '../../../..');
export const bin = path.join(root, 'packages/cli/bin/wxbot.js');
export const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** The web console line `wxbot start` / `wxbot fleet --api` prints; group 1 is the URL with the token. */
export const consoleUrlPattern = /web console \(the token is saved in .*\): (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)\n/;

/** Waits (polling the collected output) until `pattern` matches it; fails early if the process exited. */
export async function readUntil(out: string[], pattern: RegExp, exited: () => boolean, timeoutMs = 30_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = out.join('').match(pattern);
    if (m) return m;
    if (exited()) throw new Error(`wxbot exited:\n${out.join('')}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${out.join('')}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The environment for a wxbot child: no NODE_PATH, no API token (the console must make its own). */
export function wxbotEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env['NODE_PATH'];
  delete env['WXBOT_API_TOKEN'];
  return env;
}

export interface WxbotProcess {
  child: ChildProcessWithoutNullStreams;
  /** stdout and stderr, as they come. */
  out: string[];
  exited: Promise<number | null>;
  /** Waits for `pattern` in the output (see readUntil). */
  readUntil(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

/** Spawns `wxbot ARGS` with node, collecting its output. */
export function spawnWxbot(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): WxbotProcess {
  const child = spawn(process.execPath, [bin, ...args], { cwd: options.cwd, env: options.env ?? wxbotEnv() });
  const out: string[] = [];
  child.stdout.on('data', (d: Buffer) => out.push(d.toString()));
  child.stderr.on('data', (d: Buffer) => out.push(d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  return { child, out, exited, readUntil: (pattern, timeoutMs) => readUntil(out, pattern, () => child.exitCode !== null, timeoutMs) };
}

/** Fails with the fix when there is no Chromium to drive. */
export function requireChromium(): void {
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath}: apt-get install -y chromium, or set CHROMIUM_PATH`);
}

/** A headless Chromium on `profile`, its first page, and the page errors it collects. */
export async function launchConsoleBrowser(profile: string, viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return { context, page, errors };
}
