import { definePlugin, PluginHost, WxbotError } from '@wxbot/core/internals';
import { FakeBot, captureLogger } from '../fixtures/bot';
import { group } from '../fixtures/contacts';

describe('plugin event listeners', () => {
  const topic = { room: group('@@r', 'New', []), topic: 'New', previous: 'Old' };

  it('deliver in plugin order; a throwing listener is logged with its plugin and stops no other', async () => {
    const calls: string[] = [];
    const { logger, lines } = captureLogger();
    const host = new PluginHost({ bot: new FakeBot(), logger });
    await host.load([
      definePlugin({ name: 'a', setup: (api) => api.onEvent('room-topic', () => { calls.push('a'); throw new Error('boom'); }) }),
      definePlugin({ name: 'b', setup: (api) => api.onEvent('room-topic', (e) => void calls.push(`b:${e.topic}`)) }),
    ]);
    await host.emit('room-topic', topic);
    expect(calls).toEqual(['a', 'b:New']);
    expect(lines.find((l) => l['msg'] === 'plugin event listener failed')).toMatchObject({ plugin: 'a', event: 'room-topic' });
  });

  it('are gone after dispose, and cannot be added after setup', async () => {
    const calls: string[] = [];
    let late: (() => void) | undefined;
    const host = new PluginHost({ bot: new FakeBot(), logger: captureLogger().logger });
    await host.load([
      definePlugin({
        name: 'p',
        setup(api) {
          api.onEvent('room-topic', () => void calls.push('p'));
          late = () => api.onEvent('room-join', () => undefined);
        },
      }),
    ]);
    expect(() => late?.()).toThrow(WxbotError);
    await host.dispose();
    await host.emit('room-topic', topic);
    expect(calls).toEqual([]);
  });
});
