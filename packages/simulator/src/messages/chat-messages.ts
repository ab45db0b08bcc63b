import type { Rng } from '../util/rng';
import { makeEntry, emptyRecommendInfo, type WireEntry } from './entry';
import { toWireText } from './text';
import { attr, escapeXmlPayload } from './xml';

/**
 * Where a message goes and who says it. `prefix` is `@sender:<br/>` for group
 * messages from others (docs/protocol.md 7.3) and empty otherwise.
 */
export interface MessageScope {
  rng: Rng;
  msgId: string;
  from: string;
  to: string;
  prefix: string;
}

const base = (s: MessageScope, msgType: number): Parameters<typeof makeEntry>[1] => ({
  FromUserName: s.from,
  ToUserName: s.to,
  MsgType: msgType,
});

/** Text (1): entities, emoji spans, `<br/>`. `raw` skips the conversion (already wire text). */
export function textMessage(s: MessageScope, text: string, raw = false): WireEntry {
  return makeEntry(s.msgId, { ...base(s, 1), Content: s.prefix + (raw ? text : toWireText(text)) });
}

export function imageMessage(s: MessageScope, width = 640, height = 480, length?: number): WireEntry {
  const xml = `<?xml version="1.0"?>\n<msg>\n\t<img aeskey="${s.rng.hex(32)}" encryver="1" length="${length ?? s.rng.int(20000, 400000)}" hdlength="0" md5="${s.rng.hex(32)}" cdnthumbheight="${Math.round(height / 4)}" cdnthumbwidth="${Math.round(width / 4)}" />\n\t<commenturl></commenturl>\n</msg>\n`;
  return makeEntry(s.msgId, {
    ...base(s, 3),
    Content: s.prefix + escapeXmlPayload(xml).replace(/\n/g, '<br/>'),
    ImgStatus: 2,
    ImgWidth: width,
    ImgHeight: height,
  });
}

export function voiceMessage(s: MessageScope, durationMs = 1580): WireEntry {
  const xml = `<msg><voicemsg endflag="1" cancelflag="0" forwardflag="0" voiceformat="4" voicelength="${durationMs}" length="${Math.round(durationMs * 1.3)}" bufid="${s.rng.digits(18)}" clientmsgid="${s.rng.hex(32)}" fromusername="" /></msg>`;
  return makeEntry(s.msgId, { ...base(s, 34), Content: s.prefix + escapeXmlPayload(xml), VoiceLength: durationMs });
}

/** Video (43) with the opaque `@…` Content of later captures. */
export function videoMessage(s: MessageScope, seconds = 10, width = 290, height = 512): WireEntry {
  return makeEntry(s.msgId, {
    ...base(s, 43),
    Content: `${s.prefix}@${s.rng.hex(512)}`,
    PlayLength: seconds,
    ImgWidth: width,
    ImgHeight: height,
  });
}

/** Emoticon (47); store stickers have HasProductId 1 and empty Content. */
/** `md5`/`len` describe the sticker bytes (custom stickers are re-sent by this md5). */
export function emoticonMessage(s: MessageScope, store = false, md5 = s.rng.hex(32), len = 447446): WireEntry {
  const cdn = `http://emoji.qpic.cn/wx_emoji/${s.rng.base64(40).replace(/[+/]/g, 'i')}/`;
  const xml = `<msg><emoji fromusername="${s.from}" tousername="${s.to}" type="2" idbuffer="media:0_0" md5="${md5}" len="${len}" productid="" androidmd5="${md5}" androidlen="${len}" s60v3md5="${md5}" s60v3len="${len}" s60v5md5="${md5}" s60v5len="${len}" cdnurl="${cdn}" designerid="" thumburl="" encrypturl="${cdn}" aeskey="${s.rng.hex(32)}" externurl="${cdn}" externmd5="${s.rng.hex(32)}" width="240" height="210" tpurl="" tpauthkey="" attachedtext=""></emoji><gameext type="0" content="0"></gameext></msg>`;
  return makeEntry(s.msgId, {
    ...base(s, 47),
    Content: store ? '' : s.prefix + escapeXmlPayload(xml),
    ImgStatus: 2,
    HasProductId: store ? 1 : 0,
    ImgWidth: 240,
    ImgHeight: 210,
  });
}

