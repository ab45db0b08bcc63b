import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { Bot, definePlugin } from '@wxbot/core';
import { startSimulator, type Simulator, type SimulatorOptions } from '@wxbot/simulator';
import { HandlerTimer, startControlServer, type ControlServer, type ControlServerOptions } from '../src';

/** A bot on the simulator with its control server, as `wxbot start --sim --api 0` wires them. */
export interface Rig {
  sim: Simulator;
  bot: Bot;
  server: ControlServer;
  home: string;
  /** Every log line (bot and server), to look for secrets. */
  log: () => string;
  /** fetch against the server with the token. */
  api(pathname: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function startRig(options: { sim?: SimulatorOptions; server?: Partial<ControlServerOptions>; start?: boolean; home?: string } = {}): Promise<Rig> {
  const sim = await startSimulator({ longPollMs: 200, loginPollMs: 200, autoConfirm: true, autoConfirmDelayMs: 10, ...options.sim });
  const home = options.home ?? mkdtempSync(path.join(tmpdir(), 'wxbot-server-'));
  const chunks: string[] = [];
  const logger = pino({ level: 'trace' }, new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c.toString()), cb()) }));
  const echo = definePlugin({ name: 'echo', setup: (api) => api.on('text', (ctx) => (ctx.message.text === 'ping' ? 'pong' : undefined)) });
  const timer = new HandlerTimer();
  const bot = new Bot({ endpoint: sim.url, home, plugins: [timer.plugin, echo], logger, longPollTimeoutMs: 3000, loginPollTimeoutMs: 3000, backoff: { baseMs: 20, capMs: 200 }, stopTimeoutMs: 3000, outbox: { limits: false } });
  const server = await startControlServer({ bot, plugins: () => ['echo'], handlerTimer: timer, ...options.server });
  if (options.start !== false) await bot.start();
  const auth = { authorization: `Bearer ${server.token.token}` };
  return {
    sim,
    bot,
    server,
    home,
    log: () => chunks.join(''),
    api: (pathname, init = {}) => fetch(`${server.url}${pathname}`, { ...init, headers: { ...auth, ...(init.headers as Record<string, string> | undefined) } }),
    async close() {
      await server.close();
      await bot.stop();
      await sim.close();
      if (!options.home) rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Resolves once `check` holds (re-checked every 20 ms). */
export async function until<T>(check: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Reads Server-Sent Events from a fetch body (as the console does: EventSource cannot send a token). */
export function readEvents(res: Response): { events: Array<{ event: string; id: string; data: unknown }>; stop(): void } {
  const events: Array<{ event: string; id: string; data: unknown }> = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string): string | undefined => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
        const event = field('event');
        if (event) events.push({ event, id: field('id') ?? '', data: JSON.parse(field('data') ?? 'null') });
      }
    }
  })();
  return { events, stop: () => void reader.cancel().catch(() => undefined) };
}
