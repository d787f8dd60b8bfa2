import { useMemo, useState } from 'react';
import { text } from '../inspector/config-values.ts';
import { Field } from '../inspector/field.tsx';
import type { NodeFormProps } from '../nodes/node-spec.ts';
import { nextRuns } from './cron-next-runs.ts';
import { TimeZoneSelect } from './time-zone-select.tsx';
import { browserZone, formatInZone, isoToWall, wallToIso } from './zoned-time.ts';

type FieldsProps = Pick<NodeFormProps, 'errors'> & {
  schedule: Record<string, unknown>;
  onSchedule: (schedule: Record<string, unknown>, key: string) => void;
};

/**
 * A one-off date and time. The schedule stores an instant with its offset; the zone is only how
 * it is typed (the browser's by default), so the same instant reads right in any zone picked.
 */
export function OnceFields({ schedule, errors, onSchedule }: FieldsProps) {
  const [zone, setZone] = useState(browserZone);
  const at = text(schedule.at);
  const [draft, setDraft] = useState<string | null>(null);
  const wall = draft ?? isoToWall(at, zone);
  const change = (nextWall: string, nextZone: string) => {
    const iso = wallToIso(nextWall, nextZone);
    setDraft(iso ? null : nextWall);
    onSchedule({ mode: 'once', at: iso ?? '' }, 'schedule.at');
  };
  return (
    <>
      <Field
        label="Send at"
        field="config.schedule.at"
        errors={errors}
        hint={at ? `Saved as ${at}` : 'Pick a date and time.'}
      >
        {(control) => (
          <input
            {...control}
            type="datetime-local"
            value={wall}
            onChange={(event) => change(event.target.value, zone)}
          />
        )}
      </Field>
      <Field label="Time zone" field="config.schedule.zone" errors={errors}>
        {(control) => (
          <TimeZoneSelect
            control={control}
            value={zone}
            onChange={(next) => {
              setZone(next);
              if (wall) change(wall, next);
            }}
          />
        )}
      </Field>
    </>
  );
}

/** A cron rhythm in a time zone, with the next runs it gives as a check of what was meant. */
export function CronFields({ schedule, errors, onSchedule }: FieldsProps) {
  const cron = text(schedule.cron);
  const timezone = text(schedule.timezone, 'UTC');
  const set = (patch: Record<string, unknown>, key: string) =>
    onSchedule({ mode: 'cron', cron, timezone, ...patch }, key);
  return (
    <>
      <Field
        label="Cron expression"
        field="config.schedule.cron"
        errors={errors}
        hint={<NextRunsHint cron={cron} zone={timezone} />}
      >
        {(control) => (
          <input
            {...control}
            className="mono"
            placeholder="0 9 * * 1-5"
            value={cron}
            onChange={(event) => set({ cron: event.target.value }, 'schedule.cron')}
          />
        )}
      </Field>
      <Field label="Time zone" field="config.schedule.timezone" errors={errors}>
        {(control) => (
          <TimeZoneSelect
            control={control}
            value={timezone}
            onChange={(zone) => set({ timezone: zone }, 'schedule.timezone')}
          />
        )}
      </Field>
    </>
  );
}

function NextRunsHint({ cron, zone }: { cron: string; zone: string }) {
  const runs = useMemo(
    () => (cron.trim() ? nextRuns({ cron, zone, from: Date.now(), count: 3 }) : []),
    [cron, zone],
  );
  if (!cron.trim()) return <>Minute, hour, day of month, month, day of week — e.g. 0 9 * * 1-5.</>;
  if (runs === null) return <>Not an expression this editor can read; activation checks it.</>;
  if (runs.length === 0) return <>This expression never fires.</>;
  return (
    <span data-testid="cron-next-runs">
      Next: {runs.map((instant) => formatInZone(instant, zone)).join(' · ')}
    </span>
  );
}
