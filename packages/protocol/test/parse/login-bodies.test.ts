import { MalformedBodyError, parseJsLoginBody, parseLoginPollBody, parseSyncCheckBody } from '@wxbot/protocol';

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
