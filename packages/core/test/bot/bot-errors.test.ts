import { revokeExpired } from '../../src/bot/bot-errors';

describe('revokeExpired', () => {
  it('WXBOT_REVOKE_EXPIRED naming the message, when it was sent and the 2-minute window', () => {
    const err = revokeExpired({ msgId: '123', localId: '1', to: '@a', sentAt: new Date(Date.UTC(2024, 0, 1, 9, 30)) });
    expect(err.code).toBe('WXBOT_REVOKE_EXPIRED');
    expect(err.message).toBe('cannot revoke message 123: it was sent at 2024-01-01T09:30:00.000Z, and the server only revokes messages sent in the last 2 minutes');
  });
});
