import { compactJson } from '../../src/util/wire-json';
import { emptyRecommendInfo, makeEntry, toWireMessage } from '../../src/messages/entry';

describe('wire entries', () => {
  it('fill every AddMsgList field with the server defaults, and print NewMsgId as the exact integer', () => {
    const e = makeEntry('1792421123239927620', { FromUserName: '@a', ToUserName: '@b', MsgType: 1, Content: 'hi' });
    expect(e).toMatchObject({ MsgId: '1792421123239927620', Status: 3, ImgStatus: 1, FileSize: '', AppInfo: { AppID: '', Type: 0 }, RecommendInfo: emptyRecommendInfo() });
    expect(Object.keys(e)).toHaveLength(28);
    expect(Math.abs(e.CreateTime - Date.now() / 1000)).toBeLessThan(5);
    expect(compactJson({ NewMsgId: e.NewMsgId })).toBe('{"NewMsgId": 1792421123239927620}');
    // as a JS client reads it: NewMsgId rounded, MsgId exact
    const wire = toWireMessage(e);
    expect(wire.NewMsgId).toBe(Number('1792421123239927620'));
    expect(wire.MsgId).toBe('1792421123239927620');
  });

  it('keeps the fields given', () => {
    const e = makeEntry('1', { FromUserName: '@a', ToUserName: '@b', MsgType: 49, AppMsgType: 6, FileName: 'a.pdf', Status: 4, CreateTime: 7 });
    expect(e).toMatchObject({ AppMsgType: 6, FileName: 'a.pdf', Status: 4, CreateTime: 7, Content: '' });
  });
});
