import pino from 'pino';
import type { SessionContext } from '@wxbot/protocol';
import { ContactStore } from '../../src/contacts/contact-store';
import { DRY_RUN_KEEP, DryRunLog, registerDryRunKinds } from '../../src/bot/dry-run';
import { EXECUTORS } from '../../src/bot/action-kinds';
import { ReliableOutbox } from '../../src/outbox/reliable-outbox';
import type { ExecutorContext } from '../../src/outbox/types';

// The dry-run seam: executors that record instead of calling the server. (The process test
// start-dry-run.process.test.ts shows the same over HTTP: the simulator receives nothing.)

function setup() {
  const lines: Array<{ msg: string }> = [];
  const log = pino({ level: 'info' }, { write: (l: string) => void lines.push(JSON.parse(l)) });
  const contacts = new ContactStore();
  contacts.setSelf({ UserName: '@me', NickName: 'wxbot' } as never);
  contacts.upsert({ UserName: '@alice', NickName: 'Alice', RemarkName: '', ContactFlag: 3, VerifyFlag: 0 } as never);
  const dry = new DryRunLog(contacts, log);
  const outbox = new ReliableOutbox({ log, persist: false, limits: false });
  registerDryRunKinds(outbox, dry);
  // No session at all: a call to the server could not even be made.
  outbox.resume((): ExecutorContext => ({ session: {} as SessionContext, selfUserName: '@me', signal: new AbortController().signal }));
  return { dry, outbox, lines };
}

describe('dry run', () => {
  it('records every kind instead of sending, resolving like a send', async () => {
    const { dry, outbox, lines } = setup();
    const sent = await outbox.submit<{ msgId: string; to: string }>({ kind: 'text', key: '@alice', payload: { to: '@alice', text: 'pong' } });
    expect(sent).toMatchObject({ msgId: 'dry-run-1', to: '@alice' });
    await outbox.submit({ kind: 'send-image', key: '@alice', payload: { to: '@alice', path: '/tmp/x/cat.png', name: 'cat.png', size: 3 } });
    await outbox.submit({ kind: 'verify-user', key: '@zed', payload: { opcode: 3, userName: '@zed', ticket: 'v2_secret@stranger', content: '' } });
    const room = await outbox.submit<{ chatRoomName: string }>({ kind: 'create-room', key: 'create', payload: { userNames: ['@alice', '@bob'], topic: 'Team' } });
    expect(room.chatRoomName).toMatch(/^@@dry-run-/);
    expect(dry.actions.map(({ at: _at, ...a }) => a)).toEqual([
      { kind: 'text', to: '@alice', toName: 'Alice', text: 'pong' },
      { kind: 'send-image', to: '@alice', toName: 'Alice', file: 'cat.png' },
      { kind: 'verify-user', to: '@zed', toName: '', details: { opcode: 3, content: '' } },
      { kind: 'create-room', to: '', toName: '', details: { userNames: ['@alice', '@bob'], topic: 'Team' } },
    ]);
    expect(lines.map((l) => l.msg)).toContain('dry-run: would text -> Alice: pong');
    // A ticket never reaches the log or the kept actions.
    expect(JSON.stringify([lines, dry.actions])).not.toContain('v2_secret');
    await outbox.close();
  });

  it('covers every action kind, and keeps the last DRY_RUN_KEEP', async () => {
    const { dry, outbox } = setup();
    for (const kind of Object.keys(EXECUTORS)) await outbox.submit({ kind, key: '@alice', payload: { to: '@alice' } });
    expect(dry.actions.map((a) => a.kind)).toEqual(Object.keys(EXECUTORS));
    for (let i = 0; i < DRY_RUN_KEEP; i++) dry.record('text', { to: '@alice', text: `n${i}` });
    expect(dry.actions).toHaveLength(DRY_RUN_KEEP);
    expect(dry.total).toBe(DRY_RUN_KEEP + Object.keys(EXECUTORS).length);
    expect(dry.actions.at(-1)?.text).toBe(`n${DRY_RUN_KEEP - 1}`);
    await outbox.close();
  });
});
