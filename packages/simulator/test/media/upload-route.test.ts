import { startSimulator, type Simulator } from '../../src';
import { MAIN_HOST, MM, api, call, login, sync, type LoggedIn } from '../helpers';
import { CHUNK, FILE_HOST, fileAppMsg, md5, msg, upload, uploadRaw } from '../upload-helpers';

/** Deterministic bytes (no randomness: failures must reproduce). */
const bytes = (n: number, seed = 7): Buffer => {
  const out = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
};
const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

describe('upload and media sends', () => {
  let sim: Simulator;
  let me: LoggedIn;
  beforeEach(async () => {
    sim = await startSimulator({ loginPollMs: 200, longPollMs: 200, seed: 21 });
    me = await login(sim);
  });
  afterEach(() => sim.close());

  const alice = () => sim.state().friends.find((f) => f.nickName === 'Alice')?.userName ?? '';

  it('chunked upload of a >1 MiB file with a Chinese name, then sendappmsg; md5 in sent() and the echo', async () => {
    const data = bytes(CHUNK * 2 + 200_000);
    const name = '季度报告 2024.pdf';
    const replies = await upload(sim, me, data, { name, type: 'application/pdf', to: alice() });
    expect(replies).toHaveLength(3);
    expect(replies[0]).toMatchObject({ BaseResponse: { Ret: 0 }, MediaId: '', StartPos: CHUNK });
    expect(replies[1]).toMatchObject({ BaseResponse: { Ret: 0 }, MediaId: '', StartPos: CHUNK * 2 });
    const last = replies[2] ?? {};
    expect(last).toMatchObject({ BaseResponse: { Ret: 0, ErrMsg: '' }, StartPos: data.length, EncryFileName: encodeURIComponent(name) });
    expect(last['MediaId']).toMatch(/^@crypt_[0-9a-f]{8}_[0-9a-f]{256}$/);
    expect(sim.uploads()).toEqual([expect.objectContaining({ name, size: data.length, md5: md5(data), mediaType: 'doc' })]);

    const sent = await api(sim, me, 'webwxsendappmsg', msg(me, alice(), { Type: 6, Content: fileAppMsg(name, data.length, last['MediaId']) }), '&fun=async&f=json');
    expect(sent['BaseResponse']).toEqual({ Ret: 0, ErrMsg: '' });
    expect(sent['MsgID']).toMatch(/^\d{19}$/);
    expect(sim.sent().at(-1)).toMatchObject({ type: 6, to: 'Alice', fileName: name, size: data.length, md5: md5(data), mediaId: last['MediaId'] });

    const echo = (await sync(sim, me))['AddMsgList'].at(-1);
    expect(echo).toMatchObject({ MsgId: sent['MsgID'], FromUserName: me.userName, ToUserName: alice(), MsgType: 49, AppMsgType: 6, FileName: name, FileSize: String(data.length), MediaId: last['MediaId'] });

    const query = `sender=${me.userName}&mediaid=${encodeURIComponent(last['MediaId'])}&encryfilename=${encodeURIComponent(name)}&fromuser=${me.uin}&pass_ticket=${me.passTicket}&webwx_data_ticket=${encodeURIComponent(me.cookies['webwx_data_ticket'] ?? '')}`;
    const download = await call(sim, FILE_HOST, `${MM}/webwxgetmedia?${query}`, { cookies: me.cookies });
    expect(download.status).toBe(200);
    expect(md5(download.body)).toBe(md5(data));
  });

  it('rejects a wrong FileMd5, a wrong TotalLen, chunks out of order and a ticket that is not the cookie', async () => {
    const data = bytes(CHUNK + 1000);
    const wrongMd5 = await upload(sim, me, data, { name: 'a.bin', request: { FileMd5: md5(Buffer.from('other')) } });
    expect(wrongMd5.at(-1)).toMatchObject({ BaseResponse: { Ret: 1 }, MediaId: '' });
    const wrongLen = await upload(sim, me, bytes(1000), { name: 'b.bin', request: { TotalLen: 999 } });
    expect(wrongLen[0]).toMatchObject({ BaseResponse: { Ret: 1 }, MediaId: '' });
    const outOfOrder = await upload(sim, me, data, { name: 'c.bin', order: [1, 0, 1] });
    expect(outOfOrder.map((r) => r['BaseResponse'].Ret)).toEqual([1, 0, 0]);
    expect(outOfOrder[2]?.['MediaId']).toMatch(/^@crypt_/);
    const ticket = await upload(sim, me, bytes(10), { name: 'd.bin', ticketField: 'not-the-cookie' });
    expect(ticket[0]).toMatchObject({ BaseResponse: { Ret: -14 }, MediaId: '' });
  });

  it('accepts RFC 5987 file names, answers with CORS headers and a preflight, lives on FILE only', async () => {
    const [reply] = await uploadRaw(sim, me, bytes(100), { name: '会议纪要.docx', nameForm: 'rfc5987', noNameField: true });
    expect(reply?.headers['access-control-allow-origin']).toBe('https://wx2.qq.com');
    expect(reply?.headers['access-control-allow-credentials']).toBe('true');
    expect(reply?.headers['content-type']).toBe('text/plain');
    expect(JSON.parse(reply?.text ?? '{}')['EncryFileName']).toBe(encodeURIComponent('会议纪要.docx'));
    expect(sim.uploads()[0]?.name).toBe('会议纪要.docx');
    const preflight = await call(sim, FILE_HOST, `${MM}/webwxuploadmedia?f=json`, { method: 'OPTIONS', headers: { 'Access-Control-Request-Headers': 'content-type' } });
    expect(preflight.status).toBe(200);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://wx2.qq.com');
    const [onMain] = await uploadRaw(sim, me, bytes(10), { name: 'x', host: MAIN_HOST });
    expect(onMain?.status).toBe(404);
  });

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

  it('webwxcheckupload dedupes by FileMd5 and large files need its AESKey/Signature', async () => {
    const data = bytes(3000);
    const [up] = await upload(sim, me, data, { name: 'dup.bin' });
    const check = await api(sim, me, 'webwxcheckupload', { FromUserName: me.userName, ToUserName: alice(), FileSize: data.length, FileMd5: md5(data), FileName: 'dup.bin', FileType: 7 });
    expect(check).toMatchObject({ BaseResponse: { Ret: 0 }, MediaId: up?.['MediaId'], EncryFileName: 'dup.bin' });

    // A 26 MB file: only its first 512 KiB chunk is ever built, so memory stays small.
    const total = 26 * 1024 * 1024;
    const first = bytes(CHUNK, 3);
    const bigMd5 = md5(Buffer.from('pretend this is the md5 of 26 MB'));
    const request = { TotalLen: total, DataLen: total, FileMd5: bigMd5 };
    const send = (extra: Record<string, unknown>) =>
      upload(sim, me, Buffer.concat([first, Buffer.alloc(CHUNK)]), { name: '大文件.zip', request: { ...request, ...extra }, order: [0] }).then((r) => r[0]);
    // Without webwxcheckupload: refused.
    expect(await send({})).toMatchObject({ BaseResponse: { Ret: 1 }, MediaId: '' });
    const big = await api(sim, me, 'webwxcheckupload', { FromUserName: me.userName, ToUserName: alice(), FileSize: total, FileMd5: bigMd5, FileName: '大文件.zip', FileType: 7 });
    expect(big).toMatchObject({ BaseResponse: { Ret: 0 }, MediaId: '', EncryFileName: encodeURIComponent('大文件.zip') });
    expect(big['AESKey']).toMatch(/^[0-9a-f]{32}$/);
    expect(big['Signature']).not.toBe('');
    expect(await send({ AESKey: big['AESKey'], Signature: 'forged' })).toMatchObject({ BaseResponse: { Ret: 1 } });
    expect(await send({ AESKey: big['AESKey'], Signature: big['Signature'] })).toMatchObject({ BaseResponse: { Ret: 0 }, MediaId: '', StartPos: CHUNK });
  });

  it('a 1205 fault on upload still answers a non-empty placeholder MediaId', async () => {
    sim.faults.add({ kind: 'uploadmedia', type: 'ret', ret: 1205 });
    const [reply] = await upload(sim, me, bytes(500), { name: 'x.png', type: 'image/png', mediatype: 'pic' });
    expect(reply?.['BaseResponse'].Ret).toBe(1205);
    expect(reply?.['MediaId']).toMatch(/^@crypt_/);
    expect(sim.uploads()).toEqual([expect.objectContaining({ mediaId: reply?.['MediaId'], placeholder: true })]);
    // The next upload is normal again.
    const [again] = await upload(sim, me, bytes(500), { name: 'x.png', type: 'image/png', mediatype: 'pic' });
    expect(again?.['BaseResponse'].Ret).toBe(0);
  });

  it('needs the session cookies', async () => {
    const [reply] = await upload(sim, { ...me, cookies: { webwx_data_ticket: me.cookies['webwx_data_ticket'] ?? '' } }, bytes(10), { name: 'x' });
    expect(reply).toMatchObject({ BaseResponse: { Ret: 1100 }, MediaId: '' });
  });
});
