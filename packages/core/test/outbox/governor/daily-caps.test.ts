import { capNamesOf, CAP_GROUPS } from '../../../src/outbox/governor/daily-caps';
import { EXECUTORS } from '../../../src/bot/action-kinds';

describe('daily cap names', () => {
  it('an action counts against its kind, its group and risky', () => {
    expect(capNamesOf('text', false)).toEqual(['text']);
    expect(capNamesOf('send-video', false)).toEqual(['send-video', 'media']);
    expect(capNamesOf('verify-user', true)).toEqual(['verify-user', 'friend', 'risky']);
    expect(capNamesOf('add-members', true)).toEqual(['add-members', 'group', 'risky']);
  });

  it('the groups name only real action kinds', () => {
    const kinds = new Set(Object.keys(EXECUTORS));
    expect(Object.values(CAP_GROUPS).flat().filter((k) => !kinds.has(k))).toEqual([]);
  });
});
