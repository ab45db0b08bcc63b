import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Bot, definePlugin, type Message } from '@wxbot/core';
import { startSimulator, type InjectInput, type SentRecord, type Simulator } from '@wxbot/simulator';
import pino from 'pino';
import { toIncoming } from './incoming';
import { toScenario } from './scenario';
import type { Incoming, Reply, TestBot, TestBotOptions, TextOptions } from './types';

/**
 * The same test over real HTTP: a simulator on port 0 and a real `Bot` logged in to it. A probe
 * plugin placed first in the chain wraps every other plugin (`await next()`), so `receive` resolves
 * when the injected message went through the whole pipeline and its replies reached the simulator.
 */
export async function createSimulatorBot(options: TestBotOptions): Promise<TestBot> {
  const scenario = toScenario(options);
  const firstFriend = scenario.friends[0]?.nickName ?? '';
  const timeoutMs = options.timeoutMs ?? 15_000;
  const messages: Message[] = [];
  const replies: Reply[] = [];
  const handled = new Set<string>();
  const waiters = new Map<string, () => void>();

  const probe = definePlugin({
    name: 'testkit-probe',
    includeSelf: true,
    setup(api) {
      api.use(async (ctx, next) => {
        messages.push(ctx.message);
        try {
          await next();
        } finally {
          handled.add(ctx.message.id);
          waiters.get(ctx.message.id)?.();
        }
      });
    },
  });

  // Plugins' friendship listeners run one after another in plugin order: one placed last has
  // seen the event only when all the others are done with it.
  const eventsDone = new Set<string>();
  const eventWaiters = new Map<string, () => void>();
  const tail = definePlugin({
    name: 'testkit-tail',
    setup(api) {
      api.onEvent('friendship', (event) => {
        if (event.type !== 'request') return;
        eventsDone.add(event.message.id);
        eventWaiters.get(event.message.id)?.();
      });
    },
  });

  const sim: Simulator = await startSimulator({ scenario, autoConfirm: true, autoConfirmDelayMs: 10, loginPollMs: 200, longPollMs: 1000 });
  const home = await mkdtemp(path.join(tmpdir(), 'wxbot-testkit-'));
  const bot = new Bot({ endpoint: sim.url, home, plugins: [probe, ...options.plugins, tail], logger: options.logger ?? pino({ level: 'silent' }), stopTimeoutMs: 3000, login: { resume: false, pushLogin: false },
    // A test harness must not pace replies like a real account: limits off, the rest as in production.
    outbox: { limits: false } });
  try {
    await bot.start();
  } catch (err) {
    await sim.close();
    await rm(home, { recursive: true, force: true });
    throw err;
  }

  const waitFor = (done: Set<string>, registry: Map<string, () => void>, msgId: string): Promise<void> => {
    if (done.has(msgId)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        registry.delete(msgId);
        reject(new Error(`testkit: message ${msgId} was not handled within ${timeoutMs} ms`));
      }, timeoutMs);
      registry.set(msgId, () => {
        clearTimeout(timer);
        registry.delete(msgId);
        resolve();
      });
    });
  };

  const run = async (input: Incoming): Promise<Reply[]> => {
    const before = sim.sent().length;
    const { msgId } = sim.inject(toInjectInput(input, firstFriend));
    await waitFor(handled, waiters, msgId);
    if (input.kind === 'friend-request') await waitFor(eventsDone, eventWaiters, msgId);
    const fresh = sim.sent().slice(before).map(toReply);
    replies.push(...fresh);
    return fresh;
  };

  return {
    mode: 'simulator',
    receive: (first: string | Incoming, opts?: TextOptions) => run(toIncoming(first, opts)),
    mention: (room, from, text) => run({ kind: 'text', text, from, room, mention: true }),
    friendRequest: (nickName, greeting) => run({ kind: 'friend-request', nickName, ...(greeting !== undefined ? { greeting } : {}) }),
    emit: () => Promise.reject(new Error('testkit: emit() is in-process only; in simulator mode events come from the simulator')),
    contacts: bot.contacts,
    replies,
    messages,
    accepted: [],
    rejected: [],
    async close() {
      await bot.stop();
      await sim.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** A simulator send record as a Reply (texts are type 1; media records name their kind). */
function toReply(record: SentRecord): Reply {
  const r = record as SentRecord & { kind?: string; fileName?: string };
  const kind = r.type === 3 ? 'image' : r.type === 43 ? 'video' : r.type === 47 ? 'emoticon' : r.type === 6 || r.type === 49 ? 'file' : undefined;
  // Link cards and forwarded links/mini-programs go by their AppMsgType (5, 33); a location (48) by its XML.
  if (r.type === 5 || r.type === 33) return { to: r.to, text: '', link: { title: xmlText(r.content, 'title'), url: xmlText(r.content, 'url') } };
  if (r.type === 48) return { to: r.to, text: '' };
  if (!kind) return { to: r.to, text: r.content };
  return { to: r.to, text: '', media: { kind, ...(r.fileName ? { name: r.fileName } : {}) } };
}

/** The simulator's `inject` input: the same shapes, with the default speaker filled in. */
function toInjectInput(input: Incoming, firstFriend: string): InjectInput {
  switch (input.kind) {
    case 'self-text':
      return { ...input, to: input.to ?? firstFriend };
    case 'system':
    case 'friend-request':
      return input;
    case 'text':
      return { ...input, from: input.from ?? firstFriend, ...(input.mention && input.mention !== true ? { mention: [...input.mention] } : {}) } as InjectInput;
    default:
      return { ...input, from: input.from ?? firstFriend };
  }
}

/** The text of `<name>` in a sent appmsg (entities decoded once). */
function xmlText(xml: string, name: string): string {
  const raw = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1] ?? '';
  return raw.replace(/&(lt|gt|amp|quot|apos);/g, (_m, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e] ?? '');
}
