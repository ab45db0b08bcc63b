import { createHash } from 'node:crypto';
import { startSimulator, type Simulator } from '@wxbot/simulator';
import { definePlugin, type Bot, type Message, type SentMessage } from '@wxbot/core';
import { FAST_SIM, newBot, recorder, removeHome, tempHome, until } from './harness';

// Forwarding each received kind, link cards and the refusals, over HTTP against the simulator
// (docs/protocol.md 9.10). Every forward must reach the simulator as the web client sends it and
// come back as an echo of the same kind, carrying the same media.
const md5 = (b: Uint8Array): string => createHash('md5').update(b).digest('hex');
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(300, 9)]);
const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(150, 4)]);
const MP4 = Buffer.concat([Buffer.from('000000186674797069736f6d', 'hex'), Buffer.alloc(400, 2)]);
const FILE = Buffer.from('quarterly figures\n'.repeat(40));

describe('forwarding and link cards through the engine', () => {
  let sim: Simulator;
  let bot: Bot;
  let home: string;
  const rec = recorder('recorder', true);
  const forwarded = new Map<string, SentMessage>();
  const forwarder = definePlugin({
    name: 'forwarder',
    setup(api) {
      api.on('link', async (ctx, next) => {
        if (ctx.message.app?.title !== 'Handled') return next();
        forwarded.set(ctx.message.id, await ctx.forward('filehelper'));
      });
    },
  });

  beforeAll(async () => {
    sim = await startSimulator(FAST_SIM);
    home = tempHome();
    bot = newBot(sim, home, [rec.plugin, forwarder], { outbox: { limits: false, breaker: { baseMs: 100, capMs: 400 } } });
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
    await sim.close();
    removeHome(home);
  });

  const seen = async (id: string): Promise<Message> => {
    await until(() => rec.seen.some((m) => m.id === id), `message ${id}`);
    return rec.seen.find((m) => m.id === id) as Message;
  };
  const id = (name: string): string => bot.contacts.findContacts(name)[0]?.id ?? '';
  const room = (topic: string): string => bot.contacts.findGroups(topic)[0]?.id ?? '';
  const record = (sent: SentMessage) => {
    const r = sim.sent().find((s) => s.msgId === sent.msgId);
    if (!r) throw new Error(`the simulator recorded no send ${sent.msgId}`);
    return r;
  };
  /** Forward to Bob (a friend) and to the Dev Team group; both echoes must be of the same kind. */
  const forwardBoth = async (original: Message): Promise<Message[]> => {
    const echoes: Message[] = [];
    for (const to of [id('Bob'), room('Dev Team')]) {
      const sent = await bot.forward(original, to);
      expect(record(sent).toUserName).toBe(to);
      const echo = await seen(sent.msgId);
      expect(echo.kind).toBe(original.kind);
      expect(echo.chat.id).toBe(to);
      echoes.push(echo);
    }
    return echoes;
  };

  it('forwards a text from a friend and from a group (without the sender prefix)', async () => {
    const direct = await seen(sim.injectText({ from: 'Alice', text: 'see <this> & that' }).msgId);
    const inGroup = await seen(sim.injectText({ from: 'Carol', room: 'Family', text: 'dinner at 7' }).msgId);
    for (const [original, echoes] of [
      [direct, await forwardBoth(direct)],
      [inGroup, await forwardBoth(inGroup)],
    ] as const) {
      for (const echo of echoes) expect(echo.text).toBe(original.text);
    }
  });

  it('forwards an image and a video without uploading them again', async () => {
    const uploadsBefore = sim.sent().filter((s) => s.mediaId).length;
    const image = await seen(sim.inject({ kind: 'image', from: 'Alice', room: 'Family', data: PNG }).msgId);
    const video = await seen(sim.inject({ kind: 'video', from: 'Alice', data: MP4 }).msgId);
    for (const [original, bytes, type] of [
      [image, PNG, 3],
      [video, MP4, 43],
    ] as const) {
      for (const echo of await forwardBoth(original)) {
        const r = sim.sent().find((s) => s.msgId === echo.id);
        expect(r).toMatchObject({ type, mediaId: '', md5: md5(bytes) });
        expect(md5((await bot.download(echo)).bytes)).toBe(md5(bytes));
      }
    }
    // No upload happened: every forwarded media send carried no MediaId of its own.
    expect(sim.sent().filter((s) => s.mediaId).length).toBe(uploadsBefore);
  });

  it('forwards a file by its MediaId and a custom sticker by its md5', async () => {
    const file = await seen(sim.inject({ kind: 'file', from: 'Alice', room: 'Family', fileName: 'q3.txt', data: FILE }).msgId);
    const sticker = await seen(sim.inject({ kind: 'emoticon', from: 'Alice', data: GIF }).msgId);
    for (const echo of await forwardBoth(file)) {
      expect(echo.media?.fileName).toBe('q3.txt');
      expect(md5((await bot.download(echo)).bytes)).toBe(md5(FILE));
    }
    for (const echo of await forwardBoth(sticker)) expect(md5((await bot.download(echo)).bytes)).toBe(md5(GIF));
  });

  it('forwards a location with its original XML, and a link and a mini-program with their app message', async () => {
    const location = await seen(sim.inject({ kind: 'location', from: 'Alice', address: '深圳湾公园', lat: 22.51, lng: 113.95 }).msgId);
    for (const echo of await forwardBoth(location)) {
      expect(echo.location).toMatchObject({ address: '深圳湾公园', latitude: 22.51, longitude: 113.95 });
      expect(record({ msgId: echo.id } as SentMessage).type).toBe(48);
    }
    const link = await seen(sim.inject({ kind: 'link', from: 'Alice', room: 'Family', title: 'Rust & Go', url: 'https://example.com/a?x=1&y=2', description: 'a <comparison>' }).msgId);
    for (const echo of await forwardBoth(link)) expect(echo.app).toMatchObject({ appMsgType: 5, title: 'Rust & Go', url: 'https://example.com/a?x=1&y=2', description: 'a <comparison>' });
    const weapp =
      '<msg><appmsg appid="wx6618f1cfc6c132f8" sdkver="0"><title>Order a coffee</title><des></des><type>33</type><url>https://mp.weixin.qq.com/mp/waerrpage</url>' +
      '<appattach><totallen>0</totallen><attachid></attachid></appattach><sourceusername>gh_cafe@app</sourceusername><sourcedisplayname>Cafe</sourcedisplayname>' +
      '<weappinfo><pagepath><![CDATA[pages/menu.html]]></pagepath><username>gh_cafe@app</username><appid>wx6618f1cfc6c132f8</appid></weappinfo></appmsg><fromusername>wxid_alice01</fromusername></msg>';
    const escaped = weapp.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const injected = sim.inject({ kind: 'raw', entry: { FromUserName: id('Alice'), ToUserName: bot.contacts.self.id, MsgType: 49, AppMsgType: 33, Content: escaped, FileName: 'Order a coffee', ImgStatus: 2 } });
    const mini = await seen(injected.msgId);
    for (const echo of await forwardBoth(mini)) {
      expect(echo.app).toMatchObject({ appMsgType: 33, title: 'Order a coffee', miniProgram: { appId: 'wx6618f1cfc6c132f8', userName: 'gh_cafe@app', pagePath: 'pages/menu.html' } });
    }
  });

  it('sends a link card to a friend and a group, and refuses a bad one with a coded error', async () => {
    const sent = await bot.send(id('Alice'), { link: { title: 'Docs', description: 'how to <start>', url: 'https://example.com/docs', thumbUrl: 'https://example.com/t.png' } });
    const echo = await seen(sent.msgId);
    expect(echo.kind).toBe('link');
    expect(echo.app).toMatchObject({ appMsgType: 5, title: 'Docs', description: 'how to <start>', url: 'https://example.com/docs' });
    expect(record(sent).type).toBe(5);
    const inGroup = await bot.send(room('Family'), { link: { title: 'Group link', url: 'http://example.org' } });
    expect((await seen(inGroup.msgId)).chat.id).toBe(room('Family'));
    await expect(bot.send(id('Alice'), { link: { title: 'x', url: 'javascript:alert(1)' } })).rejects.toMatchObject({ code: 'WXBOT_INVALID_ARGUMENT' });
    await expect(bot.send(id('Alice'), { link: { title: ' ', url: 'https://example.com' } })).rejects.toMatchObject({ code: 'WXBOT_INVALID_ARGUMENT' });
  });

  it('refuses what the web protocol cannot send: store stickers, voice, cards, and media the server no longer has', async () => {
    const before = sim.sent().length;
    const store = await seen(sim.inject({ kind: 'emoticon', from: 'Alice', store: true }).msgId);
    await expect(bot.forward(store, id('Bob'))).rejects.toMatchObject({ code: 'WXBOT_FORWARD_STORE_EMOTICON' });
    const voice = await seen(sim.inject({ kind: 'voice', from: 'Alice' }).msgId);
    await expect(bot.forward(voice, id('Bob'))).rejects.toMatchObject({ code: 'WXBOT_FORWARD_UNSUPPORTED', message: expect.stringContaining('voice') });
    const card = await seen(sim.inject({ kind: 'card', from: 'Alice', card: 'Bob' }).msgId);
    await expect(bot.forward(card, id('Bob'))).rejects.toMatchObject({ code: 'WXBOT_CARD_UNSUPPORTED' });
    await expect(bot.send(id('Bob'), { card: id('Alice') })).rejects.toMatchObject({ code: 'WXBOT_CARD_UNSUPPORTED' });
    expect(sim.sent().length).toBe(before);

    // An image whose original this login never delivered (an earlier login's, expired): Ret 1 → coded.
    const ghost = '<?xml version="1.0"?><br/><msg><br/>\t<img aeskey="0123456789abcdef0123456789abcdef" encryver="1" length="999" /><br/></msg>';
    const lost = await seen(sim.inject({ kind: 'raw', entry: { FromUserName: id('Alice'), ToUserName: bot.contacts.self.id, MsgType: 3, Content: ghost.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/&lt;br\/&gt;/g, '<br/>'), ImgStatus: 2 } }).msgId);
    await expect(bot.forward(lost, id('Bob'))).rejects.toMatchObject({ code: 'WXBOT_FORWARD_MEDIA_GONE' });
    const file = await seen(sim.inject({ kind: 'raw', entry: { FromUserName: id('Alice'), ToUserName: bot.contacts.self.id, MsgType: 49, AppMsgType: 6, FileName: 'old.pdf', FileSize: '10', MediaId: '@crypt_gone', Content: '&lt;msg&gt;&lt;appmsg appid="" sdkver="0"&gt;&lt;title&gt;old.pdf&lt;/title&gt;&lt;type&gt;6&lt;/type&gt;&lt;appattach&gt;&lt;totallen&gt;10&lt;/totallen&gt;&lt;attachid&gt;@crypt_gone&lt;/attachid&gt;&lt;fileext&gt;pdf&lt;/fileext&gt;&lt;/appattach&gt;&lt;/appmsg&gt;&lt;/msg&gt;' } }).msgId);
    await expect(bot.forward(file, id('Bob'))).rejects.toMatchObject({ code: 'WXBOT_FORWARD_MEDIA_GONE' });
  });

  it('a forward or link card whose answer was lost is settled by its echo and sent once', async () => {
    const carol = id('Carol');
    const image = await seen(sim.inject({ kind: 'image', from: 'Alice', data: PNG }).msgId);
    const location = await seen(sim.inject({ kind: 'location', from: 'Alice', address: 'Pier 7' }).msgId);
    const cases: Array<[import('@wxbot/simulator').FaultSpec['kind'], number, () => Promise<SentMessage>]> = [
      ['sendmsgimg', 3, () => bot.forward(image, carol)],
      ['sendmsg', 48, () => bot.forward(location, carol)],
      ['sendappmsg', 5, () => bot.send(carol, { link: { title: 'lost answer', url: 'https://example.com/lost' } })],
    ];
    for (const [kind, type, send] of cases) {
      sim.faults.add({ kind, type: 'lose-response' });
      const sent = await send();
      const records = sim.sent().filter((r) => r.toUserName === carol && r.type === type);
      expect(records).toHaveLength(1);
      expect(sent.msgId).toBe(records[0]?.msgId);
    }
  });

  it('"too frequent" (1205) keeps a forward and a link card queued until the cooldown, then sends each once', async () => {
    const dave = id('Dave');
    const video = await seen(sim.inject({ kind: 'video', from: 'Alice', data: MP4 }).msgId);
    sim.faults.add({ kind: 'sendvideomsg', type: 'ret', ret: 1205, times: 2 });
    sim.faults.add({ kind: 'sendappmsg', type: 'ret', ret: 1205 });
    const [forwardedVideo, link] = await Promise.all([bot.forward(video, dave), bot.send(dave, { link: { title: 'after the cooldown', url: 'https://example.com/later' } })]);
    expect(sim.sent().filter((r) => r.toUserName === dave && r.type === 43).map((r) => r.msgId)).toEqual([forwardedVideo.msgId]);
    expect(sim.sent().filter((r) => r.toUserName === dave && r.type === 5).map((r) => r.msgId)).toEqual([link.msgId]);
    expect(sim.faults.list()).toHaveLength(0);
  });

  it('ctx.forward forwards the message being handled', async () => {
    const link = await seen(sim.inject({ kind: 'link', from: 'Carol', title: 'Handled', url: 'https://example.com/h' }).msgId);
    await until(() => forwarded.has(link.id), 'the handler forward');
    const sent = forwarded.get(link.id) as SentMessage;
    expect(record(sent)).toMatchObject({ toUserName: 'filehelper', type: 5 });
    expect((await seen(sent.msgId)).app?.title).toBe('Handled');
  });
});
