import { WxbotError } from '@wxbot/core';
import { fromCore } from '../src/core-errors';
import { ServerError } from '../src/errors';

describe('fromCore', () => {
  it("turns the engine's request errors into the API's codes, keeping the message that names the fix", async () => {
    const cases: Array<[ConstructorParameters<typeof WxbotError>[0], string, number]> = [
      ['WXBOT_UNKNOWN_CHAT', 'WXBOT_API_UNKNOWN_CHAT', 404],
      ['WXBOT_INVALID_ARGUMENT', 'WXBOT_API_BAD_REQUEST', 400],
      ['WXBOT_AVATAR_UNAVAILABLE', 'WXBOT_API_NOT_FOUND', 404],
      ['WXBOT_NOT_ON_WEB', 'WXBOT_API_NOT_ON_WEB', 501],
      ['WXBOT_NOT_RUNNING', 'WXBOT_API_NOT_LOGGED_IN', 409],
    ];
    for (const [core, api, status] of cases) {
      const err = await fromCore(() => Promise.reject(new WxbotError(core, `because ${core}`))).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ServerError);
      expect({ code: (err as ServerError).code, status: (err as ServerError).status, message: (err as Error).message }).toEqual({ code: api, status, message: `because ${core}` });
    }
  });

  it('scrubs credentials from the message and leaves other errors alone (a 500 with nothing said)', async () => {
    const leaky = await fromCore(() => Promise.reject(new WxbotError('WXBOT_UNKNOWN_CHAT', 'GET /x?skey=@crypt_abc&pass_ticket=zz failed'))).catch((e: Error) => e.message);
    expect(leaky).toBe('GET /x?skey=[redacted]&pass_ticket=[redacted] failed');
    const other = new Error('boom');
    await expect(fromCore(() => Promise.reject(other))).rejects.toBe(other);
    await expect(fromCore(async () => 42)).resolves.toBe(42);
  });
});
