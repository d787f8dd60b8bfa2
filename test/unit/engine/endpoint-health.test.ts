import { describe, expect, it } from 'vitest';
import { endpointHealth, type EndpointOutcome } from '../../../engine/webhook/index.ts';

const outcome = (
  url: string,
  status: 'done' | 'failed',
  at: number,
  error: string | null = null,
): EndpointOutcome => ({
  url,
  status,
  error,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, at)).toISOString(),
});

describe('endpoint health', () => {
  it('sums deliveries per host, newest first: rate, failures in a row since the last success, last error', () => {
    const outcomes = [
      outcome('https://crm.test/a', 'failed', 9, 'HTTP 503'),
      outcome('https://crm.test/b?x=1', 'failed', 8, 'HTTP 500'),
      outcome('https://crm.test/a', 'done', 7),
      outcome('https://crm.test/a', 'failed', 6, 'timed out'),
      outcome('https://sms.test:8443/send', 'done', 5),
    ];
    expect(endpointHealth(outcomes)).toEqual([
      {
        host: 'crm.test',
        deliveries: 4,
        succeeded: 1,
        failed: 3,
        successRate: 0.25,
        consecutiveFailures: 2,
        lastError: 'HTTP 503',
        lastFailureAt: outcomes[0]!.createdAt,
        lastSuccessAt: outcomes[2]!.createdAt,
        warning: false,
      },
      {
        host: 'sms.test:8443',
        deliveries: 1,
        succeeded: 1,
        failed: 0,
        successRate: 1,
        consecutiveFailures: 0,
        lastError: null,
        lastFailureAt: null,
        lastSuccessAt: outcomes[4]!.createdAt,
        warning: false,
      },
    ]);
  });

  it('warns after 10 failures in a row, or a success rate under half over 10 deliveries, and lists warnings first', () => {
    const down = Array.from({ length: 10 }, (_, i) =>
      outcome('https://down.test/', 'failed', 50 - i, 'HTTP 502'),
    );
    const flaky = Array.from({ length: 10 }, (_, i) =>
      outcome('https://flaky.test/', i % 3 ? 'failed' : 'done', 30 - i),
    );
    const fine = Array.from({ length: 20 }, (_, i) => outcome('https://fine.test/', 'done', 20 - i));
    const nine = Array.from({ length: 9 }, (_, i) => outcome('https://new.test/', 'failed', 9 - i));
    const health = endpointHealth([...fine, ...down, ...flaky, ...nine]);
    expect(health.map((host) => [host.host, host.warning])).toEqual([
      ['down.test', true],
      ['flaky.test', true],
      ['fine.test', false],
      ['new.test', false],
    ]);
  });
});
