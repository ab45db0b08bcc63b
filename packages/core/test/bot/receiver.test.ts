import { EventEmitter } from 'node:events';
import { createWebwxHttp, deriveHosts, type SyncResponse, type SyncState } from '@wxbot/protocol';
import { definePlugin, type BotEvents, type Message } from '@wxbot/core/internals';
import { ContactStore } from '../../src/contacts/contact-store';
import type { LiveSession } from '../../src/session/bring-up';
import { EventHub } from '../../src/bot/event-hub';
import { MessageRunner } from '../../src/bot/message-runner';
import { createMessagePipeline } from '../../src/bot/pipeline-adapter';
import { Receiver, type ReceiverDeps } from '../../src/bot/receiver';
import { SendReconciler } from '../../src/bot/send-reconciler';
import { SessionSaver, type SessionView } from '../../src/bot/session-saver';
import { InboxJournal, type JournalEntry } from '../../src/storage/journal';
import { MemoryState, MemoryStateStore } from '../../src/storage/memory-store';
import { SessionStore } from '../../src/storage/session-store';
import { captureLogger, FakeBot } from '../fixtures/bot';
import { wireContact, wireMessage, wireUser } from '../fixtures/wire';

const SELF = '@self01';
const ALICE = '@alice';
const key = (n: number) => ({ Count: 1, List: [{ Key: 1, Val: n }] });
const keys = (n: number): SyncState => ({ syncKey: key(n), syncCheckKey: key(n), skey: '@k' });
const batch = (fields: Partial<SyncResponse>) => ({ AddMsgList: [], ModContactList: [], DelContactList: [], ...fields }) as unknown as SyncResponse;

/** A Receiver wired to the real parts it drives: store, journal, saver, runner over a plugin, event hub. */
async function setup(options: { includeSelf?: boolean; retarget?: ReceiverDeps['retarget'] } = {}) {
  const includeSelf = options.includeSelf ?? false;
  const { logger, lines } = captureLogger();
  const state = new MemoryState();
  const store = new MemoryStateStore(state);
  const contacts = new ContactStore();
  contacts.setSelf(wireUser(SELF, 'Bot'));
  contacts.upsertMany([wireContact({ UserName: ALICE, NickName: 'Alice', ContactFlag: 1 })]);
  const sessions = new SessionStore(store);
  const journal = new InboxJournal(store);
  const reconciler = new SendReconciler(store, logger);
  await Promise.all([sessions.load(), journal.load()]);
  const saver = new SessionSaver(store, sessions, journal);
  const handled: string[] = [];
  const plugin = definePlugin({ name: 'probe', includeSelf, setup: (api) => api.use((ctx) => void handled.push(ctx.message.text)) });
  const bot = Object.assign(new FakeBot(), { emit: () => true, listenerCount: () => 0 });
  const pipeline = await createMessagePipeline([plugin()], bot, logger);
  const runner = new MessageRunner({ log: logger, journal, pipeline: () => pipeline, scopedApi: () => bot, forgetOutcomes: () => undefined });
  const emitter = new EventEmitter<BotEvents>();
  const events = new EventHub(emitter, () => pipeline, () => ({ accept: async () => undefined, reject: async () => undefined, ignore: () => undefined }), logger);
  const taps: SyncResponse[] = [];
  const receiver = new Receiver({ contacts, journal, saver, runner, events, log: logger, wantsSelf: () => pipeline.wantsSelf, reconciler, tap: (res) => taps.push(res), ...(options.retarget ? { retarget: options.retarget } : {}) });
  const http = createWebwxHttp({ endpoint: 'http://127.0.0.1:9' });
  const session: LiveSession = { ctx: { http, hosts: deriveHosts('wx.qq.com'), credentials: { uin: 1, sid: 's', skey: '@k', passTicket: 'p' } }, initialSync: keys(1), selfUserName: SELF, inviteStartCount: 40 };
  const view: SessionView = { session, http, mode: 'web', keys: () => keys(1), handledIds: () => receiver.handledIds() };
  const emitted: Message[] = [];
  const done = async () => {
    await runner.idle();
    await store.flush();
  };
  const savedIds = async () => (await new SessionStore(new MemoryStateStore(state)).load())?.handledIds;
  return { lines, state, contacts, journal, runner, emitter, receiver, view, handled, taps, emitted, done, savedIds, listen: () => emitter.on('message', (m) => emitted.push(m)) };
}

