import pino from 'pino';
import { EXECUTORS, registerActionKinds, submitTo } from '../../src/bot/action-kinds';
import { ReliableOutbox } from '../../src/outbox/reliable-outbox';

const log = pino({ level: 'silent' });

describe('action kinds', () => {
  it('registers every kind of the table once, in one place', () => {
    const outbox = new ReliableOutbox({ log, persist: false });
    registerActionKinds(outbox);
    expect(Object.keys(EXECUTORS).sort()).toEqual(
      ['add-members', 'create-room', 'pin', 'quit-room', 'remark', 'remove-members', 'rename-room', 'revoke', 'send-emoticon', 'send-file', 'send-image', 'send-video', 'text', 'verify-user', 'send-link', 'forward'].sort(),
    );
    expect(() => registerActionKinds(outbox)).toThrow(expect.objectContaining({ code: 'WXBOT_OUTBOX_KIND_TWICE', message: expect.stringContaining('"text"') }));
  });

  it('refuses a submit of a kind nobody registered, naming the known kinds', async () => {
    const outbox = new ReliableOutbox({ log, persist: false });
    outbox.register('text', async () => 'ok');
    await expect(outbox.submit({ kind: 'fax', key: '@a', payload: {} })).rejects.toMatchObject({ code: 'WXBOT_OUTBOX_UNKNOWN_KIND', message: expect.stringContaining('known kinds: text') });
  });

  it('a scoped Submit gives each action the next idempotency key; a second run of the same scope gets the first outcomes', async () => {
    const outbox = new ReliableOutbox({ log, persist: false, limits: false });
    const sent: string[] = [];
    outbox.register('text', async (_ctx, p: { to: string; text: string }) => {
      sent.push(p.text);
      return { msgId: String(sent.length) };
    });
    const controller = new AbortController();
    outbox.resume(() => ({ session: {} as never, selfUserName: '@self', signal: controller.signal }));
    const run = async (): Promise<unknown[]> => {
      let n = 0;
      const submit = submitTo(outbox, { key: () => `msg:1#${n++}` });
      return [await submit({ kind: 'text', key: '@a', payload: { to: '@a', text: 'one' } }), await submit({ kind: 'text', key: '@a', payload: { to: '@a', text: 'two' } })];
    };
    const first = await run();
    const again = await run();
    expect(sent).toEqual(['one', 'two']);
    expect(again).toEqual(first);
    controller.abort();
    await outbox.close();
  });
});
