import { WxbotError } from '../../src/errors/wxbot-error';
import { checkSectionName } from '../../src/storage/state-store';

describe('checkSectionName', () => {
  it('accepts a new, non-empty name without tabs or newlines', () => {
    expect(() => checkSectionName('outbox', new Map([['inbox', 1]]))).not.toThrow();
    expect(() => checkSectionName('plugin:keyword with spaces', new Map())).not.toThrow();
  });

  it.each([
    ['', /bad section name ""/],
    ['a\tb', /bad section name "a\\tb"; use a non-empty name without tabs or newlines/],
    ['a\nb', /bad section name "a\\nb"/],
  ])('rejects %j', (name, message) => {
    expect(() => checkSectionName(name, new Map())).toThrow(message);
  });

  it('rejects a name registered before, naming the section', () => {
    let error: unknown;
    try {
      checkSectionName('inbox', new Map([['inbox', 1]]));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(WxbotError);
    expect(error).toMatchObject({ code: 'WXBOT_STORE_SECTION', message: expect.stringContaining('section "inbox" registered twice') as string });
  });
});
