import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { ClusterMetrics } from './metrics/cluster-metrics.ts';

/** What a worker sends the primary once it serves requests. */
export const READY = 'hookflow:ready';
export interface ReadyMessage {
  type: typeof READY;
  /** Where it listens (the port all workers share). */
  url: string;
}

/** A worker that dies is started again after this, doubling with each quick death ... */
const FIRST_RESTART_MS = 1000;
/** ... up to this. */
const MAX_RESTART_MS = 30_000;
/** A worker that ran this long before dying is restarted after the first delay again. */
const STABLE_AFTER_MS = 60_000;
/** How long a stop waits for workers to hand their work back before killing them. */
const STOP_GRACE_MS = 60_000;

interface Slot {
  worker: Worker;
  forkedAt: number;
  /** Quick deaths in a row: the restart delay doubles with each. */
  deaths: number;
  restart: NodeJS.Timeout | null;
}

/**
 * The cluster primary's server processes: forks `count` workers sharing the port, restarts one
 * that dies (logging its exit code or signal, after a delay that doubles while it keeps dying
 * quickly), and stops them all cleanly. The primary does no engine work itself.
 */
export class WorkerPool {
  /** Sums the workers' metrics when one of them is scraped. */
  readonly metrics = new ClusterMetrics();
  private readonly count: number;
  private readonly logger: Logger;
  private readonly slots: Slot[] = [];
  private started: { url: string } | null = null;
  private stopping = false;
  private onStart: { resolve(url: string): void; reject(error: Error): void } | null = null;
  private readonly ready = new Set<Worker>();
  private readonly exits = new Map<Worker, Promise<boolean>>();

  constructor(options: { count: number; logger: Logger }) {
    this.count = options.count;
    this.logger = options.logger;
  }

  /**
   * Forks the workers; resolves with their URL once every one serves requests, or rejects when
   * one stops before (its own message says why: a bad setting, a store it cannot open).
   */
  start(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.onStart = { resolve, reject };
      for (let index = 0; index < this.count; index += 1) this.fork(index, 0);
    });
  }

  /**
   * Asks every worker to stop (each hands its work back to the store), waits for them, and kills
   * those still running after a minute. True when every one stopped cleanly.
   */
  async stop(): Promise<boolean> {
    this.stopping = true;
    const exits = this.slots.map(({ worker, restart }) => {
      if (restart) clearTimeout(restart);
      if (!worker.isDead()) worker.process.kill('SIGTERM');
      return this.exits.get(worker)!;
    });
    const killer = setTimeout(() => {
      for (const { worker } of this.slots) if (!worker.isDead()) worker.process.kill('SIGKILL');
    }, STOP_GRACE_MS);
    const clean = await Promise.all(exits);
    clearTimeout(killer);
    return clean.every(Boolean);
  }

  private fork(index: number, deaths: number): void {
    const worker = cluster.fork();
    this.slots[index] = { worker, forkedAt: Date.now(), deaths, restart: null };
    this.exits.set(
      worker,
      new Promise((resolve) =>
        worker.once('exit', (code, signal) => {
          resolve(code === 0);
          this.exited(index, worker, { code, signal });
        }),
      ),
    );
    worker.on('message', (message: Partial<ReadyMessage>) => {
      if (message.type === READY && typeof message.url === 'string') this.readied(worker, message.url);
    });
  }

  private readied(worker: Worker, url: string): void {
    this.ready.add(worker);
    this.metrics.add(worker);
    if (this.started) {
      this.logger.info({ workerPid: worker.process.pid }, 'server process restarted and serving');
      return;
    }
    if (this.ready.size < this.count) return;
    this.started = { url };
    this.onStart?.resolve(url);
  }

  private exited(index: number, worker: Worker, how: { code: number | null; signal: string | null }): void {
    this.ready.delete(worker);
    void this.metrics.remove(worker);
    const workerPid = worker.process.pid;
    if (this.stopping) {
      if (how.code !== 0) this.logger.error({ workerPid, ...how }, 'server process did not stop cleanly');
      return;
    }
    if (!this.started) {
      const end = how.signal ? `was killed by ${how.signal}` : `exited with code ${how.code}`;
      this.onStart?.reject(new Error(`server process ${workerPid} ${end} before it was ready`));
      return;
    }
    const slot = this.slots[index]!;
    const deaths = Date.now() - slot.forkedAt >= STABLE_AFTER_MS ? 1 : slot.deaths + 1;
    const restartInMs = Math.min(MAX_RESTART_MS, FIRST_RESTART_MS * 2 ** (deaths - 1));
    this.logger.error(
      { workerPid, ...how, restartInMs },
      'server process exited; starting another in its place',
    );
    slot.restart = setTimeout(() => {
      if (!this.stopping) this.fork(index, deaths);
    }, restartInMs);
  }
}
