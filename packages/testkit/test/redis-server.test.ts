import { findRedisServer, redisSuiteTitle, REDIS_INSTALL_HINT, startRedisServer } from '../src/redis-server';

// The skip contract of the Redis suites: where redis-server is missing, the suite title says so
// and names the install command (never a silent pass).

describe('redis-server for tests', () => {
  const saved = { PATH: process.env['PATH'], REDIS_SERVER: process.env['REDIS_SERVER'] };
  afterEach(() => {
    process.env['PATH'] = saved.PATH;
    if (saved.REDIS_SERVER === undefined) delete process.env['REDIS_SERVER'];
    else process.env['REDIS_SERVER'] = saved.REDIS_SERVER;
  });

  it('titles a suite with the skip reason and the install command when redis-server is missing', () => {
    process.env['PATH'] = '/nonexistent';
    delete process.env['REDIS_SERVER'];
    expect(findRedisServer()).toBeUndefined();
    expect(redisSuiteTitle('leases')).toBe(`leases (skipped: redis-server is not installed; ${REDIS_INSTALL_HINT})`);
  });

  const d = findRedisServer() ? it : it.skip;
  d(redisSuiteTitle('keeps the plain title, and starts a server that answers, where it is installed'), async () => {
    expect(redisSuiteTitle('leases')).toBe('leases');
    const server = await startRedisServer();
    try {
      expect(server.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+\/0$/);
      expect(server.running).toBe(true);
    } finally {
      await server.close();
    }
    expect(server.running).toBe(false);
  });
});
