import { STATUS_OF, ServerError, errorBody } from '../src/errors';

describe('ServerError', () => {
  it('carries its code, answers with the status of that code, and keeps the cause', () => {
    const cause = new Error('socket closed');
    const err = new ServerError('WXBOT_API_UNKNOWN_CHAT', 'no chat "@abc" in this session; look it up with GET /api/contacts?q=', { cause });
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('ServerError');
    expect(err.code).toBe('WXBOT_API_UNKNOWN_CHAT');
    expect(err.status).toBe(404);
    expect(err.cause).toBe(cause);
    expect(errorBody(err)).toEqual({ error: { code: 'WXBOT_API_UNKNOWN_CHAT', message: err.message } });
  });

  it('maps every code to an HTTP error status', () => {
    for (const [code, status] of Object.entries(STATUS_OF)) {
      expect([code, new ServerError(code as keyof typeof STATUS_OF, 'x').status]).toEqual([code, status]);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
    }
    expect(new ServerError('WXBOT_API_UNAUTHORIZED', 'x').status).toBe(401);
    expect(new ServerError('WXBOT_API_TOO_LARGE', 'x').status).toBe(413);
    expect(new ServerError('WXBOT_API_NOT_LOGGED_IN', 'x').status).toBe(409);
    expect(new ServerError('WXBOT_API_NOT_ON_WEB', 'x').status).toBe(501);
  });
});
