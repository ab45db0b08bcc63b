import type { Simulator } from '../../src';
import { MAIN_HOST, MM, api, call, sync, bytes, friendId, startLoggedIn, type LoggedIn } from '../helpers';
import { fileAppMsg, md5, msg, upload } from '../upload-helpers';

const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

describe('media sends (webwxsendmsgimg, sendvideomsg, sendemoticon, sendappmsg)', () => {
  let sim: Simulator;
  let me: LoggedIn;
  beforeEach(async () => ({ sim, me } = await startLoggedIn()));
  afterEach(() => sim.close());

  const alice = () => friendId(sim, 'Alice');

  it('single-part image upload + webwxsendmsgimg; the echo downloads as the uploaded bytes', async () => {
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), bytes(3000)]);
    const [up] = await upload(sim, me, jpeg, { name: 'photo.jpg', type: 'image/jpeg', mediatype: 'pic', to: alice() });
    expect(up).toMatchObject({ BaseResponse: { Ret: 0 }, StartPos: jpeg.length, CDNThumbImgHeight: 100, CDNThumbImgWidth: 75 });
    const sent = await api(sim, me, 'webwxsendmsgimg', msg(me, alice(), { Type: 3, MediaId: up?.['MediaId'], Content: '' }), '&fun=async&f=json');
    expect(sent['BaseResponse'].Ret).toBe(0);
    expect(sim.sent().at(-1)).toMatchObject({ type: 3, to: 'Alice', fileName: 'photo.jpg', size: jpeg.length, md5: md5(jpeg) });
    const echo = (await sync(sim, me))['AddMsgList'].at(-1);
    expect(echo).toMatchObject({ MsgType: 3, FromUserName: me.userName, ImgStatus: 2 });
    const img = await call(sim, MAIN_HOST, `${MM}/webwxgetmsgimg?&MsgID=${echo.MsgId}&skey=${me.skey}`, { cookies: me.cookies });
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect(md5(img.body)).toBe(md5(jpeg));
    const bad = await api(sim, me, 'webwxsendmsgimg', msg(me, alice(), { Type: 3, MediaId: '@crypt_nope', Content: '' }), '&fun=async&f=json');
    expect(bad).toEqual({ BaseResponse: { Ret: 1, ErrMsg: '' }, MsgID: '', LocalID: '' });
    const empty = await api(sim, me, 'webwxsendvideomsg', msg(me, alice(), { Type: 43, MediaId: '' }), '&fun=async&f=json');
    expect(empty['BaseResponse'].Ret).toBe(1);
  });

  it('video upload + webwxsendvideomsg echoes MsgType 43', async () => {
    const mp4 = bytes(5000);
    const [up] = await upload(sim, me, mp4, { name: 'clip.mp4', type: 'video/mp4', mediatype: 'video' });
    const sent = await api(sim, me, 'webwxsendvideomsg', msg(me, alice(), { Type: 43, MediaId: up?.['MediaId'], Content: '' }), '&fun=async&f=json');
    expect(sent['BaseResponse'].Ret).toBe(0);
    expect(sim.sent().at(-1)).toMatchObject({ type: 43, fileName: 'clip.mp4', md5: md5(mp4) });
    expect((await sync(sim, me))['AddMsgList'].at(-1)).toMatchObject({ MsgType: 43, FromUserName: me.userName });
  });

  it('GIF as emoticon: webwxsendemoticon by MediaId and by EMoticonMd5', async () => {
    const [up] = await upload(sim, me, GIF, { name: 'funny.gif', type: 'image/gif', mediatype: 'doc' });
    const byId = await api(sim, me, 'webwxsendemoticon', msg(me, alice(), { Type: 47, EmojiFlag: 2, MediaId: up?.['MediaId'] }), '&fun=sys');
    expect(byId['BaseResponse'].Ret).toBe(0);
    expect(sim.sent().at(-1)).toMatchObject({ type: 47, md5: md5(GIF), size: GIF.length });
    const echo = (await sync(sim, me))['AddMsgList'].at(-1);
    expect(echo).toMatchObject({ MsgType: 47, FromUserName: me.userName, ImgStatus: 2 });
    expect(echo.Content).toContain(`md5="${md5(GIF)}"`);

    sim.inject({ kind: 'emoticon', from: 'Bob' });
    const received = (await sync(sim, me))['AddMsgList'].at(-1);
    const receivedMd5 = /md5="([0-9a-f]{32})"/.exec(received.Content)?.[1];
    const byMd5 = await api(sim, me, 'webwxsendemoticon', msg(me, alice(), { Type: 47, EmojiFlag: 2, EMoticonMd5: receivedMd5 }), '&fun=sys');
    expect(byMd5['BaseResponse'].Ret).toBe(0);
    const unknown = await api(sim, me, 'webwxsendemoticon', msg(me, alice(), { Type: 47, EmojiFlag: 2, EMoticonMd5: '0'.repeat(32) }), '&fun=sys');
    expect(unknown['BaseResponse'].Ret).toBe(1);
  });

  it('webwxsendappmsg validates attachid and totallen', async () => {
    const data = bytes(2000);
    const [up] = await upload(sim, me, data, { name: 'a.txt' });
    const wrongLen = await api(sim, me, 'webwxsendappmsg', msg(me, alice(), { Type: 6, Content: fileAppMsg('a.txt', 1999, up?.['MediaId']) }), '&fun=async&f=json');
    expect(wrongLen['BaseResponse'].Ret).toBe(1);
    const unknown = await api(sim, me, 'webwxsendappmsg', msg(me, alice(), { Type: 6, Content: fileAppMsg('a.txt', 2000, '@crypt_unknown') }), '&fun=async&f=json');
    expect(unknown['BaseResponse'].Ret).toBe(1);
    const stranger = sim.state().strangers[0]?.userName ?? '';
    const notFriend = await api(sim, me, 'webwxsendappmsg', msg(me, stranger, { Type: 6, Content: fileAppMsg('a.txt', 2000, up?.['MediaId']) }), '&fun=async&f=json');
    expect(notFriend['BaseResponse'].Ret).toBe(1204);
  });
});
