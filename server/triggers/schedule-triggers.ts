import type { Logger } from 'pino';
import { cronFields } from '../../engine/scenario/cron-runs.ts';
import type { TriggerScheduleNode } from '../../engine/scenario/node-schemas.ts';
import type { Clock } from '../runtime/clock.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { ScenarioStore } from '../store/ports/scenario-store.ts';
import type { FanOutService } from './fan-out.ts';

export const SCHEDULE_JOB = 'triggers.schedule';

/**
 * What a schedule job carries: the node, not the version (a firing starts the active one), and
 * the fingerprint of the schedule it was saved for: equal fingerprints mean the job already
 * stands as declared.
 */
interface ScheduleJob {
  scenarioId: string;
  nodeId: string;
  fingerprint: string;
}

/** One schedule as the active versions declare it. */
interface Declared extends ScheduleJob {
  schedule: TriggerScheduleNode['config']['schedule'];
}

/** The Agenda key of a schedule node: one job per (scenario, node), whatever the version. */
export const scheduleJobKey = (scenarioId: string, nodeId: string) => `${scenarioId}/${nodeId}`;

/**
 * Keeps one Agenda job per `trigger.schedule` node of the active scenario versions: `once` at its
 * date, `cron` on its expression in its time zone. `sync()` runs after every activation change
 * and registers, replaces or cancels jobs; a firing job starts a fan-out over the node's audience
 * on the version active at that moment. What stands is read from the jobs themselves (shared by
 * every process), never from this process's memory: an activation through one process and a
 * change through another must both be seen. Agenda's lock makes one process fire each job.
 *
 * A `once` time already past when its version is activated is not fired (re-activating a
 * scenario must not send a past broadcast again); one that falls due while the server is down
 * fires at the next start (Agenda runs overdue jobs).
 */
export class ScheduleTriggers {
  private readonly scheduler: Scheduler;
  private readonly scenarios: ScenarioStore;
  private readonly fanOut: FanOutService;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private queue: Promise<void> = Promise.resolve();

  constructor(options: {
    scheduler: Scheduler;
    scenarios: ScenarioStore;
    fanOut: FanOutService;
    clock: Clock;
    logger: Logger;
  }) {
    this.scheduler = options.scheduler;
    this.scenarios = options.scenarios;
    this.fanOut = options.fanOut;
    this.clock = options.clock;
    this.logger = options.logger;
  }

  /** Registers the job handler; call before the scheduler starts. */
  define(): void {
    this.scheduler.define<ScheduleJob>(SCHEDULE_JOB, (job) => this.fire(job), { concurrency: 4 });
  }

  /**
   * Brings the jobs in line with the active versions; call after activation, deactivation or
   * deletion, and at start (a job saved by an older version is saved again as declared now).
   * Several processes may sync at once: jobs are keyed by (scenario, node) and saved in place,
   * so a second sync finds them as declared; a job it saves for a scenario another process has
   * just deactivated is dropped when it fires. One schedule the scheduler refuses is logged and
   * the others are still synced.
   */
  sync(): Promise<void> {
    return this.serially(async () => {
      const wanted = new Map(
        (await this.declared()).map((entry) => [scheduleJobKey(entry.scenarioId, entry.nodeId), entry]),
      );
      const saved = new Map(
        (await this.scheduler.list<Partial<ScheduleJob>>(SCHEDULE_JOB)).map((job) => [
          job.key,
          job.data.fingerprint,
        ]),
      );
      for (const key of saved.keys()) {
        if (!wanted.has(key))
          await this.settle(key, () => this.scheduler.cancel({ name: SCHEDULE_JOB, key }));
      }
      for (const [key, entry] of wanted) {
        if (saved.get(key) !== entry.fingerprint) await this.settle(key, () => this.register(key, entry));
      }
    });
  }

  private async settle(key: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.error({ err: error, key }, 'schedule could not be synced; the others were');
    }
  }

  private async register(key: string, entry: Declared): Promise<void> {
    const data: ScheduleJob = {
      scenarioId: entry.scenarioId,
      nodeId: entry.nodeId,
      fingerprint: entry.fingerprint,
    };
    const { schedule } = entry;
    if (schedule.mode === 'cron') {
      await this.scheduler.scheduleCron({
        name: SCHEDULE_JOB,
        key,
        cron: schedule.cron,
        timezone: schedule.timezone,
        data,
      });
      return;
    }
    const at = Date.parse(schedule.at);
    if (at > this.clock.now()) {
      await this.scheduler.scheduleAt({ name: SCHEDULE_JOB, key, at: new Date(at), data });
      return;
    }
    // A past date: whatever this node had pending (another time, a cron) no longer applies.
    await this.scheduler.cancel({ name: SCHEDULE_JOB, key });
    this.logger.warn(
      { scenarioId: entry.scenarioId, nodeId: entry.nodeId, at: schedule.at },
      'schedule time is past; not scheduled',
    );
  }

  private async fire(job: ScheduleJob): Promise<void> {
    const scenario = await this.scenarios.get(job.scenarioId);
    const version =
      scenario?.status === 'active' && scenario.activeVersion !== null
        ? await this.scenarios.getVersion(scenario.id, scenario.activeVersion)
        : null;
    const node = version?.definition.nodes.find((candidate) => candidate.id === job.nodeId);
    if (!version || node?.type !== 'trigger.schedule') {
      // A job left behind (e.g. a crash between deactivation and its cancel): drop it.
      this.logger.warn({ ...job }, 'schedule fired for a node no active version has; cancelled');
      await this.scheduler.cancel({ name: SCHEDULE_JOB, key: scheduleJobKey(job.scenarioId, job.nodeId) });
      return;
    }
    const record = await this.fanOut.start({
      scenarioId: version.scenarioId,
      version: version.version,
      triggerNodeId: node.id,
      source: 'schedule',
      target: { kind: 'audience', filter: node.config.audience },
    });
    this.logger.info({ ...job, fanOut: record.id, status: record.status }, 'schedule fired');
  }

  private async declared(): Promise<Declared[]> {
    const entries: Declared[] = [];
    for (const version of await this.scenarios.listActiveVersions()) {
      for (const node of version.definition.nodes) {
        if (node.type !== 'trigger.schedule') continue;
        const { schedule } = node.config;
        entries.push({
          scenarioId: version.scenarioId,
          nodeId: node.id,
          schedule,
          // What the scheduler is given: a job saved with a macro as it was written (which
          // Agenda read as an interval) differs, and is saved again at the next sync.
          fingerprint: JSON.stringify(
            schedule.mode === 'cron' ? { ...schedule, cron: cronFields(schedule.cron) } : schedule,
          ),
        });
      }
    }
    return entries;
  }

  /** Syncs one at a time: two activations at once must not interleave their cancels and saves. */
  private serially(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => {});
    return next;
  }
}
