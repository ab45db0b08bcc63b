import { acceptFriendRequest, sendFriendRequest, setPinned, setRemarkName } from '@wxbot/protocol';
import { jsonWireServer } from '../helpers/json-wire';

describe('contact-ops requests on the wire', () => {
  const wire = jsonWireServer();

  it('setRemarkName is CmdId 2; setPinned is CmdId 3 with OP and always the current RemarkName', async () => {
    wire.answer = { BaseResponse: { Ret: 0, ErrMsg: '' } };
    await setRemarkName(wire.ctx, '@alice', 'Al');
    expect(wire.last().url.pathname).toBe('/cgi-bin/mmwebwx-bin/webwxoplog');
    expect(wire.last().json).toMatchObject({ CmdId: 2, RemarkName: 'Al', UserName: '@alice' });
    await setPinned(wire.ctx, '@alice', true, 'Al');
    expect(wire.last().json).toMatchObject({ CmdId: 3, OP: 1, RemarkName: 'Al', UserName: '@alice' });
    await setPinned(wire.ctx, '@bob', false, '');
    expect(wire.last().json).toMatchObject({ CmdId: 3, OP: 0, RemarkName: '', UserName: '@bob' });
    await expect(setPinned(wire.ctx, '@bob', true, undefined as unknown as string)).rejects.toThrow(/current remark/);
  });

  it('verifyUser: accept is Opcode 3 with the ticket, a request is Opcode 2 with the greeting; SceneList [33] and skey', async () => {
    wire.answer = { BaseResponse: { Ret: 0, ErrMsg: '' } };
    await acceptFriendRequest(wire.ctx, { userName: '@stranger', ticket: 'v2_abc@stranger' });
    expect(wire.last().url.pathname).toBe('/cgi-bin/mmwebwx-bin/webwxverifyuser');
    expect(wire.last().json).toMatchObject({
      Opcode: 3, VerifyUserListSize: 1, VerifyUserList: [{ Value: '@stranger', VerifyUserTicket: 'v2_abc@stranger' }],
      VerifyContent: '', SceneListCount: 1, SceneList: [33], skey: '@crypt_sk',
    });
    await sendFriendRequest(wire.ctx, { userName: '@member', greeting: 'hi, from the group' });
    expect(wire.last().json).toMatchObject({ Opcode: 2, VerifyUserList: [{ Value: '@member', VerifyUserTicket: '' }], VerifyContent: 'hi, from the group' });
    await expect(acceptFriendRequest(wire.ctx, { userName: '@s', ticket: '' })).rejects.toThrow(/Ticket/);
  });
});
