import { BaseNotificationChannel, type JobId, type JobNotification, type JobStateNotification } from 'agenda';

const MAX_DELAY = 2 ** 31 - 1;
/** How often the store is asked for jobs other processes saved, when it cannot tell (SQLite). */
export const FOLLOW_POLL_MS = 100;
/**
 * How far back that question looks: a job is often saved due "now", its run time taken a moment
 * before its transaction commits, so a poll that asked just after that time must still find it.
 */
const FOLLOW_MARGIN_MS = 1000;

/** A job's run time, as saved by some process. */
export interface RunTime {
  name: string;
  nextRunAt: Date;
}

/** What the channel reads from the job store to know when to wake up. */
export interface RunTimeSource {
  /** Every job name stored; a wake-up pass covers these (and names saved since). */
  getDistinctJobNames(): Promise<string[]>;
  /** The earliest run time later than `after` among enabled jobs, locked or not. */
  nextRunAfter(after: Date): Promise<RunTime | null>;
  /**
   * Optional: calls `onRunTime` as any process sharing the store saves a job (MongoDB: a change
   * stream), `onError` once if following stops. Without it the channel polls `nextRunAfter`
   * every `FOLLOW_POLL_MS`. Returns what stops following.
   */
  follow?(onRunTime: (job: RunTime) => void, onError: (error: Error) => void): () => void;
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
 * - jobs saved by another process sharing the store are followed: the store tells (MongoDB's
 *   change stream) or is asked every `FOLLOW_POLL_MS` for the earliest run time (one indexed
 *   read, no lock), and the timer is armed at it like at a job saved here. Without this, a job
 *   saved in one process waited for the next `processEvery` poll in the others.
 */
export class WakeUpChannel extends BaseNotificationChannel {
  private readonly source: RunTimeSource;
  private readonly names = new Set<string>();
  private readonly pending = new Set<string>();
  private passQueued = false;
  private armedAt = Number.POSITIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private unfollow: (() => void) | null = null;
  private following = false;
  /** The run time of the last due job a follow poll found: the next poll looks after it. */
  private followedDue = 0;

  constructor(source: RunTimeSource) {
    super();
    this.source = source;
  }

  async connect(): Promise<void> {
    this.setState('connected');
    for (const name of await this.source.getDistinctJobNames()) this.names.add(name);
    await this.rearm(new Date());
    this.follow();
  }

  async disconnect(): Promise<void> {
    this.unfollow?.();
    this.unfollow = null;
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
    if (notification.nextRunAt) this.saw({ name: notification.jobName, nextRunAt: notification.nextRunAt });
    else this.names.add(notification.jobName);
  }

  /** Agenda publishes job lifecycle events; a finished job frees a lock and a concurrency slot. */
  async publishState(notification: JobStateNotification): Promise<void> {
    if (this.state === 'connected' && notification.type === 'complete')
      this.queuePass([notification.jobName]);
  }

  /** A job saved with a run time, here or by another process. */
  private saw(job: RunTime): void {
    this.names.add(job.name);
    const at = job.nextRunAt.getTime();
    if (at <= Date.now()) this.queuePass([job.name]);
    else this.arm(at);
  }

  /** Follows the jobs other processes save: told by the store when it can, else by asking it. */
  private follow(): void {
    if (!this.source.follow) return this.poll();
    this.unfollow = this.source.follow(
      (job) => {
        if (this.state === 'connected') this.saw(job);
      },
      (error) => {
        // The stream broke: ask the store from now on, as on a store that cannot tell.
        if (this.listenerCount('error') > 0) this.emit('error', error);
        if (this.state === 'connected') this.poll();
      },
    );
  }

  private poll(): void {
    const timer = setInterval(() => void this.followPoll(), FOLLOW_POLL_MS);
    timer.unref();
    this.unfollow = () => clearInterval(timer);
  }

  private async followPoll(): Promise<void> {
    if (this.following || this.state !== 'connected') return;
    this.following = true;
    const started = Date.now();
    try {
      const next = await this.source.nextRunAfter(
        new Date(Math.max(started - FOLLOW_MARGIN_MS, this.followedDue)),
      );
      if (!next) return;
      // A due job found once is not passed for again at every poll (it may be locked elsewhere).
      if (next.nextRunAt.getTime() <= started) this.followedDue = next.nextRunAt.getTime();
      this.saw(next);
    } catch (error) {
      if (this.listenerCount('error') > 0) this.emit('error', error);
    } finally {
      this.following = false;
    }
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
