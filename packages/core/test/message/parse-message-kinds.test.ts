import { parseMessage } from '@wxbot/core/internals';
import { env } from '../fixtures/contacts';
import { escapeXml, FRIEND_ID, GROUP_ID, groupMessage, MEMBER_ID, recommendInfo, SELF_ID, wireMessage } from '../fixtures/wire';

const appXml = (type: number, inner: string) =>
  escapeXml(
    `<msg><appmsg appid="wx123" sdkver="0"><title>Weekly report</title><des>All the numbers</des><action></action><type>${type}</type><showtype>0</showtype>` +
      `<url>https://mp.weixin.qq.com/s?a=1&b=2</url>${inner}<thumburl></thumburl></appmsg><fromusername>wxid_x</fromusername><scene>0</scene>` +
      `<appinfo><version>1</version><appname>WeRead</appname></appinfo><commenturl></commenturl></msg>`,
  ).replace(/\n/g, '<br/>');

describe('parseMessage: media kinds use wire fields, not Content', () => {
  it('image', () => {
    const m = parseMessage(wireMessage({ MsgType: 3, Content: '@8f2a0e1b3c…opaque', ImgStatus: 2, ImgWidth: 640, ImgHeight: 480, MediaId: '' }), env());
    expect(m.kind).toBe('image');
    expect(m.text).toBe('[image]');
    expect(m.media).toEqual({ fileName: '', rawFileName: '', mediaId: '', width: 640, height: 480 });
  });
  it('voice (VoiceLength in ms), even with old XML content', () => {
    const old = escapeXml('<msg><voicemsg endflag="1" voicelength="1580" length="2026" /></msg>');
    const m = parseMessage(wireMessage({ MsgType: 34, Content: old, VoiceLength: 1580 }), env());
    expect(m).toMatchObject({ kind: 'voice', text: '[voice]', media: { duration: 1580 } });
  });
  it('video and short video (PlayLength in s)', () => {
    const video = parseMessage(wireMessage({ MsgType: 43, PlayLength: 12, ImgWidth: 720, ImgHeight: 1280 }), env());
    expect(video).toMatchObject({ kind: 'video', media: { duration: 12, width: 720, height: 1280 } });
    expect(parseMessage(wireMessage({ MsgType: 62, PlayLength: 3 }), env()).kind).toBe('video');
  });
  it('custom emoticon: md5 from the <emoji> attribute', () => {
    const xml = escapeXml('<msg><emoji fromusername="wxid_a" tousername="wxid_b" type="2" md5="0123456789abcdef0123456789abcdef" len="3110" cdnurl="http://emoji.qpic.cn/wx_emoji/x/" width="240" height="210"></emoji><gameext type="0" content="0"></gameext></msg>');
    const m = parseMessage(groupMessage(xml, { MsgType: 47, ImgStatus: 2 }), env());
    expect(m).toMatchObject({ kind: 'emoticon', text: '[emoticon]', sender: { id: MEMBER_ID } });
    expect(m.media).toEqual({ fileName: '', rawFileName: '', mediaId: '', md5: '0123456789abcdef0123456789abcdef', width: 240, height: 210 });
  });
  it('store emoticon: HasProductId 1 with empty Content', () => {
    const m = parseMessage(wireMessage({ MsgType: 47, Content: '', HasProductId: 1, ImgWidth: 200, ImgHeight: 200 }), env());
    expect(m.kind).toBe('emoticon');
    expect(m.media).toEqual({ fileName: '', rawFileName: '', mediaId: '', width: 200, height: 200 });
  });
});

