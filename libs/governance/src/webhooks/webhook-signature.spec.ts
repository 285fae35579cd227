import { createHmac } from 'node:crypto';
import { verifyWebhookSignature, webhookSignature } from './webhook-signature';

const SECRET = 'k3y-of-the-endpoint-0123456789abcdef0123';
const BODY = '{"id":"d1","type":"flag.raised","createdAt":"2026-03-01T10:00:00.000Z","data":{"ruleCode":"CONFLICT_UNACKNOWLEDGED"}}';
const AT = new Date('2026-03-01T10:00:05.750Z');

describe('webhook signature', () => {
  it('is t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    const t = 1772359205; // AT in whole seconds
    const expected = createHmac('sha256', SECRET).update(`${t}.${BODY}`).digest('hex');
    expect(webhookSignature(SECRET, BODY, AT)).toBe(`t=${t},v1=${expected}`);
  });

  it('verifies with the same secret and body within the tolerance', () => {
    const header = webhookSignature(SECRET, BODY, AT);
    expect(verifyWebhookSignature(header, BODY, SECRET, { now: new Date(AT.getTime() + 60_000) })).toBe(true);
  });

  it('fails for another body, another secret, or a changed timestamp', () => {
    const header = webhookSignature(SECRET, BODY, AT);
    const now = AT;
    expect(verifyWebhookSignature(header, BODY.replace('d1', 'd2'), SECRET, { now })).toBe(false);
    expect(verifyWebhookSignature(header, BODY, `${SECRET}x`, { now })).toBe(false);
    // The timestamp is signed: moving it to look fresh breaks the signature.
    const moved = header.replace(/^t=\d+/, `t=${Math.floor(AT.getTime() / 1000) + 1}`);
    expect(verifyWebhookSignature(moved, BODY, SECRET, { now })).toBe(false);
  });

  it('refuses a replay older than the tolerance, and malformed headers', () => {
    const header = webhookSignature(SECRET, BODY, AT);
    expect(verifyWebhookSignature(header, BODY, SECRET, { now: new Date(AT.getTime() + 301_000) })).toBe(false);
    for (const bad of ['', 't=abc,v1=00', `v1=${'0'.repeat(64)}`, 't=1772359205', `t=1772359205,v1=${'z'.repeat(64)}`]) {
      expect(verifyWebhookSignature(bad, BODY, SECRET, { now: AT })).toBe(false);
    }
  });
});
