import type { MessageKind } from './types';

/**
 * Wire `MsgType` values (docs/protocol.md 7.2), named as in the official client.
 * @example
 * if (wire.MsgType === MsgType.RECALLED) { ... }
 */
export const MsgType = {
  TEXT: 1,
  IMAGE: 3,
  VOICE: 34,
  VERIFY: 37,
  POSSIBLE_FRIEND: 40,
  SHARE_CARD: 42,
  VIDEO: 43,
  VIDEO_IPHONE_EXPORT: 44,
  EMOTICON: 47,
  LOCATION: 48,
  APP: 49,
  VOIP: 50,
  STATUS_NOTIFY: 51,
  VOIP_NOTIFY: 52,
  VOIP_INVITE: 53,
  MICRO_VIDEO: 62,
  SYS_NOTICE: 9999,
  SYS: 10000,
  RECALLED: 10002,
} as const;

/** `AppMsgType` values of MsgType 49 (docs/protocol.md 7.2.2). */
export const AppMsgType = {
  UNSUPPORTED: 0,
  TEXT: 1,
  IMG: 2,
  AUDIO: 3,
  VIDEO: 4,
  URL: 5,
  ATTACH: 6,
  OPEN: 7,
  EMOJI: 8,
  VOICE_REMIND: 9,
  SCAN_GOOD: 10,
  GOOD: 13,
  EMOTION: 15,
  CARD_TICKET: 16,
  REALTIME_SHARE_LOCATION: 17,
  MINI_PROGRAM: 33,
  /** A reply quoting an earlier message (`<refermsg>`, docs/protocol.md 7.2.2); absent from older references, seen in newer clients. */
  QUOTE: 57,
  TRANSFERS: 2000,
  RED_ENVELOPES: 2001,
  READER_TYPE: 100001,
} as const;

/** `SubMsgType` of a location sent as a text message (MsgType 1). */
export const SUB_MSG_TYPE_LOCATION = 48;

/**
 * MsgType → kind. VoIP (50/52/53) and SYSNOTICE (9999) carry no usable content; they are
 * 'system' so that filters on 'text' never see them and nothing is silently 'unknown'.
 * POSSIBLE_FRIEND (40) is a rare recommendation with no documented format: 'unknown'.
 */
const KIND_BY_MSG_TYPE: ReadonlyMap<number, MessageKind> = new Map<number, MessageKind>([
  [MsgType.TEXT, 'text'],
  [MsgType.IMAGE, 'image'],
  [MsgType.VOICE, 'voice'],
  [MsgType.VERIFY, 'friend-request'],
  [MsgType.SHARE_CARD, 'card'],
  [MsgType.VIDEO, 'video'],
  [MsgType.VIDEO_IPHONE_EXPORT, 'video'],
  [MsgType.MICRO_VIDEO, 'video'],
  [MsgType.EMOTICON, 'emoticon'],
  [MsgType.LOCATION, 'location'],
  [MsgType.VOIP, 'system'],
  [MsgType.VOIP_NOTIFY, 'system'],
  [MsgType.VOIP_INVITE, 'system'],
  [MsgType.STATUS_NOTIFY, 'status'],
  [MsgType.SYS_NOTICE, 'system'],
  [MsgType.SYS, 'system'],
  [MsgType.RECALLED, 'recall'],
]);

/**
 * AppMsgType → kind for MsgType 49. Shared cards with a title and a URL are 'link'; money
 * placeholders (transfer, red envelope) and "I started sharing my location" are notices the
 * web client cannot act on, hence 'system' (edge case 54). Types not listed are 'unknown'
 * (the official client shows "not supported, see your phone" for them).
 */
const KIND_BY_APP_MSG_TYPE: ReadonlyMap<number, MessageKind> = new Map<number, MessageKind>([
  [AppMsgType.TEXT, 'link'],
  [AppMsgType.IMG, 'link'],
  [AppMsgType.AUDIO, 'link'],
  [AppMsgType.VIDEO, 'link'],
  [AppMsgType.URL, 'link'],
  [AppMsgType.OPEN, 'link'],
  [AppMsgType.MINI_PROGRAM, 'link'],
  [AppMsgType.READER_TYPE, 'link'],
  [AppMsgType.GOOD, 'link'],
  [AppMsgType.CARD_TICKET, 'link'],
  // A quoted reply is a text message to every client; the quoted message is in `app.quote`.
  [AppMsgType.QUOTE, 'text'],
  [AppMsgType.ATTACH, 'file'],
  [AppMsgType.EMOJI, 'emoticon'],
  [AppMsgType.EMOTION, 'emoticon'],
  [AppMsgType.REALTIME_SHARE_LOCATION, 'system'],
  [AppMsgType.TRANSFERS, 'system'],
  [AppMsgType.RED_ENVELOPES, 'system'],
]);

/** The wire fields that decide a message's kind. */
export interface KindFields {
  readonly MsgType: number;
  readonly AppMsgType?: number;
  readonly SubMsgType?: number;
}

/**
 * Classifies a wire message. The one place that maps MsgType/AppMsgType/SubMsgType to kinds.
 * @example
 * messageKindOf({ MsgType: 1, SubMsgType: 48 }); // 'location'
 * messageKindOf({ MsgType: 49, AppMsgType: 6 }); // 'file'
 */
export function messageKindOf(fields: KindFields): MessageKind {
  if (fields.MsgType === MsgType.APP) return KIND_BY_APP_MSG_TYPE.get(fields.AppMsgType ?? 0) ?? 'unknown';
  if (fields.MsgType === MsgType.TEXT) {
    if (fields.SubMsgType === SUB_MSG_TYPE_LOCATION) return 'location';
    // The official client also treats a text with AppMsgType 2001 as a red envelope.
    if (fields.AppMsgType === AppMsgType.RED_ENVELOPES) return 'system';
  }
  return KIND_BY_MSG_TYPE.get(fields.MsgType) ?? 'unknown';
}
