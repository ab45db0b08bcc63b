import type { FaultSpec, Simulator } from '@wxbot/simulator';
import { definePlugin, type Bot, type BotOptions, type LogoutEvent } from '@wxbot/core';
import { captureLogger, newBot, removeHome, tempHome, until, withSim } from '../e2e/harness';

// Fault injection against the simulator. For each fault: the bot keeps running (or ends with a
// clear reason), and every message sent around the fault is handled once and answered once
// (replies counted by ClientMsgId: a retry after an ambiguous answer reuses it, docs/protocol.md 9.1).

const FAST: Partial<BotOptions> = {
  outbox: { limits: false, retry: { attempts: 8, baseMs: 20, capMs: 200 }, breaker: { baseMs: 150, capMs: 600 } },
  longPollTimeoutMs: 1500,
};

interface Run {
  bot: Bot;
  handled: string[];
  errors: Error[];
  logouts: LogoutEvent[];
  lines: string[];
}

function echoBot(sim: Simulator, home: string, extra: Partial<BotOptions> = {}): Run {
  const handled: string[] = [];
  const plugin = definePlugin({
    name: 'fault-echo',
    setup(api) {
      api.on('text', (ctx) => {
        handled.push(ctx.message.text);
        return `re:${ctx.message.text}`;
      });
    },
  });
  const { logger, lines } = captureLogger();
  const bot = newBot(sim, home, [plugin], { ...FAST, logger, ...extra });
  const run: Run = { bot, handled, errors: [], logouts: [], lines };
  bot.on('error', (err) => run.errors.push(err));
  bot.on('logout', (e) => run.logouts.push(e));
  return run;
}

/** Replies per text, by distinct ClientMsgId, and how many physical sends repeated one. */
function replies(sim: Simulator, texts: readonly string[]): { perText: number[]; resends: number } {
  const sent = sim.sent();
  let resends = 0;
  const perText = texts.map((t) => {
    const records = sent.filter((s) => s.content === `re:${t}`);
    const ids = new Set(records.map((s) => s.clientMsgId));
    resends += records.length - ids.size;
    return ids.size;
  });
  return { perText, resends };
}

let counter = 0;
const batchOf = (n: number, tag: string): string[] => Array.from({ length: n }, () => `${tag}-${counter++}`);

/**
 * Start, exchange a few messages, arm `faults`, send more during the fault, then after it;
 * check each message was handled once and answered once. Returns the run for more checks.
 */
