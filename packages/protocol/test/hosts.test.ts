import { deriveHosts, hostsFromRedirectUri } from '@wxbot/protocol';

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
