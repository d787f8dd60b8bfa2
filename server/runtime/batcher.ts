import type { Logger } from 'pino';
import { MAX_EVENT_BATCH_SIZE, type WebhookNode } from '../../engine/scenario/index.ts';
import type { TemplateEngine } from '../../engine/template/index.ts';
import type { ThroughputPriority } from '../../engine/throughput/index.ts';
import { renderRequest } from '../../engine/webhook/index.ts';
import type { BatchGroup, BatchItemRecord } from '../store/ports/batch-item-store.ts';
import type { Store } from '../store/ports/store.ts';
import type { StoreHealth } from '../store/store-health.ts';
import type { Clock } from './clock.ts';
import { newDelivery } from './new-delivery.ts';
import type { ProcessRegistry } from './process-registry.ts';
import { ResilientLoop } from './resilient-loop.ts';
import type { RunResult, RunResumer } from './run-resumer.ts';
import type { ScenarioCatalog } from './scenario-catalog.ts';

/** How a node batches: its node, the most customers per request and how long it waits for them. */
interface NodeBatching {
  node: WebhookNode;
  scenario: { id: string; name: string; version: number };
  limit: number;
  windowMs: number;
  priority: ThroughputPriority;
}

type GroupKey = `${string}@${number}#${string}`;

/** Items read and sent per transaction at most (several small batches share one commit). */
const ITEMS_PER_ROUND = 2000;
/** How often a process looks for items nobody sends (handed back, or their process died). */
export const BATCH_TAKEOVER_MS = 1000;

/**
 * Turns the customers waiting at batch webhook nodes (the durable `batch_items` buffer) into
 * batch requests: a node's batch leaves when it is full or when its oldest customer has waited
 * the node's window. The request and the removal of its items are one transaction, so a
 * customer is sent once even if the process dies in between. Only counts live in memory, never
 * the items.
 *
 * Each process sends the items it queued (they name it as owner), so processes never compete
 * for one batch. Every second each looks for items whose owner stopped beating or handed them
 * back (a clean stop) and takes them over; a restart does the same at start.
 */
export class Batcher {
  private readonly options: {
    store: Store;
    catalog: ScenarioCatalog;
    templates: TemplateEngine;
    resumer: RunResumer;
    clock: Clock;
    logger: Logger;
    onDeliveries: () => void;
    /** Whose items this batcher sends, and who counts as alive (heartbeats). */
    registry: Pick<ProcessRegistry, 'id' | 'liveSince'>;
    /** Told of store errors the batcher meets (see `StoreHealth`). */
    health?: StoreHealth;
  };
  private readonly groups = new Map<GroupKey, BatchGroup>();
  private readonly loop: ResilientLoop;
  /** Read the groups from the store at the next pass: at start, and after a pass failed part-way (its counts may be wrong). */
  private reload = false;
  private flushing: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private scan: NodeJS.Timeout | null = null;
  private scanning: Promise<void> | null = null;
  private readonly takeovers: ResilientLoop;

  constructor(options: Batcher['options']) {
    this.options = options;
    const { logger, health } = options;
    this.loop = new ResilientLoop({ name: 'batcher', logger, ...(health ? { health } : {}) });
    this.takeovers = new ResilientLoop({ name: 'batch takeover', logger, ...(health ? { health } : {}) });
  }

  /** Picks up the items nobody sends, now and every `BATCH_TAKEOVER_MS`. */
  async recover(): Promise<void> {
    await this.takeOver();
    this.reload = true;
    this.schedule();
    this.scan = setInterval(() => {
      this.scanning ??= this.takeOver().finally(() => {
        this.scanning = null;
      });
    }, BATCH_TAKEOVER_MS);
    this.scan.unref();
  }

  /** Tells the batcher about items just saved. */
  notify(items: readonly BatchItemRecord[]): void {
    for (const item of items) {
      const key = keyOf(item);
      const group = this.groups.get(key);
      if (group) {
        group.count += 1;
        group.oldestAt = Math.min(group.oldestAt, item.createdAt);
      } else {
        const { scenarioId, version, nodeId, createdAt } = item;
        this.groups.set(key, { scenarioId, version, nodeId, count: 1, oldestAt: createdAt });
      }
    }
    this.schedule();
  }

