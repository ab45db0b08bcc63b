import type { WireMessage, WireRecommendInfo } from '@wxbot/wire-types';
import { RawJson } from '../util/wire-json';

/**
 * An AddMsgList entry as stored and served: `NewMsgId` is a {@link RawJson}
 * so the 19-digit id is printed exactly as a bare number (docs/protocol.md 3.7).
 */
export type WireEntry = Omit<WireMessage, 'NewMsgId'> & { NewMsgId: RawJson };

export function emptyRecommendInfo(): WireRecommendInfo {
  return {
    UserName: '',
    NickName: '',
    QQNum: 0,
    Province: '',
    City: '',
    Content: '',
    Signature: '',
    Alias: '',
    Scene: 0,
    VerifyFlag: 0,
    AttrStatus: 0,
    Sex: 0,
    Ticket: '',
    OpCode: 0,
  };
}

/** Fields every entry has, in the order captures show them; callers override what differs. */
export function makeEntry(
  msgId: string,
  fields: Partial<Omit<WireMessage, 'MsgId' | 'NewMsgId'>> & Pick<WireMessage, 'FromUserName' | 'ToUserName' | 'MsgType'>,
): WireEntry {
  return {
    MsgId: msgId,
    FromUserName: fields.FromUserName,
    ToUserName: fields.ToUserName,
    MsgType: fields.MsgType,
    Content: fields.Content ?? '',
    Status: fields.Status ?? 3,
    ImgStatus: fields.ImgStatus ?? 1,
    CreateTime: fields.CreateTime ?? Math.floor(Date.now() / 1000),
    VoiceLength: fields.VoiceLength ?? 0,
    PlayLength: fields.PlayLength ?? 0,
    FileName: fields.FileName ?? '',
    FileSize: fields.FileSize ?? '',
    MediaId: fields.MediaId ?? '',
    Url: fields.Url ?? '',
    AppMsgType: fields.AppMsgType ?? 0,
    StatusNotifyCode: fields.StatusNotifyCode ?? 0,
    StatusNotifyUserName: fields.StatusNotifyUserName ?? '',
    RecommendInfo: fields.RecommendInfo ?? emptyRecommendInfo(),
    ForwardFlag: fields.ForwardFlag ?? 0,
    AppInfo: fields.AppInfo ?? { AppID: '', Type: 0 },
    HasProductId: fields.HasProductId ?? 0,
    Ticket: fields.Ticket ?? '',
    ImgHeight: fields.ImgHeight ?? 0,
    ImgWidth: fields.ImgWidth ?? 0,
    SubMsgType: fields.SubMsgType ?? 0,
    NewMsgId: new RawJson(msgId),
    OriContent: fields.OriContent ?? '',
    EncryFileName: fields.EncryFileName ?? '',
  };
}

/** The entry as a JS client sees it after `JSON.parse`: NewMsgId rounded. */
export function toWireMessage(entry: WireEntry): WireMessage {
  return { ...entry, NewMsgId: Number(entry.NewMsgId.text) };
}
