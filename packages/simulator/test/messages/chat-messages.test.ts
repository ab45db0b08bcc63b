import * as chat from '../../src/messages/chat-messages';
import { Rng } from '../../src/util/rng';

const unescape = (s: string): string => s.replace(/<br\/>/g, '\n').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const scope = (prefix = ''): chat.MessageScope => ({ rng: new Rng(1), msgId: '4242424242424242424', from: '@@room', to: '@self', prefix });
const ROOM = scope('@alice:<br/>');

describe('chat message entries', () => {
  it('text: the sender prefix in groups, entity-escaped with emoji spans, or raw when asked', () => {
    const m = chat.textMessage(ROOM, 'a < b 👍\nnext');
    expect([m.MsgId, m.MsgType, m.FromUserName, m.ToUserName]).toEqual(['4242424242424242424', 1, '@@room', '@self']);
    expect(m.Content).toBe('@alice:<br/>a &lt; b <span class="emoji emoji1f44d"></span><br/>next');
    expect(chat.textMessage(scope(), '<b>', true).Content).toBe('<b>');
  });

  it('image, voice, video and emoticon carry their type, sizes and an escaped XML payload', () => {
    const img = chat.imageMessage(ROOM, 800, 600, 1234);
    expect([img.MsgType, img.ImgStatus, img.ImgWidth, img.ImgHeight]).toEqual([3, 2, 800, 600]);
    expect(unescape(img.Content.slice('@alice:<br/>'.length))).toMatch(/^<\?xml version="1.0"\?>\n<msg>\n\t<img aeskey="[0-9a-f]{32}" encryver="1" length="1234" hdlength="0" md5="[0-9a-f]{32}" cdnthumbheight="150" cdnthumbwidth="200" \/>/);
    const voice = chat.voiceMessage(scope(), 3000);
    expect([voice.MsgType, voice.VoiceLength]).toEqual([34, 3000]);
    expect(unescape(voice.Content)).toMatch(/<voicemsg endflag="1" [^>]*voicelength="3000" length="3900"/);
    const video = chat.videoMessage(scope(), 12);
    expect([video.MsgType, video.PlayLength, video.ImgWidth, video.ImgHeight]).toEqual([43, 12, 290, 512]);
    expect(video.Content).toMatch(/^@[0-9a-f]{512}$/);
    const gif = chat.emoticonMessage(scope(), false, 'ab'.repeat(16), 99);
    expect([gif.MsgType, gif.HasProductId]).toEqual([47, 0]);
    expect(unescape(gif.Content)).toContain(`md5="${'ab'.repeat(16)}" len="99"`);
    const store = chat.emoticonMessage(scope(), true);
    expect([store.Content, store.HasProductId]).toEqual(['', 1]);
  });

  it('link and file cards are appmsg entries with their fields', () => {
    const link = chat.linkMessage(ROOM, 'R&D "news"', 'https://e.org/?a=1&b=2', 'desc');
    expect([link.MsgType, link.AppMsgType, link.Url, link.FileName]).toEqual([49, 5, 'https://e.org/?a=1&b=2', 'R&amp;D &quot;news&quot;']);
    const xml = unescape(link.Content.slice('@alice:<br/>'.length));
    expect(xml).toContain('<title>R&amp;D &quot;news&quot;</title><des>desc</des>');
    expect(xml).toContain('<url>https://e.org/?a=1&amp;b=2</url>');
    expect(xml).toContain('<fromusername>@@room</fromusername>');
    const file = chat.fileMessage(scope(), '报告.pdf', 2048, '@crypt_m');
    expect([file.AppMsgType, file.FileSize, file.MediaId, file.EncryFileName]).toEqual([6, '2048', '@crypt_m', encodeURIComponent('报告.pdf')]);
    expect(unescape(file.Content)).toContain('<totallen>2048</totallen><attachid>@crypt_m</attachid><emoticonmd5></emoticonmd5><fileext>pdf</fileext>');
    expect(chat.fileMessage(scope(), 'README', 1).Content).toContain('&lt;fileext&gt;&lt;/fileext&gt;');
  });

  it('a card names the contact in XML and RecommendInfo; a location is text with SubMsgType 48 and coordinates', () => {
    const card = chat.cardMessage(scope(), { userName: '@bob', nickName: 'Bob & co', alias: 'bob1', province: 'GD', city: 'SZ', sex: 1, verifyFlag: 0 });
    expect(card.MsgType).toBe(42);
    expect(card.RecommendInfo).toMatchObject({ UserName: '@bob', NickName: 'Bob & co', Alias: 'bob1', Scene: 17 });
    expect(unescape(card.Content)).toContain('username="@bob" nickname="Bob &amp; co"');
    const loc = chat.locationMessage(ROOM, '深圳市 <南山>', 22.5, 113.9);
    expect([loc.MsgType, loc.SubMsgType, loc.Url]).toEqual([1, 48, 'http://apis.map.qq.com/uri/v1/geocoder?coord=22.5,113.9']);
    expect(loc.Content).toBe('@alice:<br/>深圳市 &lt;南山&gt;:<br/>/cgi-bin/mmwebwx-bin/webwxgetpubliclinkimg?url=xxx&msgid=4242424242424242424&pictype=location');
    expect(loc.OriContent).toContain('<location x="22.5" y="113.9" scale="16" label="深圳市 &lt;南山&gt;"');
  });
});
