import { createHmac } from 'node:crypto';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, sign, verify } from '../src/webhook-sign';

describe('webhook signatures', () => {
  const body = '{"type":"message","data":{"text":"hi"}}';

  it('signs `<timestamp>.<body>` with HMAC-SHA256 as sha256=<hex>, as a receiver in any language recomputes it', () => {
    const expected = createHmac('sha256', 's3cret').update(`1733100000000.${body}`).digest('hex');
    expect(sign('s3cret', '1733100000000', body)).toBe(`sha256=${expected}`);
    expect(SIGNATURE_HEADER).toBe('x-wxbot-signature');
    expect(TIMESTAMP_HEADER).toBe('x-wxbot-timestamp');
  });

  it('verifies its own signature and refuses another secret, timestamp, body or a truncated signature', () => {
    const signature = sign('s3cret', '1733100000000', body);
    expect(verify('s3cret', '1733100000000', body, signature)).toBe(true);
    expect(verify('other', '1733100000000', body, signature)).toBe(false);
    expect(verify('s3cret', '1733100000001', body, signature)).toBe(false);
    expect(verify('s3cret', '1733100000000', `${body} `, signature)).toBe(false);
    expect(verify('s3cret', '1733100000000', body, signature.slice(0, -1))).toBe(false);
    expect(verify('s3cret', '1733100000000', body, '')).toBe(false);
  });
});
