import { startSimulator, type Simulator } from '../../src';
import { MAIN_HOST, MM, api, call, login, sync, type LoggedIn } from '../helpers';
import { md5, msg } from '../upload-helpers';

// Forwards and link cards on the wire, as wechat4u's forwardMsg sends them (docs/protocol.md 9.10):
// the received Content back with an empty MediaId and Scene 2; the echo looks like a received one.
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(90, 5)]);
const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/<br\/>/g, '\n');

describe('forwards and link cards', () => {
  let sim: Simulator;
  let me: LoggedIn;
  beforeEach(async () => {
    sim = await startSimulator({ loginPollMs: 200, longPollMs: 200, seed: 33 });
    me = await login(sim);
  });
  afterEach(() => sim.close());

  const friend = (name: string) => sim.state().friends.find((f) => f.nickName === name)?.userName ?? '';
  const forward = (name: string, body: Record<string, unknown>, query = '&fun=async&f=json') => api(sim, me, name, { ...msg(me, friend('Bob'), body), Scene: 2 }, query);
  /** The own echo of `msgId` from the next webwxsync. */
  const echoOf = async (msgId: string): Promise<Record<string, any>> => {
    for (let i = 0; i < 5; i++) {
      const found = ((await sync(sim, me))['AddMsgList'] as Array<Record<string, any>>).find((m) => m['MsgId'] === msgId);
      if (found) return found;
    }
    throw new Error(`no echo of ${msgId}`);
  };

  it('an image forwarded by its Content (no MediaId) is the same picture; its echo downloads as it', async () => {
    const image = sim.inject({ kind: 'image', from: 'Alice', data: PNG });
    const sent = await forward('webwxsendmsgimg', { Type: 3, MediaId: '', Content: unescape(image.entry.Content) });
    expect(sent).toMatchObject({ BaseResponse: { Ret: 0 }, MsgID: expect.stringMatching(/^\d+$/) });
    expect(sim.sent().at(-1)).toMatchObject({ type: 3, mediaId: '', md5: md5(PNG), to: 'Bobby' });
    const echo = await echoOf(sent['MsgID']);
    expect(echo).toMatchObject({ MsgType: 3, FromUserName: me.userName, ToUserName: friend('Bob') });
    const img = await call(sim, MAIN_HOST, `${MM}/webwxgetmsgimg?MsgID=${echo['MsgId']}&skey=${encodeURIComponent(me.skey)}`, { cookies: me.cookies });
    expect(md5(img.body)).toBe(md5(PNG));
  });

  it('a forward naming media this login never delivered is Ret 1, also after logging in again', async () => {
    const image = sim.inject({ kind: 'image', from: 'Alice', data: PNG });
    const made = await forward('webwxsendmsgimg', { Type: 3, MediaId: '', Content: '<msg><img aeskey="00000000000000000000000000000000"/></msg>' });
    expect(made['BaseResponse']['Ret']).toBe(1);
    const video = sim.inject({ kind: 'video', from: 'Alice' });
    expect((await forward('webwxsendmsgimg', { Type: 3, MediaId: '', Content: video.entry.Content }))['BaseResponse']['Ret']).toBe(1);
    me = await login(sim);
    expect((await forward('webwxsendmsgimg', { Type: 3, MediaId: '', Content: unescape(image.entry.Content) }))['BaseResponse']['Ret']).toBe(1);
  });

  it('a location forward (Type 48 + OriContent) echoes as a received location; one without coordinates is Ret 1', async () => {
    const loc = sim.inject({ kind: 'location', from: 'Alice', address: '西湖', lat: 30.25, lng: 120.15 });
    const sent = await forward('webwxsendmsg', { Type: 48, Content: loc.entry.OriContent }, '');
    const echo = await echoOf(sent['MsgID']);
    expect(echo).toMatchObject({ MsgType: 1, SubMsgType: 48, OriContent: loc.entry.OriContent, Url: 'http://apis.map.qq.com/uri/v1/geocoder?coord=30.25,120.15' });
    expect(echo['Content']).toMatch(/^西湖:<br\/>\/cgi-bin\/mmwebwx-bin\/webwxgetpubliclinkimg\?/);
    expect((await forward('webwxsendmsg', { Type: 48, Content: '<msg><location label="x"/></msg>' }, ''))['BaseResponse']['Ret']).toBe(1);
  });

  it('a link card (AppMsgType 5) echoes as a received link: escaped <msg><appmsg>, FileName the title, Url the link', async () => {
    const xml = "<appmsg appid='' sdkver='0'><title>R&amp;D</title><des>notes</des><type>5</type><url>https://e.x/?a=1&amp;b=2</url><thumburl></thumburl></appmsg>";
    const sent = await forward('webwxsendappmsg', { Type: 5, Content: xml });
    const echo = await echoOf(sent['MsgID']);
    expect(echo).toMatchObject({ MsgType: 49, AppMsgType: 5, FileName: 'R&amp;D', Url: 'https://e.x/?a=1&b=2', ImgStatus: 2 });
    expect(echo['Content']).toContain('&lt;msg&gt;&lt;appmsg appid=\'\' sdkver=\'0\'&gt;&lt;title&gt;R&amp;amp;D&lt;/title&gt;');
    const thumb = await call(sim, MAIN_HOST, `${MM}/webwxgetmsgimg?MsgID=${echo['MsgId']}&type=slave&skey=${encodeURIComponent(me.skey)}`, { cookies: me.cookies });
    expect(thumb.status).toBe(200);
    expect(thumb.body.length).toBeGreaterThan(0);
  });
});
