import { describe, expect, it } from 'vitest';
import { RetryPolicySchema } from '../../../engine/scenario/index.ts';
import { backoffMs, decideRetry } from '../../../engine/webhook/index.ts';

const policy = RetryPolicySchema.parse({
  maxAttempts: 4,
  initialDelayMs: 1000,
  maxDelayMs: 60_000,
  maxTotalMs: 600_000,
});
const now = Date.parse('2026-01-01T00:00:00Z');
const outcome = (status: number | null, headers: Record<string, string> = {}) => ({
  status,
  headers,
  error: status === null ? 'ECONNRESET' : null,
});
const decide = (o: ReturnType<typeof outcome>, attempts = 1, random = () => 0.5) =>
  decideRetry({ outcome: o, policy, attempts, firstAttemptAt: now, now, random });

describe('retry decisions', () => {
  it('treats 2xx as success', () => {
    expect(decide(outcome(204))).toEqual({ kind: 'success' });
  });

  it.each([429, 500, 502, 503, 504, null])('retries %s', (status) => {
    expect(decide(outcome(status)).kind).toBe('retry');
  });

  it.each([301, 302, 400, 401, 403, 404, 409, 422, 501])('fails %s at once', (status) => {
    expect(decide(outcome(status))).toEqual({ kind: 'fail', reason: `HTTP ${status}` });
  });

  it('never retries a request refused by the egress policy', () => {
    const refused = { status: null, headers: {}, error: 'loopback address', refused: true };
    expect(decideRetry({ outcome: refused, policy, attempts: 1, firstAttemptAt: now, now }).kind).toBe(
      'fail',
    );
  });

  it('backs off exponentially with jitter between half and the full delay', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffMs(policy, attempt, () => 0))).toEqual([
      500, 1000, 2000, 4000,
    ]);
    expect([1, 2, 3, 4].map((attempt) => backoffMs(policy, attempt, () => 1))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
    expect(backoffMs(policy, 20, () => 1)).toBe(60_000);
  });

  it('honours Retry-After in seconds and as an HTTP date, capped by maxDelayMs', () => {
    expect(decide(outcome(429, { 'retry-after': '7' }))).toMatchObject({ kind: 'retry', at: now + 7000 });
    const date = new Date(now + 30_000).toUTCString();
    expect(decide(outcome(503, { 'retry-after': date }))).toMatchObject({ kind: 'retry', at: now + 30_000 });
    expect(decide(outcome(429, { 'retry-after': '3600' }))).toMatchObject({
      kind: 'retry',
      at: now + 60_000,
    });
  });

  it('gives up after maxAttempts and says so', () => {
    expect(decide(outcome(500), 4)).toEqual({ kind: 'fail', reason: 'HTTP 500 (gave up after 4 attempts)' });
  });

  it('gives up when the next attempt would start after maxTotalMs', () => {
    const late = decideRetry({
      outcome: outcome(500),
      policy,
      attempts: 2,
      firstAttemptAt: now - 599_000,
      now,
    });
    expect(late).toEqual({ kind: 'fail', reason: 'HTTP 500 (no time left to retry within 600000 ms)' });
  });
});
