import { recordOf } from '../inspector/config-values.ts';
import { browserZone, isoToWall, wallToIso } from './zoned-time.ts';

/** The `schedule` object of a draft schedule trigger, empty while unset. */
export const scheduleOf = (config: Record<string, unknown>) => recordOf(config.schedule);

/** Tomorrow at 09:00 in the browser's zone: a sensible first value for a one-off send. */
export function tomorrowMorning(now = Date.now()): string {
  const zone = browserZone();
  const tomorrow = isoToWall(new Date(now + 86_400_000).toISOString(), zone).slice(0, 10);
  return wallToIso(`${tomorrow}T09:00`, zone) ?? new Date(now + 86_400_000).toISOString();
}