function appXml(s: MessageScope, type: number, title: string, inner: string): string {
  return `<msg><appmsg appid="" sdkver="0"><title>${attr(title)}</title>${inner}<type>${type}</type><showtype>0</showtype><extinfo></extinfo><sourceusername></sourceusername><sourcedisplayname></sourcedisplayname><thumburl></thumburl><md5></md5></appmsg><fromusername>${s.from}</fromusername><scene>0</scene><appinfo><version>1</version><appname></appname></appinfo><commenturl></commenturl></msg>`;
}

/** Link / article (49, AppMsgType 5): FileName is the title, Url the link. */
export function linkMessage(s: MessageScope, title: string, url: string, description = ''): WireEntry {
  const inner = `<des>${attr(description)}</des><action></action><url>${attr(url)}</url><lowurl></lowurl><dataurl></dataurl><lowdataurl></lowdataurl><appattach><totallen>0</totallen><attachid></attachid><fileext></fileext></appattach>`;
  return makeEntry(s.msgId, {
    ...base(s, 49),
    Content: s.prefix + escapeXmlPayload(appXml(s, 5, title, inner)),
    ImgStatus: 2,
    AppMsgType: 5,
    FileName: toWireText(title),
    Url: url,
  });
}

/** File (49, AppMsgType 6): FileName, FileSize (a string!), MediaId, EncryFileName. */
export function fileMessage(s: MessageScope, fileName: string, size = 10240, mediaId = `@crypt_${s.rng.hex(8)}_${s.rng.hex(256)}`): WireEntry {
  const ext = fileName.includes('.') ? fileName.slice(fileName.lastIndexOf('.') + 1) : '';
  const inner = `<des></des><action></action><url></url><lowurl></lowurl><appattach><totallen>${size}</totallen><attachid>${mediaId}</attachid><emoticonmd5></emoticonmd5><fileext>${attr(ext)}</fileext></appattach>`;
  return makeEntry(s.msgId, {
    ...base(s, 49),
    Content: s.prefix + escapeXmlPayload(appXml(s, 6, fileName, inner)),
    AppMsgType: 6,
    FileName: toWireText(fileName),
    FileSize: String(size),
    MediaId: mediaId,
    EncryFileName: encodeURIComponent(fileName),
  });
}

/** Contact card (42); RecommendInfo carries the shared contact's session UserName. */
export function cardMessage(
  s: MessageScope,
  card: { userName: string; nickName: string; alias: string; province: string; city: string; sex: number; verifyFlag: number },
): WireEntry {
  const xml = `<?xml version="1.0"?>\n<msg bigheadimgurl="http://wx.qlogo.cn/mmhead/ver_1/${s.rng.hex(40)}/0" smallheadimgurl="http://wx.qlogo.cn/mmhead/ver_1/${s.rng.hex(40)}/132" username="${attr(card.userName)}" nickname="${attr(card.nickName)}" shortpy="" alias="${attr(card.alias)}" imagestatus="3" scene="17" province="${attr(card.province)}" city="${attr(card.city)}" sign="" sex="${card.sex}" certflag="0" certinfo="" brandIconUrl="" brandHomeUrl="" brandSubscriptConfigUrl="" brandFlags="0" regionCode="" />\n`;
  return makeEntry(s.msgId, {
    ...base(s, 42),
    Content: s.prefix + escapeXmlPayload(xml).replace(/\n/g, '<br/>'),
    RecommendInfo: {
      ...emptyRecommendInfo(),
      UserName: card.userName,
      NickName: card.nickName,
      Alias: card.alias,
      Province: card.province,
      City: card.city,
      Sex: card.sex,
      VerifyFlag: card.verifyFlag,
      Scene: 17,
    },
  });
}

/** Location: MsgType 1 + SubMsgType 48, static-map path in Content, map Url, OriContent XML. */
export function locationMessage(s: MessageScope, address: string, lat = 22.54, lng = 113.93): WireEntry {
  const ori = `<?xml version="1.0"?>\n<msg>\n\t<location x="${lat}" y="${lng}" scale="16" label="${attr(address)}" maptype="0" poiname="[位置]" />\n</msg>\n`;
  return makeEntry(s.msgId, {
    ...base(s, 1),
    SubMsgType: 48,
    Content: `${s.prefix}${toWireText(address)}:<br/>/cgi-bin/mmwebwx-bin/webwxgetpubliclinkimg?url=xxx&msgid=${s.msgId}&pictype=location`,
    Url: `http://apis.map.qq.com/uri/v1/geocoder?coord=${lat},${lng}`,
    OriContent: ori,
  });
}
