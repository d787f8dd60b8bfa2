const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const formats = new Map<string, Intl.DateTimeFormat>();

/** How far `zone`'s clocks are ahead of UTC at `instant` (ms since the epoch), in ms. */
export function zoneOffset(zone: string, instant: number): number {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, format);
  }
  const parts = format.formatToParts(instant);
  const value = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((found) => found.type === type)?.value);
  const wall = Date.UTC(
    value('year'),
    value('month') - 1,
    value('day'),
    value('hour'),
    value('minute'),
    value('second'),
  );
  // The wall clock is read to the second: compare it with the instant's whole second.
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * The instant at which `zone`'s clocks show `wall` (a wall-clock time written as if it were UTC),
 * read as Temporal's `compatible` disambiguation and cron-parser read them: a time shown twice
 * when clocks go back is its first showing; a time skipped when they go forward is read with
 * the offset before the change, so it falls as far past the change as it was into the gap
 * (02:30 skipped at 02:00 → 03:30).
 */
export function wallInstant(zone: string, wall: number): number {
  // Offsets never exceed 14 h: a day either side brackets the instant, and changes are months apart.
  const before = zoneOffset(zone, wall - DAY);
  const after = zoneOffset(zone, wall + DAY);
  const early = wall - before;
  const late = wall - after;
  const earlyShown = zoneOffset(zone, early) === before;
  const lateShown = zoneOffset(zone, late) === after;
  if (earlyShown && lateShown) return Math.min(early, late);
  if (lateShown) return late;
  return early;
}
