import { type Agenda, Job } from 'agenda';
import { nextCronRun } from '../../engine/scenario/cron-runs.ts';

const computing = new WeakSet<Agenda>();

/**
 * Makes `agenda` take each cron job's next run from `nextCronRun`, when the job is saved and
 * each time it runs. Agenda's own computation (`computeFromInterval`) asks cron-parser alone,
 * which gives up on some schedules across a clock change: Agenda then saved the job with no next
 * run (removed once it finished), and the schedule never fired again, silently. Other Agenda
 * instances in the process are left as they are.
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
  const { repeatInterval, repeatTimezone, lastRunAt } = this.attrs;
  if (!computing.has(this.agenda) || typeof repeatInterval !== 'string') {
    return agendaComputeNextRunAt.call(this);
  }
  try {
    this.attrs.nextRunAt = nextCronRun({
      cron: repeatInterval,
      timezone: repeatTimezone ?? 'UTC',
      after: lastRunAt ?? new Date(),
    });
  } catch (error) {
    // As Agenda does: the job is marked failed, with the reason, and has no next run.
    this.attrs.nextRunAt = null;
    this.fail(error instanceof Error ? error : String(error));
  }
  return this;
};
