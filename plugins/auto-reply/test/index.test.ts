import autoReplyDefault, { autoReply } from '@wxbot/plugin-auto-reply';
import type { PluginEntry } from '@wxbot/core';
import { createTestBot, type Incoming, type TestBot } from '@wxbot/testkit';

// The demo address book: friend Alice; group "Dev Team" (Carol is a member); official account "Tech Weekly".
const friendText: Incoming = { kind: 'text', text: 'hello', from: 'Alice' };
const groupMessage = (text: string, mention?: true): Incoming => ({ kind: 'text', text, from: 'Carol', room: 'Dev Team', ...(mention ? { mention } : {}) });
const wireMessage = (): Incoming => friendText;

const open: TestBot[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((bot) => bot.close()));
});

/** A test bot whose `receive` takes several messages and returns all their replies (closed after each test). */
async function pluginHarness(plugins: PluginEntry[]) {
  const bot: TestBot = await createTestBot({ plugins });
  open.push(bot);
  return {
    async receive(...inputs: Incoming[]) {
      const out = [];
      for (const input of inputs) out.push(...(await bot.receive(input)));
      return out;
    },
  };
}

const MIN = 60_000;
/** Monday 2024-01-01 00:00 UTC. */
const MONDAY = Date.UTC(2024, 0, 1);

function clock(start = MONDAY) {
  const c = { t: start, now: () => c.t, advance: (ms: number) => void (c.t += ms) };
  return c;
}

describe('plugin-auto-reply', () => {
  it('exports the factory as default and named', () => {
    expect(autoReplyDefault).toBe(autoReply);
  });

  it('stays silent when not away, not scheduled and no chat listed', async () => {
    const h = await pluginHarness([autoReply()]);
    expect(await h.receive(wireMessage())).toEqual([]);
  });

  it('answers once per chat per cooldown, with an injected clock', async () => {
    const c = clock();
    const h = await pluginHarness([autoReply({ away: true, message: 'away', cooldownMs: 10 * MIN, now: c.now })]);
    expect(await h.receive(wireMessage())).toEqual([{ to: 'Alice', text: 'away' }]);
    c.advance(9 * MIN);
    expect(await h.receive(wireMessage())).toEqual([]);
    expect(await h.receive(groupMessage('are you there?', true))).toEqual([{ to: 'Dev Team', text: 'away' }]);
    c.advance(MIN);
    expect(await h.receive(wireMessage())).toEqual([{ to: 'Alice', text: 'away' }]);
  });

  it('uses the default 10 minute cooldown', async () => {
    const c = clock();
    const h = await pluginHarness([autoReply({ away: true, now: c.now })]);
    await h.receive(wireMessage());
    c.advance(10 * MIN - 1);
    expect(await h.receive(wireMessage())).toEqual([]);
    c.advance(1);
    expect((await h.receive(wireMessage()))[0]?.text).toBe("I'm away right now and will answer later.");
  });

  it('in groups answers only mentions, unless the group is listed; ignores notices and official accounts', async () => {
    const c = clock();
    const away = await pluginHarness([autoReply({ away: true, now: c.now })]);
    expect(
      await away.receive(
        groupMessage('chatting'),
        { kind: 'system', text: '收到红包，请在手机上查看', from: 'Alice' },
        { kind: 'text', text: 'news', from: 'Tech Weekly' },
      ),
    ).toEqual([]);
    const listed = await pluginHarness([autoReply({ chats: ['Dev Team'], message: 'team away', now: c.now })]);
    expect(await listed.receive(groupMessage('chatting'), wireMessage())).toEqual([{ to: 'Dev Team', text: 'team away' }]);
  });

  it('lists friends by remark or nickname', async () => {
    const byNick = await pluginHarness([autoReply({ chats: ['Alice'], now: clock().now })]);
    expect(await byNick.receive(wireMessage())).toHaveLength(1);
  });

  it('answers inside schedule windows only, in the given time zone', async () => {
    const c = clock(MONDAY + 8 * 60 * MIN); // Monday 08:00 UTC = 16:00 Shanghai
    const h = await pluginHarness([
      autoReply({ schedule: [{ days: [1, 2, 3, 4, 5], from: '18:00', to: '09:00' }], timeZone: 'Asia/Shanghai', cooldownMs: 0, now: c.now }),
    ]);
    expect(await h.receive(wireMessage())).toEqual([]);
    c.advance(2 * 60 * MIN); // 18:00 Shanghai
    expect(await h.receive(wireMessage())).toHaveLength(1);
  });

  it('lets the other plugins run first and does not stop them', async () => {
    const h = await pluginHarness([
      autoReply({ away: true, message: 'away', now: clock().now }),
      { name: 'answer', setup: (api) => api.use(() => 'answer') },
    ]);
    expect((await h.receive(wireMessage())).map((s) => s.text)).toEqual(['answer', 'away']);
  });

  it('rejects bad options with clear messages', async () => {
    await expect(pluginHarness([autoReply({ schedule: [{ from: '9:00', to: '17:00' }] })])).rejects.toThrow(
      'plugin "auto-reply": option "schedule.0.from" expected a time "HH:MM" (00:00-23:59), got "9:00"',
    );
    await expect(pluginHarness([autoReply({ timeZone: 'Mars/Olympus' })])).rejects.toThrow(/option "timeZone" expected an IANA time zone/);
    await expect(pluginHarness([autoReply({ cooldownMs: -1 })])).rejects.toThrow(/option "cooldownMs" .*got -1/);
    // @ts-expect-error -- also a compile error; this checks the run-time one a JS config gets
    await expect(pluginHarness([autoReply({ now: 5 })])).rejects.toThrow('option "now" expected a function returning epoch milliseconds, got 5');
  });
});
