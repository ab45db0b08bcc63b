import { negatedNow, newClientMsgId, newDeviceId } from '@wxbot/protocol';

describe('ids', () => {
  it('makes a DeviceID of e + 15 digits, fresh each call', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newDeviceId()));
    for (const id of ids) expect(id).toMatch(/^e\d{15}$/);
    expect(ids.size).toBeGreaterThan(45);
  });

  it('makes a 17-digit ClientMsgId: the ms timestamp, then 4 random digits (zero-padded)', () => {
    const ids = Array.from({ length: 200 }, () => newClientMsgId(1_700_000_000_000));
    for (const id of ids) expect(id).toMatch(/^1700000000000\d{4}$/);
    expect(new Set(ids).size).toBeGreaterThan(150);
    expect(newClientMsgId()).toMatch(/^\d{17}$/);
  });

  it('busts caches with ~now, as the official client does', () => {
    expect(negatedNow(1_700_000_000_000)).toBe(~1_700_000_000_000);
    // ~ works on 32 bits: the official r values are small negative or positive numbers.
    expect(Math.abs(negatedNow())).toBeLessThan(2 ** 31);
  });
});
