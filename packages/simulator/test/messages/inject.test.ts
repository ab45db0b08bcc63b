import { startSimulator, type Simulator } from '../../src';
import { login, sync, type LoggedIn } from '../helpers';

describe('injected messages', () => {
  let sim: Simulator;
  let me: LoggedIn;
  beforeEach(async () => {
    sim = await startSimulator({ loginPollMs: 200, longPollMs: 200, seed: 13 });
    me = await login(sim);
  });
  afterEach(() => sim.close());

  const only = async (): Promise<Record<string, any>> => {
    const json = await sync(sim, me);
    expect(json['AddMsgCount']).toBe(1);
    return json['AddMsgList'][0];
  };
  const user = (name: string) => [...sim.state().friends, ...sim.state().strangers].find((p) => p.nickName === name)?.userName;
  const room = (topic: string) => sim.state().groups.find((g) => g.topic === topic)?.userName;

  it('group text carries the @sender:<br/> prefix and mentions use U+2005', async () => {
    sim.inject({ kind: 'text', from: 'Mallory', room: 'Dev Team', text: 'ping', mention: true });
    const msg = await only();
    expect(msg.FromUserName).toBe(room('Dev Team'));
    expect(msg.ToUserName).toBe(me.userName);
    expect(msg.Content).toBe(`${user('Mallory')}:<br/>@Bot\u2005ping`);
  });

  it('messages sent from the phone have FromUserName self and no prefix', async () => {
    sim.inject({ kind: 'self-text', to: 'Family', room: 'Family', text: 'from phone' });
    const msg = await only();
    expect(msg).toMatchObject({ FromUserName: me.userName, ToUserName: room('Family'), Content: 'from phone' });
  });

  it('system 10000 lines have no prefix', async () => {
    sim.inject({ kind: 'system', room: 'Family', text: '"Alice"邀请"Bob"加入了群聊' });
    const msg = await only();
    expect(msg).toMatchObject({ MsgType: 10000, FromUserName: room('Family'), Content: '&quot;Alice&quot;邀请&quot;Bob&quot;加入了群聊' });
  });

  it('friend requests come from fmessage with RecommendInfo and escaped XML', async () => {
    sim.inject({ kind: 'friend-request', nickName: 'Zed', greeting: 'I am "Zed"' });
    const msg = await only();
    expect(msg.FromUserName).toBe('fmessage');
    expect(msg.MsgType).toBe(37);
    expect(msg.RecommendInfo).toMatchObject({ NickName: 'Zed', Content: 'I am "Zed"', OpCode: 2, Scene: 14 });
    expect(msg.RecommendInfo.UserName).toMatch(/^@[0-9a-f]{64}$/);
    expect(msg.RecommendInfo.Ticket).toMatch(/^v2_[0-9a-f]+@stranger$/);
    expect(msg.Content).toMatch(/^&lt;msg fromusername="wxid_/);
    expect(msg.Content).toContain('content="I am &amp;quot;Zed&amp;quot;"');
  });

  it('duplicates deliver the same MsgId twice', async () => {
    const { msgId } = sim.injectText({ from: 'Alice', text: 'dup' });
    sim.inject({ kind: 'duplicate', msgId });
    const json = await sync(sim, me);
    expect(json['AddMsgList'].map((m: { MsgId: string }) => m.MsgId)).toEqual([msgId, msgId]);
  });

  it('media, app, card, location and recall entries look real', async () => {
    sim.inject({ kind: 'image', from: 'Alice' });
    sim.inject({ kind: 'voice', from: 'Alice', durationMs: 2000 });
    sim.inject({ kind: 'video', from: 'Alice', seconds: 7 });
    sim.inject({ kind: 'emoticon', from: 'Alice', store: true });
    sim.inject({ kind: 'link', from: 'Alice', title: 'A & B', url: 'https://example.com/?a=1&b=2' });
    sim.inject({ kind: 'file', from: 'Alice', room: 'Family', fileName: 'report.pdf', size: 1234 });
    sim.inject({ kind: 'card', from: 'Alice', card: 'Tech Weekly' });
    sim.inject({ kind: 'location', from: 'Alice', address: '深圳湾' });
    const { msgId } = sim.injectText({ from: 'Alice', text: 'oops' });
    sim.inject({ kind: 'recall', from: 'Alice', msgId });
    const list: Array<Record<string, any>> = (await sync(sim, me))['AddMsgList'];
    const [image, voice, video, emoticon, link, file, card, location, , recall] = list;
    expect(image).toMatchObject({ MsgType: 3, ImgStatus: 2, ImgWidth: 640 });
    expect(voice).toMatchObject({ MsgType: 34, VoiceLength: 2000 });
    expect(video?.Content).toMatch(/^@[0-9a-f]+$/);
    expect(video).toMatchObject({ MsgType: 43, PlayLength: 7 });
    expect(emoticon).toMatchObject({ MsgType: 47, HasProductId: 1, Content: '' });
    expect(link).toMatchObject({ MsgType: 49, AppMsgType: 5, FileName: 'A &amp; B', Url: 'https://example.com/?a=1&b=2' });
    expect(file).toMatchObject({ MsgType: 49, AppMsgType: 6, FileName: 'report.pdf', FileSize: '1234', EncryFileName: 'report.pdf' });
    expect(file?.MediaId).toMatch(/^@crypt_/);
    expect(file?.Content).toMatch(new RegExp(`^${user('Alice')}:<br/>&lt;msg&gt;&lt;appmsg`));
    expect(card).toMatchObject({ MsgType: 42, RecommendInfo: { NickName: 'Tech Weekly', VerifyFlag: 24 } });
    expect(location).toMatchObject({ MsgType: 1, SubMsgType: 48 });
    expect(location?.Content).toMatch(/^深圳湾:<br\/>\/cgi-bin\/mmwebwx-bin\/webwxgetpubliclinkimg\?url=xxx&msgid=\d+&pictype=location$/);
    expect(location?.Url).toMatch(/^http:\/\/apis\.map\.qq\.com\/uri\/v1\/geocoder\?coord=/);
    expect(recall).toMatchObject({ MsgType: 10002, Status: 4 });
    expect(recall?.Content).toContain(`&lt;msgid&gt;${msgId}&lt;/msgid&gt;`);
    expect(Object.keys(image ?? {})).toHaveLength(28);
  });

  it('rejects unknown names with the known ones', () => {
    expect(() => sim.injectText({ from: 'Nobody', text: 'x' })).toThrow(/unknown contact "Nobody"; known: Alice, Bob/);
    expect(() => sim.injectText({ from: 'Bob', room: 'Dev Team', text: 'x' })).toThrow(/not a member of "Dev Team"; members: wxbot, Alice/);
    expect(() => sim.injectText({ from: 'Alice', room: 'Nope', text: 'x' })).toThrow(/known groups: Family, Dev Team/);
  });
});
