import type { RetryPolicy } from '../scenario/webhook-config-schema.ts';

/** The outcome of one attempt as the retry policy sees it. */
export interface AttemptOutcome {
  /** HTTP status, or null when no response came (network error, timeout, refused egress). */
  status: number | null;
  /** Response headers (lower-case names). */
  headers: Record<string, string>;
  /** Why no response came; set when status is null. */
  error: string | null;
  /** True when the request was refused before leaving the process (never worth retrying). */
  refused?: boolean;
}

export type RetryDecision =
  { kind: 'success' } | { kind: 'retry'; at: number; reason: string } | { kind: 'fail'; reason: string };

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

/**
 * Decides what follows an attempt: success (2xx), another attempt at a time, or failure.
 * 3xx fails (redirects are never followed: they could lead credentials elsewhere).
 * `random` is injected so tests can pin the jitter.
 */
export function decideRetry(options: {
  outcome: AttemptOutcome;
  policy: RetryPolicy;
  /** Attempts made so far, this one included. */
  attempts: number;
  firstAttemptAt: number;
  now: number;
  random?: () => number;
}): RetryDecision {
  const { outcome, policy, attempts, firstAttemptAt, now } = options;
  if (outcome.status !== null && outcome.status >= 200 && outcome.status < 300) return { kind: 'success' };
  const reason = outcome.status === null ? (outcome.error ?? 'no response') : `HTTP ${outcome.status}`;
  const retryable = outcome.status === null ? !outcome.refused : RETRYABLE_STATUS.has(outcome.status);
  if (!retryable) return { kind: 'fail', reason };
  if (attempts >= policy.maxAttempts) {
    return {
      kind: 'fail',
      reason: attempts === 1 ? reason : `${reason} (gave up after ${attempts} attempts)`,
    };
  }
  const delay = Math.min(
    policy.maxDelayMs,
    retryAfterMs(outcome, now) ?? backoffMs(policy, attempts, options.random),
  );
  const at = now + delay;
  if (at - firstAttemptAt > policy.maxTotalMs) {
    return { kind: 'fail', reason: `${reason} (no time left to retry within ${policy.maxTotalMs} ms)` };
  }
  return { kind: 'retry', at, reason };
}

/** Exponential backoff with "equal jitter": half the delay fixed, half random. */
export function backoffMs(policy: RetryPolicy, attempts: number, random: () => number = Math.random): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempts - 1));
  return Math.round(base / 2 + random() * (base / 2));
}

/** Retry-After as seconds or an HTTP date, for 429 and 503; null when absent or unreadable. */
export function retryAfterMs(outcome: AttemptOutcome, now: number): number | null {
  if (outcome.status !== 429 && outcome.status !== 503) return null;
  const value = outcome.headers['retry-after']?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
