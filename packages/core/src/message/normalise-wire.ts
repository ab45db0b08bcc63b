import type { WireMessage, WireRecommendInfo } from '@wxbot/protocol';

// Field types of an AddMsgList entry (docs/protocol.md 7.1). JSON has no schema: a server change or a
// broken proxy can send null, numbers as strings or objects where text was expected.
const STRING_FIELDS = ['FromUserName', 'ToUserName', 'Content', 'FileName', 'FileSize', 'MediaId', 'Url', 'StatusNotifyUserName', 'Ticket', 'OriContent', 'EncryFileName'] as const;
const NUMBER_FIELDS = ['NewMsgId', 'MsgType', 'Status', 'ImgStatus', 'CreateTime', 'VoiceLength', 'PlayLength', 'AppMsgType', 'StatusNotifyCode', 'ForwardFlag', 'HasProductId', 'ImgHeight', 'ImgWidth', 'SubMsgType'] as const;
const RECOMMEND_STRINGS = ['UserName', 'NickName', 'Province', 'City', 'Content', 'Signature', 'Alias', 'Ticket'] as const;
const RECOMMEND_NUMBERS = ['QQNum', 'Scene', 'VerifyFlag', 'AttrStatus', 'Sex', 'OpCode'] as const;

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : '');
const num = (v: unknown): number => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : 0;
  return Number.isFinite(n) ? n : 0;
};
const obj = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/**
 * An AddMsgList entry with every field of its declared type (wrong types become '' or 0), or
 * undefined when it has no usable MsgId. The engine applies it at the boundary, so the message
 * parsers only ever see well-typed entries; the original values stay in nothing but the log.
 * @example
 * normaliseWire({ MsgId: '1', Content: null, MsgType: '1' }); // { MsgId: '1', Content: '', MsgType: 1, ... }
 */
export function normaliseWire(value: unknown): WireMessage | undefined {
  const w = obj(value);
  const id = w['MsgId'];
  const msgId = typeof id === 'string' ? id : typeof id === 'number' && Number.isSafeInteger(id) ? String(id) : '';
  if (msgId.length === 0 || msgId.length > 64) return undefined;
  const out: Record<string, unknown> = { ...w, MsgId: msgId };
  for (const k of STRING_FIELDS) out[k] = str(w[k]);
  for (const k of NUMBER_FIELDS) out[k] = num(w[k]);
  const ri = obj(w['RecommendInfo']);
  const recommend: Record<string, unknown> = { ...ri };
  for (const k of RECOMMEND_STRINGS) recommend[k] = str(ri[k]);
  for (const k of RECOMMEND_NUMBERS) recommend[k] = num(ri[k]);
  out['RecommendInfo'] = recommend as unknown as WireRecommendInfo;
  const ai = obj(w['AppInfo']);
  out['AppInfo'] = { ...ai, AppID: str(ai['AppID']), Type: num(ai['Type']) };
  return out as unknown as WireMessage;
}