async function survives(faults: FaultSpec[], extra: Partial<BotOptions> = {}, holdUntil?: (run: Run) => boolean): Promise<Run & { resends: number }> {
  return withSim(async (sim) => {
    const home = tempHome();
    const run = echoBot(sim, home, extra);
    try {
      await run.bot.start();
      const before = batchOf(2, 'before');
      for (const t of before) sim.injectText({ from: 'Alice', text: t });
      await until(() => replies(sim, before).perText.every((n) => n >= 1), 'replies before the fault', 10_000);
      for (const f of faults) sim.faults.add(f);
      const mid = batchOf(3, 'during');
      for (const [i, t] of mid.entries()) sim.injectText({ from: i % 2 ? 'Bob' : 'Alice', room: i === 2 ? 'Family' : undefined, text: t } as never);
      // Faults that never end by themselves are held until the bot has reacted, then cleared.
      if (holdUntil) {
        await until(() => holdUntil(run), 'the bot to react to the fault', 20_000);
        sim.faults.clear();
      }
      await until(() => replies(sim, mid).perText.every((n) => n >= 1), 'replies during the fault', 20_000);
      // Every armed fault must have hit a request (it may fire only on the poll after the replies).
      if (!holdUntil) await until(() => sim.faults.list().length === 0, 'the faults to fire', 20_000);
      sim.faults.clear();
      const after = batchOf(2, 'after');
      for (const t of after) sim.injectText({ from: 'Carol', text: t });
      const all = [...before, ...mid, ...after];
      await until(() => replies(sim, all).perText.every((n) => n >= 1), 'replies after the fault', 20_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(run.bot.state).toBe('running');
      const r = replies(sim, all);
      expect(r.perText).toEqual(all.map(() => 1));
      expect([...run.handled].sort()).toEqual([...all].sort());
      await run.bot.stop();
      return { ...run, resends: r.resends };
    } finally {
      if (run.bot.state !== 'stopped') await run.bot.stop();
      removeHome(home);
    }
  });
}

const retried = (run: Run, what: RegExp): boolean => run.lines.some((l) => what.test(l));

describe('fault injection: the bot keeps running, nothing lost or duplicated', () => {
  it.each([
    ['connection reset during synccheck', { kind: 'synccheck', type: 'reset', times: 2 }],
    ['connection reset mid-poll (synccheck held, then reset)', { kind: 'synccheck', type: 'reset', ms: 100, times: 2 }],
    ['connection reset during webwxsync', { kind: 'sync', type: 'reset', times: 2 }],
    ['5xx on synccheck', { kind: 'synccheck', type: 'http', status: 503, times: 2 }],
    ['5xx on webwxsync', { kind: 'sync', type: 'http', status: 502, times: 2 }],
    ['garbage synccheck body', { kind: 'synccheck', type: 'garbage', times: 2 }],
    ['truncated synccheck body', { kind: 'synccheck', type: 'truncate', times: 2 }],
    ['garbage webwxsync body', { kind: 'sync', type: 'garbage', times: 2 }],
    ['truncated webwxsync body', { kind: 'sync', type: 'truncate', times: 2 }],
    ['Ret 1205 on webwxsync', { kind: 'sync', type: 'ret', ret: 1205, times: 2 }],
    ['Ret -1 on webwxsync', { kind: 'sync', type: 'ret', ret: -1, times: 2 }],
    ['synccheck timeout (held past the client timeout)', { kind: 'synccheck', type: 'delay', ms: 4000, times: 1 }],
  ] as Array<[string, FaultSpec]>)('%s', async (_name, fault) => {
    const run = await survives([fault]);
    expect(retried(run, /sync failed; backing off/)).toBe(true);
    expect(run.errors).toEqual([]);
  });

  it.each([
    ['5xx on send', { kind: 'sendmsg', type: 'http', status: 503, times: 2 }],
    ['Ret -1 on send', { kind: 'sendmsg', type: 'ret', ret: -1, times: 2 }],
  ] as Array<[string, FaultSpec]>)('%s: retried with the same ClientMsgId', async (_name, fault) => {
    const run = await survives([fault]);
    expect(retried(run, /outgoing action failed; retrying/)).toBe(true);
    expect(run.errors).toEqual([]);
    expect(run.resends).toBe(0);
  });

  it.each([
    ['connection reset during send (before the server carried it out)', { kind: 'sendmsg', type: 'reset', times: 2 }],
    ['garbage send response (the server did store it)', { kind: 'sendmsg', type: 'garbage', times: 1 }],
    ['truncated send response (the server did store it)', { kind: 'sendmsg', type: 'truncate', times: 1 }],
    ['send answer lost after the server carried it out', { kind: 'sendmsg', type: 'lose-response', times: 2 }],
  ] as Array<[string, FaultSpec]>)('%s: settled from the server\'s echo, never repeated', async (_name, fault) => {
    const run = await survives([fault]);
    expect(retried(run, /the answer to an outgoing action was lost/)).toBe(true);
    expect(run.errors).toEqual([]);
    // The simulator stores repeats: each reply is in its sent list exactly once.
    expect(run.resends).toBe(0);
  });

  it('Ret 1205 on send: the breaker opens, the reply stays queued and is sent after the cooldown', async () => {
    const run = await survives([{ kind: 'sendmsg', type: 'ret', ret: 1205, times: 3 }]);
    expect(retried(run, /too frequent: text actions paused/)).toBe(true);
    expect(run.errors).toEqual([]);
  });

  it('watchdog: synccheck hangs, the bot re-initialises and carries on', async () => {
    const run = await survives([{ kind: 'synccheck', type: 'delay', ms: 60_000, times: 'always' }], { longPollTimeoutMs: 400, watchdogMs: 1200 }, (r) =>
      retried(r, /watchdog: no successful synccheck recently; re-initialising/),
    );
    expect(retried(run, /sync failed; backing off/)).toBe(true);
  });

  it('a send that finally fails is rejected to the plugin and logged, not dropped silently', async () => {
    await withSim(async (sim) => {
      const home = tempHome();
      const { logger, lines } = captureLogger();
      const outcomes: string[] = [];
      const plugin = definePlugin({
        name: 'sender',
        setup(api) {
          api.on('text', async (ctx) => {
            await ctx.reply('first').then(
              () => outcomes.push('ok'),
              (err: { code?: string }) => outcomes.push(`rejected ${err.code}`),
            );
          });
        },
      });
      const bot = newBot(sim, home, [plugin], { ...FAST, logger, outbox: { limits: false, retry: { attempts: 3, baseMs: 10, capMs: 20 } } });
      try {
        await bot.start();
        sim.faults.add({ kind: 'sendmsg', type: 'http', status: 500, times: 'always' });
        sim.injectText({ from: 'Alice', text: 'x' });
        await until(() => outcomes.length > 0, 'the send outcome', 10_000);
        expect(outcomes).toEqual(['rejected WXBOT_SEND_FAILED']);
        expect(lines.some((l) => l.includes('outgoing action failed for good') && l.includes('WXBOT_SEND_FAILED'))).toBe(true);
      } finally {
        sim.faults.clear();
        await bot.stop();
        removeHome(home);
      }
    });
  });
});

describe('logouts: a clear reason, then the re-login policy', () => {
  it.each([1100, 1101, 1102])('synccheck retcode %i with relogin off: stops with the reason', async (code) => {
    await withSim(async (sim) => {
      const home = tempHome();
      const run = echoBot(sim, home, { relogin: false });
      try {
        await run.bot.start();
        sim.faults.add({ kind: 'synccheck', type: 'logout', retcode: code });
        await until(() => run.bot.state === 'stopped', 'the bot to stop', 10_000);
        expect(run.logouts.map((l) => l.code)).toEqual([code]);
        expect(run.logouts[0]?.reason).toMatch(/logged out|logged in elsewhere|cookies invalid/);
      } finally {
        await run.bot.stop();
        removeHome(home);
      }
    });
  });

  it('forced logout with relogin on: logs in again, messages after it are handled once', async () => {
    await withSim(async (sim) => {
      const home = tempHome();
      const run = echoBot(sim, home);
      const logins: string[] = [];
      run.bot.on('login', ({ method }) => logins.push(method));
      try {
        await run.bot.start();
        sim.injectText({ from: 'Alice', text: 'pre-logout' });
        await until(() => run.handled.includes('pre-logout'), 'the first message', 10_000);
        await until(() => replies(sim, ['pre-logout']).perText[0] === 1, 'its reply', 10_000);
        sim.forceLogout(1101);
        await until(() => logins.length === 2 && run.bot.state === 'running', 'the re-login', 15_000);
        sim.injectText({ from: 'Bob', text: 'post-logout' });
        await until(() => replies(sim, ['post-logout']).perText[0] === 1, 'the reply after re-login', 10_000);
        await new Promise((r) => setTimeout(r, 300));
        expect(run.logouts.map((l) => l.code)).toEqual([1101]);
        expect(run.handled).toEqual(['pre-logout', 'post-logout']);
        expect(replies(sim, ['pre-logout', 'post-logout']).perText).toEqual([1, 1]);
      } finally {
        await run.bot.stop();
        removeHome(home);
      }
    });
  });
});

describe('messages that arrived while the bot was down', () => {
  it('skipOlderThanMs: stale messages are recorded as handled without running the plugins; fresh ones run', async () => {
    await withSim(async (sim) => {
      const home = tempHome();
      const run = echoBot(sim, home, { skipOlderThanMs: 60_000 });
      try {
        await run.bot.start();
        const friend = sim.state().friends.find((f) => f.nickName === 'Alice');
        const self = sim.state().session?.userName;
        if (!friend || !self) throw new Error('no session');
        const old = Math.floor(Date.now() / 1000) - 3600;
        sim.inject({ kind: 'raw', entry: { FromUserName: friend.userName, ToUserName: self, MsgType: 1, Content: 'stale', CreateTime: old } });
        sim.injectText({ from: 'Alice', text: 'fresh' });
        await until(() => replies(sim, ['fresh']).perText[0] === 1, 'the fresh reply', 10_000);
        await new Promise((r) => setTimeout(r, 200));
        expect(run.handled).toEqual(['fresh']);
        expect(replies(sim, ['stale']).perText).toEqual([0]);
        expect(run.lines.some((l) => l.includes('older than skipOlderThanMs'))).toBe(true);
      } finally {
        await run.bot.stop();
        removeHome(home);
      }
    });
  });
});
