import { resolveOptions } from '../src/options';

describe('simulator options', () => {
  it('defaults to a local port 0, MAIN wx2.qq.com and the real server long-poll times', () => {
    expect(resolveOptions({})).toEqual({
      port: 0, host: '127.0.0.1', mainHost: 'wx2.qq.com', autoConfirm: false, autoConfirmDelayMs: 50, longPollMs: 25_000, loginPollMs: 25_000,
      uuidTtlMs: 300_000, contactPageSize: 800, syncBatchSize: 100, emptySyncKeyWhenIdle: true, strict: false, seed: undefined, now: undefined,
    });
  });

  it('keeps what is given, with page and batch sizes at least 1', () => {
    const now = (): number => 5;
    const o = resolveOptions({ port: 8080, mainHost: 'web.wechat.com', strict: true, seed: 3, now, contactPageSize: 0, syncBatchSize: -4, longPollMs: 100, emptySyncKeyWhenIdle: false });
    expect(o).toMatchObject({ port: 8080, mainHost: 'web.wechat.com', strict: true, seed: 3, contactPageSize: 1, syncBatchSize: 1, longPollMs: 100, emptySyncKeyWhenIdle: false });
    expect(o.now).toBe(now);
  });
});
