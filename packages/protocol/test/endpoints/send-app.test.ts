import { createHash } from 'node:crypto';
import { startSimulator, type Simulator } from '@wxbot/simulator';
import { checkLinkCard, forwardAppMsgXml, forwardImage, forwardVideo, linkAppMsgXml, ProtocolError, sendAppMessage, sendLink, sendLocation, ServerRetError } from '@wxbot/protocol';
import { login, type LoggedIn } from '../helpers/sim-login';

// Link cards and forwards (docs/protocol.md 9.10): the XML builders, then the calls against the simulator.
const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');
const decode = (s: string): string => s.replace(/<br\/>/g, '\n').replace(/&(lt|gt|amp|quot);/g, (_m, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"' })[e] ?? '');

describe('link card and forward XML', () => {
  it('a link card escapes every text, so a title or URL cannot break the document', () => {
    const xml = linkAppMsgXml({ title: 'R&D <notes>', description: 'a > b', url: 'https://e.x/?a=1&b=2', thumbUrl: '' });
    expect(xml).toContain('<title>R&amp;D &lt;notes&gt;</title><des>a &gt; b</des>');
    expect(xml).toContain('<type>5</type>');
    expect(xml).toContain('<url>https://e.x/?a=1&amp;b=2</url>');
    expect(xml.startsWith("<appmsg appid='' sdkver='0'>")).toBe(true);
  });

  it('checks a card before sending: a title, http(s) urls', () => {
    const ok = { title: 't', description: '', url: 'https://e.x', thumbUrl: '' };
    expect(() => checkLinkCard(ok)).not.toThrow();
    for (const bad of [{ ...ok, title: '  ' }, { ...ok, url: 'javascript:alert(1)' }, { ...ok, url: 'https://' }, { ...ok, thumbUrl: 'file:///etc/passwd' }]) {
      expect(() => checkLinkCard(bad)).toThrow(ProtocolError);
    }
  });

  it('a forwarded app message keeps only its <appmsg>, with <attachid> set to the MediaId', () => {
    const received = '<msg><appmsg appid="wx1" sdkver="0"><title>a.pdf</title><appattach><totallen>3</totallen><attachid></attachid></appattach></appmsg><fromusername>wxid_a</fromusername></msg>';
    expect(forwardAppMsgXml(received, '@crypt_9')).toBe('<appmsg appid="wx1" sdkver="0"><title>a.pdf</title><appattach><totallen>3</totallen><attachid>@crypt_9</attachid></appattach></appmsg>');
    expect(forwardAppMsgXml('<appmsg><title>x</title></appmsg>', '')).toBe('<appmsg><title>x</title></appmsg>');
  });
});

describe('link cards and forwards against the simulator', () => {
  let sim: Simulator;
  let s: LoggedIn;
  let alice: string;
  const base = () => ({ from: s.self, to: alice });

  beforeAll(async () => {
    sim = await startSimulator({ longPollMs: 300, loginPollMs: 300 });
    s = await login(sim);
    alice = sim.state().friends.find((f) => f.nickName === 'Alice')?.userName ?? '';
  });
  afterAll(async () => {
    s?.http.close();
    await sim?.close();
  });

  it('sends a link card as AppMsgType 5 and a mini-program app message as 33', async () => {
    const link = await sendLink(s.ctx, { ...base(), title: 'Docs', description: 'd', url: 'https://e.x/docs', thumbUrl: 'https://e.x/t.png' });
    expect(sim.sent().find((r) => r.msgId === link.msgId)).toMatchObject({ type: 5, toUserName: alice, fileName: 'Docs' });
    const weapp = "<appmsg appid='wx2' sdkver=''><title>Coffee</title><type>33</type><weappinfo><username>gh_c@app</username><appid>wx2</appid></weappinfo></appmsg>";
    const mini = await sendAppMessage(s.ctx, { ...base(), appMsgType: 33, content: weapp, scene: 2 });
    expect(sim.sent().find((r) => r.msgId === mini.msgId)).toMatchObject({ type: 33, content: weapp });
    await expect(sendAppMessage(s.ctx, { ...base(), appMsgType: 0, content: weapp })).rejects.toMatchObject({ code: 'WEBWX_BAD_ARGUMENT' });
  });

  it('forwards an image and a video by their received Content, without a MediaId', async () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(64, 1)]);
    const image = sim.inject({ kind: 'image', from: 'Alice', data: png });
    const r = await forwardImage(s.ctx, { ...base(), content: decode(image.entry.Content) });
    expect(sim.sent().find((x) => x.msgId === r.msgId)).toMatchObject({ type: 3, mediaId: '', md5: md5(png) });
    const video = sim.inject({ kind: 'video', from: 'Alice' });
    const v = await forwardVideo(s.ctx, { ...base(), content: video.entry.Content });
    expect(sim.sent().find((x) => x.msgId === v.msgId)).toMatchObject({ type: 43, mediaId: '' });
  });

  it('refuses (Ret 1) a forward whose original this login never delivered, or a video Content given as an image', async () => {
    const ghost = '<msg><img aeskey="ffffffffffffffffffffffffffffffff" length="1"/></msg>';
    await expect(forwardImage(s.ctx, { ...base(), content: ghost })).rejects.toMatchObject({ ret: 1 });
    const video = sim.inject({ kind: 'video', from: 'Alice' });
    const err = await forwardImage(s.ctx, { ...base(), content: video.entry.Content }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerRetError);
    await expect(forwardImage(s.ctx, { ...base(), content: ' ' })).rejects.toMatchObject({ code: 'WEBWX_BAD_ARGUMENT' });
  });

  it('forwards a location as Type 48 with its XML; a location XML without coordinates is Ret 1', async () => {
    const loc = sim.inject({ kind: 'location', from: 'Alice', address: 'Pier 7', lat: 1.5, lng: 2.5 });
    const r = await sendLocation(s.ctx, { ...base(), content: loc.entry.OriContent });
    expect(sim.sent().find((x) => x.msgId === r.msgId)).toMatchObject({ type: 48, content: loc.entry.OriContent });
    await expect(sendLocation(s.ctx, { ...base(), content: '<msg><location label="x"/></msg>' })).rejects.toMatchObject({ ret: 1 });
    await expect(sendLocation(s.ctx, { ...base(), content: 'Pier 7' })).rejects.toMatchObject({ code: 'WEBWX_BAD_ARGUMENT' });
  });
});
