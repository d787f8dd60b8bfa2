import { BaseNotificationChannel, type JobId, type JobNotification, type JobStateNotification } from 'agenda';

const MAX_DELAY = 2 ** 31 - 1;

/** What the channel reads from the job store to know when to wake up. */
export interface RunTimeSource {
  /** Every job name stored; a wake-up pass covers these (and names saved since). */
  getDistinctJobNames(): Promise<string[]>;
  /** The earliest run time later than `after` among enabled jobs, locked or not. */
  nextRunAfter(after: Date): Promise<{ name: string; nextRunAt: Date } | null>;
}

/**
 * Agenda's notification channel for one process, used as a precise alarm clock. Agenda on its own
 * finds jobs by polling every `processEvery` and times the ones due before the next poll; a job
 * saved in between, a poll that runs late, or a job timer that fires a millisecond early (by the
 * wall clock Agenda compares with) leaves a job waiting for the next poll. This channel closes
 * those gaps:
 *
 * - one timer is armed at the earliest known run time (saved jobs are published here, and after
 *   each pass the store is asked for the next run time); when it fires, Agenda is notified for
 *   every job name, which makes it claim and start what is due at once;
 * - a job saved already due triggers such a pass on the next turn of the event loop (a burst of
 *   saves gives one pass);
 * - a finished job triggers a pass for its name, so jobs left unclaimed by the lock limit are
 *   claimed as soon as a slot frees instead of at the next poll.
 *
 * Jobs saved by another process are not published here: the poll still finds them.
 */
export class WakeUpChannel extends BaseNotificationChannel {
  private readonly source: RunTimeSource;
  private readonly names = new Set<string>();
  private readonly pending = new Set<string>();
  private passQueued = false;
  private armedAt = Number.POSITIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(source: RunTimeSource) {
    super();
    this.source = source;
  }

  async connect(): Promise<void> {
    this.setState('connected');
    for (const name of await this.source.getDistinctJobNames()) this.names.add(name);
    await this.rearm(new Date());
  }

  async disconnect(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.armedAt = Number.POSITIVE_INFINITY;
    this.pending.clear();
    this.handlers.clear();
    this.stateHandlers.clear();
    this.setState('disconnected');
  }

  /** Agenda publishes every job it saves. */
  async publish(notification: JobNotification): Promise<void> {
    if (this.state !== 'connected') return;
    this.names.add(notification.jobName);
    const at = notification.nextRunAt?.getTime();
    if (at === undefined) return;
    if (at <= Date.now()) this.queuePass([notification.jobName]);
    else this.arm(at);
  }

  /** Agenda publishes job lifecycle events; a finished job frees a lock and a concurrency slot. */
  async publishState(notification: JobStateNotification): Promise<void> {
    if (this.state === 'connected' && notification.type === 'complete')
      this.queuePass([notification.jobName]);
  }

  private arm(at: number): void {
    if (at >= this.armedAt || this.state !== 'connected') return;
    clearTimeout(this.timer);
    this.armedAt = at;
    // Node fires a delay beyond 2^31 - 1 ms at once; a far job is re-armed from an early fire.
    this.timer = setTimeout(() => this.fire(), Math.min(Math.max(0, at - Date.now()), MAX_DELAY));
  }

  private fire(): void {
    const at = this.armedAt;
    this.armedAt = Number.POSITIVE_INFINITY;
    this.timer = undefined;
    // Node may fire a millisecond early by Date.now() (Agenda would then see the job as not due),
    // and a far job is woken early on purpose.
    if (Date.now() < at) this.arm(at);
    else this.queuePass(this.names);
  }

  private queuePass(names: Iterable<string>): void {
    for (const name of names) this.pending.add(name);
    if (this.passQueued) return;
    this.passQueued = true;
    setImmediate(() => void this.pass());
  }

  private async pass(): Promise<void> {
    this.passQueued = false;
    if (this.state !== 'connected') return;
    const names = [...this.pending];
    this.pending.clear();
    const now = new Date();
    try {
      // nextRunAt null: Agenda then claims whatever is due without comparing with its next poll.
      await Promise.all(
        names.map((jobName) =>
          this.notifyHandlers({ jobId: '' as JobId, jobName, nextRunAt: null, priority: 0, timestamp: now }),
        ),
      );
      // From the pass time, not from now: a job that became due during the pass gets a pass too.
      await this.rearm(now);
    } catch (error) {
      if (this.listenerCount('error') > 0) this.emit('error', error);
    }
  }

  private async rearm(after: Date): Promise<void> {
    const next = await this.source.nextRunAfter(after);
    if (!next) return;
    this.names.add(next.name);
    this.arm(next.nextRunAt.getTime());
  }
}
