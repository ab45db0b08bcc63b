import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { startSimulator, type Simulator, type SimulatorOptions } from '@wxbot/simulator';
import { Bot, definePlugin, type BotOptions, type Message, type PluginEntry } from '@wxbot/core';

/** Short holds so tests run fast; everything else as in production. */
export const FAST_SIM: SimulatorOptions = { longPollMs: 200, loginPollMs: 200, autoConfirm: true, autoConfirmDelayMs: 10 };

export function tempHome(): string {
  return mkdtempSync(path.join(tmpdir(), 'wxbot-home-'));
}

export function removeHome(home: string): void {
  rmSync(home, { recursive: true, force: true });
}

/** A logger whose JSON lines are kept, to assert on what was logged. */
export function captureLogger(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      cb();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

export function newBot(sim: Simulator, home: string, plugins: PluginEntry[], extra: Partial<BotOptions> = {}): Bot {
  return new Bot({
    endpoint: sim.url,
    home,
    plugins,
    longPollTimeoutMs: 3000,
    loginPollTimeoutMs: 3000,
    backoff: { baseMs: 20, capMs: 200 },
    stopTimeoutMs: 3000,
    ...extra,
  });
}

/** A plugin that records every message it sees and passes it on. */
export function recorder(name = 'recorder', includeSelf = false): { plugin: PluginEntry; seen: Message[] } {
  const seen: Message[] = [];
  const plugin = definePlugin({
    name,
    includeSelf,
    setup(api) {
      api.use(async (ctx, next) => {
        seen.push(ctx.message);
        await next();
      });
    },
  });
  return { plugin, seen };
}

/** Resolve once `check` is true, re-checking every 10 ms; fail with `what` after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function withSim<T>(fn: (sim: Simulator) => Promise<T>, options: SimulatorOptions = {}): Promise<T> {
  const sim = await startSimulator({ ...FAST_SIM, ...options });
  try {
    return await fn(sim);
  } finally {
    await sim.close();
  }
}
