import { toSentMessage } from '../../src/bot/sender';

// After a crash the outbox answers an already-done send with the JSON copy it saved; callers of
// send() must still get a SentMessage whose sentAt is a Date (revoke() reads it).
describe('toSentMessage', () => {
  it('rebuilds a SentMessage from the saved JSON copy', () => {
    const live = Object.freeze({ msgId: '123', localId: '17954844744263870', to: '@alice', sentAt: new Date('2026-11-24T02:00:00Z') });
    const saved: unknown = JSON.parse(JSON.stringify(live));
    const rebuilt = toSentMessage(saved);
    expect(rebuilt).toEqual(live);
    expect(rebuilt.sentAt).toBeInstanceOf(Date);
    expect(Object.isFrozen(rebuilt)).toBe(true);
  });

  it('passes a live SentMessage through unchanged', () => {
    const live = Object.freeze({ msgId: '1', localId: '2', to: '@b', sentAt: new Date() });
    expect(toSentMessage(live)).toBe(live);
  });
});
