// The codes' listing in docs/errors.md is kept in sync by test/errors-doc.test.ts.
import { WxbotError } from '../../src/errors/wxbot-error';

describe('WxbotError', () => {
  it('is an Error with a name, a stable code, details and a cause', () => {
    const cause = new Error('underneath');
    const err = new WxbotError('WXBOT_SEND_FAILED', 'text to @a failed', { kind: 'text' }, { cause });
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('WxbotError');
    expect(err.code).toBe('WXBOT_SEND_FAILED');
    expect(err.message).toBe('text to @a failed');
    expect(err.details).toEqual({ kind: 'text' });
    expect(err.cause).toBe(cause);
    expect(String(err)).toBe('WxbotError: text to @a failed');
  });

  it('details default to an empty object', () => {
    expect(new WxbotError('WXBOT_STOPPED', 'bot stopped').details).toEqual({});
  });
});
