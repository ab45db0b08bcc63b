import pino from 'pino';
import type { SessionContext, WireMessage } from '@wxbot/protocol';
import { Retargeter, rewriteUserNames, type UnresolvedPolicy } from '../../src/bot/retarget';
import { IdentityIndex } from '../../src/contacts/identity-index';
import { groupSource, personSource, type IdentitySource } from '../../src/contacts/identity-match';
import type { UnresolvedItemEvent } from '../../src/events/bot-events';
import { ReliableOutbox } from '../../src/outbox/reliable-outbox';
import { replayOutbox } from '../../src/outbox/outbox-store';
import type { ExecutorContext } from '../../src/outbox/types';
import type { JournalEntry } from '../../src/storage/journal';
import { MemoryState, MemoryStateStore } from '../../src/storage/memory-store';

// Re-addressing after a new login: queued actions, new submits and journalled messages move from
// the earlier session's UserNames to the new ones; what cannot move is reported, item by item.

const log = pino({ level: 'silent' });
const hex = (n: number, len: number): string => n.toString(16).padStart(len, '0');
let serial = 100;
const u = (): string => `@${hex(++serial, 32)}`;
const room = (): string => `@@${hex(++serial, 64)}`;

const friend = (nick: string, userName: string): IdentitySource =>
  personSource({ id: userName, remarkName: '', nickName: nick, alias: '', sex: 1, province: '', city: '', avatarPath: '', name: nick }, false);
const self = (userName: string): IdentitySource => personSource({ id: userName, remarkName: '', nickName: 'bot', alias: '', sex: 0, province: '', city: '', avatarPath: '', name: 'bot' }, true);
const family = (userName: string): IdentitySource => groupSource({ id: userName, topic: 'Family', name: 'Family', members: [{ nickName: 'Alice' }, { nickName: 'Carol' }] });

/** Two logins: Alice, Carol and Family in both; Bob only in the first. */
async function twoLogins() {
  const old = { self: u(), alice: u(), bob: u(), carol: u(), family: room() };
  const now = { self: u(), alice: u(), carol: u(), family: room() };
  const index = new IdentityIndex();
  await index.bindSession([self(old.self), friend('Alice', old.alice), friend('Bob', old.bob), friend('Carol', old.carol), family(old.family)]);
  index.endSession();
  const next = () => index.bindSession([self(now.self), friend('Alice', now.alice), friend('Carol', now.carol), family(now.family)]);
  return { index, old, now, next };
}

function retargeter(index: IdentityIndex, policy: UnresolvedPolicy = 'fail') {
  const events: UnresolvedItemEvent[] = [];
  return { events, retarget: new Retargeter({ identities: index, log, policy, report: (e) => events.push(e) }) };
}

describe('rewriteUserNames', () => {
  it('replaces earlier UserNames anywhere in a payload, leaves texts alone, and names what it cannot move', async () => {
    const { index, old, now, next } = await twoLogins();
    await next();
    const payload = { room: old.family, userNames: [old.alice, old.bob], text: `@${old.alice} hi`, to: 'filehelper' };
    const { value, missing } = rewriteUserNames(payload, index);
    expect(value).toEqual({ room: now.family, userNames: [now.alice, old.bob], text: `@${old.alice} hi`, to: 'filehelper' });
    expect(missing).toEqual([{ reason: 'absent', stableId: index.list().find((r) => r.n === 'Bob')?.id, name: 'Bob', userName: old.bob }]);
    const same = { to: now.alice, text: 'x' };
    expect(rewriteUserNames(same, index).value).toBe(same);
  });
});

