import type { WireMessage, WireRecommendInfo } from '@wxbot/wire-types';
import type { BookGroup, BookPerson, Directory } from './directory';
import type { Incoming } from './types';

/** Wire builders for in-process mode: the entry shapes the simulator serves (docs/protocol.md 7), minus the randomness. */

let counter = 0;
const nextMsgId = (): string => String(5_000_000_000_000_000_000n + BigInt(++counter));

const attr = (v: string | number): string => String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** XML inside Content: escaped once more, quotes left raw. */
const payload = (xml: string): string => xml.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Plain text as the server sends it: entities escaped, newlines as `<br/>`. */
const wireText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br/>');

function recommendInfo(fields: Partial<WireRecommendInfo> = {}): WireRecommendInfo {
  return { UserName: '', NickName: '', QQNum: 0, Province: '', City: '', Content: '', Signature: '', Alias: '', Scene: 0, VerifyFlag: 0, AttrStatus: 0, Sex: 0, Ticket: '', OpCode: 0, ...fields };
}

type Fields = Partial<WireMessage> & Pick<WireMessage, 'FromUserName' | 'ToUserName' | 'MsgType'>;

function entry(fields: Fields): WireMessage {
  const id = nextMsgId();
  return {
    MsgId: id, NewMsgId: Number(id), Content: '', Status: 3, ImgStatus: 1, CreateTime: Math.floor(Date.now() / 1000), VoiceLength: 0, PlayLength: 0,
    FileName: '', FileSize: '', MediaId: '', Url: '', AppMsgType: 0, StatusNotifyCode: 0, StatusNotifyUserName: '', RecommendInfo: recommendInfo(),
    ForwardFlag: 0, AppInfo: { AppID: '', Type: 0 }, HasProductId: 0, Ticket: '', ImgHeight: 0, ImgWidth: 0, SubMsgType: 0, OriContent: '', EncryFileName: '',
    ...fields,
  };
}

interface Scope {
  from: string;
  to: string;
  /** `@sender:<br/>` for group messages from others. */
  prefix: string;
  sender: BookPerson;
  group?: BookGroup;
}

function scope(dir: Directory, from: string | undefined, room: string | undefined, firstFriend: string): Scope {
  const speaker = from ?? firstFriend;
  if (room === undefined) {
    const sender = dir.person(speaker);
    return { from: sender.id, to: dir.self.id, prefix: '', sender };
  }
  const group = dir.group(room);
  const sender = dir.person(speaker);
  if (!group.members.some((m) => m.person.id === sender.id)) {
    throw new Error(`"${speaker}" is not a member of "${room}"; members: ${group.members.map((m) => m.person.nickName).join(', ')}`);
  }
  return { from: group.id, to: dir.self.id, prefix: `${sender.id}:<br/>`, sender, group };
}

/** In-group display name, else nickname: how a phone writes an @-mention. */
function mentionName(group: BookGroup | undefined, dir: Directory, name: string): string {
  if (name === 'self') return group?.selfDisplayName || dir.self.nickName;
  const p = dir.person(name);
  return group?.members.find((m) => m.person.id === p.id)?.displayName || p.nickName;
}

function appXml(s: Scope, type: number, title: string, inner: string): string {
  return `<msg><appmsg appid="" sdkver="0"><title>${attr(title)}</title>${inner}<type>${type}</type></appmsg><fromusername>${s.from}</fromusername><scene>0</scene><appinfo><version>1</version><appname></appname></appinfo></msg>`;
}

/**
 * One AddMsgList entry for an incoming message.
 * @example
 * toWire({ kind: 'text', text: 'hi', from: 'Alice', room: 'Family', mention: true }, dir, 'Alice');
 */
