import { startSimulator, type Simulator } from '../../src';
import { api, login, sync, type LoggedIn } from '../helpers';

describe('friend operations', () => {
  let sim: Simulator;
  let me: LoggedIn;
  beforeEach(async () => {
    sim = await startSimulator({ loginPollMs: 100, longPollMs: 100, seed: 9 });
    me = await login(sim);
  });
  afterEach(() => sim.close());

  const request = (name: string, greeting: string) => {
    const userName = sim.state().strangers.find((s) => s.nickName === name)?.userName ?? '';
    return api(sim, me, 'webwxverifyuser', { Opcode: 2, VerifyUserListSize: 1, VerifyUserList: [{ Value: userName, VerifyUserTicket: '' }], VerifyContent: greeting, SceneListCount: 1, SceneList: [33], skey: me.skey });
  };

  it('accepting with nothing pending names the pending requests (none)', () => {
    expect(() => sim.acceptFriendRequest('Mallory')).toThrow(expect.objectContaining({ message: 'no pending friend request to "Mallory"; pending: none', status: 404 }));
  });

  it('accepts the pending request by nickname or wxid; the person becomes a friend with a Status 4 line; others stay pending', async () => {
    await request('Mallory', 'hi M');
    await request('Trent', 'hi T');
    expect(() => sim.acceptFriendRequest('Nobody')).toThrow('no pending friend request to "Nobody"; pending: Mallory, Trent');
    sim.acceptFriendRequest('wxid_trent08');
    const json = await sync(sim, me);
    expect(json['ModContactList'][0]).toMatchObject({ NickName: 'Trent', ContactFlag: 3 });
    expect(json['AddMsgList'][0]).toMatchObject({ MsgType: 10000, Status: 4, Content: '你已添加了Trent，现在可以开始聊天了。' });
    expect(sim.state().friendRequests.outgoing.map((r) => [r.nickName, r.status])).toEqual([['Mallory', 'pending'], ['Trent', 'accepted']]);
    expect(sim.state().friends.some((f) => f.nickName === 'Trent')).toBe(true);
    expect(() => sim.acceptFriendRequest('Trent')).toThrow('no pending friend request to "Trent"; pending: Mallory');
  });
});
