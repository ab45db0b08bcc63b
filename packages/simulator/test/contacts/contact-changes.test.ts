import { startSimulator, type Simulator } from '../../src';
import { login, sync, type LoggedIn } from '../helpers';

describe('contact changes pushed to the logged-in client', () => {
  let sim: Simulator;
  let me: LoggedIn;
  beforeEach(async () => {
    sim = await startSimulator({ loginPollMs: 100, longPollMs: 100, seed: 5 });
    me = await login(sim);
  });
  afterEach(() => sim.close());

  it('touchContact re-publishes a friend or a full group in ModContactList; an unknown name is a 404 SimulatorError', async () => {
    sim.touchContact('Bobby');
    sim.touchContact('Family');
    const json = await sync(sim, me);
    const mods = json['ModContactList'] as Array<Record<string, any>>;
    expect(mods.map((c) => c['NickName'])).toEqual(['Bob', 'Family']);
    expect(mods[1]?.['MemberList']).toHaveLength(4);
    expect(mods[1]?.['ChatRoomOwner']).toBe(sim.state().friends.find((f) => f.nickName === 'Alice')?.userName);
    expect(() => sim.touchContact('Nobody')).toThrow(expect.objectContaining({ message: 'unknown contact or group "Nobody"', status: 404 }));
  });

  it('renameGroup: the group with its new topic, then the 10000 line worded for the actor', async () => {
    sim.renameGroup('Family', 'Home');
    sim.renameGroup('Home', 'Home 2', 'Alice');
    const json = await sync(sim, me);
    expect((json['ModContactList'] as Array<{ NickName: string }>).map((c) => c.NickName)).toEqual(['Home', 'Home 2']);
    expect((json['AddMsgList'] as Array<{ MsgType: number; Content: string }>).map((m) => [m.MsgType, m.Content])).toEqual([
      [10000, '你修改群名为“Home”'],
      [10000, '&quot;Alice&quot;修改群名为“Home 2”'], // text is entity-escaped on the wire
    ]);
    expect(sim.state().groups.map((g) => g.topic)).toContain('Home 2');
    expect(() => sim.renameGroup('Nope', 'x')).toThrow(/^unknown group "Nope"; known groups: /);
    expect(() => sim.renameGroup('Home 2', '')).toThrow('the new topic must be a non-empty string');
  });

  it('renameSelf: a Profile with the new nickname (emoji as spans); an empty one is refused', async () => {
    sim.renameSelf('bot 🤖');
    const json = await sync(sim, me);
    expect(json['Profile']).toMatchObject({ BitFlag: 190, NickName: { Buff: 'bot <span class="emoji emoji1f916"></span>' } });
    expect(() => sim.renameSelf('')).toThrow('the new nickname must be a non-empty string');
  });
});
