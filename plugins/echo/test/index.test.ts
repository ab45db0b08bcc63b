import echoDefault, { echo } from '@wxbot/plugin-echo';
import { repliesOf as run } from '@wxbot/testkit';

// The demo address book: friends Alice, Bob (remark "Bobby"); group "Dev Team" where the bot is "Bot".
describe('plugin-echo', () => {
  it('exports the factory as default and named', () => {
    expect(echoDefault).toBe(echo);
    expect(echo.definition.name).toBe('echo');
  });

  it('echoes friends by default, not groups, official accounts or itself', async () => {
    const sent = await run(
      echo(),
      'hello & bye',
      { kind: 'text', text: 'hi', from: 'Carol', room: 'Dev Team', mention: true },
      { kind: 'text', text: 'news', from: 'Tech Weekly' },
      { kind: 'self-text', text: 'mine', to: 'Alice' },
    );
    expect(sent).toEqual([{ to: 'Alice', text: 'hello & bye' }]);
  });

  it('in groups echoes only mentions, without the mention, with the prefix', async () => {
    const group = (text: string, mention?: true) => ({ kind: 'text' as const, text, from: 'Carol', room: 'Dev Team', ...(mention ? { mention } : {}) });
    const sent = await run(echo({ chats: 'groups', prefix: 'echo: ' }), group('just talking'), group('say this', true), group('', true), 'hello');
    expect(sent).toEqual([{ to: 'Dev Team', text: 'echo: say this' }]);
  });

  it('echoes every group message when requireMention is false', async () => {
    const sent = await run(echo({ chats: 'all', requireMention: false }), { kind: 'text', text: 'hi all', from: 'Bob', room: 'Family' }, 'yo');
    expect(sent.map((s) => s.text)).toEqual(['hi all', 'yo']);
  });

  it('ignores non-text messages', async () => {
    expect(await run(echo({ chats: 'all' }), { kind: 'image' }, { kind: 'emoticon' })).toEqual([]);
  });

  it('rejects bad options with a clear error', async () => {
    // @ts-expect-error -- also a compile error; this checks the run-time one a JS config gets
    await expect(run(echo({ chats: 'everyone' }))).rejects.toThrow('plugin "echo": option "chats" expected one of "all" | "friends" | "groups", got "everyone"');
    // @ts-expect-error -- also a compile error; this checks the run-time one a JS config gets
    await expect(run(echo({ prefx: '>' }))).rejects.toThrow('plugin "echo": options has unknown key(s) "prefx"');
  });
});
