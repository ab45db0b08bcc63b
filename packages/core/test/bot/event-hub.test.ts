import { EventEmitter } from 'node:events';
import { definePlugin, type BotEvents, type FriendRequestInfo } from '@wxbot/core/internals';
import { EventHub } from '../../src/bot/event-hub';
import { createMessagePipeline, type MessagePipeline } from '../../src/bot/pipeline-adapter';
import { contact } from '../fixtures/contacts';
import { captureLogger, FakeBot, flush, message } from '../fixtures/bot';
import { recommendInfo, wireMessage } from '../fixtures/wire';

/** An EventHub over a real emitter and a real plugin pipeline whose plugin records its events. */
async function setup(withPipeline = true) {
  const { logger, lines } = captureLogger();
  const emitter = new EventEmitter<BotEvents>();
  const pluginSaw: string[] = [];
  const plugin = definePlugin({
    name: 'listener',
    setup(api) {
      api.onEvent('contact', (e) => void pluginSaw.push(`contact ${e.contact.name}`));
      api.onEvent('friendship', (e) => void pluginSaw.push(`friendship ${e.type}`));
      api.onEvent('room-topic', (e) => void pluginSaw.push(`topic ${e.topic}`));
    },
  });
  const pipeline: MessagePipeline = await createMessagePipeline([plugin()], Object.assign(new FakeBot(), { emit: () => true, listenerCount: () => 0 }), logger);
  const requests: FriendRequestInfo[] = [];
  const hub = new EventHub(emitter, () => (withPipeline ? pipeline : undefined), (r) => (requests.push(r), { accept: async () => undefined, reject: async () => undefined, ignore: () => undefined }), logger);
  return { hub, emitter, pluginSaw, requests, lines };
}

describe('EventHub', () => {
  it('emit goes to the bot listeners only; broadcast to the plugins too', async () => {
    const t = await setup();
    const heard: string[] = [];
    t.emitter.on('contact', (e) => heard.push(e.contact.name));
    const event = { contact: contact('@a', 'Ann'), previous: undefined, becameFriend: false };
    t.hub.emit('contact', event);
    await flush();
    expect(heard).toEqual(['Ann']);
    expect(t.pluginSaw).toEqual([]);
    t.hub.broadcast('contact', event);
    await flush();
    expect(heard).toEqual(['Ann', 'Ann']);
    expect(t.pluginSaw).toEqual(['contact Ann']);
  });

  it('broadcast without a pipeline (before the plugins load) reaches the bot listeners', async () => {
    const t = await setup(false);
    const heard: string[] = [];
    t.emitter.on('contact', (e) => heard.push(e.contact.name));
    t.hub.broadcast('contact', { contact: contact('@a', 'Ann'), previous: undefined, becameFriend: false });
    expect(heard).toEqual(['Ann']);
  });

  it("error goes to the 'error' listeners, or to the log when there are none", async () => {
    const t = await setup();
    t.hub.error(new Error('nobody listens'));
    await flush();
    expect(t.lines.some((l) => l.msg === 'nobody listens' && l.level === 50)).toBe(true);
    const errors: string[] = [];
    t.emitter.on('error', (err) => errors.push(err.message));
    t.hub.error(new Error('heard'));
    expect(errors).toEqual(['heard']);
  });

  it("observed says whether anyone listens to 'message'; message emits it, and a friend request also a friendship event", async () => {
    const t = await setup();
    expect(t.hub.observed).toBe(false);
    const got: string[] = [];
    t.emitter.on('message', (m) => got.push(m.kind));
    t.emitter.on('friendship', (e) => got.push(`friendship ${e.type}`));
    expect(t.hub.observed).toBe(true);
    t.hub.message(message(wireMessage({ Content: 'hi' })));
    const request = message(wireMessage({ FromUserName: 'fmessage', MsgType: 37, Content: '', RecommendInfo: recommendInfo({ UserName: '@req', NickName: 'Dora', Ticket: 't' }) }));
    t.hub.message(request);
    await flush();
    expect(got).toEqual(['text', 'friend-request', 'friendship request']);
    expect(t.requests.map((r) => r.userName)).toEqual(['@req']);
    expect(t.pluginSaw).toEqual(['friendship request']);
  });

  it('a change becomes its event; a new friend also a friendship confirm; a throwing listener is logged', async () => {
    const t = await setup();
    const got: string[] = [];
    t.emitter.on('friendship', (e) => got.push(e.type));
    t.emitter.on('room-topic', () => {
      throw new Error('listener broke');
    });
    t.hub.change({ name: 'contact', event: { contact: contact('@b', 'Bo'), previous: undefined, becameFriend: true } });
    t.hub.change({ name: 'room-topic', event: { room: { id: '@@g', name: 'New', topic: 'New', members: [] } as never, topic: 'New', previous: 'Old' } });
    await flush();
    expect(got).toEqual(['confirm']);
    // The throwing bot listener of room-topic does not keep the event from the plugins.
    expect(t.pluginSaw).toEqual(['contact Bo', 'friendship confirm', 'topic New']);
    expect(t.lines.some((l) => l.msg === 'an event listener threw' && l.event === 'room-topic')).toBe(true);
  });

  it("a throwing 'contact' listener neither hides the friendship confirm nor a friend request's events", async () => {
    const t = await setup();
    const got: string[] = [];
    t.emitter.on('contact', () => {
      throw new Error('contact listener broke');
    });
    t.emitter.on('message', () => {
      throw new Error('message listener broke');
    });
    t.emitter.on('friendship', (e) => got.push(e.type));
    t.hub.change({ name: 'contact', event: { contact: contact('@b', 'Bo'), previous: undefined, becameFriend: true } });
    t.hub.message(message(wireMessage({ FromUserName: 'fmessage', MsgType: 37, Content: '', RecommendInfo: recommendInfo({ UserName: '@req', NickName: 'Dora', Ticket: 't' }) })));
    await flush();
    expect(got).toEqual(['confirm', 'request']);
    expect(t.pluginSaw).toEqual(['contact Bo', 'friendship confirm', 'friendship request']);
    expect(t.lines.filter((l) => l.msg === 'an event listener threw').map((l) => l.event)).toEqual(['contact', 'message']);
  });
});