describe('Retargeter', () => {
  const ctx = (signal = new AbortController().signal): ExecutorContext => ({ session: {} as SessionContext, selfUserName: '@self', signal });

  async function queuedOutbox(policy: UnresolvedPolicy) {
    const logins = await twoLogins();
    const state = new MemoryState();
    const outbox = new ReliableOutbox({ log, stateLog: new MemoryStateStore(state), limits: false });
    const sent: Array<{ to: string; text: string }> = [];
    outbox.register('text', async (_c, p: { to: string; text: string }) => {
      sent.push(p);
      return { msgId: String(sent.length) };
    });
    await outbox.load();
    // Queued during the first login, not sent yet (the outbox is paused until the new login).
    const toAlice = outbox.submit({ kind: 'text', key: logins.old.alice, payload: { to: logins.old.alice, text: 'for alice' } });
    const toBob = outbox.submit({ kind: 'text', key: logins.old.bob, payload: { to: logins.old.bob, text: 'for bob' } });
    const toFamily = outbox.submit({ kind: 'text', key: logins.old.family, payload: { to: logins.old.family, text: 'for family' } });
    toBob.catch(() => undefined);
    await logins.next();
    return { ...logins, state, outbox, sent, toAlice, toBob, toFamily, ...retargeter(logins.index, policy) };
  }

  it("re-addresses queued actions (persisted), and fails what cannot move under 'fail', reporting it", async () => {
    const t = await queuedOutbox('fail');
    await t.retarget.queued(t.outbox);
    t.outbox.resume(() => ctx());
    await expect(t.toBob).rejects.toMatchObject({ code: 'WXBOT_CONTACT_UNRESOLVED', details: { reason: 'absent', name: 'Bob' } });
    await Promise.all([t.toAlice, t.toFamily]);
    expect(t.sent).toEqual([{ to: t.now.alice, text: 'for alice' }, { to: t.now.family, text: 'for family' }]);
    expect(t.events).toEqual([expect.objectContaining({ item: 'action', kind: 'text', userName: t.old.bob, name: 'Bob', reason: 'absent', outcome: 'failed' })]);
  });

  it("holds what cannot move under 'keep': queued, unsent, in the store with its new address for the rest", async () => {
    const t = await queuedOutbox('keep');
    await t.retarget.queued(t.outbox);
    // Before anything is sent, a restart would find the re-addressed payloads.
    const saved = replayOutbox(t.state.lines.filter((l) => l.section === 'outbox').map((l) => JSON.parse(l.json) as unknown));
    expect(saved.queue.map((a) => a.key)).toEqual([t.now.alice, t.old.bob, t.now.family]);
    t.outbox.resume(() => ctx());
    await Promise.all([t.toAlice, t.toFamily]);
    expect(t.sent.map((s) => s.text)).toEqual(['for alice', 'for family']);
    expect(t.outbox.inspect().queued.map((q) => q.key)).toEqual([t.old.bob]);
    expect(t.events).toEqual([expect.objectContaining({ item: 'action', userName: t.old.bob, outcome: 'kept' })]);
  });

  it('re-addresses new submits of a handler still on the earlier session, and rejects one to a lost chat', async () => {
    const { index, old, now, next } = await twoLogins();
    await next();
    const submitted: unknown[] = [];
    const inner = { register: () => undefined, resume: () => undefined, pause: () => undefined, drain: async () => 0, submit: async (a: unknown) => (submitted.push(a), 'ok') };
    const outbox = retargeter(index).retarget.wrap(inner as never);
    await outbox.submit({ kind: 'text', key: old.alice, payload: { to: old.alice, text: 'hi' } });
    await outbox.submit({ kind: 'verify-user', key: 'x', payload: { userName: u() } });
    await expect(outbox.submit({ kind: 'text', key: old.bob, payload: { to: old.bob, text: 'hi' } })).rejects.toMatchObject({ code: 'WXBOT_CONTACT_UNRESOLVED' });
    expect(submitted).toEqual([{ kind: 'text', key: now.alice, payload: { to: now.alice, text: 'hi' } }, expect.objectContaining({ kind: 'verify-user' })]);
  });

  it('walks no submit while no earlier UserName is in play (first login, resumed session); after a re-login it re-addresses again', async () => {
    const submitted: unknown[] = [];
    const inner = { register: () => undefined, resume: () => undefined, pause: () => undefined, drain: async () => 0, submit: async (a: unknown) => (submitted.push(a), 'ok') };
    // A payload that counts its reads: the walk reads every field.
    let reads = 0;
    const watched = (to: string) => new Proxy({ to, text: 'hi' }, { get: (t, k) => ((reads += 1), Reflect.get(t, k)), ownKeys: (t) => ((reads += 1), Reflect.ownKeys(t)) });
    const first = { self: u(), alice: u() };
    const index = new IdentityIndex();
    const outbox = retargeter(index).retarget.wrap(inner as never);
    await index.bindSession([self(first.self), friend('Alice', first.alice)]);
    expect(index.hasEarlierNames).toBe(false);
    const firstAction = { kind: 'text', key: first.alice, payload: watched(first.alice) };
    await outbox.submit(firstAction);
    // The same session resumed after a restart: its UserNames are this session's again.
    index.endSession();
    await index.bindSession([self(first.self), friend('Alice', first.alice)]);
    expect(index.hasEarlierNames).toBe(false);
    await outbox.submit({ kind: 'text', key: first.alice, payload: watched(first.alice) });
    expect(reads).toBe(0);
    expect(submitted[0]).toBe(firstAction);
    // A new login with new UserNames: a handler still on the earlier one is re-addressed.
    const now = { self: u(), alice: u() };
    index.endSession();
    await index.bindSession([self(now.self), friend('Alice', now.alice)]);
    expect(index.hasEarlierNames).toBe(true);
    await outbox.submit({ kind: 'text', key: first.alice, payload: { to: first.alice, text: 'hi' } });
    expect(submitted[2]).toEqual({ kind: 'text', key: now.alice, payload: { to: now.alice, text: 'hi' } });
  });

  it('re-addresses journalled messages (chat, sender prefix, self) and drops, reporting, those of a lost chat', async () => {
    const { index, old, now, next } = await twoLogins();
    await next();
    const entry = (id: string, wire: Partial<WireMessage>): JournalEntry => ({ id, receivedAt: 0, wire: { MsgId: id, MsgType: 1, CreateTime: 1, ...wire } as WireMessage });
    const { events, retarget } = retargeter(index);
    const { entries, lost } = retarget.messages([
      entry('1', { FromUserName: old.alice, ToUserName: old.self, Content: 'hello' }),
      entry('2', { FromUserName: old.family, ToUserName: old.self, Content: `${old.carol}:<br/>hi all` }),
      entry('3', { FromUserName: old.bob, ToUserName: old.self, Content: 'gone' }),
    ]);
    expect(entries.map((e) => [e.wire.FromUserName, e.wire.ToUserName, e.wire.Content])).toEqual([
      [now.alice, now.self, 'hello'],
      [now.family, now.self, `${now.carol}:<br/>hi all`],
    ]);
    expect(lost).toEqual(['3']);
    expect(events).toEqual([expect.objectContaining({ item: 'message', id: '3', name: 'Bob', reason: 'absent', outcome: 'dropped' })]);
  });
});
