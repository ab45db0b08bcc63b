import echoDefault, { echo } from '@wxbot/plugin-echo';
import { repliesOf as run } from '../../../packages/core/test/fixtures/harness';
import { FRIEND_ID, GROUP_ID, groupMessage, OFFICIAL_ID, SELF_ID, wireMessage } from '../../../packages/core/test/fixtures/wire';

describe('plugin-echo', () => {
  it('exports the factory as default and named', () => {
    expect(echoDefault).toBe(echo);
    expect(echo.definition.name).toBe('echo');
  });

  it('echoes friends by default, not groups, official accounts or itself', async () => {
    const sent = await run(
      echo(),
      wireMessage({ Content: 'hello &amp; bye' }),
      groupMessage('@Botty\u2005hi'),
      wireMessage({ FromUserName: OFFICIAL_ID }),
      wireMessage({ FromUserName: SELF_ID, ToUserName: FRIEND_ID, Content: 'mine' }),
    );
    expect(sent).toEqual([{ to: FRIEND_ID, text: 'hello & bye' }]);
  });

  it('in groups echoes only mentions, without the mention, with the prefix', async () => {
    const sent = await run(echo({ chats: 'groups', prefix: 'echo: ' }), groupMessage('just talking'), groupMessage('@Botty\u2005say this'), groupMessage('@Bot'), wireMessage());
    expect(sent).toEqual([{ to: GROUP_ID, text: 'echo: say this' }]);
  });

  it('echoes every group message when requireMention is false', async () => {
    const sent = await run(echo({ chats: 'all', requireMention: false }), groupMessage('hi all'), wireMessage({ Content: 'yo' }));
    expect(sent.map((s) => s.text)).toEqual(['hi all', 'yo']);
  });

  it('ignores non-text messages', async () => {
    expect(await run(echo({ chats: 'all' }), wireMessage({ MsgType: 3 }), wireMessage({ MsgType: 47, Content: '' }))).toEqual([]);
  });

  it('rejects bad options with a clear error', async () => {
    await expect(run(echo({ chats: 'everyone' }))).rejects.toThrow('plugin "echo": option "chats" expected one of "all" | "friends" | "groups", got "everyone"');
    await expect(run(echo({ prefx: '>' }))).rejects.toThrow('plugin "echo": options has unknown key(s) "prefx"');
  });
});
