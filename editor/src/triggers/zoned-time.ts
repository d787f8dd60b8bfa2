/**
 * Wall-clock times in an IANA time zone for the one-off schedule's date input, with `Intl`. A
 * wall time is `YYYY-MM-DDTHH:mm`, the value of an `<input type="datetime-local">`; what is saved
 * is an instant with its offset, which the server takes as it is. Cron schedules are read by
 * cron-parser, as the scheduler reads them (`engine/scenario/cron-runs.ts`).
 */

import { zoneOffset } from '../../../engine/scenario/zone-offset.ts';

/** The wall clock of an instant in a zone, as milliseconds of the same wall clock read as UTC. */
function wallMs(instant: number, zone: string): number {
  return Math.floor(instant / 1000) * 1000 + zoneOffset(zone, instant);
}

/** Minutes the zone is ahead of UTC at an instant (60 for Paris in winter). */
function offsetMinutes(instant: number, zone: string): number {
  return Math.round(zoneOffset(zone, instant) / 60_000);
}

/** The instant a wall-clock time (given as UTC milliseconds of that wall clock) happens in a zone. */
function instantOfWall(wall: number, zone: string): number {
  // Two passes settle the offset; a wall time skipped by a DST jump lands just after the jump.
  const first = wall - offsetMinutes(wall, zone) * 60_000;
  return wall - offsetMinutes(first, zone) * 60_000;
}

const pad = (value: number) => String(Math.abs(value)).padStart(2, '0');

/** `2026-12-24T09:00` in `Europe/Paris` → `2026-12-24T09:00:00+01:00`; undefined if not a wall time. */
export function wallToIso(wall: string, zone: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wall);
  if (!match) return undefined;
  const [, year, month, day, hour, minute] = match.map(Number) as number[];
  const instant = instantOfWall(Date.UTC(year!, month! - 1, day!, hour!, minute!), zone);
  const offset = offsetMinutes(instant, zone);
  const sign = offset < 0 ? '-' : '+';
  const local = new Date(instant + offset * 60_000).toISOString().slice(0, 16);
  return `${local}:00${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** An ISO date and time shown as the wall clock of a zone, for a datetime-local input. */
export function isoToWall(iso: string, zone: string): string {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return '';
  return new Date(wallMs(instant, zone)).toISOString().slice(0, 16);
}

/** Every IANA zone this browser knows, UTC first. */
export function timeZones(): string[] {
  const known = Intl.supportedValuesOf('timeZone');
  return ['UTC', ...known.filter((zone) => zone !== 'UTC')];
}

export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** "Thu 24 Dec 2026, 09:00" in the zone. */
export function formatInZone(instant: number, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(instant));
}