export function toWire(input: Incoming, dir: Directory, firstFriend: string): WireMessage {
  switch (input.kind) {
    case 'text': {
      const s = scope(dir, input.from, input.room, firstFriend);
      const names = input.mention === true ? ['self'] : (input.mention ?? []);
      const mentions = names.map((n) => `@${mentionName(s.group, dir, n)}\u2005`).join('');
      return entry({ FromUserName: s.from, ToUserName: s.to, MsgType: 1, Content: s.prefix + wireText(mentions + input.text) });
    }
    case 'image': {
      const s = scope(dir, input.from, input.room, firstFriend);
      const xml = `<?xml version="1.0"?>\n<msg>\n\t<img aeskey="0" encryver="1" length="40000" hdlength="0" md5="0" />\n</msg>\n`;
      return entry({ FromUserName: s.from, ToUserName: s.to, MsgType: 3, Content: s.prefix + payload(xml).replace(/\n/g, '<br/>'), ImgStatus: 2, ImgWidth: input.width ?? 640, ImgHeight: input.height ?? 480 });
    }
    case 'voice': {
      const s = scope(dir, input.from, input.room, firstFriend);
      const ms = input.durationMs ?? 1580;
      return entry({ FromUserName: s.from, ToUserName: s.to, MsgType: 34, Content: s.prefix + payload(`<msg><voicemsg endflag="1" voiceformat="4" voicelength="${ms}" /></msg>`), VoiceLength: ms });
    }
    case 'video': {
      const s = scope(dir, input.from, input.room, firstFriend);
      return entry({ FromUserName: s.from, ToUserName: s.to, MsgType: 43, Content: `${s.prefix}@${'0'.repeat(64)}`, PlayLength: input.seconds ?? 10, ImgWidth: 290, ImgHeight: 512 });
    }
    case 'emoticon': {
      const s = scope(dir, input.from, input.room, firstFriend);
      const xml = `<msg><emoji fromusername="${s.from}" tousername="${s.to}" type="2" md5="d41d8cd98f00b204e9800998ecf8427e" len="1024" width="240" height="210"></emoji></msg>`;
      return entry({ FromUserName: s.from, ToUserName: s.to, MsgType: 47, Content: s.prefix + payload(xml), ImgStatus: 2, ImgWidth: 240, ImgHeight: 210 });
    }
    case 'link': {
      const s = scope(dir, input.from, input.room, firstFriend);
      const inner = `<des>${attr(input.description ?? '')}</des><url>${attr(input.url)}</url><appattach><totallen>0</totallen></appattach>`;
      return entry({ FromUserName: s.from, ToUserName: s.to, MsgType: 49, AppMsgType: 5, Content: s.prefix + payload(appXml(s, 5, input.title, inner)), FileName: wireText(input.title), Url: input.url, ImgStatus: 2 });
    }
    case 'file': {
      const s = scope(dir, input.from, input.room, firstFriend);
      const size = input.size ?? 10240;
      const ext = input.fileName.includes('.') ? input.fileName.slice(input.fileName.lastIndexOf('.') + 1) : '';
      const mediaId = `@crypt_testkit_${counter}`;
      const inner = `<des></des><url></url><appattach><totallen>${size}</totallen><attachid>${mediaId}</attachid><fileext>${attr(ext)}</fileext></appattach>`;
      return entry({
        FromUserName: s.from, ToUserName: s.to, MsgType: 49, AppMsgType: 6, Content: s.prefix + payload(appXml(s, 6, input.fileName, inner)),
        FileName: wireText(input.fileName), FileSize: String(size), MediaId: mediaId, EncryFileName: encodeURIComponent(input.fileName),
      });
    }
    case 'location': {
      const s = scope(dir, input.from, input.room, firstFriend);
      const lat = input.lat ?? 22.54;
      const lng = input.lng ?? 113.93;
      return entry({
        FromUserName: s.from, ToUserName: s.to, MsgType: 1, SubMsgType: 48,
        Content: `${s.prefix}${wireText(input.address)}:<br/>/cgi-bin/mmwebwx-bin/webwxgetpubliclinkimg?url=xxx&pictype=location`,
        Url: `http://apis.map.qq.com/uri/v1/geocoder?coord=${lat},${lng}`,
      });
    }
    case 'friend-request': {
      const p = dir.stranger(input.nickName);
      const greeting = input.greeting ?? `我是${input.nickName}`;
      const ticket = `v2_testkit${counter}@stranger`;
      const xml = `<msg fromusername="${attr(p.wxid)}" fromnickname="${attr(p.nickName)}" content="${attr(greeting)}" scene="14" ticket="${ticket}" opcode="2"></msg>`;
      return entry({
        FromUserName: 'fmessage', ToUserName: dir.self.id, MsgType: 37, Content: payload(xml), Ticket: ticket,
        RecommendInfo: recommendInfo({ UserName: p.id, NickName: p.nickName, Content: greeting, Scene: 14, Ticket: ticket, OpCode: 2 }),
      });
    }
    case 'system': {
      const from = input.room !== undefined ? dir.group(input.room).id : dir.person(input.from ?? 'weixin').id;
      return entry({ FromUserName: from, ToUserName: dir.self.id, MsgType: 10000, Content: wireText(input.text) });
    }
    case 'self-text': {
      const to = input.room !== undefined ? dir.group(input.room).id : dir.person(input.to ?? firstFriend).id;
      return entry({ FromUserName: dir.self.id, ToUserName: to, MsgType: 1, Content: wireText(input.text) });
    }
  }
}
