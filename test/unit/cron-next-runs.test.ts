import { describe, expect, it } from 'vitest';
import { nextRuns, parseCron } from '../../editor/src/triggers/cron-next-runs.ts';
import { isoToWall, wallToIso } from '../../editor/src/triggers/zoned-time.ts';

const FROM = Date.parse('2026-03-28T12:00:00Z'); // a Saturday, the eve of the Paris DST jump
const iso = (instants: number[] | null) => instants?.map((instant) => new Date(instant).toISOString());

describe("the schedule form's next-runs hint", () => {
  it.each([
    ['0 9 * * 1-5', 'Europe/Paris', ['2026-03-30T07:00:00.000Z', '2026-03-31T07:00:00.000Z']],
    ['*/15 * * * *', 'UTC', ['2026-03-28T12:15:00.000Z', '2026-03-28T12:30:00.000Z']],
    ['@daily', 'America/New_York', ['2026-03-29T04:00:00.000Z', '2026-03-30T04:00:00.000Z']],
    ['0 0 1 jan *', 'UTC', ['2027-01-01T00:00:00.000Z', '2028-01-01T00:00:00.000Z']],
    // 02:00 does not exist in Paris on 29 March: the run lands just after the jump.
    ['0 2 * * *', 'Europe/Paris', ['2026-03-29T01:00:00.000Z', '2026-03-30T00:00:00.000Z']],
  ])('%s in %s fires at the expected instants', (cron, zone, expected) => {
    expect(iso(nextRuns({ cron, zone, from: FROM, count: 2 }))).toEqual(expected);
  });

  it('says nothing fires for an impossible date and cannot read malformed expressions', () => {
    expect(nextRuns({ cron: '0 0 30 2 *', zone: 'UTC', from: FROM, count: 2 })).toEqual([]);
    for (const cron of ['bad', '61 * * * *', '* * * *', '5-1 * * * *']) expect(parseCron(cron)).toBeNull();
  });

  it('reads wall times in a zone both ways', () => {
    expect(wallToIso('2026-12-24T09:00', 'Europe/Paris')).toBe('2026-12-24T09:00:00+01:00');
    expect(wallToIso('2026-07-01T09:00', 'America/New_York')).toBe('2026-07-01T09:00:00-04:00');
    expect(wallToIso('2026-07-01T09:00', 'Asia/Kolkata')).toBe('2026-07-01T09:00:00+05:30');
    expect(isoToWall('2026-12-24T09:00:00+01:00', 'UTC')).toBe('2026-12-24T08:00');
    expect(wallToIso('not a date', 'UTC')).toBeUndefined();
  });
});
