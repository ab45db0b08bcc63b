import { EventEmitter } from 'node:events';
import pino from 'pino';
import { startSimulator, type Simulator } from '@wxbot/simulator';
import { definePlugin, type BotEvents, type BotState } from '@wxbot/core/internals';
import type { BotOptions } from '../../src/bot/bot-options';
import { ContactStore } from '../../src/contacts/contact-store';
import { EventHub } from '../../src/bot/event-hub';
import { MessageRunner } from '../../src/bot/message-runner';
import { createMessagePipeline } from '../../src/bot/pipeline-adapter';
import { Receiver } from '../../src/bot/receiver';
import { SendReconciler } from '../../src/bot/send-reconciler';
import { SessionRunner } from '../../src/bot/session-runner';
import { SessionSaver } from '../../src/bot/session-saver';
import { InboxJournal } from '../../src/storage/journal';
import { MemoryState, MemoryStateStore } from '../../src/storage/memory-store';
import { SessionStore } from '../../src/storage/session-store';
import { FakeBot } from '../fixtures/bot';

// A SessionRunner wired to the real parts the Bot gives it, against one simulator (its phone
// confirms every login by itself; each test logs in anew). What the runner reports goes into `t.seen`.
const log = pino({ level: 'silent' });
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ longPollMs: 200, loginPollMs: 200, autoConfirm: true, autoConfirmDelayMs: 1 });
});
afterEach(() => sim.faults.clear());
afterAll(() => sim.close());

async function setup(options: BotOptions = {}, state = new MemoryState()) {
  const store = new MemoryStateStore(state);
  const contacts = new ContactStore();
  const sessions = new SessionStore(store);
  const journal = new InboxJournal(store);
  await journal.load();
  const saver = new SessionSaver(store, sessions, journal);
  const handled: string[] = [];
  const plugin = definePlugin({ name: 'probe', setup: (api) => api.on('text', (ctx) => void handled.push(ctx.message.text)) });
  const bot = Object.assign(new FakeBot(), { emit: () => true, listenerCount: () => 0 });
  const pipeline = await createMessagePipeline([plugin()], bot, log);
  const runner = new MessageRunner({ log, journal, pipeline: () => pipeline, scopedApi: () => bot, forgetOutcomes: () => undefined });
  const emitter = new EventEmitter<BotEvents>();
  const seen: string[] = [];
  emitter.on('login', (e) => seen.push(`login ${e.method}`));
  emitter.on('logout', (e) => seen.push(`logout ${e.code}`));
  emitter.on('qr', () => seen.push('qr'));
  emitter.on('error', (err) => seen.push(`error ${(err as { code?: string }).code ?? err.message}`));
  const events = new EventHub(emitter, () => pipeline, () => ({ accept: async () => undefined, reject: async () => undefined, ignore: () => undefined }), log);
  const receiver = new Receiver({ contacts, journal, saver, runner, events, log, wantsSelf: () => false, reconciler: new SendReconciler(store, log) });
  const abort = new AbortController();
  const session = new SessionRunner({
    options: { endpoint: sim.url, longPollTimeoutMs: 2000, backoff: { baseMs: 5, capMs: 10 }, ...options },
    log, contacts, sessions, journal, saver, receiver, events, signal: abort.signal,
    onIdle: () => undefined,
    setState: (s: BotState) => void seen.push(`state ${s}`),
    sessionEnded: () => void seen.push('ended'),
    sessionReady: () => void seen.push('ready'),
    giveUp: () => void seen.push('give up'),
  });
  const until = async (what: () => boolean) => {
    while (!what()) await new Promise((r) => setTimeout(r, 5));
  };
  return { state, store, contacts, session, seen, handled, abort, until, runner };
}

describe('SessionRunner', () => {
  it('logs in by QR, saves the session, runs the sync loop into the plugins and stops on its signal', async () => {
    const t = await setup();
    expect(t.session.view()).toBeUndefined();
    await t.session.login();
    expect(t.seen).toEqual(['qr', 'login qr']);
    expect(t.session.session?.selfUserName).toBe(t.contacts.self.id);
    // Saved whole at login: a restart could resume it.
    expect((await new SessionStore(new MemoryStateStore(t.state)).load())?.selfUserName).toBe(t.contacts.self.id);

    const running = t.session.run([]);
    sim.injectText({ from: 'Alice', text: 'hello runner' });
    await t.until(() => t.handled.includes('hello runner'));
    t.abort.abort();
    await running;
    await t.runner.idle();
    t.session.close();
  });

  it('a second runner over the same store resumes the saved session without the phone', async () => {
    const first = await setup();
    await first.session.login();
    await first.session.save();
    first.session.close();
    const again = await setup({}, first.state);
    await again.session.login();
    expect(again.seen).toEqual(['login resume']);
    again.session.close();
  });

  it('at a logout with relogin: false reports it and gives up', async () => {
    const t = await setup({ relogin: false });
    await t.session.login();
    const running = t.session.run([]);
    sim.forceLogout(1101);
    await running;
    expect(t.seen.slice(2)).toEqual(['ended', 'logout 1101', 'give up']);
    expect(t.session.view()).toBeUndefined();
    t.session.close();
  });

  it('at a logout logs in again (push login on the saved cookies) and goes on receiving', async () => {
    const t = await setup();
    await t.session.login();
    const running = t.session.run([]);
    sim.forceLogout(1100);
    await t.until(() => t.seen.includes('ready'));
    expect(t.seen.slice(2)).toEqual(['ended', 'logout 1100', 'state reconnecting', 'login push', 'state running', 'ready']);
    sim.injectText({ from: 'Bob', text: 'after relogin' });
    await t.until(() => t.handled.includes('after relogin'));
    t.abort.abort();
    await running;
    t.session.close();
  });

  it('a re-login that fails is reported as an error, then it gives up', async () => {
    const t = await setup({ login: { resume: false, pushLogin: false, qrRetries: 1 } });
    await t.session.login();
    const running = t.session.run([]);
    // Every new QR code expires before the phone gets to it.
    sim.faults.add({ kind: 'login', type: 'login-code', code: 400, times: 'always' });
    sim.forceLogout(1102);
    await running;
    expect(t.seen.slice(2)).toEqual(['ended', 'logout 1102', 'state reconnecting', 'qr', 'error WXBOT_LOGIN_FAILED', 'give up']);
    expect(t.session.view()).toBeUndefined();
    t.session.close();
  });
});