describe('parseMessage: app messages (49)', () => {
  it('link: title, description, url, app name; text is the title', () => {
    const m = parseMessage(wireMessage({ MsgType: 49, AppMsgType: 5, Content: appXml(5, ''), FileName: 'Weekly report', Url: 'https://mp.weixin.qq.com/s?a=1&amp;b=2' }), env());
    expect(m.kind).toBe('link');
    expect(m.text).toBe('Weekly report');
    expect(m.app).toEqual({ appMsgType: 5, title: 'Weekly report', description: 'All the numbers', url: 'https://mp.weixin.qq.com/s?a=1&b=2', appName: 'WeRead' });
    expect(m.media).toBeUndefined();
  });
  it('file: appattach totallen/fileext, FileName, MediaId', () => {
    const content = appXml(6, '<appattach><totallen>20480</totallen><attachid>@cdn_x</attachid><emoticonmd5></emoticonmd5><fileext>pdf</fileext></appattach>');
    const wire = wireMessage({ MsgType: 49, AppMsgType: 6, Content: content, FileName: 'report.pdf', FileSize: '20480', MediaId: '@crypt_abc' });
    const m = parseMessage(wire, env());
    expect(m.kind).toBe('file');
    expect(m.text).toBe('[file]');
    expect(m.app).toMatchObject({ appMsgType: 6, fileName: 'report.pdf', fileSize: 20480, fileExt: 'pdf' });
    expect(m.media).toEqual({ fileName: 'report.pdf', rawFileName: 'report.pdf', mediaId: '@crypt_abc', size: 20480 });
  });
  it('mini-program (33) in a group: prefix stripped before XML parsing', () => {
    const m = parseMessage(groupMessage(appXml(33, '<weappinfo><pagepath>pages/index</pagepath><username>gh_1@app</username></weappinfo>'), { MsgType: 49, AppMsgType: 33, ImgStatus: 2 }), env());
    expect(m).toMatchObject({ kind: 'link', app: { appMsgType: 33, title: 'Weekly report' }, sender: { id: MEMBER_ID } });
  });
  it('transfer (2000) is a system notice with the wire title', () => {
    const xml = escapeXml('<msg><appmsg appid="" sdkver=""><title><![CDATA[微信转账]]></title><des><![CDATA[收到转账0.01元]]></des><type>2000</type><wcpayinfo><feedesc>￥0.01</feedesc></wcpayinfo></appmsg></msg>');
    const m = parseMessage(wireMessage({ MsgType: 49, AppMsgType: 2000, FileName: '微信转账', Content: xml }), env());
    expect(m).toMatchObject({ kind: 'system', text: '微信转账', app: { appMsgType: 2000, description: '收到转账0.01元' } });
  });
  it('unsupported app message (AppMsgType 0, chat history) is unknown with its notice text', () => {
    const m = parseMessage(wireMessage({ MsgType: 49, AppMsgType: 0, Content: '该类型暂不支持，请在手机上查看' }), env());
    expect(m).toMatchObject({ kind: 'unknown', text: '该类型暂不支持，请在手机上查看' });
  });
  it('malformed XML still gives a link from the wire fields', () => {
    const m = parseMessage(wireMessage({ MsgType: 49, AppMsgType: 5, Content: '&lt;msg&gt;&lt;appmsg&gt;&lt;title&gt;broken', FileName: 'Fallback title', Url: 'https://x.test/a' }), env());
    expect(m).toMatchObject({ kind: 'link', text: 'Fallback title', app: { title: 'Fallback title', url: 'https://x.test/a', description: '' } });
  });
});

