import { forwardPayloadOf, receivedPayload } from '../../src/bot/forward';
import { message } from '../fixtures/bot';
import { escapeXml, groupMessage, wireMessage } from '../fixtures/wire';

// How each received kind is forwarded (docs/protocol.md 9.10), decided at submit time.
describe('forwardPayloadOf', () => {
  it('a group image keeps its XML: sender prefix off, <br/> as newlines, entities decoded once', () => {
    const xml = '<?xml version="1.0"?>\n<msg><img aeskey="abc123" title="a &amp;quot;b&amp;quot;" /></msg>';
    const m = message(groupMessage(escapeXml(xml).replace(/\n/g, '<br/>'), { MsgType: 3 }));
    // Exactly the XML the sender's client wrote: an entity inside it stays an entity.
    expect(receivedPayload(m)).toBe(xml);
    expect(forwardPayloadOf(m, '@bob')).toEqual({ to: '@bob', source: m.id, via: 'image', content: receivedPayload(m) });
  });

  it('text goes as its decoded text; video (43 and 62) by its Content; a custom sticker by its md5', () => {
    expect(forwardPayloadOf(message(wireMessage({ Content: 'a &lt; b<br/>c' })), '@x')).toMatchObject({ via: 'text', text: 'a < b\nc' });
    for (const type of [43, 62]) expect(forwardPayloadOf(message(wireMessage({ MsgType: type, Content: '@0a1b' })), '@x')).toMatchObject({ via: 'video', content: '@0a1b' });
    const sticker = message(wireMessage({ MsgType: 47, Content: escapeXml('<msg><emoji md5="0123456789abcdef0123456789abcdef" len="10"></emoji></msg>') }));
    expect(forwardPayloadOf(sticker, '@x')).toMatchObject({ via: 'emoticon', md5: '0123456789abcdef0123456789abcdef' });
  });

  it('a location by its OriContent; a file or link by its appmsg and MediaId', () => {
    const ori = '<?xml version="1.0"?>\n<msg>\n\t<location x="22.5" y="113.9" label="Pier" />\n</msg>\n';
    const loc = message(wireMessage({ SubMsgType: 48, Content: 'Pier:<br/>/cgi-bin/mmwebwx-bin/webwxgetpubliclinkimg?url=xxx&msgid=1&pictype=location', Url: 'http://apis.map.qq.com/uri/v1/geocoder?coord=22.5,113.9', OriContent: ori }));
    expect(forwardPayloadOf(loc, '@x')).toMatchObject({ via: 'location', content: ori });
    const appXml = '<msg><appmsg appid="" sdkver="0"><title>a.pdf</title><type>6</type><appattach><totallen>3</totallen><attachid>@crypt_1</attachid><fileext>pdf</fileext></appattach></appmsg></msg>';
    const file = message(wireMessage({ MsgType: 49, AppMsgType: 6, FileName: 'a.pdf', FileSize: '3', MediaId: '@crypt_1', Content: escapeXml(appXml) }));
    expect(forwardPayloadOf(file, '@x')).toMatchObject({ via: 'app', appMsgType: 6, mediaId: '@crypt_1', content: appXml });
  });

  it('refuses with coded errors what the web protocol cannot forward', () => {
    const store = message(wireMessage({ MsgType: 47, Content: '', HasProductId: 1 }));
    expect(() => forwardPayloadOf(store, '@x')).toThrow(expect.objectContaining({ code: 'WXBOT_FORWARD_STORE_EMOTICON' }));
    expect(() => forwardPayloadOf(message(wireMessage({ MsgType: 34, Content: '' })), '@x')).toThrow(expect.objectContaining({ code: 'WXBOT_FORWARD_UNSUPPORTED', message: expect.stringContaining('voice') }));
    expect(() => forwardPayloadOf(message(wireMessage({ MsgType: 42, Content: escapeXml('<msg username="@c" nickname="C"/>') })), '@x')).toThrow(expect.objectContaining({ code: 'WXBOT_CARD_UNSUPPORTED' }));
    expect(() => forwardPayloadOf(message(wireMessage({ MsgType: 10000, Content: '收到红包，请在手机上查看' })), '@x')).toThrow(expect.objectContaining({ code: 'WXBOT_FORWARD_UNSUPPORTED' }));
    expect(() => forwardPayloadOf(message(wireMessage({ MsgType: 3, Content: '' })), '@x')).toThrow(expect.objectContaining({ code: 'WXBOT_FORWARD_UNSUPPORTED' }));
  });
});