  /** Finishes the pass under way, then hands back the items still waiting, for another process to send. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.scan) clearInterval(this.scan);
    if (this.timer) clearTimeout(this.timer);
    await this.scanning;
    await this.flushing;
    await this.options.store.batchItems.release(this.options.registry.id);
  }

  private async takeOver(): Promise<void> {
    if (this.stopped) return;
    const { store, registry, logger } = this.options;
    try {
      const taken = await store.batchItems.takeOver({ owner: registry.id, liveSince: registry.liveSince() });
      this.takeovers.succeeded();
      if (taken === 0) return;
      logger.info({ items: taken }, 'batch items taken over');
      this.reload = true;
      this.schedule();
    } catch (error) {
      // The next scan is a second away.
      this.takeovers.failed(error);
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.flushing) {
      this.again = true;
      return;
    }
    this.flushing = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.flush())
      .then(() => this.loop.succeeded())
      .catch((error: unknown) => {
        // The items stay in the store; read them again and retry after a while.
        this.reload = true;
        this.flushIn(this.loop.failed(error));
      })
      .finally(() => {
        this.flushing = null;
        if (this.again) {
          this.again = false;
          this.schedule();
        }
      });
  }

  private flushIn(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.schedule(), delay);
    this.timer.unref();
  }

  private async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.reload) {
      const groups = await this.options.store.batchItems.groups(this.options.registry.id);
      this.groups.clear();
      for (const group of groups) this.groups.set(keyOf(group), group);
      this.reload = false;
    }
    let next = Number.POSITIVE_INFINITY;
    for (const [key, group] of this.groups) {
      const batching = await this.batchingOf(group);
      if (!batching) {
        this.groups.delete(key);
        continue;
      }
      while (!this.stopped && this.isDue(group, batching) && (await this.sendDue(group, batching)));
      if (group.count <= 0) this.groups.delete(key);
      else next = Math.min(next, group.oldestAt + batching.windowMs);
    }
    if (next !== Number.POSITIVE_INFINITY) this.flushIn(Math.max(0, next - this.options.clock.now()));
  }

  private isDue(group: BatchGroup, batching: NodeBatching): boolean {
    if (group.count <= 0) return false;
    return group.count >= batching.limit || group.oldestAt + batching.windowMs <= this.options.clock.now();
  }

  /**
   * Sends the group's due batches: every full one and, once the window has passed, a last
   * partial one. Many small batches share one read and one transaction. False when nothing
   * was due after all (the in-memory count was stale), which ends the caller's loop.
   */
  private async sendDue(group: BatchGroup, batching: NodeBatching): Promise<boolean> {
    const { store, templates, clock } = this.options;
    const room = Math.max(1, Math.floor(ITEMS_PER_ROUND / batching.limit)) * batching.limit;
    // One more than we may send tells whether the group holds more than this round.
    const items = await store.batchItems.oldest(group, room + 1, this.options.registry.id);
    const more = items.length > room;
    const chunks: BatchItemRecord[][] = [];
    let sent = 0;
    while (sent < Math.min(items.length, room)) {
      const chunk = items.slice(sent, Math.min(sent + batching.limit, room));
      const full = chunk.length === batching.limit;
      if (!full && (more || chunk[0]!.createdAt + batching.windowMs > clock.now())) break;
      chunks.push(chunk);
      sent += chunk.length;
    }
    group.count = more ? Math.max(group.count - sent, 1) : items.length - sent;
    if (items[sent]) group.oldestAt = items[sent]!.createdAt;
    if (chunks.length === 0) return false;
    const batches = [];
    for (const chunk of chunks) {
      let request;
      try {
        request = renderRequest({
          node: batching.node,
          context: { customers: chunk.map((item) => item.customer), scenario: batching.scenario },
          templates,
        });
      } catch (error) {
        await this.failAll(chunk, batching.node, (error as Error).message);
        continue;
      }
      const runs = chunk.map((item) => ({ runId: item.runId, visit: item.visit }));
      const delivery = newDelivery({
        node: batching.node,
        request,
        runs,
        batch: true,
        priority: batching.priority,
        now: clock.now(),
      });
      batches.push({ delivery, itemIds: chunk.map((item) => item.id) });
    }
    if (batches.length > 0) {
      await store.commit({ batches, flush: 'later', now: new Date(clock.now()).toISOString() });
      this.options.onDeliveries();
    }
    return true;
  }

  /** A root template that cannot render fails every run of the batch with its error. */
  private async failAll(batch: BatchItemRecord[], node: WebhookNode, error: string): Promise<void> {
    const at = new Date(this.options.clock.now()).toISOString();
    const results: RunResult[] = batch.map((item) => ({
      runId: item.runId,
      event: { type: 'WEBHOOK_FAILED', visit: item.visit, error },
      steps: [{ at, nodeId: node.id, kind: 'webhook', detail: { error, batch: { size: batch.length } } }],
    }));
    await this.options.resumer.apply(results, { dropBatchItems: batch.map((item) => item.id) });
  }

  private async batchingOf(group: BatchGroup): Promise<NodeBatching | null> {
    const compiled = await this.options.catalog.get(group.scenarioId, group.version);
    const node = compiled?.version.definition.nodes.find((candidate) => candidate.id === group.nodeId);
    if (!compiled || node?.type !== 'webhook' || !node.config.batch) {
      this.options.logger.warn(
        { group },
        'batch items of a node that no longer batches are left in the store',
      );
      return null;
    }
    const { version } = compiled;
    const onEvent = version.definition.nodes.some((candidate) => candidate.type === 'trigger.event');
    return {
      node,
      scenario: { id: version.scenarioId, name: version.name, version: version.version },
      limit: onEvent ? Math.min(node.config.batch.size, MAX_EVENT_BATCH_SIZE) : node.config.batch.size,
      windowMs: node.config.batch.windowMs,
      priority: onEvent ? 'event' : 'bulk',
    };
  }
}

function keyOf(item: { scenarioId: string; version: number; nodeId: string }): GroupKey {
  return `${item.scenarioId}@${item.version}#${item.nodeId}`;
}
