import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { newId } from '../ids.ts';
import type { ProcessStore } from '../store/ports/process-store.ts';
import type { Clock } from './clock.ts';
import { ResilientLoop } from './resilient-loop.ts';

/** How often a process writes its heartbeat. */
export const HEARTBEAT_MS = 1000;
/**
 * A process whose heartbeat is older than this is taken for dead: the others take over the
 * deliveries, fan-outs and batches it held. Five missed beats, so a busy moment is not a death;
 * the clocks of machines sharing a MongoDB must agree to well within it (NTP).
 */
export const DEAD_AFTER_MS = 5000;
/** Rows of processes dead this long are removed (nothing names them any more). */
const FORGET_AFTER_MS = 60 * 60 * 1000;

/**
 * A new process id: made before the store is opened when the scheduler's locks must name it too
 * (see `ProcessRegistry`).
 */
export const newProcessId = (now: number): string => newId('proc', now);

/**
 * This process's identity among those sharing the store, kept alive by a heartbeat. Work it
 * leases names `id` as owner; `liveSince()` is the cut-off a lease's owner must have beaten
 * after for the lease to hold.
 */
export class ProcessRegistry {
  readonly id: string;
  private readonly store: ProcessStore;
  private readonly clock: Clock;
  private readonly loop: ResilientLoop;
  private readonly startedAt: string;
  private timer: NodeJS.Timeout | null = null;
  private beating: Promise<void> | null = null;

  constructor(options: { store: ProcessStore; clock: Clock; logger: Logger; id?: string }) {
    this.store = options.store;
    this.clock = options.clock;
    this.id = options.id ?? newProcessId(options.clock.now());
    this.startedAt = new Date(options.clock.now()).toISOString();
    this.loop = new ResilientLoop({ name: 'process heartbeat', logger: options.logger });
  }

  /** Writes the first heartbeat (before any work is leased in this process's name), then beats on. */
  async start(): Promise<void> {
    await this.beat();
    await this.store.prune(this.clock.now() - FORGET_AFTER_MS);
    this.timer = setInterval(() => {
      this.beating ??= this.beatSafely().finally(() => {
        this.beating = null;
      });
    }, HEARTBEAT_MS);
    this.timer.unref();
  }

  /** The cut-off: an owner without a heartbeat since then is dead. */
  liveSince(now = this.clock.now()): number {
    return now - DEAD_AFTER_MS;
  }

  /** Stops beating and removes the row; call once this process's work was handed back. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.beating;
    await this.store.remove(this.id);
  }

  private beat(): Promise<void> {
    return this.store.beat({
      id: this.id,
      host: hostname(),
      pid: process.pid,
      startedAt: this.startedAt,
      heartbeatAt: this.clock.now(),
    });
  }

  private async beatSafely(): Promise<void> {
    try {
      await this.beat();
      this.loop.succeeded();
    } catch (error) {
      // The next beat is a second away anyway; the loop only logs the outage once.
      this.loop.failed(error);
    }
  }
}