describe('parseMessage: friend request (37)', () => {
  const xml =
    '&lt;msg fromusername="wxid_requester" encryptusername="v1_abc@stranger" fromnickname="Dora" ' +
    'content="我是群聊&amp;quot;Wechaty&amp;quot;的Dora" shortpy="DORA" imagestatus="3" scene="14" country="CN" ' +
    'ticket="v2_xml@stranger" opcode="2" chatroomusername="123@chatroom"&gt;&lt;brandlist count="0" ver="1"&gt;&lt;/brandlist&gt;&lt;/msg&gt;';
  it('uses RecommendInfo for the temporary id and ticket', () => {
    const wire = wireMessage({
      FromUserName: 'fmessage', MsgType: 37, Content: xml,
      RecommendInfo: recommendInfo({ UserName: '@req', NickName: 'Dora', Content: '我是群聊"Wechaty"的Dora', Ticket: 'v2_ri@stranger', Scene: 14, OpCode: 2 }),
    });
    const m = parseMessage(wire, env());
    expect(m).toMatchObject({ kind: 'friend-request', chat: { id: 'fmessage', kind: 'special' }, sender: { id: '@req', name: 'Dora' } });
    expect(m.friendRequest).toEqual({ userName: '@req', nickName: 'Dora', greeting: '我是群聊"Wechaty"的Dora', ticket: 'v2_ri@stranger', scene: 14, roomId: '123@chatroom' });
    expect(m.text).toBe('我是群聊"Wechaty"的Dora');
  });
  it('falls back to the double-escaped XML attributes', () => {
    const m = parseMessage(wireMessage({ FromUserName: 'fmessage', MsgType: 37, Content: xml }), env());
    expect(m.friendRequest).toEqual({ userName: 'wxid_requester', nickName: 'Dora', greeting: '我是群聊"Wechaty"的Dora', ticket: 'v2_xml@stranger', scene: 14, roomId: '123@chatroom' });
  });
  it('a request not from a group has no roomId', () => {
    const plain = xml.replace('chatroomusername="123@chatroom"', 'chatroomusername=""').replace('scene="14"', 'scene="30"');
    const m = parseMessage(wireMessage({ FromUserName: 'fmessage', MsgType: 37, Content: plain }), env());
    expect(m.friendRequest).toMatchObject({ scene: 30, roomId: '' });
  });
});

describe('parseMessage: card (42)', () => {
  it('reads RecommendInfo and flags official accounts', () => {
    const xml = escapeXml('<?xml version="1.0"?>\n<msg bigheadimgurl="" smallheadimgurl="" username="gh_abc" nickname="News" alias="news" certflag="24" />');
    const m = parseMessage(wireMessage({ MsgType: 42, Content: xml, RecommendInfo: recommendInfo({ UserName: '@card', NickName: 'News', Alias: 'news', VerifyFlag: 24 }) }), env());
    expect(m).toMatchObject({ kind: 'card', text: '[card]', card: { userName: '@card', nickName: 'News', alias: 'news', isOfficial: true } });
  });
  it('falls back to XML attributes for a person', () => {
    const xml = escapeXml('<?xml version="1.0"?><msg username="wxid_p" nickname="Pat" alias="" />');
    expect(parseMessage(wireMessage({ MsgType: 42, Content: xml }), env()).card).toEqual({ userName: 'wxid_p', nickName: 'Pat', alias: '', isOfficial: false });
  });
});

describe('parseMessage: location (1 + SubMsgType 48)', () => {
  const content = (msgId: string) => `滨兴小区(东区):<br/>/cgi-bin/mmwebwx-bin/webwxgetpubliclinkimg?url=xxx&msgid=${msgId}&pictype=location`;
  it('parses address, map url and coordinates (group, with prefix)', () => {
    const wire = groupMessage(content('1'), { SubMsgType: 48, Url: 'http://apis.map.qq.com/uri/v1/geocoder?coord=30.2084,120.2123' });
    const m = parseMessage(wire, env());
    expect(m).toMatchObject({ kind: 'location', text: '滨兴小区(东区)', sender: { id: MEMBER_ID } });
    expect(m.location).toEqual({ address: '滨兴小区(东区)', url: 'http://apis.map.qq.com/uri/v1/geocoder?coord=30.2084,120.2123', latitude: 30.2084, longitude: 120.2123 });
  });
  it('has no coordinates for the old redirectforward url', () => {
    const m = parseMessage(wireMessage({ SubMsgType: 48, Content: content('2'), Url: 'http://weixin.qq.com/cgi-bin/redirectforward?args=abc' }), env());
    expect(m.location).toEqual({ address: '滨兴小区(东区)', url: 'http://weixin.qq.com/cgi-bin/redirectforward?args=abc' });
  });
});

