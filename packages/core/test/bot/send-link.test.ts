import type { ExecutorContext } from '../../src/outbox/types';
import { cardUnsupported, linkPayloadOf, sendLinkOnce } from '../../src/bot/send-link';
import { liveSession, type Live } from '../fixtures/live';

describe('linkPayloadOf', () => {
  it('the payload of a valid link card, missing optional fields as ""', () => {
    expect(linkPayloadOf('@a', { title: 'Notes', url: 'https://example.com/n' })).toEqual({ to: '@a', title: 'Notes', description: '', url: 'https://example.com/n', thumbUrl: '' });
  });

  it('WXBOT_INVALID_ARGUMENT naming the field, without the endpoint prefix', () => {
    for (const link of [{ title: '', url: 'https://e.com' }, { title: 't', url: 'ftp://e.com' }, { title: 't', url: 'https://e.com', thumbUrl: 'javascript:x' }, undefined]) {
      let err: unknown;
      try {
        linkPayloadOf('@a', link as never);
      } catch (e) {
        err = e;
      }
      expect(err).toMatchObject({ code: 'WXBOT_INVALID_ARGUMENT', details: { to: '@a' } });
      expect((err as Error).message).toMatch(/^link card: /);
      expect((err as Error).message).not.toContain('webwxsendappmsg:');
    }
  });
});

describe('cardUnsupported', () => {
  it('WXBOT_CARD_UNSUPPORTED saying why and what to do instead, with an optional prefix', () => {
    expect(cardUnsupported()).toMatchObject({ code: 'WXBOT_CARD_UNSUPPORTED', message: expect.stringMatching(/^the web protocol cannot send contact cards.*send the contact's name as text instead$/) as string });
    expect(cardUnsupported('reply: ').message.startsWith('reply: the web protocol')).toBe(true);
  });
});

describe('sendLinkOnce', () => {
  let t: Live;
  beforeAll(async () => {
    t = await liveSession();
  });
  afterAll(() => t.close());

  it('one webwxsendappmsg with the card and the action ClientMsgId', async () => {
    const ctx: ExecutorContext = { session: t.live.ctx, selfUserName: t.live.selfUserName, signal: new AbortController().signal, clientMsgId: '17000000000000077' };
    const sent = await sendLinkOnce(ctx, linkPayloadOf(t.id('Family'), { title: 'Release notes', url: 'https://example.com/v2', description: 'v2.1' }));
    const record = t.sim.sent().at(-1);
    expect(record).toMatchObject({ room: 'Family', clientMsgId: '17000000000000077', msgId: sent.msgId, content: expect.stringContaining('<title>Release notes</title>') as string });
    expect(record?.content).toContain('https://example.com/v2');
    expect(sent.to).toBe(t.id('Family'));
  });
});
