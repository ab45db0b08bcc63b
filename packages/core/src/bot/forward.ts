import { AppMsgType, MsgType } from '../message/message-kind';
import { splitGroupPrefix } from '../message/group-prefix';
import type { Message } from '../message/types';
import { WxbotError } from '../errors/wxbot-error';
import { cardUnsupported } from './send-link';

/**
 * What the outbox persists for a forward (plain JSON): how the web client re-sends the received
 * message (docs/protocol.md 9.10), decided when it is submitted, so a queued forward needs
 * nothing but this after a restart.
 * - `text`: webwxsendmsg with the decoded text;
 * - `location`: webwxsendmsg Type 48 with the received OriContent;
 * - `image`/`video`: webwxsendmsgimg / webwxsendvideomsg with the received Content and no
 *   MediaId (no upload: the server finds the original);
 * - `emoticon`: webwxsendemoticon with the sticker's md5;
 * - `app`: webwxsendappmsg with the received `<appmsg>` (links, files, mini-programs …).
 */
export type ForwardPayload = { to: string; source: string } & (
  | { via: 'text'; text: string }
  | { via: 'location'; content: string }
  | { via: 'image' | 'video'; content: string }
  | { via: 'emoticon'; md5: string }
  | { via: 'app'; appMsgType: number; content: string; mediaId: string }
);

/** Why the web protocol cannot forward a kind (the WXBOT_FORWARD_UNSUPPORTED message). */
const NOT_FORWARDABLE: Readonly<Record<string, string>> = {
  voice: 'the web protocol has no way to send a voice message (the official web client cannot forward them either); download it and send the audio as a file instead',
  'friend-request': 'a friend request is not a chat message; accept it with bot.friends.accept()',
  recall: 'a recall notice is not a message anyone can receive',
  system: 'system lines, red packets, transfers and location sharing exist only on the phones; the web protocol cannot re-send them',
  status: 'status notifications are not chat messages',
  unknown: 'the web protocol does not say how to re-send this message type',
};

const ENTITIES: Readonly<Record<string, string>> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" };

/** A received XML payload as clients send it back: group prefix off, `<br/>` as newlines, entities decoded once. */
export function receivedPayload(message: Message): string {
  const content = message.raw.Content ?? '';
  const body = message.isGroup && !message.isSelf ? splitGroupPrefix(content).body : content;
  return decodeXmlPayload(body);
}

function decodeXmlPayload(text: string): string {
  return text.replace(/<br\/>/g, '\n').replace(/&(?:lt|gt|amp|quot|apos);/g, (m) => ENTITIES[m] ?? m);
}

function unsupported(message: Message, why: string): WxbotError {
  return new WxbotError('WXBOT_FORWARD_UNSUPPORTED', `message ${message.id} (${message.kind}) cannot be forwarded: ${why}`, { msgId: message.id, kind: message.kind });
}

/**
 * How to forward `message` to `to`, or a coded error when the web protocol cannot: a store
 * sticker is WXBOT_FORWARD_STORE_EMOTICON, a contact card WXBOT_CARD_UNSUPPORTED, voice, system
 * lines and the like WXBOT_FORWARD_UNSUPPORTED.
 * @example
 * forwardPayloadOf(message, '@@room'); // { via: 'image', to: '@@room', source: '123…', content: '<?xml…' }
 */
export function forwardPayloadOf(message: Message, to: string): ForwardPayload {
  const base = { to, source: message.id };
  if (message.kind === 'card') throw cardUnsupported(`message ${message.id} is a contact card: `);
  if (message.kind === 'text') return { ...base, via: 'text', text: message.text };
  if (message.kind === 'location') {
    const ori = decodeXmlPayload(message.raw.OriContent ?? '');
    const content = ori.includes('<location') ? ori : receivedPayload(message);
    if (!content.includes('<location')) throw unsupported(message, 'it carries no location XML (OriContent), only a link; send its address as text instead');
    return { ...base, via: 'location', content };
  }
  if (message.type === MsgType.APP && (message.kind === 'link' || message.kind === 'file' || message.kind === 'emoticon')) {
    const appMsgType = message.app?.appMsgType ?? message.raw.AppMsgType ?? 0;
    return { ...base, via: 'app', appMsgType, content: receivedPayload(message), mediaId: appMsgType === AppMsgType.ATTACH ? (message.media?.mediaId ?? message.raw.MediaId ?? '') : (message.raw.MediaId ?? '') };
  }
  if (message.kind === 'image' || message.kind === 'video') {
    const content = receivedPayload(message);
    if (content.trim() === '') throw unsupported(message, 'its Content is empty, so there is nothing that names the original; download it and send it as new media');
    return { ...base, via: message.kind, content };
  }
  if (message.kind === 'emoticon') {
    const md5 = message.media?.md5 ?? '';
    if (message.raw.HasProductId === 1 || md5 === '') {
      throw new WxbotError('WXBOT_FORWARD_STORE_EMOTICON', `message ${message.id} is a sticker from the WeChat sticker store: the web protocol cannot forward those (only custom stickers, by their md5)`, { msgId: message.id });
    }
    return { ...base, via: 'emoticon', md5 };
  }
  throw unsupported(message, NOT_FORWARDABLE[message.kind] ?? NOT_FORWARDABLE['unknown'] ?? '');
}
