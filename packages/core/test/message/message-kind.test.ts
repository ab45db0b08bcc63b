import { AppMsgType, messageKindOf, MsgType, SUB_MSG_TYPE_LOCATION } from '../../src/message/message-kind';
import { MESSAGE_KINDS } from '../../src/message/types';

describe('messageKindOf', () => {
  // The wire numbers themselves (docs/protocol.md 7.2), not the module's constants: the table is
  // checked against the protocol, not against itself.
  it.each([
    [1, 'text'] /* TEXT */,
    [3, 'image'] /* IMAGE */,
    [34, 'voice'] /* VOICE */,
    [37, 'friend-request'] /* VERIFY */,
    [42, 'card'] /* SHARE_CARD */,
    [43, 'video'] /* VIDEO */,
    [44, 'video'] /* VIDEO_IPHONE_EXPORT */,
    [62, 'video'] /* MICRO_VIDEO */,
    [47, 'emoticon'] /* EMOTICON */,
    [48, 'location'] /* LOCATION */,
    [50, 'system'] /* VOIP */,
    [52, 'system'] /* VOIP_NOTIFY */,
    [53, 'system'] /* VOIP_INVITE */,
    [51, 'status'] /* STATUS_NOTIFY */,
    [9999, 'system'] /* SYS_NOTICE */,
    [10000, 'system'] /* SYS */,
    [10002, 'recall'] /* RECALLED */,
    [40, 'unknown'] /* POSSIBLE_FRIEND */,
    [12345, 'unknown'],
  ])('MsgType %i is %s', (type, kind) => {
    expect(messageKindOf({ MsgType: type })).toBe(kind);
  });

  it.each([
    [5, 'link'] /* URL */,
    [1, 'link'] /* TEXT */,
    [33, 'link'] /* MINI_PROGRAM */,
    [100001, 'link'] /* READER_TYPE */,
    [57, 'text'] /* QUOTE */,
    [6, 'file'] /* ATTACH */,
    [8, 'emoticon'] /* EMOJI */,
    [15, 'emoticon'] /* EMOTION */,
    [17, 'system'] /* REALTIME_SHARE_LOCATION */,
    [2000, 'system'] /* TRANSFERS */,
    [2001, 'system'] /* RED_ENVELOPES */,
    [0, 'unknown'] /* UNSUPPORTED */,
    [9, 'unknown'] /* VOICE_REMIND */,
    [999, 'unknown'],
  ])('MsgType 49 with AppMsgType %i is %s', (appType, kind) => {
    expect(messageKindOf({ MsgType: MsgType.APP, AppMsgType: appType })).toBe(kind);
  });

  it('an app message without AppMsgType is unknown', () => {
    expect(messageKindOf({ MsgType: MsgType.APP })).toBe('unknown');
  });

  it('a text with SubMsgType 48 is a location, with AppMsgType 2001 a red envelope notice', () => {
    expect(messageKindOf({ MsgType: MsgType.TEXT, SubMsgType: SUB_MSG_TYPE_LOCATION })).toBe('location');
    expect(messageKindOf({ MsgType: MsgType.TEXT, AppMsgType: AppMsgType.RED_ENVELOPES })).toBe('system');
    expect(messageKindOf({ MsgType: MsgType.TEXT, AppMsgType: AppMsgType.URL, SubMsgType: 0 })).toBe('text');
    // SubMsgType 48 means location only on a text.
    expect(messageKindOf({ MsgType: MsgType.IMAGE, SubMsgType: SUB_MSG_TYPE_LOCATION })).toBe('image');
  });

  it('every kind it returns is a declared MessageKind', () => {
    const kinds = new Set<string>();
    for (const type of [...Object.values(MsgType), 0, 7]) {
      for (const app of [undefined, ...Object.values(AppMsgType)]) kinds.add(messageKindOf({ MsgType: type, AppMsgType: app }));
    }
    for (const kind of kinds) expect(MESSAGE_KINDS).toContain(kind);
  });
});
