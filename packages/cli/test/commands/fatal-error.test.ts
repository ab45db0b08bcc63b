import { WxbotError } from '@wxbot/core';
import { HttpStatusError, LoginRefusedError, NetworkError } from '@wxbot/protocol';
import { describeFailure } from '../../src/commands/fatal-error';

// The real error classes of the protocol package: the CLI knows them only by their codes.
describe('describeFailure', () => {
  it('a network failure after the retries: one paragraph, the fix, the code, no stack', () => {
    const error = new NetworkError('jslogin', 'getaddrinfo ENOTFOUND login.wx.qq.com', 'ENOTFOUND', false, new Error('x'));
    const text = describeFailure(error);
    expect(text).toBe(
      'wxbot: Could not reach the WeChat servers (jslogin: network error: getaddrinfo ENOTFOUND login.wx.qq.com), after retrying with backoff. Fix: check the network connection, proxy and firewall, then start again. [WEBWX_NETWORK]\n',
    );
    expect(describeFailure(error, { endpoint: 'http://127.0.0.1:9' })).toMatch(/the server at http:\/\/127\.0\.0\.1:9 .* Fix: check that a server listens at that address \(--endpoint \/ WXBOT_ENDPOINT\)/);
  });

  it('ret 1203 names --login-mode desktop, unless that is already the mode', () => {
    const error = new LoginRefusedError(1203, '为了你的帐号安全，此微信号不能登录网页微信。');
    expect(describeFailure(error, { loginMode: 'web' })).toMatch(/^wxbot: WeChat refused the login \(ret 1203\).* Fix: start with --login-mode desktop .*\[WEBWX_LOGIN_REFUSED\]\n$/);
    expect(describeFailure(error, { loginMode: 'desktop' })).toMatch(/Fix: this account may not log in here; use another account\. \[WEBWX_LOGIN_REFUSED\]\n$/);
  });

  it('a server that keeps failing, a WxbotError, and a bug (which keeps its stack)', () => {
    expect(describeFailure(new HttpStatusError('jslogin', 503))).toMatch(/wait a few minutes .*\[WEBWX_HTTP_STATUS\]\n$/);
    expect(describeFailure(new WxbotError('WXBOT_LOGIN_FAILED', 'login failed: no QR code was confirmed'))).toBe('wxbot: login failed: no QR code was confirmed [WXBOT_LOGIN_FAILED]\n');
    expect(describeFailure(new TypeError('x is undefined'))).toMatch(/^wxbot: TypeError: x is undefined\n\s+at /);
  });
});
