import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

export const root = path.resolve(__dirname, '../../../..');
export const bin = path.join(root, 'packages/cli/bin/wxbot.js');

/** The environment a user's shell would give (no jest/pnpm leftovers, no wxbot overrides). */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e = { ...process.env };
  delete e['NODE_PATH'];
  delete e['WXBOT_ENDPOINT'];
  delete e['WXBOT_HOME'];
  delete e['WXBOT_TESTKIT_MODE'];
  return { ...e, ...extra };
}

/** A running `wxbot ...` process whose output is collected. */
export function wxbot(args: string[], cwd: string, env = cleanEnv()): { child: ChildProcessWithoutNullStreams; out: string[]; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [bin, ...args], { cwd, env });
  const out: string[] = [];
  child.stdout.on('data', (d: Buffer) => out.push(d.toString()));
  child.stderr.on('data', (d: Buffer) => out.push(d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, out, exited };
}

/** Resolves when the output matches (checked every 25 ms); fails on exit or after `timeoutMs`. */
export async function readUntil(p: { child: ChildProcessWithoutNullStreams; out: string[] }, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = p.out.join('').match(pattern);
    if (m) return m;
    if (p.child.exitCode !== null) throw new Error(`wxbot exited with ${p.child.exitCode}:\n${p.out.join('')}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${p.out.join('')}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The simulator's send record, through its control API. */
export async function sentVia(url: string): Promise<Array<{ content: string; to: string }>> {
  return (await (await fetch(`${url}/__sim/sent`)).json()) as Array<{ content: string; to: string }>;
}

export async function injectVia(url: string, body: object): Promise<void> {
  const res = await fetch(`${url}/__sim/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`inject failed: ${res.status} ${await res.text()}`);
}

/** Polls the control API until `check` holds. */
export async function untilSent(url: string, check: (sent: Array<{ content: string; to: string }>) => boolean, timeoutMs = 20_000): Promise<Array<{ content: string; to: string }>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const sent = await sentVia(url);
    if (check(sent)) return sent;
    if (Date.now() > deadline) throw new Error(`timed out; sent so far: ${JSON.stringify(sent)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
