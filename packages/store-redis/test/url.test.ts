import { WxbotError } from '@wxbot/core';
import { isRedisUrl, parseRedisUrl, redactRedisUrl } from '@wxbot/store-redis';

// The store URL forms: what each parses to, the coded error for each bad form, and that no
// form shows its password once redacted.

const codeOf = (url: string): string | undefined => {
  try {
    parseRedisUrl(url);
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(WxbotError);
    expect((err as Error).message).not.toContain('s3cret');
    return (err as WxbotError).code;
  }
};

describe('store URLs', () => {
  it('redis:// passes to ioredis as it was, without the wait parameters', () => {
    expect(parseRedisUrl('redis://:pw@127.0.0.1:6379/2')).toEqual({ kind: 'redis', url: 'redis://:pw@127.0.0.1:6379/2' });
    expect(parseRedisUrl('rediss://h:6380/0?wait=2&waitTimeout=250&family=6')).toEqual({ kind: 'redis', url: 'rediss://h:6380/0?family=6', wait: { replicas: 2, timeoutMs: 250 } });
  });

  it('redis+sentinel:// names sentinels, the master and the db', () => {
    expect(parseRedisUrl('redis+sentinel://user:p%40ss@10.0.0.1:26379,10.0.0.2,[::1]:26380/mymaster/3?wait=1')).toEqual({
      kind: 'sentinel',
      tls: false,
      sentinels: [{ host: '10.0.0.1', port: 26379 }, { host: '10.0.0.2', port: 26379 }, { host: '::1', port: 26380 }],
      name: 'mymaster',
      db: 3,
      username: 'user',
      password: 'p@ss',
      wait: { replicas: 1, timeoutMs: 1000 },
    });
    expect(parseRedisUrl('rediss+sentinel://:pw@s1/m')).toMatchObject({ kind: 'sentinel', tls: true, name: 'm', db: 0, password: 'pw' });
  });

  it('redis-cluster:// names seed nodes', () => {
    expect(parseRedisUrl('redis-cluster://a:7000,b:7001')).toEqual({ kind: 'cluster', tls: false, nodes: [{ host: 'a', port: 7000 }, { host: 'b', port: 7001 }] });
    expect(parseRedisUrl('redis-cluster://a/0')).toMatchObject({ kind: 'cluster', nodes: [{ host: 'a', port: 6379 }] });
  });

  it('refuses each bad form with WXBOT_STORE_URL', () => {
    for (const url of [
      'http://127.0.0.1:6379',
      'redis+sentinel://:s3cret@h1:26379,h2:26379',
      'redis+sentinel://:s3cret@h1:26379/m/notadb',
      'redis+sentinel://:s3cret@h1:26379/m/0/extra',
      'redis+sentinel://:s3cret@h1:99999/m',
      'redis+sentinel://:s3cret@/m',
      'redis+sentinel://:s3cret@h1/m?wait=x',
      'redis+sentinel://:s3cret@h1/m?wait=1&waitTimeout=0',
      'redis+sentinel://:s3cret@h1/m?sentinelPassword=x',
      'redis-cluster://:s3cret@h1:7000/1',
      'redis://:s3cret@h1:6379,h2:6379/0',
    ]) expect([url, codeOf(url)]).toEqual([url, 'WXBOT_STORE_URL']);
  });

  it('isRedisUrl knows every scheme', () => {
    for (const url of ['redis://h', 'rediss://h', 'redis+sentinel://h/m', 'rediss+sentinel://h/m', 'redis-cluster://h', 'rediss-cluster://h']) expect(isRedisUrl(url)).toBe(true);
    for (const url of ['http://h', 'sentinel://h', '/var/lib/wxbot']) expect(isRedisUrl(url)).toBe(false);
  });

  it('redacts the password of every form, and only the password', () => {
    expect(redactRedisUrl('redis://:s3cret@h:6379/0')).toBe('redis://:***@h:6379/0');
    expect(redactRedisUrl('redis://s3cret@h:6379/0')).toBe('redis://***@h:6379/0');
    expect(redactRedisUrl('redis+sentinel://user:s3cret@h1:26379,h2:26379/m/0?wait=1')).toBe('redis+sentinel://user:***@h1:26379,h2:26379/m/0?wait=1');
    expect(redactRedisUrl('redis-cluster://:s3cret@a:7000,b:7001')).toBe('redis-cluster://:***@a:7000,b:7001');
    expect(redactRedisUrl('redis://h:6379/0')).toBe('redis://h:6379/0');
  });
});
