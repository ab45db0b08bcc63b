import { normaliseWire } from '../../src/message/normalise-wire';
import { wireMessage } from '../fixtures/wire';

describe('normaliseWire', () => {
  it('leaves a well-typed entry as it was (a new object)', () => {
    const wire = wireMessage();
    const out = normaliseWire(wire);
    expect(out).toEqual(wire);
    expect(out).not.toBe(wire);
  });

  it('turns wrong types into "" or 0, numeric strings into numbers and finite numbers into strings', () => {
    const out = normaliseWire({ MsgId: 7, Content: null, FromUserName: 42, ToUserName: NaN, MsgType: ' 49 ', CreateTime: '1.5', Status: 'x', ImgWidth: Infinity, AppMsgType: {} });
    expect(out).toMatchObject({ MsgId: '7', Content: '', FromUserName: '42', ToUserName: '', MsgType: 49, CreateTime: 1.5, Status: 0, ImgWidth: 0, AppMsgType: 0 });
  });

  it('fills RecommendInfo and AppInfo field by field, keeping unknown fields', () => {
    const out = normaliseWire({ MsgId: 'm', RecommendInfo: { UserName: ['@a'], Scene: '14', Extra: 1 }, AppInfo: 'nope', NewField: { a: 1 } });
    expect(out?.RecommendInfo).toMatchObject({ UserName: '', Scene: 14, NickName: '', VerifyFlag: 0, Extra: 1 });
    expect(out?.AppInfo).toEqual({ AppID: '', Type: 0 });
    expect((out as unknown as Record<string, unknown>)['NewField']).toEqual({ a: 1 });
  });

  it('undefined for anything without a usable MsgId', () => {
    for (const value of [null, undefined, 'text', [], { MsgId: '' }, { MsgId: 1.5 }, { MsgId: 2 ** 60 }, { MsgId: {} }, { MsgId: 'x'.repeat(65) }]) {
      expect(normaliseWire(value)).toBeUndefined();
    }
    expect(normaliseWire({ MsgId: 'x'.repeat(64) })?.MsgId).toHaveLength(64);
  });
});
