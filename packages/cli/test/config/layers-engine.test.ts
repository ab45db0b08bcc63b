import { ENGINE_ENV_VARS, ENGINE_FLAGS, ENGINE_SCHEMAS, engineFileEntries } from '../../src/config/layers-engine';

const parse = (key: keyof typeof ENGINE_SCHEMAS, value: unknown) => ENGINE_SCHEMAS[key].safeParse(value);

describe('engine settings in the layers', () => {
  it('reads --skip-older-than and WXBOT_SKIP_OLDER_THAN_MS as whole milliseconds >= 1', () => {
    expect(parse('skipOlderThanMs', '60000')).toMatchObject({ success: true, data: 60000 });
    expect(parse('skipOlderThanMs', ' 5 ')).toMatchObject({ success: true, data: 5 });
    expect(parse('skipOlderThanMs', 250)).toMatchObject({ success: true, data: 250 });
    for (const bad of ['0', '1.5', 'soon', -1, 0]) expect([bad, parse('skipOlderThanMs', bad).success]).toEqual([bad, false]);
    expect(parse('skipOlderThanMs', 'soon').error?.issues[0]?.message).toBe('an integer >= 1 (milliseconds)');
  });

  it('reads the limits switch in its usual spellings', () => {
    for (const on of ['true', 'on', '1', 'YES', true]) expect(parse('outbox.limits', on)).toMatchObject({ success: true, data: true });
    for (const off of ['false', 'Off', '0', 'no', false]) expect(parse('outbox.limits', off)).toMatchObject({ success: true, data: false });
    expect(parse('outbox.limits', 'maybe').error?.issues[0]?.message).toBe('true or false (on/off, 1/0)');
  });

  it('reads a quiet window "HH:MM-HH:MM" or "off", and refuses anything else', () => {
    expect(parse('outbox.quietHours', '23:00-07:00')).toMatchObject({ success: true, data: { from: '23:00', to: '07:00' } });
    expect(parse('outbox.quietHours', ' OFF ')).toMatchObject({ success: true, data: false });
    for (const bad of ['23:00', '23:00-07:00-08:00', '25:00-07:00', 'night', 7]) {
      const result = parse('outbox.quietHours', bad);
      expect([bad, result.success]).toEqual([bad, false]);
      expect(result.error?.issues[0]?.message).toBe('a window "HH:MM-HH:MM" such as "23:00-07:00", or "off"');
    }
    expect(parse('outbox.timeZone', 'Asia/Shanghai').success).toBe(true);
    expect(parse('outbox.timeZone', 'Mars/Olympus').success).toBe(false);
  });

  it('names one environment variable and one flag per setting', () => {
    expect(Object.values(ENGINE_ENV_VARS).sort()).toEqual(Object.keys(ENGINE_SCHEMAS).sort());
    expect(Object.values(ENGINE_FLAGS).map(([key]) => key).sort()).toEqual(Object.keys(ENGINE_SCHEMAS).sort());
    expect(ENGINE_FLAGS.limits[1]).toBe('--limits');
  });

  it("takes the file's values as layer entries: a limits object means on, a quiet window keeps only its hours", () => {
    expect(engineFileEntries({})).toEqual([['skipOlderThanMs', undefined], ['outbox.limits', undefined], ['outbox.timeZone', undefined], ['outbox.quietHours', undefined]]);
    expect(
      engineFileEntries({ skipOlderThanMs: 1000, outbox: { limits: { jitterMs: 100 }, timeZone: 'UTC', quietHours: { from: '22:00', to: '06:00', policy: 'fail' } } }),
    ).toEqual([['skipOlderThanMs', 1000], ['outbox.limits', true], ['outbox.timeZone', 'UTC'], ['outbox.quietHours', { from: '22:00', to: '06:00' }]]);
    expect(engineFileEntries({ outbox: { limits: false, quietHours: false } })).toEqual([['skipOlderThanMs', undefined], ['outbox.limits', false], ['outbox.timeZone', undefined], ['outbox.quietHours', false]]);
  });
});
