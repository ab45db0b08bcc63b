import { escapeXml, FRIEND_ID, groupMessage, wireMessage } from '../fixtures/wire';
import { message } from '../fixtures/bot';

// The server escapes the whole XML once in Content; the quoted content is escaped once more inside.
const quoteXml = (reply: string, quoted: string) =>
  escapeXml(
    `<msg><appmsg appid="" sdkver="0"><title>${reply}</title><des></des><type>57</type><url></url>` +
      `<refermsg><type>1</type><svrid>7289405822930416514</svrid><fromusr>${FRIEND_ID}</fromusr><chatusr></chatusr>` +
      `<displayname>Alice</displayname><content>${quoted}</content></refermsg></appmsg><fromusername>wxid_alice01</fromusername></msg>`,
  );

describe('app messages: quoted replies and mini-programs', () => {
  it('a quoted reply is a text message whose quote names the answered message', () => {
    const m = message(wireMessage({ MsgType: 49, AppMsgType: 57, Content: quoteXml('Yes, at 7!', 'dinner tonight? &amp;lt;3') }));
    expect(m.kind).toBe('text');
    expect(m.text).toBe('Yes, at 7!');
    expect(m.app?.quote).toEqual({ msgId: '7289405822930416514', type: 1, senderName: 'Alice', text: 'dinner tonight? <3' });
  });

  it('in a group, the quote survives the sender prefix', () => {
    const m = message(groupMessage(quoteXml('agreed', 'ship it friday'), { MsgType: 49, AppMsgType: 57 }));
    expect(m.isGroup).toBe(true);
    expect(m.text).toBe('agreed');
    expect(m.app?.quote?.text).toBe('ship it friday');
  });

  it('a text filter sees quoted replies (they read as text in every client)', () => {
    const m = message(wireMessage({ MsgType: 49, AppMsgType: 57, Content: quoteXml('ok', 'x') }));
    expect(m.kind).toBe('text');
  });

  it('mini-programs carry their app id, user name and page', () => {
    const xml = escapeXml(
      '<msg><appmsg appid="" sdkver="0"><title>Order coffee</title><type>33</type><url>https://mp.weixin.qq.com/</url>' +
        '<weappinfo><pagepath><![CDATA[pages/menu/index.html?shop=12]]></pagepath><username><![CDATA[gh_1234567890ab@app]]></username><appid><![CDATA[wx1234567890abcdef]]></appid></weappinfo></appmsg></msg>',
    );
    const m = message(wireMessage({ MsgType: 49, AppMsgType: 33, Content: xml }));
    expect(m.kind).toBe('link');
    expect(m.app?.miniProgram).toEqual({ appId: 'wx1234567890abcdef', userName: 'gh_1234567890ab@app', pagePath: 'pages/menu/index.html?shop=12' });
  });

  it('a malformed quote never throws: the reply text still arrives', () => {
    const m = message(wireMessage({ MsgType: 49, AppMsgType: 57, FileName: 'fallback title', Content: escapeXml('<msg><appmsg><title>broken') }));
    expect(m.kind).toBe('text');
    expect(m.app?.quote).toBeUndefined();
  });
});
