/**
 * Type declarations of the Web WeChat ("webwx") wire format, spelled exactly as
 * the server spells them (see ../shared/docs/protocol.md).
 *
 * This package holds types only, no code: it is the one thing the client
 * (`@wxbot/protocol`) and the simulator (`@wxbot/simulator`) may share, so that
 * a behaviour bug can never hide on both sides at once.
 */

/** Sent in almost every JSON POST body (docs/protocol.md 3.1). `Uin` may be a number or a string. */
export interface BaseRequest {
  Uin: number | string;
  Sid: string;
  Skey: string;
  DeviceID: string;
}

/** Present in every JSON response. `Ret` 0 is success; see docs/protocol.md section 14. */
export interface BaseResponse {
  Ret: number;
  ErrMsg: string;
}

export interface SyncKeyEntry {
  Key: number;
  Val: number;
}

/** Both `SyncKey` (for webwxsync) and `SyncCheckKey` (for synccheck) have this shape. */
export interface SyncKey {
  Count: number;
  List: SyncKeyEntry[];
}

/** A group member as returned inside a group's `MemberList` (docs/protocol.md 5.4, 13.5). */
export interface WireMember {
  Uin: number;
  UserName: string;
  NickName: string;
  AttrStatus: number;
  PYInitial: string;
  PYQuanPin: string;
  RemarkPYInitial: string;
  RemarkPYQuanPin: string;
  MemberStatus: number;
  DisplayName: string;
  KeyWord: string;
}

/** A contact object: user, official account, special user or group (docs/protocol.md 13.1). */
export interface WireContact {
  Uin: number;
  UserName: string;
  NickName: string;
  HeadImgUrl: string;
  ContactFlag: number;
  MemberCount: number;
  MemberList: WireMember[];
  RemarkName: string;
  HideInputBarFlag: number;
  Sex: number;
  Signature: string;
  VerifyFlag: number;
  OwnerUin: number;
  PYInitial: string;
  PYQuanPin: string;
  RemarkPYInitial: string;
  RemarkPYQuanPin: string;
  StarFriend: number;
  AppAccountFlag: number;
  Statues: number;
  AttrStatus: number;
  Province: string;
  City: string;
  Alias: string;
  SnsFlag: number;
  UniFriend: number;
  DisplayName: string;
  ChatRoomId: number;
  KeyWord: string;
  EncryChatRoomId: string;
  IsOwner: number;
  /** Only on ModContactList group entries. */
  ChatRoomOwner?: string;
  HeadImgUpdateFlag?: number;
  ContactType?: number;
}

/** The self user in webwxinit's `User`. */
export interface WireUser {
  Uin: number;
  UserName: string;
  NickName: string;
  HeadImgUrl: string;
  RemarkName: string;
  PYInitial: string;
  PYQuanPin: string;
  RemarkPYInitial: string;
  RemarkPYQuanPin: string;
  HideInputBarFlag: number;
  StarFriend: number;
  Sex: number;
  Signature: string;
  AppAccountFlag: number;
  VerifyFlag: number;
  ContactFlag: number;
  WebWxPluginSwitch: number;
  HeadImgFlag: number;
  SnsFlag: number;
}

/** Filled for friend requests (MsgType 37) and cards (42). */
export interface WireRecommendInfo {
  UserName: string;
  NickName: string;
  QQNum: number;
  Province: string;
  City: string;
  Content: string;
  Signature: string;
  Alias: string;
  Scene: number;
  VerifyFlag: number;
  AttrStatus: number;
  Sex: number;
  Ticket: string;
  OpCode: number;
}

