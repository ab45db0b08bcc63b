import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of a signed delivery. */
export const SIGNATURE_HEADER = 'x-wxbot-signature';
export const TIMESTAMP_HEADER = 'x-wxbot-timestamp';

/**
 * `sha256=<hex>` of HMAC-SHA256(secret, `<timestamp>.<body>`). The timestamp is inside the MAC so a
 * receiver can refuse old deliveries replayed by someone who saw one.
 * @example sign('s3cret', '1733100000000', '{"type":"message"}') // 'sha256=9f…'
 */
export function sign(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver runs (in any language: the same three steps). Also used by the tests.
 * @example if (!verify(secret, req.headers['x-wxbot-timestamp'], rawBody, req.headers['x-wxbot-signature'])) return 401;
 */
export function verify(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(sign(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
