import { engineSettings, type PickLayered } from '../../src/config/engine-config';
import type { Layer } from '../../src/config/layers';
import type { BotConfig } from '../../src/config/types';

// The flags and environment, already merged into one layer (layers.ts does that part).
const picks = (layer: Layer): PickLayered => (key) => layer[key];

describe('engineSettings', () => {
  it('passes the file through when no flag or variable is set, and gives nothing for an empty file', () => {
    expect(engineSettings({}, picks({}))).toEqual({});
    const file = { outbox: { timeZone: 'Asia/Shanghai' }, skipOlderThanMs: 5000, watchdogMs: 60000, longPollTimeoutMs: 35000, loginPollTimeoutMs: 30000, backoff: { baseMs: 10, capMs: 100 }, identities: { unresolved: 'keep' as const } };
    // skipOlderThanMs reaches the Bot through the layers (file included), not straight from the file.
    const { skipOlderThanMs: _skip, ...rest } = file;
    expect(engineSettings(file, picks({}))).toEqual(rest);
    expect(engineSettings(file, picks({ skipOlderThanMs: 5000 }))).toEqual(file);
  });

  it('lets --no-limits switch the pacing off, and --limits bring the defaults back over a file that had them off', () => {
    expect(engineSettings({ outbox: { dailyCaps: { text: 10 } } }, picks({ 'outbox.limits': false }))).toEqual({ outbox: { dailyCaps: { text: 10 }, limits: false } });
    expect(engineSettings({ outbox: { limits: false } }, picks({ 'outbox.limits': true }))).toEqual({});
    expect(engineSettings({ outbox: { limits: false, timeZone: 'UTC' } }, picks({ 'outbox.limits': true }))).toEqual({ outbox: { timeZone: 'UTC' } });
  });

  it("puts a flag's time zone and quiet window over the file's, keeping the file's policy and chats", () => {
    const file: BotConfig = { outbox: { timeZone: 'UTC', quietHours: { from: '22:00', to: '06:00', policy: 'fail', chats: { '@@team': false } } } };
    expect(engineSettings(file, picks({ 'outbox.timeZone': 'Asia/Shanghai', 'outbox.quietHours': { from: '23:00', to: '07:00' } }))).toEqual({
      outbox: { timeZone: 'Asia/Shanghai', quietHours: { from: '23:00', to: '07:00', policy: 'fail', chats: { '@@team': false } } },
    });
    expect(engineSettings(file, picks({ 'outbox.quietHours': false }))).toEqual({ outbox: { timeZone: 'UTC', quietHours: false } });
    expect(engineSettings({}, picks({ 'outbox.quietHours': { from: '23:00', to: '07:00' } }))).toEqual({ outbox: { quietHours: { from: '23:00', to: '07:00' } } });
  });
});
