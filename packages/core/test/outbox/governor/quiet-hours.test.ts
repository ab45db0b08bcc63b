import { QuietHours, ZonedClock, minuteOfDay } from '../../../src/outbox/governor/quiet-hours';

// Asia/Shanghai has no DST: 23:30 there is 15:30 UTC, 07:00 there is 23:00 UTC the same UTC day.
const SH = new ZonedClock('Asia/Shanghai');
const at = (utc: string): number => Date.parse(utc);

describe('QuietHours', () => {
  it('is quiet across midnight in the configured zone, and says when the window opens', () => {
    const q = new QuietHours({ from: '23:00', to: '07:00' }, SH);
    expect(q.at(at('2026-01-05T15:30:00.250Z'))).toEqual({ quiet: true, opensAt: at('2026-01-05T23:00:00Z') });
    expect(q.at(at('2026-01-05T22:59:59Z'))).toEqual({ quiet: true, opensAt: at('2026-01-05T23:00:00Z') });
    expect(q.at(at('2026-01-05T23:00:00Z'))).toEqual({ quiet: false, closesAt: at('2026-01-06T15:00:00Z') });
    expect(q.at(at('2026-01-05T14:59:00Z'))).toEqual({ quiet: false, closesAt: at('2026-01-05T15:00:00Z') });
  });

  it('reads the same instant differently in another zone', () => {
    const q = new QuietHours({ from: '23:00', to: '07:00' }, new ZonedClock('Europe/London'));
    // 15:30 UTC is 15:30 in London in January: not quiet.
    expect(q.at(at('2026-01-05T15:30:00Z')).quiet).toBe(false);
    expect(q.at(at('2026-01-05T23:30:00Z')).quiet).toBe(true);
  });

  it('a window within one day, a chat of its own, and a chat with none', () => {
    const q = new QuietHours({ from: '12:00', to: '14:00', chats: { '@@family': false, '@boss': { from: '18:00', to: '09:00' } } }, SH);
    const noon = at('2026-01-05T04:30:00Z'); // 12:30 in Shanghai
    expect(q.at(noon)).toEqual({ quiet: true, opensAt: at('2026-01-05T06:00:00Z') });
    expect(q.at(noon, '@@family').quiet).toBe(false);
    expect(q.at(noon, '@boss').quiet).toBe(false);
    expect(q.at(at('2026-01-05T12:00:00Z'), '@boss')).toEqual({ quiet: true, opensAt: at('2026-01-06T01:00:00Z') });
    q.setChat('@boss', null);
    expect(q.at(noon, '@boss').quiet).toBe(true);
  });

  it('refuses a malformed time, policy or zone with WXBOT_INVALID_ARGUMENT naming the option', () => {
    expect(() => minuteOfDay('7:00', 'outbox.quietHours.to')).toThrow(expect.objectContaining({ code: 'WXBOT_INVALID_ARGUMENT', message: expect.stringContaining('outbox.quietHours.to') }));
    expect(() => new QuietHours({ from: '23:00', to: '24:00' }, SH)).toThrow(/outbox\.quietHours\.to: expected a time "HH:MM"/);
    expect(() => new QuietHours({ from: '23:00', to: '07:00', policy: 'drop' as 'fail' }, SH)).toThrow(/policy/);
    expect(() => new ZonedClock('Mars/Olympus')).toThrow(expect.objectContaining({ code: 'WXBOT_INVALID_ARGUMENT', message: expect.stringContaining('Mars/Olympus') }));
  });

  it('gives the local day in the zone (the unit of daily caps)', () => {
    expect(SH.dayOf(at('2026-01-05T16:30:00Z'))).toBe('2026-01-06');
    expect(new ZonedClock('America/New_York').dayOf(at('2026-01-05T03:00:00Z'))).toBe('2026-01-04');
  });
});
