import { parseStringPromise } from 'xml2js';
import { fileAppMsgXml, ProtocolError, sendEmoticon, sendFile, sendImage, sendVideo, WEB_FILE_APPID } from '@wxbot/protocol';
import { jsonWireServer } from '../helpers/json-wire';

describe('file appmsg XML', () => {
  it('matches docs/protocol.md 9.8 for a plain name', () => {
    expect(fileAppMsgXml({ fileName: 'a.pdf', size: 1234, mediaId: '@crypt_m', appId: WEB_FILE_APPID })).toBe(
      "<appmsg appid='wxeb7ec651dd0aefa9' sdkver=''><title>a.pdf</title><des></des><action></action><type>6</type><content></content>" +
        '<url></url><lowurl></lowurl><appattach><totallen>1234</totallen><attachid>@crypt_m</attachid><fileext>pdf</fileext></appattach><extinfo></extinfo></appmsg>',
    );
  });

  it.each(['R&D <draft> "v2" it\'s.txt', '报告&amp;.pdf', 'a<b>c.x&y'])('escapes %s so that it parses back to the same name', async (name) => {
    const xml = fileAppMsgXml({ fileName: name, size: 1, mediaId: '@m', appId: '' });
    const doc = (await parseStringPromise(xml)) as { appmsg: { $: { appid: string }; title: string[]; appattach: Array<{ fileext: string[] }> } };
    expect(doc.appmsg.title[0]).toBe(name);
    expect(doc.appmsg.$.appid).toBe('');
    expect(name.endsWith(doc.appmsg.appattach[0]?.fileext[0] ?? '?')).toBe(true);
  });
});

describe('send-media requests on the wire', () => {
  const wire = jsonWireServer();

  it('sendImage / sendVideo: fun=async&f=json, Type 3 / 43 with MediaId and empty Content', async () => {
    const r = await sendImage(wire.ctx, { from: '@me', to: '@you', mediaId: '@crypt_img' });
    expect(r.msgId).toBe('9001');
    expect(r.localId).toMatch(/^\d{17}$/);
    expect(wire.last().url.pathname).toBe('/cgi-bin/mmwebwx-bin/webwxsendmsgimg');
    expect(wire.query()).toMatchObject({ fun: 'async', f: 'json', lang: 'zh_CN', pass_ticket: 'pt' });
    expect(wire.msg()).toEqual({ Type: 3, MediaId: '@crypt_img', Content: '', FromUserName: '@me', ToUserName: '@you', LocalID: r.localId, ClientMsgId: r.localId });
    expect(wire.last().json['Scene']).toBe(0);
    await sendVideo(wire.ctx, { from: '@me', to: '@you', mediaId: '@crypt_vid' });
    expect(wire.last().url.pathname).toBe('/cgi-bin/mmwebwx-bin/webwxsendvideomsg');
    expect(wire.msg()).toMatchObject({ Type: 43, MediaId: '@crypt_vid' });
    await expect(sendImage(wire.ctx, { from: '@me', to: '@you', mediaId: '' })).rejects.toThrow(ProtocolError);
  });

  it('sendEmoticon: fun=sys, Type 47, EmojiFlag 2, MediaId or EMoticonMd5 and no Content', async () => {
    await sendEmoticon(wire.ctx, { from: '@me', to: '@you', mediaId: '@crypt_gif' });
    expect(wire.query()).toMatchObject({ fun: 'sys' });
    expect(wire.msg()).toMatchObject({ Type: 47, EmojiFlag: 2, MediaId: '@crypt_gif' });
    expect(wire.msg()).not.toHaveProperty('Content');
    await sendEmoticon(wire.ctx, { from: '@me', to: '@you', md5: 'abc123' });
    expect(wire.msg()).toMatchObject({ Type: 47, EmojiFlag: 2, EMoticonMd5: 'abc123' });
    expect(wire.msg()).not.toHaveProperty('MediaId');
  });

  it('sendFile: Type 6 appmsg with the web appid; desktop mode adds mod=desktop and an empty appid', async () => {
    await sendFile(wire.ctx, { from: '@me', to: '@you', mediaId: '@crypt_f', fileName: 'R&D <1>.pdf', size: 99, signature: 'sig' });
    expect(wire.last().url.pathname).toBe('/cgi-bin/mmwebwx-bin/webwxsendappmsg');
    expect(wire.query()).toMatchObject({ fun: 'async', f: 'json' });
    expect(wire.query()).not.toHaveProperty('mod');
    expect(wire.msg()).toMatchObject({ Type: 6, Signature: 'sig' });
    expect(wire.msg()['Content']).toContain("<appmsg appid='wxeb7ec651dd0aefa9' sdkver=''><title>R&amp;D &lt;1&gt;.pdf</title>");
    expect(wire.msg()['Content']).toContain('<totallen>99</totallen><attachid>@crypt_f</attachid><fileext>pdf</fileext>');
    await sendFile(wire.desktop, { from: '@me', to: '@you', mediaId: '@crypt_f', fileName: 'a.txt', size: 1 });
    expect(wire.query()).toMatchObject({ mod: 'desktop' });
    expect(wire.msg()['Content']).toMatch(/^<appmsg appid='' sdkver=''>/);
    expect(wire.msg()).not.toHaveProperty('Signature');
  });
});
