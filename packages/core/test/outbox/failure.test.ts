import {
  AbortedError,
  HttpStatusError,
  LoginRefusedError,
  MalformedBodyError,
  MissingCookieError,
  NetworkError,
  Ret,
  RevokeExpiredError,
  ServerRetError,
  UploadFailedError,
} from '@wxbot/protocol';
import { classifyFailure } from '../../src/outbox/failure';

const ret = (code: number, errMsg = ''): ServerRetError => new ServerRetError('webwxsendmsg', code, errMsg);
const aborted = (): AbortSignal => {
  const c = new AbortController();
  c.abort(new Error('stopping'));
  return c.signal;
};

describe('classifyFailure', () => {
  it('"too frequent" is rate-limited: 1205, 1105, or the server saying so in any Ret', () => {
    expect(classifyFailure(ret(Ret.FREQUENCY_LIMIT))).toBe('rate-limited');
    expect(classifyFailure(ret(Ret.API_FREQUENCY))).toBe('rate-limited');
    expect(classifyFailure(ret(Ret.PARAM_ERROR, '操作太频繁，请稍后再试'))).toBe('rate-limited');
    expect(classifyFailure(ret(Ret.SYSTEM_ERROR, 'Too Frequent'))).toBe('rate-limited');
    expect(classifyFailure(ret(Ret.NOT_FRIEND, 'you send messages too often'))).toBe('rate-limited');
    expect(classifyFailure(ret(Ret.LOGIC_ERROR, 'frequency limit reached'))).toBe('rate-limited');
  });

  it('an ended session keeps the action for after the re-login', () => {
    for (const code of [Ret.SESSION_NOT_EXIST, Ret.SESSION_INVALID, Ret.COOKIE_INVALID]) expect(classifyFailure(ret(code))).toBe('session');
  });

  it('Ret -1 is transient; other Ret codes are fatal', () => {
    expect(classifyFailure(ret(Ret.SYSTEM_ERROR))).toBe('transient');
    for (const code of [Ret.NOT_FRIEND, Ret.GROUP_GONE, Ret.PARAM_ERROR, Ret.LOGIC_ERROR, Ret.TICKET_ERROR, Ret.PARSE_REQUEST, 9999]) {
      expect([code, classifyFailure(ret(code, 'some reason'))]).toEqual([code, 'fatal']);
    }
  });

  it('HTTP 5xx and 429 are transient; other statuses are fatal', () => {
    for (const status of [500, 502, 503, 504, 429]) expect(classifyFailure(new HttpStatusError('webwxsendmsg', status))).toBe('transient');
    for (const status of [400, 401, 403, 404, 499]) expect(classifyFailure(new HttpStatusError('webwxsendmsg', status))).toBe('fatal');
  });

  it('network errors (timeouts included) and garbage bodies are transient', () => {
    expect(classifyFailure(new NetworkError('webwxsendmsg', 'socket hang up', 'ECONNRESET', false, new Error('reset')))).toBe('transient');
    expect(classifyFailure(new NetworkError('webwxsendmsg', 'timed out', 'ETIMEDOUT', true, undefined))).toBe('transient');
    expect(classifyFailure(new MalformedBodyError('webwxsendmsg', 'not JSON', '<html>'))).toBe('transient');
  });

  it('an abort keeps the action queued, whatever the error says', () => {
    expect(classifyFailure(new AbortedError('webwxsendmsg'))).toBe('aborted');
    const signal = aborted();
    expect(classifyFailure(ret(Ret.NOT_FRIEND), signal)).toBe('aborted');
    expect(classifyFailure(ret(Ret.FREQUENCY_LIMIT), signal)).toBe('aborted');
    expect(classifyFailure(new Error('anything'), signal)).toBe('aborted');
  });

  it('a live signal changes nothing', () => {
    const signal = new AbortController().signal;
    expect(classifyFailure(ret(Ret.NOT_FRIEND), signal)).toBe('fatal');
    expect(classifyFailure(ret(Ret.SYSTEM_ERROR), signal)).toBe('transient');
  });

  it('another package may flag a frequency block with rateLimited: true (and only true)', () => {
    class MediaError extends Error {
      readonly rateLimited = true;
    }
    expect(classifyFailure(new MediaError('blocked'))).toBe('rate-limited');
    expect(classifyFailure({ rateLimited: true })).toBe('rate-limited');
    expect(classifyFailure({ rateLimited: 'yes' })).toBe('fatal');
    expect(classifyFailure(Object.assign(new Error('x'), { rateLimited: 1 }))).toBe('fatal');
  });

  it('other protocol errors, plain errors and non-errors are fatal', () => {
    expect(classifyFailure(new UploadFailedError('webwxuploadmedia', 'no MediaId'))).toBe('fatal');
    expect(classifyFailure(new MissingCookieError('webwxuploadmedia', 'webwx_data_ticket', 'file.wx.qq.com'))).toBe('fatal');
    // Ret -1 from revoke means the window passed: not a transient ServerRetError.
    expect(classifyFailure(new RevokeExpiredError(Ret.SYSTEM_ERROR, 0, 300_000))).toBe('fatal');
    expect(classifyFailure(new LoginRefusedError(Ret.ACCOUNT_NOT_ALLOWED, 'not allowed'))).toBe('fatal');
    expect(classifyFailure(new TypeError('bug'))).toBe('fatal');
    expect(classifyFailure('string')).toBe('fatal');
    expect(classifyFailure(undefined)).toBe('fatal');
    expect(classifyFailure(null)).toBe('fatal');
  });
});
