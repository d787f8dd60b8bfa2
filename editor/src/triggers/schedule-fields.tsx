import { useMemo, useState } from 'react';
import { cronProblem, nextCronRuns } from '../../../engine/scenario/index.ts';
import { text } from '../inspector/config-values.ts';
import { Field } from '../inspector/field.tsx';
import type { NodeFormProps } from '../nodes/node-spec.ts';
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

/**
 * The next runs as the scheduler will compute them (the same cron-parser, the same steps), or the
 * message saving and activation would refuse the expression with.
 */
function NextRunsHint({ cron, zone }: { cron: string; zone: string }) {
  const expression = cron.trim();
  const hint = useMemo(() => {
    if (!expression) return null;
    const problem = cronProblem(expression);
    if (problem) return { problem };
    try {
      return { runs: nextCronRuns({ cron: expression, timezone: zone, after: new Date(), count: 3 }) };
    } catch (error) {
      // cron-parser gives up on a few expressions near a zone's DST change (Lord Howe's half hour).
      return { problem: `No next run can be computed in ${zone}: ${(error as Error).message}` };
    }
  }, [expression, zone]);
  if (!hint) return <>Minute, hour, day of month, month, day of week — e.g. 0 9 * * 1-5.</>;
  if ('problem' in hint) return <span data-testid="cron-problem">{hint.problem}</span>;
  return (
    <span data-testid="cron-next-runs">
      Next: {hint.runs.map((instant) => formatInZone(instant.getTime(), zone)).join(' · ')}
    </span>
  );
}
