import { definePlugin, type BotState } from '@wxbot/core/internals';
import { startSimulator, type Simulator } from '@wxbot/simulator';
import { Bot } from '../../src/bot/bot';
import { MemoryState, MemoryStateStore } from '../../src/storage/memory-store';
import { SessionStore } from '../../src/storage/session-store';
import { removeHome, tempHome } from '../e2e/harness';

// The Bot's lifecycle shell over a MemoryStateStore against the simulator; what happens inside a
// running bot (messages, media, restarts, faults) is in the e2e and reliability suites.
let sim: Simulator;
let home: string;
beforeAll(async () => {
  sim = await startSimulator({ longPollMs: 200, loginPollMs: 200, autoConfirm: true, autoConfirmDelayMs: 1 });
});
afterAll(() => sim.close());
beforeEach(() => {
  home = tempHome();
});
afterEach(() => removeHome(home));

function bot(state = new MemoryState(), plugins = [echo()]) {
  const b = new Bot({ endpoint: sim.url, home, store: new MemoryStateStore(state), plugins, longPollTimeoutMs: 2000, loginPollTimeoutMs: 2000, backoff: { baseMs: 5, capMs: 10 }, stopTimeoutMs: 2000, outbox: { limits: false } });
  const states: BotState[] = [];
  b.on('state', (s) => states.push(s));
  return { b, states };
}

const echo = definePlugin({ name: 'echo', setup: (api) => api.on('text', (ctx) => `echo: ${ctx.message.text}`) });
const shout = definePlugin({ name: 'shout', setup: (api) => api.on('text', (ctx) => ctx.message.text.toUpperCase()) });

async function until(what: () => boolean) {
  while (!what()) await new Promise((r) => setTimeout(r, 5));
}

describe('Bot', () => {
  it('before start: actions are WXBOT_NOT_RUNNING (rejected), plugins can be added; then start, run, stop', async () => {
    const { b, states } = bot();
    expect(b.state).toBe('idle');
    await expect(b.send('@x', 'hi')).rejects.toMatchObject({ code: 'WXBOT_NOT_RUNNING', message: expect.stringContaining("wait for the 'login' event") as string });
    b.use(shout());
    await b.start();
    expect(b.state).toBe('running');
    expect(() => b.use(echo())).toThrow(expect.objectContaining({ code: 'WXBOT_LATE_REGISTRATION' }));
    await expect(b.start()).rejects.toMatchObject({ code: 'WXBOT_LATE_REGISTRATION' });

    sim.injectText({ from: 'Alice', text: 'hi' });
    await until(() => sim.sent().some((s) => s.content === 'echo: hi'));
    await b.stop();
    await b.stop();
    expect(states).toEqual(['logging-in', 'running', 'stopped']);
  });

  it('reloadPlugins swaps the plugins while the session stays up', async () => {
    const { b } = bot();
    await b.start();
    try {
      await b.reloadPlugins([shout()]);
      sim.injectText({ from: 'Alice', text: 'quiet' });
      await until(() => sim.sent().some((s) => s.content === 'QUIET'));
      expect(sim.sent().some((s) => s.content === 'echo: quiet')).toBe(false);
      // Bad plugins are refused and the running ones stay.
      const bad = definePlugin({ name: 'bad', setup: () => { throw new Error('setup broke'); } });
      await expect(b.reloadPlugins([bad()])).rejects.toThrow();
      sim.injectText({ from: 'Alice', text: 'still' });
      await until(() => sim.sent().some((s) => s.content === 'STILL'));
    } finally {
      await b.stop();
    }
  });

  it('a stopped bot resumes from its store; logout clears the saved session', async () => {
    const state = new MemoryState();
    const first = bot(state);
    const logins: string[] = [];
    first.b.on('login', (e) => logins.push(e.method));
    await first.b.start();
    await first.b.stop();
    const second = bot(state);
    second.b.on('login', (e) => logins.push(e.method));
    await second.b.start();
    await second.b.logout();
    expect(logins).toEqual(['qr', 'resume']);
    expect(second.b.state).toBe('stopped');
    expect(await new SessionStore(new MemoryStateStore(state)).load()).toBeUndefined();
  });
});
