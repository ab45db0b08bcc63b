import { inWindow, isTimeZone, localTime, windowSchema } from '../src/schedule';

const MIN = 60_000;
/** Monday 2024-01-01 00:00 UTC. */
const MONDAY = Date.UTC(2024, 0, 1);

describe('schedule windows', () => {
  it('reads local time in a zone', () => {
    expect(localTime(MONDAY + 570 * MIN, 'UTC')).toEqual({ day: 1, minute: 570 });
    expect(localTime(MONDAY, 'Asia/Shanghai')).toEqual({ day: 1, minute: 480 });
  });
  it('handles plain, wrapping and whole-day windows', () => {
    const office = { days: [1], from: '09:00', to: '17:00' };
    expect(inWindow(office, { day: 1, minute: 540 })).toBe(true);
    expect(inWindow(office, { day: 1, minute: 1020 })).toBe(false);
    expect(inWindow(office, { day: 2, minute: 600 })).toBe(false);
    const night = { days: [5], from: '22:00', to: '06:00' };
    expect(inWindow(night, { day: 5, minute: 23 * 60 })).toBe(true);
    expect(inWindow(night, { day: 6, minute: 5 * 60 })).toBe(true);
    expect(inWindow(night, { day: 5, minute: 5 * 60 })).toBe(false);
    expect(inWindow({ days: [0], from: '00:00', to: '00:00' }, { day: 0, minute: 1 })).toBe(true);
  });
  it('window ends are exclusive, and a wrapping window from Saturday reaches Sunday morning', () => {
    const office = { days: [1], from: '09:00', to: '17:00' };
    expect(inWindow(office, { day: 1, minute: 539 })).toBe(false);
    expect(inWindow(office, { day: 1, minute: 1019 })).toBe(true);
    const saturdayNight = { days: [6], from: '23:00', to: '01:00' };
    expect(inWindow(saturdayNight, { day: 0, minute: 30 })).toBe(true);
    expect(inWindow(saturdayNight, { day: 0, minute: 60 })).toBe(false);
    expect(inWindow(saturdayNight, { day: 1, minute: 30 })).toBe(false);
  });
});

describe('windowSchema and isTimeZone', () => {
  it('defaults days to the whole week and rejects bad times, days and keys', () => {
    expect(windowSchema.parse({ from: '09:00', to: '17:00' }).days).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(windowSchema.safeParse({ from: '24:00', to: '17:00' }).success).toBe(false);
    expect(windowSchema.safeParse({ from: '9:00', to: '17:00' }).success).toBe(false);
    expect(windowSchema.safeParse({ days: [7], from: '09:00', to: '17:00' }).success).toBe(false);
    expect(windowSchema.safeParse({ days: [], from: '09:00', to: '17:00' }).success).toBe(false);
    expect(windowSchema.safeParse({ from: '09:00', to: '17:00', zone: 'UTC' }).success).toBe(false);
  });
  it('accepts IANA zone names only', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
