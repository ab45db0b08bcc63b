import { startSimulator, type Simulator } from '../../src';
import { MAIN_HOST, MM, call, login, sync, type LoggedIn } from '../helpers';
import { FILE_HOST, md5 } from '../upload-helpers';

describe('media downloads', () => {
  let sim: Simulator;
  let me: LoggedIn;
  beforeEach(async () => {
    sim = await startSimulator({ loginPollMs: 200, longPollMs: 200, seed: 23 });
    me = await login(sim);
  });
  afterEach(() => sim.close());

  const get = (path: string, headers: Record<string, string> = {}, cookies = me.cookies) => call(sim, MAIN_HOST, `${MM}/${path}`, { cookies, headers });
  const control = (body: unknown) => call(sim, `127.0.0.1:${sim.port}`, '/__sim/messages', { body: JSON.stringify(body) });

  it('webwxgetmsgimg: the injected bytes (MsgID or msgid), a JPEG thumbnail for type=slave, image/jpeg', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const { msgId } = JSON.parse((await control({ from: 'Alice', image: png.toString('base64') })).text);
    const big = await get(`webwxgetmsgimg?&MsgID=${msgId}&skey=${me.skey}&type=big`);
    expect(big.status).toBe(200);
    expect(big.headers['content-type']).toBe('image/jpeg');
    expect(big.body.equals(png)).toBe(true);
    const lower = await get(`webwxgetmsgimg?msgid=${msgId}&skey=${me.skey}`);
    expect(lower.body.equals(png)).toBe(true);
    const slave = await get(`webwxgetmsgimg?&MsgID=${msgId}&skey=${me.skey}&type=slave`);
    expect(slave.body.subarray(0, 2).toString('hex')).toBe('ffd8');
    expect(slave.body.subarray(-2).toString('hex')).toBe('ffd9');
    // Generated images are real JPEGs too.
    const generated = sim.inject({ kind: 'image', from: 'Bob', room: 'Family' });
    const gen = await get(`webwxgetmsgimg?&MsgID=${generated.msgId}&skey=${me.skey}`);
    expect(gen.body.subarray(0, 3).toString('hex')).toBe('ffd8ff');
  });

  it('emoticons are GIF bytes labelled image/jpeg; store stickers give nothing', async () => {
    const { msgId } = sim.inject({ kind: 'emoticon', from: 'Alice' });
    const gif = await get(`webwxgetmsgimg?&MsgID=${msgId}&skey=${me.skey}&type=big`);
    expect(gif.headers['content-type']).toBe('image/jpeg');
    expect(gif.body.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    const entry = (await sync(sim, me))['AddMsgList'][0];
    expect(entry.Content).toContain(`md5="${md5(gif.body)}"`);
    const store = sim.inject({ kind: 'emoticon', from: 'Alice', store: true });
    expect((await get(`webwxgetmsgimg?&MsgID=${store.msgId}&skey=${me.skey}&type=big`)).body).toHaveLength(0);
  });

  it('webwxgetvoice answers audio/mpeg', async () => {
    const { msgId } = JSON.parse((await control({ from: 'Alice', voice: true, durationMs: 3000 })).text);
    const voice = await get(`webwxgetvoice?msgid=${msgId}&skey=${me.skey}`, { Range: 'bytes=0-' });
    expect(voice.status).toBe(200);
    expect(voice.headers['content-type']).toBe('audio/mpeg');
    expect(voice.body.subarray(0, 3).toString('latin1')).toBe('ID3');
  });

  it('webwxgetvideo: Range bytes=0- → 206 with Content-Range; no Range or a 0-byte video → empty', async () => {
    const mp4 = Buffer.concat([Buffer.from('000000186674797069736f6d', 'hex'), Buffer.alloc(4000, 7)]);
    const { msgId } = JSON.parse((await control({ from: 'Alice', video: mp4.toString('base64') })).text);
    const video = await get(`webwxgetvideo?msgid=${msgId}&skey=${me.skey}`, { Range: 'bytes=0-' });
    expect(video.status).toBe(206);
    expect(video.headers['content-type']).toBe('video/mp4');
    expect(video.headers['content-range']).toBe(`bytes 0-${mp4.length - 1}/${mp4.length}`);
    expect(video.body.equals(mp4)).toBe(true);
    const tail = await get(`webwxgetvideo?msgid=${msgId}&skey=${me.skey}`, { Range: 'bytes=4000-' });
    expect(tail.body.equals(mp4.subarray(4000))).toBe(true);
    expect((await get(`webwxgetvideo?msgid=${msgId}&skey=${me.skey}`)).body).toHaveLength(0);
    const zero = sim.inject({ kind: 'video', from: 'Alice', zeroBytes: true });
    const empty = await get(`webwxgetvideo?msgid=${zero.msgId}&skey=${me.skey}`, { Range: 'bytes=0-' });
    expect(empty.status).toBe(200);
    expect(empty.body).toHaveLength(0);
    // The poster is served by webwxgetmsgimg.
    expect((await get(`webwxgetmsgimg?&MsgID=${msgId}&skey=${me.skey}&type=slave`)).body.subarray(0, 2).toString('hex')).toBe('ffd8');
  });

  it('webwxgetmedia on FILE needs webwx_data_ticket as cookie and query parameter, and streams large files', async () => {
    const pdf = Buffer.from('%PDF-1.4\n报告\n%%EOF\n', 'utf8');
    const { entry } = JSON.parse((await control({ from: 'Alice', room: 'Family', file: pdf.toString('base64'), name: '报告.pdf' })).text);
    expect(entry).toMatchObject({ MsgType: 49, AppMsgType: 6, FileName: '报告.pdf', FileSize: String(pdf.length) });
    const ticket = encodeURIComponent(me.cookies['webwx_data_ticket'] ?? '');
    const path = (t: string, mediaId = entry.MediaId) =>
      `${MM}/webwxgetmedia?sender=${entry.FromUserName}&mediaid=${encodeURIComponent(mediaId)}&encryfilename=${entry.EncryFileName}&fromuser=${me.uin}&pass_ticket=${me.passTicket}&webwx_data_ticket=${t}`;
    const ok = await call(sim, FILE_HOST, path(ticket), { cookies: me.cookies });
    expect(ok.status).toBe(200);
    expect(ok.body.equals(pdf)).toBe(true);
    expect((await call(sim, FILE_HOST, path(''), { cookies: me.cookies })).status).toBe(403);
    const noCookie = { ...me.cookies };
    delete noCookie['webwx_data_ticket'];
    expect((await call(sim, FILE_HOST, path(ticket), { cookies: noCookie })).status).toBe(403);
    expect((await call(sim, MAIN_HOST, path(ticket), { cookies: me.cookies })).status).toBe(404);

    const big = sim.inject({ kind: 'file', from: 'Bob', fileName: 'dump.zip', size: 3 * 1024 * 1024 + 5 });
    const large = await call(sim, FILE_HOST, path(ticket, big.entry.MediaId), { cookies: me.cookies });
    expect(large.body).toHaveLength(3 * 1024 * 1024 + 5);
    expect(large.body.subarray(0, 4).toString('hex')).toBe('504b0304');
  });

  it('avatars: image/jpeg, cached for a week; every media GET needs the session cookies', async () => {
    const alice = sim.state().friends.find((f) => f.nickName === 'Alice')?.userName ?? '';
    const icon = await get(`webwxgeticon?seq=0&username=${alice}&skey=${me.skey}`);
    expect(icon.headers['content-type']).toBe('image/jpeg');
    expect(icon.headers['cache-control']).toBe('max-age=604800');
    const room = sim.state().groups[0]?.userName ?? '';
    expect((await get(`webwxgetheadimg?seq=0&username=${room}&skey=${me.skey}`)).body.subarray(0, 2).toString('hex')).toBe('ffd8');
    const { msgId } = sim.inject({ kind: 'image', from: 'Alice' });
    expect((await get(`webwxgetmsgimg?MsgID=${msgId}&skey=${me.skey}`, {}, {})).status).toBe(403);
    expect((await get(`webwxgeticon?seq=0&username=${alice}&skey=${me.skey}`, {}, {})).status).toBe(403);
    expect((await get(`webwxgetmsgimg?MsgID=123&skey=${me.skey}`)).status).toBe(404);
  });

  it('a ret fault on a download serves the usual headers with no bytes', async () => {
    const { msgId } = sim.inject({ kind: 'image', from: 'Alice' });
    sim.faults.add({ kind: 'getmsgimg', type: 'ret', ret: -1 });
    const faulty = await get(`webwxgetmsgimg?MsgID=${msgId}&skey=${me.skey}`);
    expect(faulty.headers['content-type']).toBe('image/jpeg');
    expect(faulty.body).toHaveLength(0);
    expect((await get(`webwxgetmsgimg?MsgID=${msgId}&skey=${me.skey}`)).body.length).toBeGreaterThan(100);
  });
});
