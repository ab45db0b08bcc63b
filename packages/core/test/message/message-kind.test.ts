import { AppMsgType, messageKindOf, MsgType, SUB_MSG_TYPE_LOCATION } from '../../src/message/message-kind';
import { MESSAGE_KINDS } from '../../src/message/types';

describe('messageKindOf', () => {
  it.each([
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
    [MsgType.POSSIBLE_FRIEND, 'unknown'],
    [12345, 'unknown'],
  ])('MsgType %i is %s', (type, kind) => {
    expect(messageKindOf({ MsgType: type })).toBe(kind);
  });

  it.each([
    [AppMsgType.URL, 'link'],
    [AppMsgType.TEXT, 'link'],
    [AppMsgType.MINI_PROGRAM, 'link'],
    [AppMsgType.READER_TYPE, 'link'],
    [AppMsgType.QUOTE, 'text'],
    [AppMsgType.ATTACH, 'file'],
    [AppMsgType.EMOJI, 'emoticon'],
    [AppMsgType.EMOTION, 'emoticon'],
    [AppMsgType.REALTIME_SHARE_LOCATION, 'system'],
    [AppMsgType.TRANSFERS, 'system'],
    [AppMsgType.RED_ENVELOPES, 'system'],
    [AppMsgType.UNSUPPORTED, 'unknown'],
    [AppMsgType.VOICE_REMIND, 'unknown'],
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
