import { parseStatus } from '../../src/message/parse-status';
import { wireMessage } from '../fixtures/wire';

describe('parseStatus', () => {
  it('reads the code, the session UserNames and the stable ids from <op><username>', () => {
    const xml = '<msg><op id="4"><username>wxid_a, filehelper,,wxid_b</username><unreadchatlist><chat></chat></unreadchatlist></op></msg>';
    const wire = wireMessage({ MsgType: 51, StatusNotifyCode: 4, StatusNotifyUserName: '@a,filehelper, @b ,' });
    expect(parseStatus(xml, wire)).toEqual({ code: 4, userNames: ['@a', 'filehelper', '@b'], stableIds: ['wxid_a', 'filehelper', 'wxid_b'] });
  });

  it('empty Content (browsing history) gives no stable ids; missing wire fields give 0 and none', () => {
    const wire = { ...wireMessage({ MsgType: 51 }), StatusNotifyCode: undefined, StatusNotifyUserName: undefined } as unknown as ReturnType<typeof wireMessage>;
    expect(parseStatus('', wire)).toEqual({ code: 0, userNames: [], stableIds: [] });
    expect(parseStatus('<msg><op', wireMessage({ StatusNotifyCode: 2, StatusNotifyUserName: '@x' }))).toEqual({ code: 2, userNames: ['@x'], stableIds: [] });
  });
});
