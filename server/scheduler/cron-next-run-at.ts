import { type Agenda, Job } from 'agenda';
import { nextCronRun } from '../../engine/scenario/cron-runs.ts';

const computing = new WeakSet<Agenda>();

/**
 * How late a firing may run and still have the times that passed meanwhile fired after it, one
 * each: a lease takeover after a crash is seconds. After a longer outage the missed times are not
 * made up (as cron does not), so a store down for an hour does not fire a schedule 720 times.
 */
export const CRON_CATCH_UP_MS = 60_000;

/**
 * Makes `agenda` take each cron job's next run from `nextCronRun`, when the job is saved and
 * each time it runs. Agenda's own computation (`computeFromInterval`) asks cron-parser alone,
 * which gives up on some schedules across a clock change: Agenda then saved the job with no next
 * run (removed once it finished), and the schedule never fired again, silently. Other Agenda
 * instances in the process are left as they are.
 *
 * A firing that runs late (its process died holding it and another took it over) counts from the
 * time it was due, not from when it ran: Agenda's count from the run's start skipped the schedule
 * times that passed while the firing waited.
 */
export function computeCronRunsFor(agenda: Agenda): void {
  computing.add(agenda);
}

/** `Job.computeNextRunAt`, private in Agenda's types: what `repeatEvery` and `run` call. */
interface ComputesNextRunAt {
  computeNextRunAt(this: Job): Job;
}
const prototype = Job.prototype as unknown as ComputesNextRunAt;
const agendaComputeNextRunAt = prototype.computeNextRunAt;

// Agenda builds its jobs itself (`new Job`), so their class offers the only hook.
prototype.computeNextRunAt = function computeNextRunAt(this: Job) {
  const { repeatInterval, repeatTimezone, lastRunAt, nextRunAt } = this.attrs;
  if (!computing.has(this.agenda) || typeof repeatInterval !== 'string') {
    return agendaComputeNextRunAt.call(this);
  }
  try {
    this.attrs.nextRunAt = nextCronRun({
      cron: repeatInterval,
      timezone: repeatTimezone ?? 'UTC',
      after: firedFor(lastRunAt, nextRunAt) ?? lastRunAt ?? new Date(),
    });
  } catch (error) {
    // As Agenda does: the job is marked failed, with the reason, and has no next run.
    this.attrs.nextRunAt = null;
    this.fail(error instanceof Error ? error : String(error));
  }
  return this;
};

/**
 * The schedule time a run fired for: when a job runs, Agenda sets `lastRunAt` to now and still
 * holds the due `nextRunAt` it claimed. Null when the job is not running a due time (being
 * defined or re-saved) or ran too late to make up what it missed.
 */
function firedFor(lastRunAt: Date | undefined, nextRunAt: Date | null | undefined): Date | null {
  if (!lastRunAt || !nextRunAt) return null;
  const late = lastRunAt.getTime() - nextRunAt.getTime();
  return late >= 0 && late <= CRON_CATCH_UP_MS ? nextRunAt : null;
}
