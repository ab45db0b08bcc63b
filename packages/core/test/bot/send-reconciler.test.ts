import pino from 'pino';
import type { WireMessage } from '@wxbot/protocol';
import { SendReconciler } from '../../src/bot/send-reconciler';
import type { StoredAction } from '../../src/outbox/outbox-store';
import { MemoryState, MemoryStateStore } from '../../src/storage/memory-store';
import { wireMessage } from '../fixtures/wire';

const log = pino({ level: 'silent' });
const SELF = '@self';

function text(to: string, body: string, createdAt = Date.now() - 10): StoredAction {
  return { id: `a-${body}-${Math.random()}`, kind: 'text', key: to, payload: { to, text: body }, risky: false, clientMsgId: '17000000000000001', createdAt, attempts: 1 };
}
const echo = (msgId: string, to: string, content: string, type = 1): WireMessage => wireMessage({ MsgId: msgId, FromUserName: SELF, ToUserName: to, Content: content, MsgType: type });

function reconciler(state = new MemoryState()): { r: SendReconciler; state: MemoryState } {
  const store = new MemoryStateStore(state);
  return { r: new SendReconciler(store, log, 5_000), state };
}

describe('SendReconciler', () => {
  it('settles a waiting send as sent by its echo (target, type, decoded text), with the echo\'s MsgId', async () => {
    const { r } = reconciler();
    const settled = r.settle(text('@alice', 'a < b\nsecond line'));
    await new Promise((res) => setImmediate(res));
    r.observe([echo('900', '@bob', 'a &lt; b<br/>second line'), echo('901', '@alice', 'a &lt; b<br/>second line')]);
    await expect(settled).resolves.toMatchObject({ sent: true, result: { msgId: '901', to: '@alice', localId: '17000000000000001' } });
  });

  it('an echo read before the crash settles the send after it (kept in the state store)', async () => {
    const state = new MemoryState();
    const before = reconciler(state).r;
    const action = text('@alice', 'pong');
    before.observe([echo('910', '@alice', 'pong')]);
    const after = reconciler(state).r;
    await expect(after.settle(action)).resolves.toMatchObject({ sent: true, result: { msgId: '910' } });
    // Used up: it settles nothing else, also after another restart.
    const again = reconciler(state).r;
    const second = again.settle(text('@alice', 'pong'));
    again.idle(Date.now() + 1);
    await expect(second).resolves.toEqual({ sent: false });
  });

  it('identical texts to one chat each take one echo', async () => {
    const { r } = reconciler();
    r.observe([echo('920', '@alice', 'ok')]);
    const one = r.settle(text('@alice', 'ok'));
    const two = r.settle(text('@alice', 'ok'));
    await expect(one).resolves.toMatchObject({ sent: true, result: { msgId: '920' } });
    await new Promise((res) => setImmediate(res));
    r.idle(Date.now() + 1);
    await expect(two).resolves.toEqual({ sent: false });
  });

  it('the echo of a send whose answer came is not taken for an unknown one', async () => {
    const { r } = reconciler();
    r.succeeded(text('@alice', 'ok'), { msgId: '930' }, Date.now() - 5);
    r.observe([echo('930', '@alice', 'ok')]);
    // The echo came before the answer: still claimed by the send it belongs to.
    r.observe([echo('931', '@alice', 'ok')]);
    r.succeeded(text('@alice', 'ok'), { msgId: '931' }, Date.now() - 5);
    const uncertain = r.settle(text('@alice', 'ok'));
    await new Promise((res) => setImmediate(res));
    r.idle(Date.now() + 1);
    await expect(uncertain).resolves.toEqual({ sent: false });
  });

  it('settles as not sent once a later send\'s echo arrives (the server\'s log is in order)', async () => {
    const { r } = reconciler();
    const waiting = r.settle(text('@alice', 'lost?'));
    await new Promise((res) => setTimeout(res, 5));
    // A send that went out before the wait began proves nothing...
    r.succeeded(text('@bob', 'early'), { msgId: '940' }, Date.now() - 1000);
    r.observe([echo('940', '@bob', 'early')]);
    let done = false;
    void waiting.then(() => (done = true));
    await new Promise((res) => setImmediate(res));
    expect(done).toBe(false);
    // ...one that went out after it does.
    r.succeeded(text('@bob', 'later'), { msgId: '941' }, Date.now());
    r.observe([echo('941', '@bob', 'later')]);
    await expect(waiting).resolves.toEqual({ sent: false });
  });

  it('an idle poll counts only if it began after the wait', async () => {
    const { r } = reconciler();
    const startedBefore = Date.now() - 1000;
    const waiting = r.settle(text('@alice', 'x'));
    await new Promise((res) => setImmediate(res));
    r.idle(startedBefore);
    let done = false;
    void waiting.then(() => (done = true));
    await new Promise((res) => setImmediate(res));
    expect(done).toBe(false);
    r.idle(Date.now() + 1);
    await expect(waiting).resolves.toEqual({ sent: false });
  });

  it('media settle by target and kind of echo (a GIF image echoes as an emoticon)', async () => {
    const { r } = reconciler();
    const image: StoredAction = { ...text('@alice', ''), kind: 'send-image', payload: { to: '@alice', path: '/tmp/x', name: 'x.gif', size: 3 } };
    const settled = r.settle(image);
    await new Promise((res) => setImmediate(res));
    r.observe([echo('950', '@alice', '<msg/>', 47)]);
    await expect(settled).resolves.toMatchObject({ sent: true, result: { msgId: '950' } });
  });

  it('covers sends only, and for media only a lost answer of the send itself (not of the upload)', () => {
    const { r } = reconciler();
    expect(r.covers(text('@alice', 'x'))).toBe(true);
    expect(r.covers(text('@alice', 'x'), 'webwxsendmsg')).toBe(true);
    const file: StoredAction = { ...text('@alice', ''), kind: 'send-file', payload: { to: '@alice', path: '/tmp/x', name: 'x', size: 1 } };
    expect(r.covers(file, 'webwxuploadmedia')).toBe(false);
    expect(r.covers(file, 'webwxsendappmsg')).toBe(true);
    expect(r.covers({ ...text('@alice', ''), kind: 'remark', payload: { userName: '@alice', remark: 'A' } })).toBe(false);
  });

  it('link cards and forwards settle by the echo of what they re-send: type group and target (and text for texts)', async () => {
    const { r } = reconciler();
    const action = (kind: string, payload: Record<string, unknown>): StoredAction => ({ id: `a-${Math.random()}`, kind, key: '@alice', payload: { to: '@alice', ...payload }, risky: false, clientMsgId: '17000000000000002', createdAt: Date.now() - 10, attempts: 1 });
    const located = r.settle(action('forward', { via: 'location', source: '1', content: '<msg><location x="1" y="2"/></msg>' }));
    const pictured = r.settle(action('forward', { via: 'image', source: '2', content: '<msg><img aeskey="00"/></msg>' }));
    const said = r.settle(action('forward', { via: 'text', source: '3', text: 'hi there' }));
    const linked = r.settle(action('send-link', { title: 't', description: '', url: 'https://e.x', thumbUrl: '' }));
    expect(r.covers(action('forward', { via: 'app' }), 'webwxsendappmsg')).toBe(true);
    await new Promise((res) => setImmediate(res));
    // A text and a video echo settle none of the location/image waiters; a text with other words not the text one.
    r.observe([echo('940', '@alice', 'hello'), echo('941', '@alice', '@abc', 43)]);
    r.observe([wireMessage({ MsgId: '942', FromUserName: SELF, ToUserName: '@alice', MsgType: 1, SubMsgType: 48, Content: 'Pier:<br/>/cgi-bin/mmwebwx-bin/webwxgetpubliclinkimg?pictype=location' })]);
    r.observe([echo('943', '@alice', '&lt;msg&gt;', 3), echo('944', '@alice', 'hi there'), echo('945', '@alice', '&lt;msg&gt;', 49)]);
    await expect(located).resolves.toMatchObject({ sent: true, result: { msgId: '942' } });
    await expect(pictured).resolves.toMatchObject({ sent: true, result: { msgId: '943' } });
    await expect(said).resolves.toMatchObject({ sent: true, result: { msgId: '944' } });
    await expect(linked).resolves.toMatchObject({ sent: true, result: { msgId: '945' } });
  });
});
