import { describe, expect, it } from 'vitest';
import { isoToWall, wallToIso } from '../../editor/src/triggers/zoned-time.ts';

describe("the one-off schedule's date in a time zone", () => {
  it('reads wall times in a zone both ways', () => {
    expect(wallToIso('2026-12-24T09:00', 'Europe/Paris')).toBe('2026-12-24T09:00:00+01:00');
    expect(wallToIso('2026-07-01T09:00', 'America/New_York')).toBe('2026-07-01T09:00:00-04:00');
    expect(wallToIso('2026-07-01T09:00', 'Asia/Kolkata')).toBe('2026-07-01T09:00:00+05:30');
    expect(isoToWall('2026-12-24T09:00:00+01:00', 'UTC')).toBe('2026-12-24T08:00');
    expect(wallToIso('not a date', 'UTC')).toBeUndefined();
  });
});
