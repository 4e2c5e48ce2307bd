import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook requests are signed like this: `X-CIO-Signature: sha256=<hex HMAC-SHA256 of
 * "<X-CIO-Timestamp>.<body>">` with WEBHOOK_SECRET. Receivers recompute it and compare in
 * constant time; the timestamp lets them refuse replays.
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifyWebhook(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
