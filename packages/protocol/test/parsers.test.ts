import {
  deriveHosts,
  hostsFromRedirectUri,
  LoginRefusedError,
  MalformedBodyError,
  nextSyncState,
  parseJsAssignments,
  parseJsLoginBody,
  parseJsonBody,
  parseLoginPollBody,
  parseLoginTicketXml,
  parseSyncCheckBody,
  ServerRetError,
  formatSyncKey,
} from '@wxbot/protocol';

// Bodies below are the recorded shapes quoted in docs/protocol.md 4.1-4.4 and 6.1.
describe('jslogin body', () => {
  it('parses the spaced statements', () => {
    expect(parseJsLoginBody('window.QRLogin.code = 200; window.QRLogin.uuid = "gbyKnbsmqQ==";')).toEqual({ code: 200, uuid: 'gbyKnbsmqQ==' });
  });
  it('keeps a non-200 code without uuid', () => {
    expect(parseJsLoginBody('window.QRLogin.code = 400;')).toEqual({ code: 400, uuid: undefined });
  });
  it.each([
    ['empty', ''],
    ['html', '<html><body>blocked</body></html>'],
    ['truncated', 'window.QRLogin.code = 200; window.QRLogin.uuid = "gbyKn'],
    ['200 without uuid', 'window.QRLogin.code = 200;'],
    ['code not a number', 'window.QRLogin.code = "abc";'],
  ])('rejects %s with a typed error naming jslogin', (_name, body) => {
    expect(() => parseJsLoginBody(body)).toThrow(MalformedBodyError);
    try {
      parseJsLoginBody(body);
    } catch (e) {
      expect((e as MalformedBodyError).endpoint).toBe('jslogin');
      expect((e as Error).message).toMatch(/^jslogin: malformed response/);
    }
  });
});

describe('login poll body', () => {
  it('408', () => expect(parseLoginPollBody('window.code=408;')).toEqual({ code: 408 }));
  it('201 with a single-quoted avatar', () => {
    const r = parseLoginPollBody("window.code=201;window.userAvatar = 'data:img/jpg;base64,/9j/4AAQSkZJRg==';");
    expect(r).toEqual({ code: 201, userAvatar: 'data:img/jpg;base64,/9j/4AAQSkZJRg==' });
  });
  it('200 with redirect on the same line or the next', () => {
    const uri = 'https://wx2.qq.com/cgi-bin/mmwebwx-bin/webwxnewloginpage?ticket=A8qwapRV_lQ44viWM0mZmnpm@qrticket_0&uuid=gYiEFqEQdw==&lang=zh_CN&scan=1479893365';
    expect(parseLoginPollBody(`window.code=200;window.redirect_uri="${uri}";`).redirectUri).toBe(uri);
    expect(parseLoginPollBody(`window.code=200;\nwindow.redirect_uri="${uri}";`).redirectUri).toBe(uri);
  });
  it.each(['window.code=200;', 'window.code=200;window.redirect_uri="javascript:alert(1)";', 'window.code=', 'window.code=201;window.userAvatar = \'abc', 'alert(1)'])(
    'rejects %j',
    (body) => expect(() => parseLoginPollBody(body)).toThrow(MalformedBodyError),
  );
  it('parses 400, 500 and 202 as codes for the caller to act on', () => {
    expect(parseLoginPollBody('window.code=400;').code).toBe(400);
    expect(parseLoginPollBody('window.code=500;').code).toBe(500);
    expect(parseLoginPollBody('window.code=202;').code).toBe(202);
  });
});

describe('synccheck body', () => {
  it('parses the unquoted-key object without semicolon', () => {
    expect(parseSyncCheckBody('window.synccheck={retcode:"0",selector:"2"}')).toEqual({ retcode: 0, selector: 2 });
    expect(parseSyncCheckBody('window.synccheck={retcode:"1101",selector:"0"}')).toEqual({ retcode: 1101, selector: 0 });
  });
  it('tolerates spaces and a trailing semicolon', () => {
    expect(parseSyncCheckBody(' window.synccheck = { retcode : "0" , selector : "7" } ;\n')).toEqual({ retcode: 0, selector: 7 });
  });
  it.each([
    ['garbage', '\u0000\u00ff\u0012garbage'],
    ['truncated', 'window.synccheck={retcode:"0",sel'],
    ['missing selector', 'window.synccheck={retcode:"0"}'],
    ['wrong variable', 'window.code=408;'],
    ['non-numeric', 'window.synccheck={retcode:"x",selector:"2"}'],
    ['code injection', 'window.synccheck={retcode:process.exit(1),selector:"2"}'],
  ])('rejects %s', (_n, body) => {
    expect(() => parseSyncCheckBody(body)).toThrow(MalformedBodyError);
  });
});

