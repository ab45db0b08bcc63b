import { MalformedBodyError, parseJsonBody, ServerRetError } from '@wxbot/protocol';

describe('JSON API bodies', () => {
  it('accepts Ret 0', () => {
    expect(parseJsonBody<{ MsgID: string }>('webwxsendmsg', '{"BaseResponse": {"Ret": 0, "ErrMsg": ""}, "MsgID": "1"}').MsgID).toBe('1');
  });
  it('turns Ret 1205 into a rate-limited ServerRetError', () => {
    const e = (() => {
      try {
        parseJsonBody('webwxsendmsg', '{"BaseResponse": {"Ret": 1205, "ErrMsg": ""}, "MsgID": "", "LocalID": ""}');
      } catch (err) {
        return err as ServerRetError;
      }
      throw new Error('did not throw');
    })();
    expect(e).toBeInstanceOf(ServerRetError);
    expect(e.rateLimited).toBe(true);
    expect(e.sessionEnded).toBe(false);
    expect(e.message).toMatch(/webwxsendmsg: server returned Ret 1205: frequency limit/);
  });
  it('marks 1101 as session ended', () => {
    expect(() => parseJsonBody('webwxsync', '{"BaseResponse":{"Ret":1101,"ErrMsg":""}}')).toThrow(/logged in elsewhere/);
  });
  it.each(['', '{"BaseResponse":', '[]', '{"Foo":1}', '<html>502 Bad Gateway</html>'])('rejects %j', (body) => {
    expect(() => parseJsonBody('webwxinit', body)).toThrow(MalformedBodyError);
  });
  it('keeps MsgId exact while NewMsgId rounds (the reason we use MsgId)', () => {
    const body = '{"BaseResponse":{"Ret":0,"ErrMsg":""},"AddMsgList":[{"MsgId":"179242112323992762","NewMsgId":179242112323992762}]}';
    const r = parseJsonBody<{ AddMsgList: Array<{ MsgId: string; NewMsgId: number }> }>('webwxsync', body);
    expect(r.AddMsgList[0]?.MsgId).toBe('179242112323992762');
    expect(String(r.AddMsgList[0]?.NewMsgId)).not.toBe('179242112323992762');
  });
});
