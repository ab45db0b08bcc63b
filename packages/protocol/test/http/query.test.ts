import { requestPath, serializeQuery } from '../../src/http/query';

describe('query serialisation', () => {
  it('skips undefined values, keeps : $ , plain, writes spaces as + and escapes the rest', () => {
    expect(serializeQuery({ synckey: '1_2|3_4', skey: '@crypt_a:b$c,d', sid: 'a b', r: -123, gone: undefined, pass_ticket: 'x%2By+/=' }, false)).toBe(
      '?synckey=1_2%7C3_4&skey=%40crypt_a:b$c,d&sid=a+b&r=-123&pass_ticket=x%252By%2B%2F%3D',
    );
    expect(serializeQuery({ '名': '值' }, false)).toBe('?%E5%90%8D=%E5%80%BC');
  });

  it('answers nothing for no query or only undefined values, and & when the path has a query', () => {
    expect(serializeQuery(undefined, false)).toBe('');
    expect(serializeQuery({ a: undefined }, true)).toBe('');
    expect(serializeQuery({ a: 1, b: 2 }, true)).toBe('&a=1&b=2');
  });

  it('builds the request target from the URL path and query, dropping the fragment', () => {
    expect(requestPath(new URL('https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxinit?r=1#top'), { lang: 'zh_CN' })).toBe('/cgi-bin/mmwebwx-bin/webwxinit?r=1&lang=zh_CN');
    expect(requestPath(new URL('https://wx.qq.com/'), undefined)).toBe('/');
  });
});