/** One `AddMsgList` entry (docs/protocol.md 7.1). */
export interface WireMessage {
  /** Exact decimal id, up to 19 digits. Always use this, never `NewMsgId`. */
  MsgId: string;
  /** Same value as MsgId but a bare JSON number: rounded by JSON.parse past 2^53. */
  NewMsgId: number;
  FromUserName: string;
  ToUserName: string;
  MsgType: number;
  Content: string;
  Status: number;
  ImgStatus: number;
  CreateTime: number;
  VoiceLength: number;
  PlayLength: number;
  FileName: string;
  FileSize: string;
  MediaId: string;
  Url: string;
  AppMsgType: number;
  StatusNotifyCode: number;
  StatusNotifyUserName: string;
  RecommendInfo: WireRecommendInfo;
  ForwardFlag: number;
  AppInfo: { AppID: string; Type: number };
  HasProductId: number;
  Ticket: string;
  ImgHeight: number;
  ImgWidth: number;
  SubMsgType: number;
  OriContent: string;
  EncryFileName: string;
}

export interface WireProfile {
  BitFlag: number;
  UserName: { Buff: string };
  NickName: { Buff: string };
  BindUin: number;
  BindEmail: { Buff: string };
  BindMobile: { Buff: string };
  Status: number;
  Sex: number;
  PersonalCard: number;
  Alias: string;
  HeadImgUpdateFlag: number;
  HeadImgUrl: string;
  Signature: string;
}

export interface InitResponse {
  BaseResponse: BaseResponse;
  Count: number;
  ContactList: WireContact[];
  SyncKey: SyncKey;
  User: WireUser;
  ChatSet: string;
  SKey: string;
  ClientVersion: number;
  SystemTime: number;
  GrayScale: number;
  InviteStartCount: number;
  MPSubscribeMsgCount: number;
  MPSubscribeMsgList: unknown[];
  ClickReportInterval: number;
}

export interface StatusNotifyResponse {
  BaseResponse: BaseResponse;
  MsgID: string;
}

export interface GetContactResponse {
  BaseResponse: BaseResponse;
  Seq: number;
  MemberCount: number;
  MemberList: WireContact[];
}

export interface BatchGetContactRequestItem {
  UserName: string;
  EncryChatRoomId?: string;
  ChatRoomId?: string;
}

export interface BatchGetContactResponse {
  BaseResponse: BaseResponse;
  Count: number;
  ContactList: WireContact[];
}

export interface DelContactEntry {
  UserName: string;
  ContactFlag: number;
}

export interface SyncResponse {
  BaseResponse: BaseResponse;
  AddMsgCount: number;
  AddMsgList: WireMessage[];
  ModContactCount: number;
  ModContactList: WireContact[];
  DelContactCount: number;
  DelContactList: DelContactEntry[];
  ModChatRoomMemberCount: number;
  ModChatRoomMemberList: unknown[];
  Profile: WireProfile;
  ContinueFlag: number;
  SyncKey: SyncKey;
  SKey: string;
  SyncCheckKey: SyncKey;
}

/** The `Msg` object of every send endpoint (docs/protocol.md 9.1). */
export interface OutgoingWireMessage {
  Type: number;
  Content?: string;
  FromUserName: string;
  ToUserName: string;
  LocalID: string;
  ClientMsgId: string;
  MediaId?: string;
  EmojiFlag?: number;
  EMoticonMd5?: string;
  Signature?: string;
  MsgSource?: string;
}

export interface SendMessageRequest {
  BaseRequest: BaseRequest;
  Msg: OutgoingWireMessage;
  Scene: number;
}

export interface SendMessageResponse {
  BaseResponse: BaseResponse;
  MsgID: string;
  LocalID: string;
}

/** webwxpushloginurl answers with string-valued `ret` (docs/protocol.md 4.5). */
export interface PushLoginResponse {
  ret: string;
  msg: string;
  uuid?: string;
}

/** webwxnewloginpage's `<error>` XML, as fields. */
export interface LoginTicketXml {
  ret: string;
  message: string;
  skey?: string;
  wxsid?: string;
  wxuin?: string;
  pass_ticket?: string;
  isgrayscale?: string;
  redirecturl?: string;
}