describe('parseMessage: recall (10002)', () => {
  const xml = (id: string) =>
    escapeXml(`<sysmsg type="revokemsg"><revokemsg><session>123@chatroom</session><oldmsgid>1001</oldmsgid><msgid>${id}</msgid><replacemsg><![CDATA["Bob" 撤回了一条消息]]></replacemsg></revokemsg></sysmsg>`);
  it('reads msgid and the CDATA notice (group, prefixed)', () => {
    const m = parseMessage(groupMessage(xml('4000000000000000001'), { MsgType: 10002, Status: 4 }), env());
    expect(m).toMatchObject({ kind: 'recall', text: '"Bob" 撤回了一条消息', recall: { revokedId: '4000000000000000001', notice: '"Bob" 撤回了一条消息' }, sender: { id: MEMBER_ID } });
  });
  it('keeps msgid 0 ("your last message")', () => {
    expect(parseMessage(wireMessage({ MsgType: 10002, Content: xml('0') }), env()).recall?.revokedId).toBe('0');
  });
  it('recovers the id from broken XML with a regex', () => {
    const broken = '&lt;sysmsg type="revokemsg"&gt;&lt;revokemsg&gt;&lt;msgid&gt;42&lt;/msgid&gt;&lt;replacemsg&gt;&lt;![CDATA[x]]&gt;&lt;/replacemsg&gt;';
    expect(parseMessage(wireMessage({ MsgType: 10002, Content: broken }), env()).recall).toEqual({ revokedId: '42', notice: 'x' });
  });
});

describe('parseMessage: status notify (51)', () => {
  it('reads code 4, the session ids and the leaked stable ids', () => {
    const xml = escapeXml("<msg><op id='4'><username>wxid_a,filehelper,12345@chatroom</username><unreadchatlist><chat><username>wxid_a</username><lastreadtime>1</lastreadtime></chat></unreadchatlist><unreadfunctionlist></unreadfunctionlist></op></msg>");
    const m = parseMessage(wireMessage({ MsgType: 51, FromUserName: SELF_ID, ToUserName: SELF_ID, StatusNotifyCode: 4, StatusNotifyUserName: `${FRIEND_ID},filehelper,${GROUP_ID}`, Content: xml }), env());
    expect(m).toMatchObject({ kind: 'status', text: '', isSelf: true });
    expect(m.status).toEqual({ code: 4, userNames: [FRIEND_ID, 'filehelper', GROUP_ID], stableIds: ['wxid_a', 'filehelper', '12345@chatroom'] });
  });
  it('ignores an empty-Content 51 gracefully', () => {
    const m = parseMessage(wireMessage({ MsgType: 51, FromUserName: SELF_ID, ToUserName: FRIEND_ID, StatusNotifyCode: 2, StatusNotifyUserName: FRIEND_ID, Content: '' }), env());
    expect(m.status).toEqual({ code: 2, userNames: [FRIEND_ID], stableIds: [] });
  });
});

describe('parseMessage: system and others', () => {
  it('10000 in a group has no prefix and strips <a> links', () => {
    const m = parseMessage(wireMessage({ FromUserName: GROUP_ID, MsgType: 10000, Content: '你邀请"Bob"加入了群聊  &lt;a href="weixin://revoke"&gt;撤销&lt;/a&gt;' }), env());
    expect(m).toMatchObject({ kind: 'system', text: '你邀请"Bob"加入了群聊  撤销', sender: { id: GROUP_ID, name: 'Team' } });
  });
  it('10000 red packet notice', () => {
    expect(parseMessage(wireMessage({ MsgType: 10000, Content: '收到红包，请在手机上查看' }), env()).text).toBe('收到红包，请在手机上查看');
  });
  it('9999 and VoIP are system; unknown types are unknown', () => {
    expect(parseMessage(wireMessage({ MsgType: 9999, Content: '' }), env()).kind).toBe('system');
    expect(parseMessage(wireMessage({ MsgType: 53, Content: '&lt;voipinvitemsg&gt;' }), env())).toMatchObject({ kind: 'system', text: '[call]' });
    expect(parseMessage(wireMessage({ MsgType: 12345, Content: '&lt;msg/&gt;' }), env())).toMatchObject({ kind: 'unknown', text: '' });
    expect(parseMessage(wireMessage({ MsgType: 40, Content: 'x' }), env()).kind).toBe('unknown');
  });
});
