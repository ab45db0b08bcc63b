import { mentionMsgSource } from '@wxbot/protocol';

describe('mentionMsgSource', () => {
  it('lists the mentioned UserNames and the room as the official client does', () => {
    expect(mentionMsgSource(['@a', '@b'], '@@room')).toBe('<msgsource><atusername>@a,@b</atusername><atchatroomname>@@room</atchatroomname></msgsource>');
  });
});
