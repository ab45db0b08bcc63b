import { classifyHost, deriveHosts, hostName, MAIN_HOSTS } from '../src/hosts';

describe('simulator hosts', () => {
  it('derives the login, file and push hosts of each MAIN family', () => {
    expect(MAIN_HOSTS.map((m) => deriveHosts(m))).toEqual([
      { main: 'wx.qq.com', login: 'login.wx.qq.com', file: 'file.wx.qq.com', push: 'webpush.wx.qq.com' },
      { main: 'wx2.qq.com', login: 'login.wx2.qq.com', file: 'file.wx2.qq.com', push: 'webpush.wx2.qq.com' },
      { main: 'wx8.qq.com', login: 'login.wx8.qq.com', file: 'file.wx8.qq.com', push: 'webpush.wx8.qq.com' },
      { main: 'web.wechat.com', login: 'login.web.wechat.com', file: 'file.web.wechat.com', push: 'webpush.web.wechat.com' },
      { main: 'web2.wechat.com', login: 'login.web2.wechat.com', file: 'file.web2.wechat.com', push: 'webpush.web2.wechat.com' },
    ]);
    expect(deriveHosts('example.org')).toEqual({ main: 'example.org', login: 'login.weixin.qq.com', file: 'file.wx.qq.com', push: 'webpush.weixin.qq.com' });
  });

  it('reads the host name of a Host header without port, lower-cased, IPv6 kept in brackets', () => {
    expect(hostName('WX2.QQ.com:443')).toBe('wx2.qq.com');
    expect(hostName('[::1]:8080')).toBe('[::1]');
    expect(hostName(undefined)).toBe('');
  });

  it('classifies webwx hosts by family; anything else is local (the control API)', () => {
    expect(['login.weixin.qq.com', 'login.wx2.qq.com', 'webpush.wx.qq.com', 'webpush2.weixin.qq.com', 'file.web.wechat.com', 'wx.qq.com', '127.0.0.1', 'qq.com.evil.org'].map(classifyHost)).toEqual([
      'login', 'login', 'push', 'push', 'file', 'main', 'local', 'local',
    ]);
  });
});
