import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { definePlugin, type RoomJoinEvent } from '@wxbot/core';
import { compareGolden, readGolden, replay } from '@wxbot/testkit';

// sim-day.jsonl was recorded with `wxbot record --sim` (Bob, Carol, Mallory in the unsaved group
// "Dev Team", an image, a friend request from Zed, Dave joining "Family" and saying ping there).
const fixture = path.join(__dirname, 'fixtures/sim-day.jsonl');
const golden = path.join(__dirname, 'fixtures/sim-day.golden.jsonl');

const ping = definePlugin({ name: 'ping', setup: (api) => api.hears('ping', () => 'pong') });
const images = definePlugin({ name: 'images', setup: (api) => api.on('image', (ctx) => `nice picture, ${ctx.message.sender.name}`) });
const welcome = definePlugin({
  name: 'welcome',
  setup(api) {
    api.onEvent('room-join', async (e: RoomJoinEvent) => void (await api.bot.send(e.room.id, `welcome ${e.members.map((m) => m.name).join(', ')}`)));
    api.onEvent('friendship', async (e) => (e.type === 'request' ? e.accept() : undefined));
  },
});
const plugins = () => [ping(), images(), welcome()];

describe('replay', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wxbot-replay-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('feeds a recorded day through the plugins and matches the golden file', async () => {
    const { actions, messages } = await replay(fixture, { plugins: plugins() });
    // UPDATE_GOLDEN=1 npx jest ... rewrites it after an intended change.
    const { same, diff } = await compareGolden(actions, golden, { update: process.env['UPDATE_GOLDEN'] === '1' });
    expect(diff).toBe('');
    expect(same).toBe(true);
    // What the golden file holds, spelled out once: names resolve through the recorded contacts.
    expect(await readGolden(golden)).toEqual([
      { to: 'Bobby', text: 'pong' },
      { to: 'Dev Team', text: 'pong' },
      { to: 'Bobby', text: 'nice picture, Bobby' },
      { to: 'Zed', text: '', action: 'accept-friend' },
      { to: 'Family', text: 'welcome Dave' },
      { to: 'Family', text: 'pong' },
    ]);
    expect(messages.find((m) => m.chat.name === 'Dev Team')?.sender.name).toBe('Mallory');
  });

  it('reports a different behaviour line by line', async () => {
    const pingLoud = definePlugin({ name: 'ping', setup: (api) => api.hears('ping', () => 'PONG') });
    const { actions } = await replay(fixture, { plugins: [pingLoud(), images(), welcome()] });
    const { same, diff } = await compareGolden(actions, golden);
    expect(same).toBe(false);
    expect(diff).toContain('line 1: - {"to":"Bobby","text":"pong"}\nline 1: + {"to":"Bobby","text":"PONG"}');
  });

  it('refuses what is not a recording with WXBOT_RECORDING_INVALID naming the file and line', async () => {
    const bad = path.join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"hello":1}\n');
    await expect(replay(bad, { plugins: [] })).rejects.toMatchObject({ code: 'WXBOT_RECORDING_INVALID', message: expect.stringContaining('bad.jsonl:1: ') });
    writeFileSync(bad, '{"type":"wxbot-recording","version":1}\n{"type":"sync","at":"x"}\n');
    await expect(replay(bad, { plugins: [] })).rejects.toMatchObject({ message: expect.stringContaining('bad.jsonl:2: a sync line before the first contacts line') });
    await expect(replay(path.join(dir, 'missing.jsonl'), { plugins: [] })).rejects.toMatchObject({ code: 'WXBOT_RECORDING_INVALID' });
  });
});
