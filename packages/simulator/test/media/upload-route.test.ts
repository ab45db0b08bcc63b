import type { Simulator } from '../../src';
import { MAIN_HOST, MM, api, call, sync, bytes, friendId, startLoggedIn, type LoggedIn } from '../helpers';
import { CHUNK, FILE_HOST, fileAppMsg, md5, msg, upload, uploadRaw } from '../upload-helpers';

describe('upload and media sends', () => {
  let sim: Simulator;
  let me: LoggedIn;
  beforeEach(async () => ({ sim, me } = await startLoggedIn()));
  afterEach(() => sim.close());

  const alice = () => friendId(sim, 'Alice');

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
