import type { InjectInput } from '@wxbot/simulator';
import { forwardPayloadOf } from '../../src/bot/forward';
import { forwardOnce } from '../../src/bot/forward-sender';
import { parseMessage } from '../../src/message/parse-message';
import type { ExecutorContext } from '../../src/outbox/types';
import { liveSession, type Live } from '../fixtures/live';

// Forwards as the web client sends them, against the simulator, from messages it delivered.
let t: Live;
let ctx: ExecutorContext;
beforeAll(async () => {
  t = await liveSession();
  ctx = { session: t.live.ctx, selfUserName: t.live.selfUserName, signal: new AbortController().signal };
});
afterAll(() => t.close());

function received(input: InjectInput) {
  const { entry } = t.sim.inject(input);
  return parseMessage(JSON.parse(JSON.stringify(entry)) as typeof entry, { selfId: t.live.selfUserName, contacts: t.contacts });
}

describe('forwardOnce', () => {
  it('a text is sent again as text', async () => {
    const sent = await forwardOnce(ctx, forwardPayloadOf(received({ kind: 'text', from: 'Alice', text: 'pass it on' }), t.id('Bob')));
    expect(t.sim.sent().at(-1)).toMatchObject({ type: 1, content: 'pass it on', to: 'Bobby', msgId: sent.msgId });
    expect(Object.isFrozen(sent)).toBe(true);
  });

  it("an image goes with the server's own copy, no upload", async () => {
    const uploads = t.sim.uploads().length;
    await forwardOnce(ctx, forwardPayloadOf(received({ kind: 'image', from: 'Alice' }), t.id('Family')));
    expect(t.sim.sent().at(-1)).toMatchObject({ type: 3, room: 'Family' });
    expect(t.sim.uploads()).toHaveLength(uploads);
  });

  it('a link and a location go as the client sends them', async () => {
    await forwardOnce(ctx, forwardPayloadOf(received({ kind: 'link', from: 'Alice', title: 'Read this', url: 'https://example.com/a' }), t.id('Bob')));
    expect(t.sim.sent().at(-1)?.content).toContain('https://example.com/a');
    await forwardOnce(ctx, forwardPayloadOf(received({ kind: 'location', from: 'Alice', address: 'Pier 7', lat: 22.5, lng: 113.9 }), t.id('Bob')));
    expect(t.sim.sent().at(-1)?.type).toBe(48);
  });

  it('an image the server no longer holds is WXBOT_FORWARD_MEDIA_GONE, naming the message', async () => {
    const payload = { to: t.id('Bob'), source: '999', via: 'image' as const, content: '<msg><img aeskey="gone" cdnmidimgurl="gone" length="1"/></msg>' };
    await expect(forwardOnce(ctx, payload)).rejects.toMatchObject({ code: 'WXBOT_FORWARD_MEDIA_GONE', details: { msgId: '999' } });
  });
});
