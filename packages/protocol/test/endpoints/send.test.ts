import { mentionMsgSource, sendText } from '@wxbot/protocol';
import { jsonWireServer } from '../helpers/json-wire';

describe('mentionMsgSource', () => {
  it('lists the mentioned UserNames and the room as the official client does', () => {
    expect(mentionMsgSource(['@a', '@b'], '@@room')).toBe('<msgsource><atusername>@a,@b</atusername><atchatroomname>@@room</atchatroomname></msgsource>');
  });
});

describe('send requests on the wire', () => {
  const wire = jsonWireServer();

  it('sendText carries an @-mention MsgSource', async () => {
    await sendText(wire.ctx, { from: '@me', to: '@@room', content: '@Alice\u2005hi', msgSource: mentionMsgSource(['@alice'], '@@room') });
    expect(wire.msg()).toMatchObject({ Type: 1, MsgSource: '<msgsource><atusername>@alice</atusername><atchatroomname>@@room</atchatroomname></msgsource>' });
  });
});
