import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const bin = join(__dirname, '..', 'dist', 'bin.js');

/** Runs the built bin; resolves its first stdout line (or rejects with its stderr when it exits). */
function run(args: string[]) {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: build first with \`npx tsc -b packages/simulator\``);
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const line = new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
  return { child, line };
}

describe('wxbot-simulator --accounts', () => {
  it('serves N accounts, listed by GET /__sim/accounts', async () => {
    const { child, line } = run(['--port', '0', '--accounts', '3']);
    const port = Number((await line).split(':').pop());
    const accounts = (await (await fetch(`http://127.0.0.1:${port}/__sim/accounts`)).json()) as Array<{ name: string; uin: number }>;
    expect(accounts.map((a) => [a.name, a.uin])).toEqual([['account-1', 176666155], ['account-2', 176666156], ['account-3', 176666157]]);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses zero accounts', async () => {
    await expect(run(['--accounts', '0']).line).rejects.toThrow(/exited 1: --accounts needs at least 1/);
  });
});

describe('standalone bin', () => {
  it('prints its listening line and stops on SIGTERM', async () => {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: build first with \`npx tsc -b packages/simulator\``);
    const child = spawn(process.execPath, [bin, '--port', '0', '--auto-confirm', '--long-poll-ms', '200'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    expect(line).toMatch(/^webwx simulator listening on http:\/\/127\.0\.0\.1:\d+$/);
    const port = Number(line.split(':').pop());
    const res = await fetch(`http://127.0.0.1:${port}/jslogin`);
    expect(await res.text()).toMatch(/^window\.QRLogin\.code = 200;/);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