describe('Receiver.receive', () => {
  it('journals and saves a batch, then hands its messages to the plugins; a message delivered again is skipped', async () => {
    const t = await setup();
    const m = wireMessage({ FromUserName: ALICE, ToUserName: SELF, Content: 'hi' });
    const res = batch({ AddMsgList: [m] });
    await t.receiver.receive(t.view, res, keys(2));
    // Saved before any handler ran: the journal entry and the ids.
    expect(t.journal.ids()).toEqual([m.MsgId]);
    expect(await t.savedIds()).toEqual([m.MsgId]);
    await t.done();
    expect(t.handled).toEqual(['hi']);
    expect(t.journal.ids()).toEqual([]);
    expect(t.taps).toEqual([res]);

    await t.receiver.receive(t.view, batch({ AddMsgList: [m] }), keys(3));
    await t.done();
    expect(t.handled).toEqual(['hi']);
    expect(t.receiver.handledIds()).toEqual([m.MsgId]);
  });

  it("own echoes are in the dedupe window but go to the plugins only when one asked (includeSelf), and are parsed only for 'message' listeners", async () => {
    const quiet = await setup();
    const echo = wireMessage({ FromUserName: SELF, ToUserName: ALICE, Content: 'sent by me' });
    await quiet.receiver.receive(quiet.view, batch({ AddMsgList: [echo] }), keys(2));
    await quiet.done();
    expect(quiet.handled).toEqual([]);
    expect(quiet.journal.ids()).toEqual([]);
    expect(await quiet.savedIds()).toEqual([echo.MsgId]);
    expect(quiet.taps).toHaveLength(1);

    const listening = await setup();
    listening.listen();
    await listening.receiver.receive(listening.view, batch({ AddMsgList: [{ ...echo }] }), keys(2));
    await listening.done();
    expect(listening.emitted.map((m) => [m.text, m.isSelf])).toEqual([['sent by me', true]]);
    expect(listening.handled).toEqual([]);

    const selfPlugin = await setup({ includeSelf: true });
    await selfPlugin.receiver.receive(selfPlugin.view, batch({ AddMsgList: [{ ...echo }] }), keys(2));
    await selfPlugin.done();
    expect(selfPlugin.handled).toEqual(['sent by me']);
  });

  it('emits contact changes from the batch before it saves, with the store already updated', async () => {
    const t = await setup();
    const seen: Array<[string, string | undefined]> = [];
    t.emitter.on('contact', (e) => seen.push([e.contact.name, t.contacts.contact(ALICE)?.name]));
    const pending = t.receiver.receive(t.view, batch({ ModContactList: [wireContact({ UserName: ALICE, NickName: 'Alicia', ContactFlag: 1 })] }), keys(2));
    expect(seen).toEqual([['Alicia', 'Alicia']]);
    await pending;
  });

  it('restore(): ids saved by an earlier run are recognised', async () => {
    const t = await setup();
    const m = wireMessage({ FromUserName: ALICE, ToUserName: SELF, Content: 'old' });
    t.receiver.restore([m.MsgId]);
    await t.receiver.receive(t.view, batch({ AddMsgList: [m] }), keys(2));
    await t.done();
    expect(t.handled).toEqual([]);
  });

  it('ready() has nothing to wait for while the backlog is short', async () => {
    const t = await setup();
    expect(t.receiver.ready()).toBeUndefined();
  });
});

describe('Receiver.replay', () => {
  const entry = (text: string): JournalEntry => {
    const wire = wireMessage({ FromUserName: ALICE, ToUserName: SELF, Content: text });
    return { id: wire.MsgId, wire, receivedAt: 0 };
  };

  it('after a resume: handles the backlog, recognising the ids from now on, with no message event', async () => {
    const t = await setup();
    t.listen();
    const backlog = [entry('one'), entry('two')];
    await t.receiver.replay(t.view, backlog, 'resume');
    await t.done();
    expect(t.handled).toEqual(['one', 'two']);
    expect(t.emitted).toEqual([]);
    expect(t.receiver.handledIds()).toEqual(backlog.map((e) => e.id));
    await t.receiver.receive(t.view, batch({ AddMsgList: [backlog[0]!.wire] }), keys(2));
    await t.done();
    expect(t.handled).toEqual(['one', 'two']);
  });

  it('after a new login without retargeting: drops the backlog with a warning and marks it done', async () => {
    const t = await setup();
    const backlog = [entry('stale')];
    await t.journal.load();
    await t.receiver.replay(t.view, backlog, 'qr');
    await t.done();
    expect(t.handled).toEqual([]);
    expect(t.lines.some((l) => l.level === 40 && String(l.msg).includes('dropped'))).toBe(true);
  });

  it('after a new login with retargeting: handles what moved, completes what was lost', async () => {
    const moved = entry('moved');
    const lost = entry('lost');
    const t = await setup({ retarget: (backlog) => ({ entries: backlog.filter((e) => e.id === moved.id), lost: [lost.id] }) });
    await t.receiver.replay(t.view, [moved, lost], 'qr');
    await t.done();
    expect(t.handled).toEqual(['moved']);
    expect(t.lines.some((l) => l.lost === 1 && l.messages === 1)).toBe(true);
  });

  it('an empty backlog does nothing', async () => {
    const t = await setup();
    await t.receiver.replay(t.view, [], 'qr');
    expect(t.state.lines).toEqual([]);
  });
});

describe('Receiver with a throwing listener', () => {
  it("a 'message' listener that throws does not keep the batch's messages from the plugins", async () => {
    const t = await setup();
    t.emitter.on('message', () => {
      throw new Error('listener bug');
    });
    const a = wireMessage({ FromUserName: ALICE, ToUserName: SELF, Content: 'first' });
    const b = wireMessage({ FromUserName: ALICE, ToUserName: SELF, Content: 'second' });
    await t.receiver.receive(t.view, batch({ AddMsgList: [a, b] }), keys(2));
    await t.done();
    expect(t.handled).toEqual(['first', 'second']);
    expect(t.lines.filter((l) => l.msg === 'an event listener threw' && l.event === 'message')).toHaveLength(2);
  });
});
