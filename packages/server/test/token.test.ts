import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ServerError } from '../src';
import { isLoopback, resolveToken, tokenMatches } from '../src/token';

describe('the control API token', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'wxbot-token-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('is generated once into <home>/api-token (0600), then read back', async () => {
    const first = await resolveToken({ home, host: '127.0.0.1' });
    expect(first.source).toBe('generated');
    expect(first.token.length).toBeGreaterThanOrEqual(32);
    const file = path.join(home, 'api-token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.token);
    expect(await resolveToken({ home, host: 'localhost' })).toEqual({ token: first.token, source: 'stored' });
    expect(await resolveToken({ home, host: '0.0.0.0', token: 'configured-token-123' })).toEqual({ token: 'configured-token-123', source: 'configured' });
  });

  it('refuses a non-loopback bind without a configured token, with a coded error naming the fix', async () => {
    const err = await resolveToken({ home, host: '0.0.0.0' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(err).toMatchObject({ code: 'WXBOT_API_TOKEN_REQUIRED', message: expect.stringMatching(/api\.token.*WXBOT_API_TOKEN/) });
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('192.168.1.2')).toBe(false);
  });

  it('compares tokens whatever their lengths', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abc', 'abd')).toBe(false);
    expect(tokenMatches('', 'abc')).toBe(false);
    expect(tokenMatches('abcabc', 'abc')).toBe(false);
  });
});