describe('generic JS assignment parser', () => {
  it('handles escapes in strings', () => {
    expect(parseJsAssignments('window.a = "x\\"y";').get('window.a')).toBe('x"y');
  });
  it('refuses function calls', () => {
    expect(() => parseJsAssignments('window.a = f();')).toThrow();
  });
});

describe('newloginpage XML', () => {
  const ok =
    '<error><ret>0</ret><message></message><skey>@crypt_14ae1b12_b73ba2673448154847d7007a2de3c53b</skey><wxsid>mbJ5Lqm+yj6C8cEg</wxsid><wxuin>176666155</wxuin><pass_ticket>kbmy5JHEvGN9s%2BKnaRVrtP9qy%2Ftyu%3D</pass_ticket><isgrayscale>1</isgrayscale></error>';
  it('reads the credentials and keeps pass_ticket as sent', async () => {
    await expect(parseLoginTicketXml(ok)).resolves.toEqual({
      uin: 176666155,
      sid: 'mbJ5Lqm+yj6C8cEg',
      skey: '@crypt_14ae1b12_b73ba2673448154847d7007a2de3c53b',
      passTicket: 'kbmy5JHEvGN9s%2BKnaRVrtP9qy%2Ftyu%3D',
    });
  });
  it('turns ret 1203 into LoginRefusedError quoting the server', async () => {
    const msg = '为了你的帐号安全，此微信号不能登录网页微信。你可以使用Windows微信或Mac微信在电脑端登录。';
    const err = await parseLoginTicketXml(`<error><ret>1203</ret><message>${msg}</message></error>`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LoginRefusedError);
    expect((err as LoginRefusedError).ret).toBe(1203);
    expect((err as Error).message).toContain(msg);
    expect((err as Error).message).toContain('desktop (UOS) login mode');
  });
  it.each([
    ['HTML page', '<html><head></head><body>hi</body></html>'],
    ['not XML', 'this is not xml'],
    ['missing skey', '<error><ret>0</ret><wxsid>a</wxsid><wxuin>1</wxuin><pass_ticket>p</pass_ticket></error>'],
    ['no ret', '<error><message>x</message></error>'],
    ['truncated', ok.slice(0, 60)],
  ])('rejects %s', async (_n, body) => {
    await expect(parseLoginTicketXml(body)).rejects.toBeInstanceOf(MalformedBodyError);
  });
});

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

describe('hosts', () => {
  it.each([
    ['wx.qq.com', 'login.wx.qq.com', 'file.wx.qq.com', 'webpush.wx.qq.com'],
    ['wx2.qq.com', 'login.wx2.qq.com', 'file.wx2.qq.com', 'webpush.wx2.qq.com'],
    ['wx8.qq.com', 'login.wx8.qq.com', 'file.wx8.qq.com', 'webpush.wx8.qq.com'],
    ['web.wechat.com', 'login.web.wechat.com', 'file.web.wechat.com', 'webpush.web.wechat.com'],
    ['web2.wechat.com', 'login.web2.wechat.com', 'file.web2.wechat.com', 'webpush.web2.wechat.com'],
    ['example.org', 'login.weixin.qq.com', 'file.wx.qq.com', 'webpush.weixin.qq.com'],
  ])('%s', (main, login, file, push) => {
    expect(deriveHosts(main)).toEqual({ main, login, file, push });
  });
  it('derives from a redirect_uri', () => {
    expect(hostsFromRedirectUri('https://web2.wechat.com/cgi-bin/mmwebwx-bin/webwxnewloginpage?ticket=x').push).toBe('webpush.web2.wechat.com');
  });
});

describe('sync keys', () => {
  const k = (...vals: number[]) => ({ Count: vals.length, List: vals.map((v, i) => ({ Key: i + 1, Val: v })) });
  const empty = { Count: 0, List: [] };
  it('formats for synccheck', () => expect(formatSyncKey(k(10, 20))).toBe('1_10|2_20'));
  it('never overwrites good keys with empty ones and adopts a new SKey', () => {
    const prev = { syncKey: k(1, 2), syncCheckKey: k(1, 3), skey: '@crypt_old' };
    expect(nextSyncState(prev, { SyncKey: empty, SyncCheckKey: empty, SKey: '' })).toEqual(prev);
    const next = nextSyncState(prev, { SyncKey: k(5, 6), SyncCheckKey: k(5, 7), SKey: '@crypt_new' });
    expect(next).toEqual({ syncKey: k(5, 6), syncCheckKey: k(5, 7), skey: '@crypt_new' });
  });
});
